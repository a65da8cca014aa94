import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/database.ts';
import { SyncHttpError } from '../http/sync-http-error.ts';
import { sha256Hex } from './secrets.ts';

export interface AuthenticatedDevice {
  id: string;
  name: string;
  /** Its team: what it may pull and fetch (issue 17). */
  teamId: string;
  /** A national team's laptops see every record. */
  national: boolean;
}

/**
 * Resolves `Authorization: Bearer <credential>` to an enrolled, non-revoked device. Only the
 * credential's SHA-256 is looked up; the credential itself is never stored or logged.
 */
export async function authenticateDevice(
  db: Queryable,
  request: FastifyRequest,
): Promise<AuthenticatedDevice> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  const credential = match?.[1];
  if (credential === undefined || credential.length > 500) {
    throw new SyncHttpError(401, 'UNAUTHORIZED', 'A device credential is required.');
  }
  const { rows } = await db.query<{
    id: string;
    name: string;
    revoked_at: Date | null;
    team_id: string;
    national: boolean;
  }>(
    `SELECT d.id, d.name, d.revoked_at, d.team_id, t.national
     FROM devices d JOIN teams t ON t.id = d.team_id WHERE d.credential_hash = $1`,
    [sha256Hex(credential)],
  );
  const device = rows[0];
  if (device === undefined) {
    throw new SyncHttpError(401, 'UNAUTHORIZED', 'This device credential is not known.');
  }
  if (device.revoked_at !== null) {
    throw new SyncHttpError(401, 'DEVICE_REVOKED', 'This device was revoked by an administrator.');
  }
  return { id: device.id, name: device.name, teamId: device.team_id, national: device.national };
}
