import { recordTypeOf, todayOf, type RecordContext } from '../../shared/records/record-types.ts';
import {
  SYNC_PROTOCOL_VERSION,
  type Author,
  type Mutation,
  type MutationResult,
  type PushRequest,
} from '../../shared/sync/protocol.ts';
import type { Database, Queryable } from '../db/database.ts';
import { isTransientDatabaseError } from '../db/sql-errors.ts';
import { SyncHttpError } from '../http/sync-http-error.ts';
import { centreRolesOf } from '../people/people.ts';
import { isKnownEpoch, readServerEpoch } from '../server-meta.ts';
import { decideMutation, rejected, type Decision } from './decide-mutation.ts';
import { itemWritesOf } from './item-rows.ts';
import { photosReferencedBy } from './photo-refs.ts';
import { writeScopeFacts } from '../teams/scope-facts.ts';
import { updateTeamScopes } from '../teams/team-scope.ts';
import {
  loadReferencedRecords,
  loadOtherDevicesChanges,
  loadStoredResults,
  stampVersion,
  writeResults,
  writeUnversioned,
  type StoredResult,
  type UnversionedWrites,
} from './push-store.ts';
import {
  loadRecordsForUpdate,
  readRecords,
  toPulledRecord,
  type StoredRecord,
} from './stored-record.ts';

/**
 * Push (sync-plan "Push", sync-and-crypto 7.2): one transaction per request. The device row lock
 * orders a device's pushes and the records' row locks (FOR UPDATE) order changes to a record. The
 * sync_space row lock orders versions across devices (commit order = version order); it is taken
 * only once the batch is decided and written, so one laptop's batch is validated, merged and
 * stored while another's is being versioned; under the lock the records only get their version
 * and the results are stored. Every result is stored before the answer is sent.
 */
export async function applyPush(
  db: Database,
  deviceId: string,
  request: PushRequest,
  now: Date = new Date(),
): Promise<string> {
  // A record created by another laptop between this batch's read and its write (no row to lock
  // yet) makes the write refuse; the whole request then runs again and finds the record.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction((tx) => applyPushIn(tx, deviceId, request, now));
    } catch (error) {
      if (!(error instanceof CreatedMeanwhile) || attempt === 3) throw error;
    }
  }
}

/**
 * A push the server makes itself (the web console's reviews): the mutations are built inside the
 * transaction from the device's last mutation id, under its row lock, so two console actions at
 * once number theirs one after the other; then decided and stored exactly as a laptop's push.
 */
export async function applyServerPush(
  db: Database,
  deviceId: string,
  build: (tx: Queryable, lastMutationId: number) => Promise<Mutation[]>,
  now: Date = new Date(),
): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(async (tx) => {
        const device = await tx.query<{ last_mutation_id: string | number }>(
          'SELECT last_mutation_id FROM devices WHERE id = $1::uuid FOR UPDATE',
          [deviceId],
        );
        const last = device.rows[0]?.last_mutation_id;
        if (last === undefined) throw new Error(`No device ${deviceId} to push as.`);
        const mutations = await build(tx, Number(last));
        const request: PushRequest = {
          deviceId,
          protocolVersion: SYNC_PROTOCOL_VERSION,
          serverEpoch: await readServerEpoch(tx),
          mutations,
        };
        return applyPushIn(tx, deviceId, request, now);
      });
    } catch (error) {
      if (!(error instanceof CreatedMeanwhile) || attempt === 3) throw error;
    }
  }
}

async function applyPushIn(
  tx: Queryable,
  deviceId: string,
  request: PushRequest,
  now: Date,
): Promise<string> {
  const device = await tx.query<{ last_mutation_id: string | number; team_id: string }>(
    'SELECT last_mutation_id, team_id FROM devices WHERE id = $1::uuid FOR UPDATE',
    [deviceId],
  );
  const deviceRow = device.rows[0];
  if (deviceRow === undefined) throw new SyncHttpError(401, 'UNAUTHORIZED', 'Unknown device.');
  const team = { deviceId, teamId: deviceRow.team_id };
  let last = Number(deviceRow.last_mutation_id);
  const serverEpoch = await readServerEpoch(tx);
  if (request.serverEpoch !== null && request.serverEpoch !== serverEpoch) {
    // Idempotency never resets here: a stored result is the answer to its mutation id for good.
    // A laptop that has not seen a restore pulls first (its revisions are the old epoch's) and
    // then pushes; a gap the restore left is answered with MUTATION_GAP like any other.
    if (await isKnownEpoch(tx, request.serverEpoch)) {
      throw new SyncHttpError(
        409,
        'EPOCH_CHANGED',
        'The server was restored from a backup since this laptop last synced: pull first.',
      );
    }
    throw new SyncHttpError(400, 'UNKNOWN_EPOCH', 'This server never had the epoch named.', {
      issues: [{ path: 'serverEpoch', message: 'unknownEpoch' }],
    });
  }

  const fresh: Mutation[] = [];
  for (const mutation of request.mutations) {
    if (mutation.mutationId <= last) continue;
    if (mutation.mutationId !== last + 1) {
      throw new SyncHttpError(409, 'MUTATION_GAP', `Mutation ${last + 1} is missing.`, {
        expected: last + 1,
      });
    }
    fresh.push(mutation);
    last = mutation.mutationId;
  }

  const nowIso = now.toISOString();
  // Before the version lock, like all a push writes but its records' version (applyWithFallback).
  await tx.query(
    `UPDATE devices SET last_mutation_id = $2, last_seen_at = $3,
       last_push_at = CASE WHEN $4 THEN $3::timestamptz ELSE last_push_at END
     WHERE id = $1::uuid`,
    [deviceId, last, nowIso, fresh.length > 0],
  );
  let version: number;
  let written = new Map<number, string>();
  if (fresh.length > 0) {
    const applied = await applyWithFallback(tx, team, fresh, nowIso);
    written = applied.results;
    version = applied.version;
  } else {
    const current = await tx.query<{ version: string | number }>(
      'SELECT version FROM sync_space WHERE id = 1',
    );
    version = Number(current.rows[0]?.version);
  }

  // Results written just now are in hand; only replays read their stored answer.
  const stored = await loadStoredResults(
    tx,
    deviceId,
    request.mutations.flatMap((mutation) =>
      written.has(mutation.mutationId) ? [] : [mutation.mutationId],
    ),
  );
  const results = request.mutations.map((mutation) => {
    const result = written.get(mutation.mutationId) ?? stored.get(mutation.mutationId);
    if (result === undefined) throw new Error(`No stored result for ${mutation.mutationId}.`);
    return result;
  });
  return `{"lastMutationId":${last},"results":[${results.join(',')}],"version":${version},"serverEpoch":${JSON.stringify(serverEpoch)}}`;
}

/** The version this transaction writes at: the next one, under the sync_space row lock. */
async function allocateVersion(tx: Queryable): Promise<number> {
  const allocated = await tx.query<{ version: string | number }>(
    'UPDATE sync_space SET version = version + 1 WHERE id = 1 RETURNING version',
  );
  return Number(allocated.rows[0]?.version);
}

/**
 * The whole batch in bulk; if a bulk statement throws (a value PostgreSQL refuses, say), the
 * batch is redone one mutation per savepoint so only the bad one is rejected. Returns the
 * version and the results it stored (mutation id → JSON text). Every statement that can refuse
 * a value, or wait for another push, runs before the version lock; under the lock (held until
 * commit, so it is every push's queue) the records only get their version. A push holding the
 * lock thus never waits for one that waits for the lock.
 */
async function applyWithFallback(
  tx: Queryable,
  { deviceId, teamId }: { deviceId: string; teamId: string },
  mutations: readonly Mutation[],
  now: string,
): Promise<{ version: number; results: Map<number, string> }> {
  const written = new Map<number, string>();
  const keep = (results: readonly StoredResult[]) => {
    for (const { mutationId, result } of results) written.set(mutationId, result);
  };
  let plans: BatchPlan[] | undefined;
  const refused: Mutation[] = [];
  await tx.query('SAVEPOINT push_bulk');
  try {
    const plan = await planBatch(tx, deviceId, mutations, now);
    keep(await writeBeforeVersion(tx, deviceId, teamId, plan, now));
    await tx.query('RELEASE SAVEPOINT push_bulk');
    plans = [plan];
  } catch (error) {
    if (mustRetry(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT push_bulk');
  }
  if (plans === undefined) {
    plans = [];
    for (const mutation of mutations) {
      await tx.query('SAVEPOINT push_one');
      try {
        const one = await planBatch(tx, deviceId, [mutation], now);
        keep(await writeBeforeVersion(tx, deviceId, teamId, one, now));
        await tx.query('RELEASE SAVEPOINT push_one');
        plans.push(one);
      } catch (error) {
        if (mustRetry(error)) throw error;
        await tx.query('ROLLBACK TO SAVEPOINT push_one');
        refused.push(mutation);
      }
    }
  }

  const version = await allocateVersion(tx);
  for (const plan of plans) keep(await writeVersioned(tx, deviceId, plan, version));
  // Under the lock, so teams' views change in commit order, as the records' versions do.
  await updateTeamScopes(
    tx,
    plans.flatMap((plan) => plan.writes.records.map((record) => record.id)),
    version,
  );
  if (refused.length > 0) {
    // Read now, so a record an earlier mutation of this push changed shows its stamped version;
    // without a lock, as nothing may wait for another push under the version lock.
    const records = await readRecords(tx, [...new Set(refused.map((m) => m.entityId))]);
    const results = refused.map((mutation) => {
      const rejection = rejected(
        mutation,
        'invalid_record',
        'The server could not store this change (a value it cannot keep).',
      );
      return {
        mutationId: mutation.mutationId,
        result: JSON.stringify(resultOf(mutation, rejection, records.get(mutation.entityId))),
      };
    });
    await writeResults(tx, deviceId, results);
    keep(results);
  }
  return { version, results: written };
}

function minBaseRevs(
  mutations: readonly Mutation[],
  records: ReadonlyMap<string, StoredRecord>,
): Map<string, number> {
  const bases = new Map<string, number>();
  for (const mutation of mutations) {
    const record = records.get(mutation.entityId);
    if (record === undefined || mutation.baseRev >= record.serverRev) continue;
    const known = bases.get(mutation.entityId);
    if (known === undefined || mutation.baseRev < known)
      bases.set(mutation.entityId, mutation.baseRev);
  }
  return bases;
}

/**
 * Records a finalise or an amendment may need for its type's final rules (the border rule needs
 * the intake's location): every record its type's reference fields name, in the change or in the
 * record as stored; and the signing key a sealed record's seal names.
 */
function referencedIds(
  mutations: readonly Mutation[],
  records: ReadonlyMap<string, StoredRecord>,
): string[] {
  const ids = new Set<string>();
  for (const mutation of mutations) {
    const type = recordTypeOf(mutation.entity);
    // A sealed record's seal is checked with its signer's registered key.
    const keyId = (mutation.fields.seal as { keyId?: unknown } | undefined)?.keyId;
    if (type.lifecycle === 'sealed' && typeof keyId === 'string') ids.add(keyId);
    if (mutation.op !== 'finalise' && mutation.op !== 'amend') continue;
    for (const field of Object.keys(recordTypeOf(mutation.entity).references)) {
      const fromFields = mutation.fields[field];
      const fromRecord = records.get(mutation.entityId)?.data?.[field];
      for (const id of [fromFields, fromRecord]) if (typeof id === 'string') ids.add(id);
    }
  }
  return [...ids];
}

function resultOf(
  mutation: Mutation,
  decision: Decision,
  record: StoredRecord | undefined,
): MutationResult {
  const showState = decision.outcome !== 'applied';
  return {
    mutationId: mutation.mutationId,
    outcome: decision.outcome,
    serverRev: record?.serverRev ?? null,
    merged: decision.merged,
    conflictFields: decision.conflictFields,
    serverState: showState && record ? toPulledRecord(record) : null,
    reason: decision.reason,
    message: decision.message,
  };
}

/** A decided batch, waiting for its version: what to write and each mutation's outcome. */
interface BatchPlan {
  writes: UnversionedWrites;
  outcomes: Array<{ mutation: Mutation; decision: Decision; after: StoredRecord | undefined }>;
}

/**
 * Loads what the batch touches (locking its existing records) and decides every mutation in
 * order, in memory. Nothing is written and no version is taken yet.
 */
async function planBatch(
  tx: Queryable,
  deviceId: string,
  mutations: readonly Mutation[],
  now: string,
): Promise<BatchPlan> {
  const records = await loadRecordsForUpdate(tx, [
    ...new Set(mutations.map((mutation) => mutation.entityId)),
  ]);
  const loaded = new Map(records);
  const newRecordIds = new Set(
    mutations.flatMap((mutation) => (records.has(mutation.entityId) ? [] : [mutation.entityId])),
  );
  const otherChanges = await loadOtherDevicesChanges(tx, deviceId, minBaseRevs(mutations, records));
  const referenced = await loadReferencedRecords(tx, referencedIds(mutations, records));
  // Once the centre has set a person's role, that role decides what their changes may do, not
  // the one their laptop sent (issue 17). A person deactivated at the centre is not refused
  // here: what they recorded offline before their laptop learnt of it still arrives.
  const centreRoles = await centreRolesOf(tx, [
    ...new Set(mutations.map((mutation) => mutation.author.id)),
  ]);
  // A record this batch changed counts as changed (a location created in the same push).
  const recordContext: RecordContext = {
    lookup: (entity, id) => {
      const found = records.get(id) ?? referenced.get(id);
      return found?.entity === entity && found.data !== null ? found.data : undefined;
    },
    today: todayOf(new Date(now)),
  };

  const people = new Map<string, Author>();
  const changed = new Set<string>();
  const writes: BatchPlan['writes'] = {
    people: [],
    history: [],
    conflicts: [],
    records: [],
    newRecordIds,
    photoRefs: { added: [], removed: [] },
    items: { replacedItemIds: [], rows: [] },
  };
  const outcomes: BatchPlan['outcomes'] = [];
  for (const mutation of mutations) {
    people.set(mutation.author.id, mutation.author);
    const record = records.get(mutation.entityId);
    const otherChangedFields = new Set<string>();
    for (const change of otherChanges.get(mutation.entityId) ?? []) {
      if (change.serverRev > mutation.baseRev) {
        for (const field of change.fields) otherChangedFields.add(field);
      }
    }
    const centreRole = centreRoles.get(mutation.author.id);
    const asDecided =
      centreRole === undefined || centreRole === mutation.author.role
        ? mutation
        : { ...mutation, author: { ...mutation.author, role: centreRole } };
    const decision = decideMutation(record, asDecided, {
      otherChangedFields,
      record: recordContext,
    });
    let after = record;
    if (decision.next !== null) {
      after = {
        ...decision.next,
        serverRev: (record?.serverRev ?? 0) + 1,
        // Set once the version is allocated (writePlan).
        version: 0,
        createdBy: record?.createdBy ?? mutation.author,
        updatedBy: mutation.author,
        receivedAt: now,
      };
      records.set(after.id, after);
      changed.add(after.id);
    }
    if (decision.outcome !== 'rejected' && after !== undefined) {
      writes.history.push({
        recordId: after.id,
        serverRev: after.serverRev,
        mutationId: mutation.mutationId,
        authorId: mutation.author.id,
        op: decision.historyOp,
        changedFields: decision.changedFields,
        fields: mutation.fields,
        deviceTime: mutation.deviceTime,
        reason: decision.historyOp === 'amend' ? (mutation.reason ?? null) : null,
      });
    }
    for (const conflict of decision.conflicts) {
      writes.conflicts.push({
        ...conflict,
        recordId: mutation.entityId,
        mutationId: mutation.mutationId,
        authorId: mutation.author.id,
        baseRev: mutation.baseRev,
        serverRev: after?.serverRev ?? 0,
      });
    }
    outcomes.push({ mutation, decision, after });
  }
  writes.people = [...people.values()];
  writes.records = [...changed].flatMap((id) => {
    const record = records.get(id);
    return record ? [record] : [];
  });
  for (const record of writes.records) {
    const before = photosOf(loaded.get(record.id));
    const after = photosOf(record);
    for (const sha256 of after) {
      if (!before.has(sha256)) writes.photoRefs.added.push({ recordId: record.id, sha256 });
    }
    for (const sha256 of before) {
      if (!after.has(sha256)) writes.photoRefs.removed.push({ recordId: record.id, sha256 });
    }
  }
  writes.items = itemWritesOf(writes.records, loaded);
  return { writes, outcomes };
}

/** The photos a stored record refers to; none for a tombstone. */
function photosOf(record: StoredRecord | undefined): Set<string> {
  if (record === undefined || record.deleted) return new Set();
  return new Set(photosReferencedBy(record.entity, record.data));
}

type Outcome = BatchPlan['outcomes'][number];

/**
 * Whether a mutation's result names the version: it shows a state this batch made (a conflict
 * or rejection after an earlier change in the batch), and such states get the version only once
 * it is allocated. Every other result is final before the lock.
 */
function namesVersion({ decision, after }: Outcome): boolean {
  return decision.outcome !== 'applied' && after?.version === 0;
}

function storedResults(outcomes: readonly Outcome[]): StoredResult[] {
  return outcomes.map(({ mutation, decision, after }) => ({
    mutationId: mutation.mutationId,
    result: JSON.stringify(resultOf(mutation, decision, after)),
  }));
}

/**
 * All but the version, and the results that do not name it; a new record another push created
 * meanwhile redoes the push. Returns the results written.
 */
async function writeBeforeVersion(
  tx: Queryable,
  deviceId: string,
  teamId: string,
  plan: BatchPlan,
  now: string,
): Promise<StoredResult[]> {
  if (!(await writeUnversioned(tx, deviceId, plan.writes, now))) throw new CreatedMeanwhile();
  await writeScopeFacts(tx, plan.writes.records, {
    creatorTeamId: teamId,
    newRecordIds: plan.writes.newRecordIds,
  });
  const results = storedResults(plan.outcomes.filter((outcome) => !namesVersion(outcome)));
  await writeResults(tx, deviceId, results);
  return results;
}

/** Under the version lock: stamps the plan's records, stores the results that name it. */
async function writeVersioned(
  tx: Queryable,
  deviceId: string,
  plan: BatchPlan,
  version: number,
): Promise<StoredResult[]> {
  const late = plan.outcomes.filter(namesVersion);
  // Every state this batch produced (the records' last ones, and the states shown in conflict
  // results) was made with version 0; states loaded from the database keep theirs.
  for (const { after } of plan.outcomes) if (after?.version === 0) after.version = version;
  await stampVersion(
    tx,
    plan.writes.records.map((record) => record.id),
    version,
  );
  const results = storedResults(late);
  await writeResults(tx, deviceId, results);
  return results;
}

/** A failure that is not the batch's own: the whole push is redone, here or by the laptop. */
function mustRetry(error: unknown): boolean {
  return error instanceof CreatedMeanwhile || isTransientDatabaseError(error);
}

/** Another push created one of this batch's new records after the batch read it. */
class CreatedMeanwhile extends Error {
  constructor() {
    super('A record of this batch was created by another push meanwhile.');
  }
}
