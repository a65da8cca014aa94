import { userRoleValues, type UserRole } from '../../shared/domain/enums.ts';
import type { RecordEntity } from '../../shared/records/record-entities.ts';
import {
  mayDo,
  recordTypeOf,
  rolesFor,
  type RecordAction,
} from '../../shared/records/record-types.ts';
import { AppError } from '../ipc/app-error.ts';

/**
 * Role checks in main, whatever the renderer sends (it only hides what a person cannot do): a
 * record type says which roles may do what (shared/records/record-types.ts); people are managed
 * by administrators only.
 */
export function requireRecordPermission(
  user: { readonly role: string },
  entity: RecordEntity,
  action: RecordAction,
): void {
  const type = recordTypeOf(entity);
  if (mayDo(type, action, user.role)) return;
  const allowed = rolesFor(type, action);
  throw new AppError(
    'FORBIDDEN',
    `Your role (${user.role}) may not ${action} this kind of record. Allowed: ${allowed.length === 0 ? 'nobody' : allowed.join(', ')}.`,
  );
}

export function requireAdministrator(user: { readonly role: string }): void {
  if (user.role === 'administrator') return;
  throw new AppError(
    'FORBIDDEN',
    'Only an administrator adds people, changes their roles or removes them.',
  );
}

/** Watch lists are evidence everyone's serial check relies on: imported by those who answer for it. */
export function requireWatchListManager(user: { readonly role: string }): void {
  if (user.role === 'administrator' || user.role === 'team_lead') return;
  throw new AppError(
    'FORBIDDEN',
    `Your role (${user.role}) may not import or remove watch lists. Allowed: administrator, team_lead.`,
  );
}

/**
 * Personal data in exports (surrenderers, persons involved: issue 16) is for those who answer
 * for the team's data; others export without it.
 */
export function requirePersonalDataExporter(user: { readonly role: string }): void {
  if (user.role === 'administrator' || user.role === 'team_lead') return;
  throw new AppError(
    'FORBIDDEN',
    `Your role (${user.role}) may not export personal data. Allowed: administrator, team_lead.`,
  );
}

/**
 * Measures and reports count records: whoever may read the records may read what they add up to.
 * Every role reads records today; the list is here so a role added later is a decision, not a
 * default.
 */
export const reportReaderRoles: readonly UserRole[] = userRoleValues;

export function requireReportReader(user: { readonly role: string }): void {
  if ((reportReaderRoles as readonly string[]).includes(user.role)) return;
  throw new AppError(
    'FORBIDDEN',
    `Your role (${user.role}) may not read reports. Allowed: ${reportReaderRoles.join(', ')}.`,
  );
}
