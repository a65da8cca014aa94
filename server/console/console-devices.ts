import QRCode from 'qrcode';
import {
  enrollmentQrText,
  type ConsoleDevice,
  type EnrollDeviceResponse,
} from '../../shared/console/api.ts';
import { revokeDevice } from '../auth/devices.ts';
import { CONSOLE_DEVICE_ID } from '../migrations/0120-record-reviews.ts';
import { issueEnrollmentCode } from '../auth/enrollment.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { EventStreams } from '../http/event-streams.ts';
import { isoTime } from '../sync/stored-record.ts';
import { writeAudit, type AuditActor } from './console-audit.ts';
import { ConsoleHttpError } from './console-http-error.ts';

const time = (value: Date | null) => (value === null ? null : isoTime(value));

export async function listConsoleDevices(db: Queryable): Promise<ConsoleDevice[]> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    created_at: Date;
    revoked_at: Date | null;
    last_seen_at: Date | null;
    last_push_at: Date | null;
    app_version: string | null;
  }>(
    // The device the console's reviews are written under is no laptop: not listed, not revocable.
    `SELECT id, name, created_at, revoked_at, last_seen_at, last_push_at, app_version
     FROM devices WHERE id <> $1 ORDER BY revoked_at IS NOT NULL, name, created_at`,
    [CONSOLE_DEVICE_ID],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: isoTime(row.created_at),
    revokedAt: time(row.revoked_at),
    lastSeenAt: time(row.last_seen_at),
    lastSyncAt: time(row.last_push_at),
    appVersion: row.app_version,
  }));
}

/** The QR code's modules, row by row, '1' dark: the console draws them as SVG rectangles. */
export function qrRows(text: string): string[] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    let line = '';
    for (let column = 0; column < modules.size; column += 1) {
      line += modules.get(row, column) ? '1' : '0';
    }
    rows.push(line);
  }
  return rows;
}

/**
 * A one-time enrollment code for a new laptop, issued from the console: the same code the
 * command line's `enroll` prints (server/auth/enrollment.ts), with the audit line beside it.
 * Teams (issue 17, item 1) will add the team the laptop enrolls into here.
 */
export async function enrollFromConsole(
  db: Database,
  input: { name: string; serverUrl: string; codeMinutes: number; now: Date },
  actor: AuditActor,
): Promise<EnrollDeviceResponse> {
  const issued = await db.transaction(async (tx) => {
    const code = await issueEnrollmentCode(tx, input.name, input.now, input.codeMinutes);
    await writeAudit(tx, actor, 'device.enrollment_code_issued', code.deviceName, input.now, {
      expiresAt: code.expiresAt.toISOString(),
    });
    return code;
  });
  const qrText = enrollmentQrText(input.serverUrl, issued.code);
  return {
    code: issued.code,
    deviceName: issued.deviceName,
    expiresAt: issued.expiresAt.toISOString(),
    serverUrl: input.serverUrl,
    qrText,
    qrRows: qrRows(qrText),
  };
}

/** Revokes by id; the laptop's open event streams end at once. */
export async function revokeFromConsole(
  db: Database,
  deviceId: string,
  now: Date,
  actor: AuditActor,
  streams: EventStreams,
): Promise<void> {
  const result = await db.transaction(async (tx) => {
    const known = await tx.query('SELECT 1 FROM devices WHERE id::text = $1', [deviceId]);
    if (known.rows.length === 0) return null;
    const revoked = await revokeDevice(tx, deviceId, now);
    if (revoked.kind === 'revoked' && revoked.alreadyRevokedAt === null) {
      await writeAudit(tx, actor, 'device.revoked', revoked.device.name, now, {
        deviceId: revoked.device.id,
      });
    }
    return revoked;
  });
  if (result === null || result.kind !== 'revoked') {
    throw new ConsoleHttpError(404, 'NOT_FOUND', 'No such device.');
  }
  streams.endFor(result.device.id);
}
