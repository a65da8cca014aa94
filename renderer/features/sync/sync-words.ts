import type { RejectReason } from '../../../shared/sync/protocol.ts';
import type { SyncErrorKind, SyncStatus } from '../../../shared/ipc/procedures/sync.ts';
import { domainEnums } from '../../components/domain-enums.ts';

/**
 * Pure decisions behind the Sync screen's words, kept apart from React so they can be tested
 * without a browser: which headline a status gets, what the navigation badge says, how long ago
 * something happened, and how a conflicting value reads.
 */

/**
 * The one sentence at the top of the Sync screen. Order matters: a revoked laptop or a missing
 * enrollment outranks everything; a running round outranks the last failure; open issues outrank
 * "up to date" because they need a decision from the person.
 */
export type SyncHeadline =
  | 'notEnrolled'
  | 'revoked'
  | 'syncing'
  | 'offline'
  | 'error'
  | 'needsDecision'
  | 'waiting'
  | 'upToDate'
  | 'neverSynced';

export function syncHeadline(status: SyncStatus): SyncHeadline {
  switch (status.phase) {
    case 'not_enrolled':
      return 'notEnrolled';
    case 'revoked':
      return 'revoked';
    case 'syncing':
      return 'syncing';
    case 'offline':
      return 'offline';
    case 'error':
      return 'error';
    case 'idle':
      if (status.openConflicts + status.openRejections > 0) return 'needsDecision';
      if (status.pendingChanges > 0 || status.pendingPhotos > 0) return 'waiting';
      return status.lastSuccessAt === null ? 'neverSynced' : 'upToDate';
  }
}

/** How the headline looks: good news, neutral, something to look at, or something broken. */
export type Tone = 'ok' | 'info' | 'warning' | 'danger';

export const headlineTone: Record<SyncHeadline, Tone> = {
  notEnrolled: 'info',
  revoked: 'danger',
  syncing: 'info',
  offline: 'warning',
  error: 'danger',
  needsDecision: 'warning',
  waiting: 'info',
  upToDate: 'ok',
  neverSynced: 'info',
};

/**
 * The navigation entry's badge: the number of issues waiting for a decision, or "!" for a state
 * the person must know about (revoked, unsent changes older than a day). Null: nothing to flag.
 */
export interface NavBadge {
  readonly text: string;
  /** What the badge means, for the link's accessible name. */
  readonly reason: 'issues' | 'stale' | 'revoked';
  readonly count: number;
}

export function navBadge(status: SyncStatus | null): NavBadge | null {
  if (status === null) return null;
  if (status.phase === 'revoked') return { text: '!', reason: 'revoked', count: 0 };
  const issues = status.openConflicts + status.openRejections;
  if (issues > 0)
    return { text: issues > 99 ? '99+' : String(issues), reason: 'issues', count: issues };
  if (status.staleWarning) return { text: '!', reason: 'stale', count: 0 };
  return null;
}

/** The sentence key for an error kind (the engine's message is for logs, not for people). */
export const errorKindKey = {
  unreachable: 'error.unreachable',
  timeout: 'error.timeout',
  revoked: 'error.revoked',
  unauthorized: 'error.unauthorized',
  server_error: 'error.server_error',
  rate_limited: 'error.rate_limited',
  protocol: 'error.protocol',
  storage: 'error.storage',
} as const satisfies Record<SyncErrorKind, string>;

export const rejectReasonKey = {
  invalid_record: 'reason.invalid_record',
  not_found: 'reason.not_found',
  record_final: 'reason.record_final',
  record_deleted: 'reason.record_deleted',
  not_deletable: 'reason.not_deletable',
  unsupported_op: 'reason.unsupported_op',
  unknown_revision: 'reason.unknown_revision',
  forbidden: 'reason.forbidden',
} as const satisfies Record<RejectReason, string>;

export type RelativeUnit = 'second' | 'minute' | 'hour' | 'day';

/**
 * "3 minutes ago" as a number and unit for Intl.RelativeTimeFormat. Under a minute is "just now"
 * (null): seconds ticking by would only distract. A time in the future (a clock ahead of this one)
 * also reads "just now".
 */
export function relativeTime(
  iso: string,
  now: number,
): { value: number; unit: RelativeUnit } | null {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 60) return null;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { value: -minutes, unit: 'minute' };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { value: -hours, unit: 'hour' };
  return { value: -Math.floor(hours / 24), unit: 'day' };
}

/**
 * A value from a conflict, described so the person can compare the two sides: dates as dates,
 * enumeration values by their label, weapons as a short list, anything else as compact JSON.
 */
export type DescribedValue =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'date'; iso: string }
  | { kind: 'dateTime'; iso: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'enum'; name: string; value: string }
  | { kind: 'location'; id: string }
  | { kind: 'weapons'; items: { type: string | null; serial: string | null }[] }
  | { kind: 'list'; count: number }
  | { kind: 'object'; entries: { key: string; value: DescribedValue }[] }
  | { kind: 'json'; text: string };

/** Top-level fields whose value is an enumeration, by the name of its label set. */
const enumFields: Record<string, string> = {
  context: 'intakeContext',
  status: 'recordStatus',
  locationType: 'locationType',
  campaignType: 'campaignType',
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
export const JSON_PREVIEW_LIMIT = 300;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * `field` names the value: a top-level field (`context`), or inside an object its own key
 * (`legalJustification`), which for the domain's enumerations is also the name of their labels.
 */
export function describeValue(field: string, value: unknown, depth = 0): DescribedValue {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (typeof value === 'string') {
    const enumName = enumFields[field] ?? (Object.hasOwn(domainEnums, field) ? field : undefined);
    if (enumName !== undefined) return { kind: 'enum', name: enumName, value };
    if (field === 'locationId') return { kind: 'location', id: value };
    if (isoDate.test(value)) return { kind: 'date', iso: value };
    if (isoDateTime.test(value)) return { kind: 'dateTime', iso: value };
    return { kind: 'text', text: value };
  }
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: 'empty' };
    if (field === 'weapons') {
      return {
        kind: 'weapons',
        items: value.map((item: unknown) => {
          const weapon = typeof item === 'object' && item !== null ? item : {};
          return {
            type: 'weaponType' in weapon ? text(weapon.weaponType) : null,
            serial: 'serialNumber' in weapon ? text(weapon.serialNumber) : null,
          };
        }),
      };
    }
    return { kind: 'list', count: value.length };
  }
  // A details object (seizure, collection) one level deep reads as "label: value" pairs; deeper
  // or stranger shapes fall back to JSON.
  if (depth === 0 && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([key, inner]) => ({
      key,
      value: describeValue(key, inner, depth + 1),
    }));
    if (entries.length === 0) return { kind: 'empty' };
    if (entries.every((entry) => entry.value.kind !== 'object' && entry.value.kind !== 'json'))
      return { kind: 'object', entries };
  }
  const json = JSON.stringify(value, null, 1).replace(/\s*\n\s*/g, ' ');
  return {
    kind: 'json',
    text: json.length > JSON_PREVIEW_LIMIT ? `${json.slice(0, JSON_PREVIEW_LIMIT - 1)}…` : json,
  };
}
