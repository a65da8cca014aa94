import type { Mutation, MutationOutcome, RejectReason } from '../../shared/sync/protocol.ts';
import {
  hasAction,
  mayDo,
  recordTypeOf,
  rolesFor,
  type RecordAction,
  type RecordContext,
} from '../../shared/records/record-types.ts';
import { sameFieldValue, withoutServerKeys } from '../../shared/sync/fields.ts';
import { validateRecord, withServerKeys, type RecordData } from './record-schemas.ts';
import { sealProblemOf, type SealProblem } from './seal-check.ts';

/** A record as the server holds it, before or after a mutation. */
export interface RecordState {
  id: string;
  entity: Mutation['entity'];
  serverRev: number;
  deleted: boolean;
  status: 'draft' | 'final';
  /** With the server keys (id, revision, intake status); null for a tombstone. */
  data: RecordData | null;
}

export interface FieldConflict {
  field: string;
  deviceValue: unknown;
  serverValue: unknown;
  kind: 'field' | 'record_final';
}

/** What one mutation does; the caller bumps serverRev/version and writes when `next` is set. */
export interface Decision {
  outcome: MutationOutcome;
  reason: RejectReason | null;
  message: string | null;
  merged: boolean;
  conflictFields: string[];
  conflicts: FieldConflict[];
  /** The record's new state when the mutation changed it (serverRev not yet bumped). */
  next: Omit<RecordState, 'serverRev'> | null;
  /** Top-level fields whose value changed: the next pushes of other devices conflict on these. */
  changedFields: string[];
  historyOp: Mutation['op'];
}

export interface DecisionContext {
  /** Fields changed by OTHER devices since the mutation's baseRev (empty when baseRev is current). */
  otherChangedFields: ReadonlySet<string>;
  /** Referenced records and the server's today, for the final form's rules. */
  record: RecordContext;
}

/** An applied mutation that changes nothing, unless `patch` says otherwise. */
function decision(mutation: Mutation, patch: Partial<Decision> = {}): Decision {
  return {
    outcome: 'applied',
    reason: null,
    message: null,
    merged: false,
    conflictFields: [],
    conflicts: [],
    next: null,
    changedFields: [],
    historyOp: mutation.op,
    ...patch,
  };
}

export function rejected(mutation: Mutation, reason: RejectReason, message: string): Decision {
  return decision(mutation, { outcome: 'rejected', reason, message });
}

const sealMessages: Readonly<Record<SealProblem, string>> = {
  missing: 'A custody record must carry the seal of the person who recorded it.',
  unknown_key: 'The seal names a signing key the server does not know; send the key first.',
  wrong_signer: 'The seal was not made by the person sending this record, with their own key.',
  invalid: 'The seal does not match the record: it was changed after it was sealed.',
};

/** A field sent as null was emptied on the laptop (see sameFieldValue): it leaves the record. */
function withoutCleared(data: RecordData): RecordData {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null));
}

/**
 * The push rules of sync-plan "Ops per entity" and "Conflicts" for one mutation on one record,
 * with no I/O: the same inputs always give the same decision.
 */
export function decideMutation(
  record: RecordState | undefined,
  mutation: Mutation,
  context: DecisionContext,
): Decision {
  const { entity, op } = mutation;
  const type = recordTypeOf(entity);
  if (!hasAction(type, op)) {
    return rejected(mutation, 'unsupported_op', `${op} does not apply to a ${entity} record.`);
  }
  const sealed = type.lifecycle === 'sealed';
  // A create re-sent for a record the server has is an update of it (a sealed record's, the same
  // create again: it is accepted only if it changes nothing).
  const action: RecordAction = op === 'create' && record !== undefined && !sealed ? 'update' : op;
  if (!mayDo(type, action, mutation.author.role)) {
    return rejected(
      mutation,
      'forbidden',
      `A person with the role ${mutation.author.role} may not ${action} a ${entity} record (allowed: ${rolesFor(type, action).join(', ') || 'nobody'}).`,
    );
  }
  const fields = withoutServerKeys(entity, mutation.fields);
  // A revision is issued by the server; one it never issued would let a change slip past the
  // conflict check (no other device's change counts as "after" it) and overwrite newer edits.
  const issued = record?.serverRev ?? 0;
  if (mutation.baseRev > issued) {
    return rejected(
      mutation,
      'unknown_revision',
      `This change is based on revision ${String(mutation.baseRev)} of the record, which the server never issued (it has ${record === undefined ? 'no such record' : `revision ${String(issued)}`}).`,
    );
  }

  if (record === undefined && sealed) {
    // Sealed evidence is final from the moment it is written: held to every rule at once, and
    // its seal must hold, made by the person pushing it with the key they registered.
    const candidate: RecordData = { ...withoutCleared(fields), id: mutation.entityId };
    const valid = validateRecord(entity, candidate, true, context.record);
    if (!valid.ok) return rejected(mutation, 'invalid_record', valid.message);
    const problem = sealProblemOf(entity, valid.data, mutation.author.id, (keyId) =>
      context.record.lookup('signing_key', keyId),
    );
    if (problem !== null) {
      return rejected(mutation, 'invalid_record', sealMessages[problem]);
    }
    return decision(mutation, {
      next: {
        id: mutation.entityId,
        entity,
        deleted: false,
        status: 'final',
        data: withServerKeys(entity, mutation.entityId, valid.data, 'final', 1),
      },
      changedFields: Object.keys(fields),
    });
  }
  if (record !== undefined && sealed) {
    if (record.entity !== entity) {
      return rejected(mutation, 'invalid_record', `Record ${record.id} is a ${record.entity}.`);
    }
    const current = withoutServerKeys(entity, record.data ?? {});
    const same = Object.keys({ ...current, ...fields }).every((key) =>
      sameFieldValue(fields[key], current[key]),
    );
    if (same) return decision(mutation);
    return rejected(
      mutation,
      'invalid_record',
      'A sealed custody record is never changed; record a correction that names it instead.',
    );
  }

  if (record === undefined) {
    if (op !== 'create') return rejected(mutation, 'not_found', 'The server has no such record.');
    if (type.authorField !== undefined && fields[type.authorField] !== mutation.author.id) {
      return rejected(
        mutation,
        'forbidden',
        `A ${entity} record may only be made by the person it names (${type.authorField}).`,
      );
    }
    const candidate: RecordData = { ...withoutCleared(fields), id: mutation.entityId };
    if (type.lifecycle === 'finalised') Object.assign(candidate, { status: 'draft', revision: 1 });
    const valid = validateRecord(entity, candidate, false);
    if (!valid.ok) return rejected(mutation, 'invalid_record', valid.message);
    return decision(mutation, {
      next: {
        id: mutation.entityId,
        entity,
        deleted: false,
        status: 'draft',
        data: withServerKeys(entity, mutation.entityId, valid.data, 'draft', 1),
      },
      changedFields: Object.keys(fields),
    });
  }

  if (record.entity !== entity) {
    return rejected(mutation, 'invalid_record', `Record ${record.id} is a ${record.entity}.`);
  }
  if (record.deleted || record.data === null) {
    // Two laptops deleting the same draft agree; nothing else may touch a tombstone.
    if (op === 'delete') return decision(mutation);
    return rejected(mutation, 'record_deleted', 'This record was deleted on the server.');
  }
  const current = record.data;
  // A record that names its author (a review's reviewer) names the person making each change.
  if (
    type.authorField !== undefined &&
    type.authorField in fields &&
    fields[type.authorField] !== mutation.author.id
  ) {
    return rejected(
      mutation,
      'forbidden',
      `A ${entity} record may only name the person making the change (${type.authorField}).`,
    );
  }
  // Write-once keys (a record number) are set once and then never altered, by any op.
  for (const key of type.writeOnceKeys) {
    if (current[key] !== undefined && key in fields && !sameFieldValue(fields[key], current[key])) {
      return rejected(
        mutation,
        'invalid_record',
        `The ${key} of a record never changes once given (this record's is ${JSON.stringify(current[key])}).`,
      );
    }
  }
  // A record written before such a key existed may be given it, even when final: its laptop
  // numbers its older records once (that is not a change to the evidence).
  const firstSet = type.writeOnceKeys.filter(
    (key) => current[key] === undefined && fields[key] !== undefined && fields[key] !== null,
  );

  if (op === 'delete') {
    if (record.status !== 'draft') {
      return rejected(mutation, 'not_deletable', 'Only a draft can be deleted.');
    }
    return decision(mutation, {
      next: { id: record.id, entity, deleted: true, status: record.status, data: null },
    });
  }

  // A change to evidence that is not an amendment: fine if it changes nothing, else the laptop
  // is told which fields differ and may send them as an amendment.
  if (record.status === 'final' && op !== 'amend') {
    const differing = Object.keys(fields).filter(
      (key) => !sameFieldValue(fields[key], current[key]) && !firstSet.includes(key),
    );
    if (differing.length === 0 && firstSet.length === 0) return decision(mutation);
    if (differing.length > 0)
      return decision(mutation, {
        outcome: 'conflict',
        reason: 'record_final',
        message: 'This record is final on the server; send the changes as an amendment.',
        conflictFields: differing,
        conflicts: differing.map((field) => ({
          field,
          deviceValue: fields[field],
          serverValue: current[field],
          kind: 'record_final',
        })),
      });
  }

  const conflictFields: string[] = [];
  const applied: RecordData = {};
  for (const [key, value] of Object.entries(fields)) {
    if (sameFieldValue(value, current[key])) continue;
    if (context.otherChangedFields.has(key)) conflictFields.push(key);
    else applied[key] = value;
  }
  const becomesFinal = op === 'finalise' || (op === 'amend' && record.status === 'final');
  const status = becomesFinal ? 'final' : record.status;
  const changedFields = Object.keys(applied);
  const conflicts: FieldConflict[] = conflictFields.map((field) => ({
    field,
    deviceValue: fields[field],
    serverValue: current[field],
    kind: 'field',
  }));
  const base = decision(mutation, {
    outcome: conflictFields.length > 0 ? 'conflict' : 'applied',
    message: conflictFields.length > 0 ? 'Another device changed the same fields first.' : null,
    merged: conflictFields.length === 0 && context.otherChangedFields.size > 0,
    conflictFields,
    conflicts,
    changedFields,
  });
  if (changedFields.length === 0 && status === record.status) return base;

  const candidate: RecordData = withoutCleared({ ...current, ...applied });
  if (type.lifecycle === 'finalised') {
    Object.assign(candidate, { status, revision: record.serverRev + 1 });
  }
  // A final record's rules that need the clock (no event in the future) apply when it becomes
  // final or is amended; an untouched final record is not judged again by a later day's clock.
  const valid = validateRecord(entity, candidate, status === 'final', context.record);
  if (!valid.ok) return rejected(mutation, 'invalid_record', valid.message);
  return {
    ...base,
    next: {
      id: record.id,
      entity,
      deleted: false,
      status,
      data: withServerKeys(entity, record.id, valid.data, status, record.serverRev + 1),
    },
  };
}
