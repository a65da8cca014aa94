import type { DeviceSummary } from '../admin/admin-protocol.ts';
import type { Queryable } from '../db/database.ts';
import { CONSOLE_DEVICE_ID } from '../migrations/0120-record-reviews.ts';
import { isoTime } from '../sync/stored-record.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listDevices(db: Queryable): Promise<DeviceSummary[]> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    created_at: Date;
    revoked_at: Date | null;
    last_seen_at: Date | null;
    last_mutation_id: string | number;
    app_version: string | null;
    team_id: string;
    team_name: string;
  }>(
    `SELECT d.id, d.name, d.created_at, d.revoked_at, d.last_seen_at, d.last_mutation_id,
            d.app_version, t.id AS team_id, t.name AS team_name
     FROM devices d JOIN teams t ON t.id = d.team_id
     WHERE d.id <> $1 ORDER BY d.created_at, d.id`,
    [CONSOLE_DEVICE_ID],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: isoTime(row.created_at),
    revokedAt: row.revoked_at === null ? null : isoTime(row.revoked_at),
    lastSeenAt: row.last_seen_at === null ? null : isoTime(row.last_seen_at),
    lastMutationId: Number(row.last_mutation_id),
    appVersion: row.app_version,
    team: { id: row.team_id, name: row.team_name },
  }));
}

export type RevokeResult =
  | {
      kind: 'revoked';
      device: { id: string; name: string };
      /** When it had been revoked before; null when this call revoked it. */
      alreadyRevokedAt: string | null;
    }
  | { kind: 'not_found' }
  | { kind: 'ambiguous'; ids: string[] };

/**
 * By device id, or by exact name when exactly one device has it. Revoking twice is harmless.
 * The web console's own device (migration 120) is no laptop: it is not found here.
 */
export async function revokeDevice(
  db: Queryable,
  idOrName: string,
  now: Date,
): Promise<RevokeResult> {
  const { rows } = await db.query<{ id: string; name: string; revoked_at: Date | null }>(
    uuidPattern.test(idOrName)
      ? 'SELECT id, name, revoked_at FROM devices WHERE id = $1::uuid AND id <> $2'
      : 'SELECT id, name, revoked_at FROM devices WHERE name = $1 AND id <> $2',
    [idOrName, CONSOLE_DEVICE_ID],
  );
  const found = rows[0];
  if (found === undefined) return { kind: 'not_found' };
  if (rows.length > 1) return { kind: 'ambiguous', ids: rows.map((row) => row.id) };
  const device = { id: found.id, name: found.name };
  if (found.revoked_at !== null) {
    return { kind: 'revoked', device, alreadyRevokedAt: isoTime(found.revoked_at) };
  }
  await db.query('UPDATE devices SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1', [
    device.id,
    now.toISOString(),
  ]);
  return { kind: 'revoked', device, alreadyRevokedAt: null };
}

/** Whether the device is enrolled and not revoked (for what outlives a request's check). */
export async function isDeviceActive(db: Queryable, deviceId: string): Promise<boolean> {
  const { rows } = await db.query<{ revoked_at: Date | null }>(
    'SELECT revoked_at FROM devices WHERE id = $1::uuid',
    [deviceId],
  );
  return rows[0] !== undefined && rows[0].revoked_at === null;
}
