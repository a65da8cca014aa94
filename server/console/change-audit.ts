import type { AdminTeamChangeResponse } from '../admin/admin-protocol.ts';
import type { Queryable } from '../db/database.ts';
import { writeAudit, type AuditActor } from './console-audit.ts';

/**
 * The console audit log's entries for changes an administrator makes to teams, devices and
 * people, in one shape whether they came from the console or from `npm run server -- <command>`
 * (the log names the command line as the actor): a reviewer of the log sees every change, not
 * only the ones made in a browser.
 */

export async function auditTeamCreated(
  db: Queryable,
  { team }: Pick<AdminTeamChangeResponse, 'team'>,
  actor: AuditActor,
  now: Date,
): Promise<void> {
  await writeAudit(db, actor, 'team.created', team.name, now, {
    organisation: team.organisation,
    national: team.national,
    jurisdictions: team.jurisdictions,
    sites: team.sites.map((site) => site.id),
  });
}

/** `request`: what was asked (jurisdictions and sites added and removed). */
export async function auditTeamScopeChanged(
  db: Queryable,
  change: AdminTeamChangeResponse,
  request: Readonly<Record<string, unknown>>,
  actor: AuditActor,
  now: Date,
): Promise<void> {
  await writeAudit(db, actor, 'team.scope_changed', change.team.name, now, {
    ...request,
    entered: change.entered,
    left: change.left,
  });
}

export async function auditEnrollmentCode(
  db: Queryable,
  code: { deviceName: string; expiresAt: Date },
  team: { id: string; name: string },
  defaultTeam: boolean,
  actor: AuditActor,
  now: Date,
): Promise<void> {
  await writeAudit(db, actor, 'device.enrollment_code_issued', code.deviceName, now, {
    expiresAt: code.expiresAt.toISOString(),
    team: { id: team.id, name: team.name },
    defaultTeam,
  });
}

export async function auditDeviceRevoked(
  db: Queryable,
  device: { id: string; name: string },
  actor: AuditActor,
  now: Date,
): Promise<void> {
  await writeAudit(db, actor, 'device.revoked', device.name, now, { deviceId: device.id });
}

export async function auditPersonDecision(
  db: Queryable,
  person: { id: string; name: string },
  decision: { kind: 'role'; role: string } | { kind: 'deactivate' } | { kind: 'reactivate' },
  actor: AuditActor,
  now: Date,
): Promise<void> {
  const action =
    decision.kind === 'role'
      ? 'person.role_changed'
      : decision.kind === 'deactivate'
        ? 'person.deactivated'
        : 'person.reactivated';
  await writeAudit(
    db,
    actor,
    action,
    person.name,
    now,
    decision.kind === 'role'
      ? { personId: person.id, role: decision.role }
      : { personId: person.id },
  );
}
