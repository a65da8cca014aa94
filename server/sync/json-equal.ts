/**
 * Value equality of JSON values: key order does not matter, array order does. Two devices that
 * typed the same thing never conflict (sync-plan "Identical values are never a conflict").
 * A key whose value is undefined counts as absent. Written without temporary key sets: a push
 * compares every created record with its raw fields (push-store shareHistoryFields).
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
