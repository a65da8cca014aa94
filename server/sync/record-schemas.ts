import type { RecordEntity } from '../../shared/records/record-entities.ts';
import {
  recordTypeOf,
  validateRecordOf,
  type RecordContext,
} from '../../shared/records/record-types.ts';

export type RecordData = Record<string, unknown>;
export type Validation = { ok: true; data: RecordData } | { ok: false; message: string };

/**
 * Validates a whole record as the server would hold it, by its type's definition, and returns the
 * parsed (normalised) value, which is what gets stored. `final` applies the final form with every
 * rule that needs other records (the border rule) or the clock (no event in the future).
 */
export function validateRecord(
  entity: RecordEntity,
  candidate: RecordData,
  final: boolean,
  context?: RecordContext,
): Validation {
  const result = validateRecordOf(recordTypeOf(entity), candidate, {
    final,
    ...(context === undefined ? {} : { context }),
  });
  if (result.ok) return { ok: true, data: result.data };
  const issues = result.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(record)'}: ${issue.message}`);
  const more = result.issues.length > 5 ? ` (+${result.issues.length - 5} more)` : '';
  return { ok: false, message: `The record is not valid: ${issues.join('; ')}${more}` };
}

/**
 * What the server adds to a record's data: id and revision (= serverRev; the laptop substitutes
 * its local revision), and a finalised record's status. A campaign keeps its own `status`.
 */
export function withServerKeys(
  entity: RecordEntity,
  id: string,
  data: RecordData,
  status: 'draft' | 'final',
  serverRev: number,
): RecordData {
  return recordTypeOf(entity).lifecycle === 'finalised'
    ? { ...data, id, status, revision: serverRev }
    : { ...data, id, revision: serverRev };
}
