/**
 * Field-level change tracking shared by the save path and the sync engine. A mutation carries only
 * the top-level fields a change touched; `id`, `revision` and an intake event's `status` never
 * travel as fields (the server owns status, via ops, and revision). A campaign's `status` is its
 * own domain field and does travel.
 */
const INTAKE_NON_FIELDS: ReadonlySet<string> = new Set(['id', 'status', 'revision']);
const OTHER_NON_FIELDS: ReadonlySet<string> = new Set(['id', 'revision']);

export function nonFields(entity: string): ReadonlySet<string> {
  return entity === 'intake_event' ? INTAKE_NON_FIELDS : OTHER_NON_FIELDS;
}

/** JSON with object keys sorted: two values are equal when their canonical texts are. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) {
      sorted[key] = (inner as Record<string, unknown>)[key];
    }
    return sorted;
  });
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/**
 * The top-level fields whose value differs between two states of a record, sorted. A field that
 * disappeared (cleared) counts as changed; `before` null means a new record (every field it has).
 */
export function changedTopLevelFields(entity: string, before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const skip = nonFields(entity);
  return [...keys].filter((key) => !skip.has(key) && !sameValue(a[key], b[key])).sort();
}

/**
 * The wire `fields` of a change: each listed field with its whole value from the state after the
 * change; a cleared field is sent as null. `fields` null means every field of the state.
 */
export function pickFields(
  entity: string,
  state: Record<string, unknown>,
  fields: readonly string[] | null,
): Record<string, unknown> {
  const names = fields ?? Object.keys(state);
  const skip = nonFields(entity);
  const picked: Record<string, unknown> = {};
  for (const name of names) {
    if (skip.has(name)) continue;
    picked[name] = state[name] === undefined ? null : state[name];
  }
  return picked;
}

/** Record data without the keys the server owns, for comparing two copies of one record. */
export function withoutServerKeys(entity: string, data: unknown): Record<string, unknown> {
  const copy = { ...((data ?? {}) as Record<string, unknown>) };
  for (const key of nonFields(entity)) delete copy[key];
  return copy;
}
