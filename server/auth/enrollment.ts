import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.ts';
import { defaultTeamName } from '../migrations/0100-teams.ts';
import { readServerEpoch } from '../server-meta.ts';
import {
  formatEnrollmentCode,
  newDeviceCredential,
  newEnrollmentCode,
  sha256Hex,
} from './secrets.ts';

export interface IssuedEnrollmentCode {
  /** Grouped for reading aloud: XXXX-XXXX-XXXX. Shown once; only its hash is stored. */
  code: string;
  deviceName: string;
  expiresAt: Date;
}

/**
 * The laptop that redeems the code joins `teamId` (its scope decides what it pulls); without
 * one, the default national team (teams/teams.ts defaultTeam).
 */
export async function issueEnrollmentCode(
  db: Queryable,
  deviceName: string,
  now: Date,
  validMinutes: number,
  teamId?: string,
): Promise<IssuedEnrollmentCode> {
  const name = deviceName.trim();
  if (name.length === 0 || name.length > 200) {
    throw new Error('A device name of 1 to 200 characters is required.');
  }
  const code = newEnrollmentCode();
  const expiresAt = new Date(now.getTime() + validMinutes * 60_000);
  await db.query(
    `INSERT INTO enrollment_codes (code_hash, device_name, created_at, expires_at, team_id)
     VALUES ($1, $2, $3, $4, coalesce($5::uuid, (SELECT id FROM teams WHERE national
       ORDER BY name = $6 DESC, created_at, id LIMIT 1)))`,
    [
      sha256Hex(code),
      name,
      now.toISOString(),
      expiresAt.toISOString(),
      teamId ?? null,
      defaultTeamName,
    ],
  );
  return { code: formatEnrollmentCode(code), deviceName: name, expiresAt };
}

export interface EnrolledDevice {
  deviceId: string;
  deviceName: string;
  credential: string;
  serverEpoch: string;
}

/**
 * Redeems a code (already normalised to 12 letters): one atomic UPDATE makes it single use, so
 * two laptops racing with the same code get one device. Null for unknown, used or expired alike.
 *
 * A laptop whose answer was lost asks again with the same code and enrollment key: within the
 * code's lifetime, and while the device is unused (never seen, nothing pushed) and not revoked, it
 * gets the same device with a new credential (the server keeps only hashes, so the first one
 * cannot be sent again; nobody received it). Another key gets the spent-code answer.
 */
export async function redeemEnrollmentCode(
  db: Database,
  code: string,
  appVersion: string,
  now: Date,
  enrollmentKey?: string,
): Promise<EnrolledDevice | null> {
  const codeHash = sha256Hex(code);
  const keyHash = enrollmentKey === undefined ? null : sha256Hex(enrollmentKey);
  return db.transaction(async (tx) => {
    const used = await tx.query<{ device_name: string; team_id: string }>(
      `UPDATE enrollment_codes SET used_at = $2, enrollment_key_hash = $3
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
       RETURNING device_name, team_id`,
      [codeHash, now.toISOString(), keyHash],
    );
    const deviceName = used.rows[0]?.device_name;
    if (deviceName === undefined) {
      return keyHash === null ? null : enrollAgain(tx, codeHash, keyHash, now);
    }
    const deviceId = randomUUID();
    const credential = newDeviceCredential();
    await tx.query(
      `INSERT INTO devices (id, name, credential_hash, created_at, app_version, team_id)
       VALUES ($1, $2, $3, $4, $5, $6::uuid)`,
      [
        deviceId,
        deviceName,
        sha256Hex(credential),
        now.toISOString(),
        appVersion,
        used.rows[0]?.team_id,
      ],
    );
    await tx.query('UPDATE enrollment_codes SET device_id = $1 WHERE code_hash = $2', [
      deviceId,
      codeHash,
    ]);
    return { deviceId, deviceName, credential, serverEpoch: await readServerEpoch(tx) };
  });
}

/** The same laptop asking again: its device, with a new credential, or null. */
async function enrollAgain(
  tx: Queryable,
  codeHash: string,
  keyHash: string,
  now: Date,
): Promise<EnrolledDevice | null> {
  const { rows } = await tx.query<{ id: string; name: string }>(
    `SELECT d.id, d.name FROM enrollment_codes c JOIN devices d ON d.id = c.device_id
     WHERE c.code_hash = $1 AND c.enrollment_key_hash = $2 AND c.expires_at > $3
       AND d.revoked_at IS NULL AND d.last_seen_at IS NULL AND d.last_mutation_id = 0
     FOR UPDATE OF d`,
    [codeHash, keyHash, now.toISOString()],
  );
  const device = rows[0];
  if (device === undefined) return null;
  const credential = newDeviceCredential();
  await tx.query('UPDATE devices SET credential_hash = $2 WHERE id = $1', [
    device.id,
    sha256Hex(credential),
  ]);
  return {
    deviceId: device.id,
    deviceName: device.name,
    credential,
    serverEpoch: await readServerEpoch(tx),
  };
}
