import type { IntakeEvent } from '../../shared/domain/intake-event.ts';
import type { IpcIssue } from '../../shared/ipc/errors.ts';
import {
  intakeEventType,
  todayOf,
  validateRecordOf,
  type RecordContext,
} from '../../shared/records/record-types.ts';
import type { Db } from '../store/encrypted-database.ts';
import { readReferenceRow } from '../store/reference-rows.ts';
import type { IntakeRow } from '../store/intake-repository.ts';

const referenceTables = { location: 'locations', campaign: 'campaigns' } as const;

/** What the record's rules may look up on this laptop: its places and campaigns, and today. */
export function localContext(db: Db, now: Date): RecordContext {
  return {
    lookup: (entity, id) => {
      const table = referenceTables[entity as keyof typeof referenceTables];
      return table === undefined
        ? undefined
        : (readReferenceRow<Record<string, unknown>>(db, table, id) ?? undefined);
    },
    today: todayOf(now),
  };
}

export type FinalForm =
  | { readonly ok: true; readonly event: IntakeEvent }
  | { readonly ok: false; readonly issues: IpcIssue[] };

/**
 * The stored draft in its final form, checked by the one definition the server also applies
 * (shared/records/record-types.ts): the schema, the border rule and the date rules. Finalising
 * and the editor's "is it complete?" question both ask here, so the question lists exactly what
 * finalising would refuse (issue 13: the missing fields come before "finalise?", never after).
 */
export function finalFormOf(db: Db, existing: IntakeRow, now: Date): FinalForm {
  const result = validateRecordOf(
    intakeEventType,
    { ...existing.event, status: 'final', revision: existing.revision + 1 },
    { final: true, context: localContext(db, now) },
  );
  if (result.ok) return { ok: true, event: result.data as IntakeEvent };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
      code: 'custom',
    })),
  };
}
