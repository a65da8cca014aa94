import type { RecordEntity } from '../../shared/records/record-entities.ts';
import { sameFieldValue, serverOwnedKeys } from '../../shared/sync/fields.ts';

/**
 * Field-level change tracking for the save path and the sync engine. A mutation carries only the
 * top-level fields a change touched; the keys the server owns (shared/sync/fields.ts) never travel.
 */

/**
 * The top-level fields whose value differs between two states of a record, sorted. A field that
 * disappeared (cleared) counts as changed; `before` null means a new record (every field it has).
 */
export function changedTopLevelFields(
  entity: RecordEntity,
  before: unknown,
  after: unknown,
): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const skip = serverOwnedKeys(entity);
  return [...keys].filter((key) => !skip.includes(key) && !sameFieldValue(a[key], b[key])).sort();
}

/**
 * The wire `fields` of a change: each listed field with its whole value from the state after the
 * change; a cleared field is sent as null. `fields` null means every field of the state.
 */
export function pickFields(
  entity: RecordEntity,
  state: Record<string, unknown>,
  fields: readonly string[] | null,
): Record<string, unknown> {
  const names = fields ?? Object.keys(state);
  const skip = serverOwnedKeys(entity);
  const picked: Record<string, unknown> = {};
  for (const name of names) {
    if (skip.includes(name)) continue;
    picked[name] = state[name] === undefined ? null : state[name];
  }
  return picked;
}
