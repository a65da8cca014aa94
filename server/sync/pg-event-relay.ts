import pg from 'pg';
import type { Database } from '../db/database.ts';
import type { EventStreams } from '../http/event-streams.ts';
import type { ChangeNotifier } from './change-notifier.ts';

/** NOTIFY channels; a payload is a device id (uuid), far under NOTIFY's 8000-byte limit. */
export const relayChannels = {
  changes: 'salw_changes_stored',
  revoked: 'salw_device_revoked',
} as const;

/** Names each server process's listening connection: a restore refuses while one is there. */
export const relayApplicationName = 'salw-event-relay';

export interface EventRelay {
  close(): Promise<void>;
}

export interface PgEventRelayOptions {
  /** Told when the listening connection is lost and when it is back. */
  readonly log?: (level: 'warn' | 'info', message: string) => void;
  /** First wait before reconnecting; doubled up to 5 s. */
  readonly reconnectMs?: number;
}

/**
 * The event relay of several server processes on one PostgreSQL (behind a load balancer): a push
 * stored by one process must poke the laptops whose event stream another holds, and a revocation
 * must end the laptop's streams wherever they are. Each process publishes with NOTIFY (through its
 * pool) and listens on a dedicated connection, delivering what it hears to its own streams; its
 * own notices come back to it the same way, so one path serves every process.
 *
 * The listening connection reconnects by itself (growing waits, at most 5 s). Notices sent while
 * it was away are lost, so on every reconnect each listening laptop here is poked once (a pull
 * too many costs little; a missed one would leave a laptop waiting for its poll), and a missed
 * revocation is caught by the stream's heartbeat check of the device.
 */
export async function startPgEventRelay(
  connectionString: string,
  db: Database,
  notifier: ChangeNotifier,
  streams: EventStreams,
  options: PgEventRelayOptions = {},
): Promise<EventRelay> {
  const log = options.log ?? (() => undefined);
  const firstWait = options.reconnectMs ?? 250;
  let closed = false;
  let client: pg.Client | undefined;
  let wait = firstWait;
  let timer: NodeJS.Timeout | undefined;

  const publish = (channel: string, deviceId: string) => {
    // A lost notice is covered by the laptops' poll and the heartbeat check; never a failed push.
    void db.query('SELECT pg_notify($1, $2)', [channel, deviceId]).catch(() => undefined);
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString, application_name: relayApplicationName });
    next.on('notification', (message) => {
      const deviceId = message.payload ?? '';
      if (message.channel === relayChannels.changes) notifier.deliver(deviceId);
      else if (message.channel === relayChannels.revoked) streams.endFor(deviceId);
    });
    const lost = (error?: Error) => {
      if (client !== next) return;
      client = undefined;
      void next.end().catch(() => undefined);
      if (closed) return;
      log(
        'warn',
        `Lost the PostgreSQL connection that relays sync events (${error?.message ?? 'closed'}); reconnecting.`,
      );
      schedule();
    };
    next.on('error', lost);
    next.on('end', () => lost());
    await next.connect();
    await next.query(`LISTEN ${relayChannels.changes}`);
    await next.query(`LISTEN ${relayChannels.revoked}`);
    client = next;
  };

  const schedule = () => {
    timer = setTimeout(() => {
      timer = undefined;
      connect().then(
        () => {
          wait = firstWait;
          log('info', 'Reconnected the PostgreSQL connection that relays sync events.');
          // What was sent while away is lost: every laptop listening here pulls once.
          notifier.deliver(null);
        },
        () => {
          wait = Math.min(wait * 2, 5_000);
          if (!closed) schedule();
        },
      );
    }, wait);
    timer.unref();
  };

  await connect();
  notifier.publishThrough((byDeviceId) => publish(relayChannels.changes, byDeviceId));
  streams.publishRevokedThrough((deviceId) => publish(relayChannels.revoked, deviceId));
  return {
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
