import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.ts';
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

export async function issueEnrollmentCode(
  db: Queryable,
  deviceName: string,
  now: Date,
  validMinutes: number,
): Promise<IssuedEnrollmentCode> {
  const name = deviceName.trim();
  if (name.length === 0 || name.length > 200) {
    throw new Error('A device name of 1 to 200 characters is required.');
  }
  const code = newEnrollmentCode();
  const expiresAt = new Date(now.getTime() + validMinutes * 60_000);
  await db.query(
    `INSERT INTO enrollment_codes (code_hash, device_name, created_at, expires_at)
     VALUES ($1, $2, $3, $4)`,
    [sha256Hex(code), name, now.toISOString(), expiresAt.toISOString()],
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
 */
export async function redeemEnrollmentCode(
  db: Database,
  code: string,
  appVersion: string,
  now: Date,
): Promise<EnrolledDevice | null> {
  return db.transaction(async (tx) => {
    const used = await tx.query<{ device_name: string }>(
      `UPDATE enrollment_codes SET used_at = $2
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
       RETURNING device_name`,
      [sha256Hex(code), now.toISOString()],
    );
    const deviceName = used.rows[0]?.device_name;
    if (deviceName === undefined) return null;
    const deviceId = randomUUID();
    const credential = newDeviceCredential();
    await tx.query(
      `INSERT INTO devices (id, name, credential_hash, created_at, app_version)
       VALUES ($1, $2, $3, $4, $5)`,
      [deviceId, deviceName, sha256Hex(credential), now.toISOString(), appVersion],
    );
    await tx.query('UPDATE enrollment_codes SET device_id = $1 WHERE code_hash = $2', [
      deviceId,
      sha256Hex(code),
    ]);
    return { deviceId, deviceName, credential, serverEpoch: await readServerEpoch(tx) };
  });
}
