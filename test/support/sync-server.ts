import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { localAdminOperations, type AdminOperations } from '../../server/admin/admin-operations.ts';
import { issueEnrollmentCode } from '../../server/auth/enrollment.ts';
import { createMailer, type Mailer } from '../../server/console/mailer.ts';
import type { Database } from '../../server/db/database.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import { buildServer } from '../../server/http/build-server.ts';
import { EventStreams } from '../../server/http/event-streams.ts';
import { ServerConfigSchema, type ServerConfig } from '../../server/server-config.ts';
import { startNewEpoch } from '../../server/server-meta.ts';
import { findTeam } from '../../server/teams/teams.ts';
import {
  EnrollResponseSchema,
  SYNC_PROTOCOL_VERSION,
  syncRoutes,
  type EnrollResponse,
} from '../../shared/sync/protocol.ts';
import { seedPgliteDir } from './pglite-template.ts';
import { createThrowawayDatabase } from './postgres-test-db.ts';
import { makeTempDir } from './temp-dir.ts';

export type SyncBackend = 'pglite' | 'postgres';
/** Every server integration test runs on both (describe.each(syncBackends)). */
export const syncBackends: readonly SyncBackend[] = ['pglite', 'postgres'];

export interface StartSyncServerOptions {
  backend: SyncBackend;
  /** The server's clock (enrollment expiry, receivedAt); default the real one. */
  clock?: () => Date;
  /** Enrollment attempts per IP per minute; tests that enroll many devices raise it. */
  enrollRateLimitPerMinute?: number;
  /** The event stream's heartbeat; default the server's own. */
  eventsHeartbeatMs?: number;
  /** The console's mail (e.g. to a loopback SMTP server); default the server's own (the log). */
  mailer?: Mailer;
  /** Other settings, as the environment would give them (timeouts, limits). */
  config?: Partial<z.input<typeof ServerConfigSchema>>;
}

export interface SyncServerHandle {
  readonly backend: SyncBackend;
  /** http://127.0.0.1:<port>, no trailing slash; the same after restart(). */
  readonly url: string;
  /** The server's storage (changes on restart()). */
  readonly db: Database;
  /** The data dir: PGlite's files (pglite backend) and uploaded photos (both). */
  readonly dataDir: string;
  /** The throwaway PostgreSQL database (postgres backend), for tests that need a second session. */
  readonly databaseUrl: string | undefined;
  /** What the running server's admin endpoint carries out (revoking ends the laptop's streams). */
  readonly admin: AdminOperations;
  /**
   * What an administrator does: a one-time code, grouped XXXX-XXXX-XXXX, for a laptop of `team`
   * (a team's name; without it the national team, as the command does).
   */
  enroll(name: string, team?: string): Promise<string>;
  /** enroll() plus the laptop's POST /v1/devices/enroll: a ready device credential. */
  enrollDevice(name: string, team?: string): Promise<EnrollResponse>;
  revoke(deviceIdOrName: string): Promise<void>;
  /** As after restoring a backup; returns the new epoch. */
  newEpoch(): Promise<string>;
  /**
   * As after restoring a backup taken before these records arrived: they and their history are
   * gone, and the server starts a new epoch.
   */
  restoreBackupWithout(recordIds: readonly string[]): Promise<void>;
  /**
   * A backup of these records as they are now: its function restores them (rows and history) as
   * a restore of that backup would, rewinding later revisions, and starts a new epoch.
   */
  backUpRecords(recordIds: readonly string[]): Promise<() => Promise<void>>;
  /** Stops the HTTP server and closes storage; the data survives for restart(). */
  kill(): Promise<void>;
  /** Starts again on the same port with the same data (after kill(), or directly). */
  restart(): Promise<void>;
  /** Stops and deletes everything (the temp dir, the throwaway PostgreSQL database). */
  stop(): Promise<void>;
}

/**
 * A real sync API on loopback for tests of both sides: PGlite in a temp dir, or a throwaway
 * PostgreSQL database on 127.0.0.1:5432.
 */
export async function startSyncServer(options: StartSyncServerOptions): Promise<SyncServerHandle> {
  const temp = await makeTempDir('sync-server');
  const postgres = options.backend === 'postgres' ? await createThrowawayDatabase() : undefined;
  const config: ServerConfig = ServerConfigSchema.parse({
    host: '127.0.0.1',
    port: 0,
    dataDir: temp.dir,
    databaseUrl: postgres?.url,
    enrollRateLimitPerMinute: options.enrollRateLimitPerMinute ?? 1000,
    ...options.config,
  });
  const clock = options.clock ?? (() => new Date());
  // No SMTP and a silent server: a mail nobody reads goes nowhere.
  const mailer =
    options.mailer ?? createMailer({ smtpUrl: undefined, from: 'test@localhost', warn: () => {} });
  let port = 0;
  let running: { app: FastifyInstance; db: Database; admin: AdminOperations } | undefined;

  const start = async () => {
    const db = await openDatabase(config);
    const streams = new EventStreams();
    const app = await buildServer({
      config,
      db,
      log: false,
      clock,
      eventsHeartbeatMs: options.eventsHeartbeatMs,
      streams,
      mailer,
    });
    const address = await app.listen({ host: '127.0.0.1', port });
    port = Number(new URL(address).port);
    const admin = localAdminOperations(db, {
      enrollmentCodeMinutes: 30,
      clock,
      streams,
      mailer,
      consoleUrl: `${address}/console/`,
    });
    running = { app, db, admin };
  };
  const kill = async () => {
    if (running === undefined) return;
    const { app, db } = running;
    running = undefined;
    await app.close();
    await db.close();
  };
  const current = () => {
    if (running === undefined) throw new Error('The sync server is not running.');
    return running;
  };
  // A copy of a fresh PGlite folder instead of an initdb per server (pglite-template.ts).
  if (options.backend === 'pglite') await seedPgliteDir(path.join(temp.dir, 'pglite'));
  await start();

  const handle: SyncServerHandle = {
    backend: options.backend,
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get db() {
      return current().db;
    },
    dataDir: temp.dir,
    databaseUrl: postgres?.url,
    get admin() {
      return current().admin;
    },
    async enroll(name, team) {
      const teamId = team === undefined ? undefined : (await findTeam(current().db, team)).id;
      return (await issueEnrollmentCode(current().db, name, clock(), 30, teamId)).code;
    },
    async enrollDevice(name, team) {
      const code = await handle.enroll(name, team);
      const response = await fetch(`${handle.url}${syncRoutes.enroll}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, protocolVersion: SYNC_PROTOCOL_VERSION, appVersion: 'test' }),
      });
      if (!response.ok)
        throw new Error(`enroll failed: ${response.status} ${await response.text()}`);
      return EnrollResponseSchema.parse(await response.json());
    },
    async revoke(deviceIdOrName) {
      const result = await current().admin.revoke(deviceIdOrName);
      if (result.kind !== 'revoked') throw new Error(`revoke ${deviceIdOrName}: ${result.kind}`);
    },
    newEpoch: () => startNewEpoch(current().db),
    async restoreBackupWithout(recordIds) {
      await current().db.transaction(async (tx) => {
        const ids = [...recordIds];
        await tx.query('DELETE FROM sync_conflicts WHERE record_id = ANY($1)', [ids]);
        await tx.query('DELETE FROM record_history WHERE record_id = ANY($1)', [ids]);
        await tx.query('DELETE FROM records WHERE id = ANY($1)', [ids]);
        // The backup had none of their items either.
        await tx.query('DELETE FROM items WHERE intake_event_id = ANY($1)', [ids]);
        await startNewEpoch(tx);
      });
    },
    async backUpRecords(recordIds) {
      const ids = [...recordIds];
      const { rows } = await current().db.query<Record<string, unknown>>(
        'SELECT * FROM records WHERE id = ANY($1)',
        [ids],
      );
      const items = await current().db.query(
        'SELECT * FROM items WHERE intake_event_id = ANY($1)',
        [ids],
      );
      return async () => {
        await current().db.transaction(async (tx) => {
          // Their items as they were, as a restore of the backup would bring them back.
          await tx.query('DELETE FROM items WHERE intake_event_id = ANY($1)', [ids]);
          // Every stored column; the database makes the generated ones (serial_reversed) again.
          const columns = (
            await tx.query<{ column_name: string }>(
              `SELECT column_name FROM information_schema.columns
               WHERE table_name = 'items' AND is_generated = 'NEVER'`,
            )
          ).rows
            .map((row) => `"${row.column_name}"`)
            .join(', ');
          await tx.query(
            `INSERT INTO items (${columns})
             SELECT ${columns} FROM json_populate_recordset(NULL::items, $1::json)`,
            [JSON.stringify(items.rows)],
          );
          for (const row of rows) {
            await tx.query(
              `UPDATE records SET server_rev = $2, version = $3, data = $4, status = $5,
                 deleted = $6, updated_by = $7 WHERE id = $1`,
              [
                row.id,
                row.server_rev,
                row.version,
                JSON.stringify(row.data),
                row.status,
                row.deleted,
                row.updated_by,
              ],
            );
            await tx.query('DELETE FROM record_history WHERE record_id = $1 AND server_rev > $2', [
              row.id,
              row.server_rev,
            ]);
          }
          await startNewEpoch(tx);
        });
      };
    },
    kill,
    async restart() {
      await kill();
      await start();
    },
    async stop() {
      await kill();
      await postgres?.drop();
      await temp.remove();
    },
  };
  return handle;
}
