import type { RecordEntity } from '../records/record-entities.ts';
import { recordTypeOf } from '../records/record-types.ts';

/**
 * The field rules laptop and server must agree on, defined once (sync-plan "Fields").
 *
 * Keys the server owns and never takes from a mutation, as each record type defines them: the
 * id, the revision and, for finalised records, the status (changed only by ops such as
 * finalise). A campaign's `status` is its own domain field and does travel.
 */
export function serverOwnedKeys(entity: RecordEntity): readonly string[] {
  return recordTypeOf(entity).serverKeys;
}

/** Record data without the keys the server owns: what a change may carry, what two copies share. */
export function withoutServerKeys(entity: RecordEntity, data: unknown): Record<string, unknown> {
  const copy = { ...((data ?? {}) as Record<string, unknown>) };
  for (const key of serverOwnedKeys(entity)) delete copy[key];
  return copy;
}

/**
 * Value equality of JSON values: key order does not matter (the server stores JSONB), array
 * order does. A key whose value is undefined counts as absent. Written without temporary key
 * sets or strings: the server compares every created record with its raw fields.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) {
      if (!jsonEqual(a[index], b[index])) return false;
    }
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  // Every present key of `left` equals `right`'s; then equal counts mean the same key sets.
  let present = 0;
  for (const key of Object.keys(left)) {
    const value = left[key];
    if (value === undefined) continue;
    present++;
    if (!jsonEqual(value, right[key])) return false;
  }
  for (const key of Object.keys(right)) if (right[key] !== undefined) present--;
  return present === 0;
}

/**
 * Equality of one field's values. JSON has no `undefined`: a laptop sends a field a person
 * emptied as `null`, and no domain field is nullable, so null equals a missing value. Identical
 * values are never a change and never a conflict.
 */
export function sameFieldValue(a: unknown, b: unknown): boolean {
  return jsonEqual(a ?? null, b ?? null);
}
