import type { z } from 'zod';
import { IntakeEventDraftSchema } from '../../../shared/domain/intake-event.ts';
import type { IpcIssue } from '../../../shared/ipc/errors.ts';
import { intakeEventType, validateRecordOf } from '../../../shared/records/record-types.ts';

/**
 * What the editor sends to main. The form holds what the person typed, including values that are
 * not valid yet (a year of 20255, a note that is too long); main refuses a draft with any such
 * value, and refusing the whole draft would lose everything else typed since the last save.
 * So the payload is the form with blanks removed and each invalid value left out: the valid rest
 * is saved, the invalid value stays on screen with its message (and in main's unsaved backup).
 */

/** A draft as main's saveIntakeDraft takes it. */
export type Payload = z.input<typeof IntakeEventDraftSchema>;

/** Removes '', null, NaN and undefined values, deeply; arrays keep their length (indices are paths). */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => prune(item));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const pruned = prune(inner);
      if (pruned !== undefined) out[key] = pruned;
    }
    return out;
  }
  if (value === '' || value === null || (typeof value === 'number' && Number.isNaN(value)))
    return undefined;
  return value;
}

/** The value at `path`, or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

/**
 * Deletes the field at `path`. Only object keys are deleted, never array items, so the positions
 * of weapons and markings (which are paths too) stay stable.
 */
function deleteAt(root: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false;
  let node: unknown = root;
  for (const segment of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  const last = path[path.length - 1] as PropertyKey;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return false;
  if (!Object.hasOwn(node, last)) return false;
  delete (node as Record<PropertyKey, unknown>)[last];
  return true;
}

/** The quantity kind each item list holds (the discriminant of its quantities). */
const quantityKindOf = { parts: 'parts', ammunition: 'ammunition', explosives: 'explosives' };

/**
 * Every item's quantity says its kind, and a part's its only unit. A new item starts with them,
 * but an item recorded before the editor had its list (or sent by another client) may have a
 * quantity without them, and an amount typed into it would otherwise never save.
 */
export function withQuantityKinds(values: unknown): unknown {
  if (typeof values !== 'object' || values === null) return values;
  const root = values as Record<string, unknown>;
  for (const [list, kind] of Object.entries(quantityKindOf)) {
    const items = root[list];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (typeof item !== 'object' || item === null) continue;
      const quantity = (item as { quantity?: unknown }).quantity;
      if (typeof quantity !== 'object' || quantity === null || Array.isArray(quantity)) continue;
      const fixed = quantity as Record<string, unknown>;
      fixed.kind = kind;
      if (kind === 'parts' && fixed.unit === undefined) fixed.unit = 'pieces';
    }
  }
  return values;
}

export interface PayloadResult {
  /** The draft to save, or null when even the valid rest cannot form a draft. */
  readonly draft: Payload | null;
  /** Paths (dotted) of the values left out because they are not valid yet. */
  readonly leftOut: readonly string[];
}

/**
 * The saveable draft for the form's values: pruned, and without values that are not valid.
 * `refused` are values main refused before (a campaign it does not know), by path, with the
 * JSON of the refused value: left out while they are still that value, tried again once changed.
 */
export function toDraftPayload(
  values: unknown,
  refused: ReadonlyMap<string, string> = new Map(),
): PayloadResult {
  const candidate = withQuantityKinds(prune(structuredClone(values)));
  const leftOut: string[] = [];
  for (const [path, json] of refused) {
    const segments = path.split('.');
    if (JSON.stringify(valueAt(candidate, segments)) === json && deleteAt(candidate, segments))
      leftOut.push(path);
  }
  // Each round removes the values the schema reports; a handful of rounds covers nesting.
  for (let round = 0; round < 4; round += 1) {
    const parsed = IntakeEventDraftSchema.safeParse(candidate);
    if (parsed.success) return { draft: candidate as Payload, leftOut };
    let removed = false;
    for (const issue of parsed.error.issues) {
      if (deleteAt(candidate, issue.path)) {
        leftOut.push(issue.path.map(String).join('.'));
        removed = true;
      }
    }
    if (!removed) break;
  }
  return { draft: null, leftOut };
}

/**
 * The draft as it will be finalised: details that do not apply to the chosen context are left
 * out (a seizure has no collection details, a surrender no seizure details), and so is a
 * campaign for a collection that was not campaign-based. While writing, both kinds of details
 * are kept (the draft schema allows it), so switching context back and forth loses nothing.
 * The applicable details are present (possibly empty), so what is missing is reported field by
 * field rather than as one missing section.
 */
export function forFinalisation(draft: Payload): Payload {
  const { collection, seizure, campaignId, ...rest } = draft;
  const next: Payload = { ...rest };
  if (draft.context === 'surrendered') {
    next.collection = collection ?? {};
  } else if (draft.context === 'seized' || draft.context === 'found') {
    // The editor records a found item as found by an agency, with seizure details.
    next.seizure = seizure ?? {};
  } else {
    if (collection !== undefined) next.collection = collection;
    if (seizure !== undefined) next.seizure = seizure;
  }
  if (campaignId !== undefined && next.collection?.campaignBased === true) {
    next.campaignId = campaignId;
  }
  return next;
}

/** Which details section the editor shows for a context. */
export function detailsFor(context: Payload['context']): 'seizure' | 'collection' | null {
  if (context === 'surrendered') return 'collection';
  if (context === 'seized' || context === 'found') return 'seizure';
  return null;
}

/**
 * What a final record would lack, judged by the form alone (the record type's final schema; the
 * rules that need the place or today's date are main's to check). For a record nothing has been
 * typed into yet, which main therefore does not hold.
 */
export function finalFormIssues(candidate: Payload): IpcIssue[] {
  const result = validateRecordOf(
    intakeEventType,
    { ...candidate, status: 'final', revision: 1 },
    { final: true },
  );
  if (result.ok) return [];
  return result.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: 'custom',
  }));
}
