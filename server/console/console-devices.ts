import QRCode from 'qrcode';
import {
  enrollmentQrText,
  type ConsoleDevice,
  type EnrollDeviceResponse,
} from '../../shared/console/api.ts';
import { revokeDevice } from '../auth/devices.ts';
import { issueEnrollmentCode } from '../auth/enrollment.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { EventStreams } from '../http/event-streams.ts';
import { isoTime } from '../sync/stored-record.ts';
import { defaultTeam, teamById } from '../teams/teams.ts';
import { auditDeviceRevoked, auditEnrollmentCode } from './change-audit.ts';
import type { AuditActor } from './console-audit.ts';
import { ConsoleHttpError, unknownTeam } from './console-http-error.ts';
import { CONSOLE_DEVICE_ID } from '../migrations/0120-record-reviews.ts';

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
    team_id: string;
    team_name: string;
  }>(
    `SELECT d.id, d.name, d.created_at, d.revoked_at, d.last_seen_at, d.last_push_at,
       d.app_version, t.id AS team_id, t.name AS team_name
     FROM devices d JOIN teams t ON t.id = d.team_id
     WHERE d.id <> $1::uuid ORDER BY d.revoked_at IS NOT NULL, d.name, d.created_at`,
    // The console's own pseudo-device (its reviews) is no laptop.
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
    team: { id: row.team_id, name: row.team_name },
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
 * A one-time enrollment code for a new laptop of a team, issued from the console: the same code
 * the command line's `enroll` prints (server/auth/enrollment.ts), with the audit line beside it.
 * Without a team the laptop joins the default national team, as the command line's does
 * (teams.ts defaultTeam); an unknown team is refused, never replaced by the default.
 */
export async function enrollFromConsole(
  db: Database,
  input: {
    name: string;
    teamId: string | undefined;
    serverUrl: string;
    codeMinutes: number;
    now: Date;
  },
  actor: AuditActor,
): Promise<EnrollDeviceResponse> {
  const issued = await db.transaction(async (tx) => {
    const team =
      input.teamId === undefined ? await defaultTeam(tx) : await teamById(tx, input.teamId);
    if (team === null) throw unknownTeam();
    const code = await issueEnrollmentCode(tx, input.name, input.now, input.codeMinutes, team.id);
    await auditEnrollmentCode(tx, code, team, input.teamId === undefined, actor, input.now);
    return { ...code, team };
  });
  const qrText = enrollmentQrText(input.serverUrl, issued.code);
  return {
    code: issued.code,
    deviceName: issued.deviceName,
    expiresAt: issued.expiresAt.toISOString(),
    team: { id: issued.team.id, name: issued.team.name },
    defaultTeam: input.teamId === undefined,
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
      await auditDeviceRevoked(tx, revoked.device, actor, now);
    }
    return revoked;
  });
  if (result === null || result.kind !== 'revoked') {
    throw new ConsoleHttpError(404, 'NOT_FOUND', 'No such device.');
  }
  streams.endFor(result.device.id);
}
