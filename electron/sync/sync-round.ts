import { createHash } from 'node:crypto';
import {
  MAX_PULL_LIMIT,
  SYNC_PROTOCOL_VERSION,
  syncRoutes,
  UPLOAD_CHUNK_BYTES,
  type Mutation,
  type MutationOp,
  type PullCursor,
  type PushResponse,
  type SyncEntity,
} from '../../shared/sync/protocol.ts';
import { maxAttachmentBytes } from '../../shared/domain/attachment.ts';
import type { SyncStatus } from '../../shared/ipc/procedures/sync.ts';
import type { Logger } from '../logging/logger.ts';
import { deleteBlob, readBlob, sha256Hex, writeBlob } from '../store/blob-store.ts';
import type { Db } from '../store/encrypted-database.ts';
import { setPeopleCursor } from '../store/centre-people.ts';
import { localAmendmentsOf } from '../store/intake-amendments.ts';
import { appendOutbox, SYNCED_ENTITY_SQL } from '../store/outbox.ts';
import { deferSearchIndexes, restoreOneSearchIndex } from '../store/search-indexes.ts';
import {
  applyServerPage,
  applyServerRemovals,
  applyServerRecord,
  insertSyncIssue,
  readSyncState,
  rebasePendingChanges,
  REMOTE_ROLE,
  serverStateToPulled,
  setServerRev,
  settleDeferred,
  updateSyncState,
} from '../store/sync-repository.ts';
import { takeBatch } from './batching.ts';
import { changedTopLevelFields, pickFields } from './fields.ts';
import { SyncHttpError, type SyncHttp } from './http-port.ts';
import { pagesInThread, pagesOnWorker, type PullPageSource } from './pull-page-source.ts';
import { preparePullPage, type PreparedPullPage } from './pulled-page.ts';

/** What one round's steps need; `open` throws LOCKED once the session locked (db closed). */
export interface RoundContext {
  readonly open: () => {
    db: Db;
    dbId: string;
    dek: Buffer;
    dataDir: string;
    /** The person signed in (absent in tests that drive a round without a session). */
    user?: { id: string };
  };
  readonly http: SyncHttp;
  /**
   * The page reader's worker thread (pull-page-worker.ts, or its bundle): a pull of more than one
   * page reads and validates its pages there. Without it, or if it fails, they are read here.
   */
  readonly pullWorker?: string | URL;
  readonly now: () => Date;
  readonly log: Logger;
  readonly progress: (
    step: NonNullable<SyncStatus['progress']>['step'],
    done: number,
    total: number | null,
  ) => void;
}

interface PendingRow {
  mutation_id: number;
  wire_id: number | null;
  entity: SyncEntity;
  entity_id: string;
  op: MutationOp;
  base_revision: number;
  payload_json: string;
  changed_fields_json: string | null;
  created_at: string;
  created_by: string;
  reason: string | null;
  author_name: string | null;
  author_role: string | null;
}

function toMutation(row: PendingRow, wireId: number): Mutation {
  const payload = JSON.parse(row.payload_json) as Record<string, unknown>;
  const fields =
    row.changed_fields_json === null ? null : (JSON.parse(row.changed_fields_json) as string[]);
  return {
    mutationId: wireId,
    entity: row.entity,
    entityId: row.entity_id,
    op: row.op,
    baseRev: row.base_revision,
    fields: pickFields(row.entity, payload, fields),
    // The role as the person holds it now; the server checks it against the record type. A
    // person known only from sync has no role here, and the server refuses (shown as an issue).
    author: {
      id: row.created_by,
      name: row.author_name ?? row.created_by,
      role: (row.author_role ?? REMOTE_ROLE) as Mutation['author']['role'],
    },
    deviceTime: row.created_at,
    ...(row.op === 'amend' && row.reason !== null ? { reason: row.reason } : {}),
  };
}

/**
 * Sends every pending change, oldest first, in batches. Each answer is stored in one local
 * transaction: acknowledged rows leave the outbox, conflicts and rejections become sync issues,
 * the server's copy replaces the local one where nothing newer is waiting. A network failure
 * leaves the outbox untouched: the same mutation ids are sent again and the server answers a
 * replay with the stored result.
 */
export async function pushAll(ctx: RoundContext): Promise<number> {
  let sent = 0;
  let gaps = 0;
  let total: number | null = null;
  for (;;) {
    const { db } = ctx.open();
    // Local people are not a synced entity: their rows never leave the laptop.
    db.prepare(`DELETE FROM outbox WHERE entity NOT IN ${SYNCED_ENTITY_SQL}`).run();
    total ??= (
      db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }
    ).n;
    const rows = db
      .prepare(
        `SELECT o.*, u.name AS author_name, u.role AS author_role FROM outbox o
         LEFT JOIN users u ON u.id = o.created_by
         WHERE o.state = 'pending' ORDER BY o.mutation_id LIMIT 500`,
      )
      .all() as PendingRow[];
    if (rows.length === 0) return sent;
    const state = readSyncState(db);
    if (state.deviceId === null) throw new SyncHttpError('unauthorized', 'Not enrolled.');
    // Sizes with a provisional id; the id's own digits do not move a batch across the limit.
    const sizes = rows.map((row) => JSON.stringify(toMutation(row, 1)).length + 32);
    const batch = rows.slice(0, takeBatch(sizes));
    const mutations = db.transaction(() => {
      let next = readSyncState(db).nextMutationId;
      const assign = db.prepare('UPDATE outbox SET wire_id = ? WHERE mutation_id = ?');
      const out = batch.map((row) => {
        if (row.wire_id === null) {
          row.wire_id = next;
          assign.run(next, row.mutation_id);
          next += 1;
        }
        return toMutation(row, row.wire_id);
      });
      updateSyncState(db, { nextMutationId: next });
      return out;
    })();
    ctx.progress('push', sent, Math.max(total, sent + batch.length));
    let response: PushResponse;
    try {
      response = await ctx.http.push({
        deviceId: state.deviceId,
        protocolVersion: SYNC_PROTOCOL_VERSION,
        serverEpoch: state.serverEpoch,
        mutations,
      });
    } catch (error) {
      const expected = error instanceof SyncHttpError ? error.body?.expected : undefined;
      if (error instanceof SyncHttpError && error.body?.error === 'MUTATION_GAP' && expected) {
        // The server needs `expected` next: number the unacknowledged changes from there.
        gaps += 1;
        if (gaps > 3) throw error;
        const { db: again } = ctx.open();
        again.transaction(() => {
          again.prepare("UPDATE outbox SET wire_id = NULL WHERE state = 'pending'").run();
          updateSyncState(again, { nextMutationId: expected });
        })();
        ctx.log.warn('sync.mutation_gap', { expected });
        continue;
      }
      throw error;
    }
    const { db: after, dbId } = ctx.open();
    const photosGone = after.transaction(() =>
      storePushResults(after, dbId, batch, mutations, response, ctx.now()),
    )();
    await deletePhotoFiles(ctx, photosGone);
    sent += batch.length;
    ctx.progress('push', sent, Math.max(total, sent));
  }
}

function storePushResults(
  db: Db,
  dbId: string,
  batch: readonly PendingRow[],
  mutations: readonly Mutation[],
  response: PushResponse,
  now: Date,
): string[] {
  const at = now.toISOString();
  const photosGone: string[] = [];
  const byWire = new Map(
    batch.map((row, index) => [row.wire_id, { row, mutation: mutations[index] }]),
  );
  const remove = db.prepare('DELETE FROM outbox WHERE mutation_id = ?');
  for (const result of response.results) {
    const entry = byWire.get(result.mutationId);
    if (entry === undefined || entry.mutation === undefined) continue;
    const { row, mutation } = entry;
    remove.run(row.mutation_id);
    if (result.outcome !== 'applied') {
      const pulled =
        result.serverRev === null
          ? null
          : serverStateToPulled(
              row.entity,
              row.entity_id,
              result.serverRev,
              result.serverState,
              mutation.author,
              at,
            );
      const server = (pulled?.data ?? {}) as Record<string, unknown>;
      const names =
        result.outcome === 'conflict' ? result.conflictFields : Object.keys(mutation.fields);
      const fields: Record<string, { mine: unknown; server: unknown }> = {};
      for (const name of names) {
        fields[name] = { mine: mutation.fields[name] ?? null, server: server[name] ?? null };
      }
      insertSyncIssue(db, {
        entity: row.entity,
        entityId: row.entity_id,
        mutationId: result.mutationId,
        kind: result.outcome,
        reason: result.reason,
        message: result.message,
        fields,
        recordFinal: pulled?.status === 'final',
        createdAt: at,
        createdBy: row.created_by,
      });
      // The server's copy becomes ours unless a newer local change is still waiting (deferred).
      if (pulled !== null) applyServerRecord(db, dbId, pulled, at);
    }
    if (result.serverRev !== null && result.serverRev > 0) {
      setServerRev(db, row.entity, row.entity_id, result.serverRev);
    }
    photosGone.push(...settleDeferred(db, dbId, row.entity_id, at));
  }
  return photosGone;
}

/**
 * After the transaction that removed their descriptions committed: the encrypted files of photos
 * that left this laptop's scope. A crash before this leaves a file nothing refers to, unreadable
 * without the database's key, as an interrupted download would.
 */
async function deletePhotoFiles(ctx: RoundContext, sha256s: readonly string[]): Promise<void> {
  if (sha256s.length === 0) return;
  const { dataDir } = ctx.open();
  for (const sha256 of sha256s) await deleteBlob(dataDir, sha256);
}

/**
 * Pulls every change after the cursor, one page per local transaction together with the cursor, so
 * a crash or a lost connection resumes from the last stored page. An epoch change (server restored
 * from a backup) restarts from zero and, once complete, re-queues what the server lacks.
 * Pages are as large as the server allows: each commit writes and syncs the index pages its
 * records share once, and there are fewer round trips.
 *
 * The next page is requested as soon as this page's cursor is known, so the server and the network
 * work while this page is written. Pages are still applied strictly in order, each with its cursor
 * in one transaction: a failure abandons the request in flight and leaves the cursor at the last
 * committed page.
 */
export async function pullAll(ctx: RoundContext, pageSize = MAX_PULL_LIMIT): Promise<number> {
  const deferred = deferSearchIndexesIfFirstPull(ctx.open().db);
  try {
    return await pullPages(ctx, pageSize);
  } finally {
    if (deferred) await restoreSearchIndexesBetweenTasks(ctx);
  }
}

/** An empty store pulling from the start is a first load: its search indexes are built at the end. */
function deferSearchIndexesIfFirstPull(db: Db): boolean {
  const state = readSyncState(db);
  if (state.pullAfterVersion !== 0 || state.pullAfterId !== '') return false;
  if (db.prepare('SELECT 1 FROM intake_events LIMIT 1').get() !== undefined) return false;
  return deferSearchIndexes(db) > 0;
}

/**
 * One index per task, so the window stays responsive while they build. If the store was locked
 * meanwhile, the next open builds what is left.
 */
async function restoreSearchIndexesBetweenTasks(ctx: RoundContext): Promise<void> {
  for (;;) {
    let db: Db;
    try {
      ({ db } = ctx.open());
    } catch {
      return;
    }
    if (!restoreOneSearchIndex(db)) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function pullPages(ctx: RoundContext, pageSize: number): Promise<number> {
  let received = 0;
  let restarts = 0;
  for (;;) {
    const state = readSyncState(ctx.open().db);
    let epoch = state.serverEpoch;
    const from = { afterVersion: state.pullAfterVersion, afterId: state.pullAfterId };
    let first: PreparedPullPage | null = preparePullPage(await ctx.http.pullText(from, pageSize));
    let pages: PullPageSource | null = null;
    let restart = false;
    try {
      for (;;) {
        const { page, intakes } = first ?? (await (pages as PullPageSource).next());
        first = null;
        const { db, dbId } = ctx.open();
        if (epoch !== null && page.serverEpoch !== epoch) {
          restarts += 1;
          if (restarts > 2) throw new SyncHttpError('protocol', 'The server epoch keeps changing.');
          startRepull(db, page.serverEpoch);
          ctx.log.warn('sync.epoch_changed', {});
          restart = true;
          break;
        }
        if (pages === null && page.hasMore) {
          pages = openPageSource(ctx, page.next, pageSize);
          // Let the request leave before this page's synchronous write holds the thread.
          await new Promise((resolve) => setImmediate(resolve));
        }
        const at = ctx.now().toISOString();
        const photosGone = db.transaction(() => {
          applyServerPage(db, dbId, page.changes, at, intakes).forEach((outcome, index) => {
            const change = page.changes[index];
            if (outcome === 'invalid' && change !== undefined) {
              ctx.log.warn('sync.pulled_record_invalid', { entity: change.entity, id: change.id });
            }
          });
          // Records that left this laptop's team scope go in the same transaction as the page.
          const gone = applyServerRemovals(db, dbId, page.removed, at);
          updateSyncState(db, {
            pullAfterVersion: page.next.afterVersion,
            pullAfterId: page.next.afterId,
            serverEpoch: page.serverEpoch,
          });
          return gone;
        })();
        await deletePhotoFiles(ctx, photosGone);
        epoch = page.serverEpoch;
        received += page.changes.length + page.removed.length;
        ctx.progress('pull', received, null);
        if (!page.hasMore) break;
      }
    } finally {
      // A page read ahead and not written (epoch change, a failed write, a lock) is dropped.
      pages?.close();
    }
    if (!restart) break;
  }
  const { db } = ctx.open();
  if (readSyncState(db).repull) {
    db.transaction(() => {
      requeueUnknownRecords(db, ctx.now().toISOString(), ctx.open().user?.id ?? null);
      rebasePendingChanges(db);
      updateSyncState(db, { repull: false });
    })();
  }
  return received;
}

/**
 * The pages after a pull's first: on a worker thread when the round has one (they are read and
 * validated while this thread writes), otherwise here.
 */
function openPageSource(ctx: RoundContext, from: PullCursor, pageSize: number): PullPageSource {
  const onWorker =
    ctx.pullWorker === undefined
      ? null
      : pagesOnWorker(ctx.pullWorker, ctx.http, from, pageSize, (reason) =>
          ctx.log.warn('sync.pull_reader_lost', { reason }),
        );
  return onWorker ?? pagesInThread(ctx.http, from, pageSize);
}

/**
 * The server was restored (or this is another server): forget what it acknowledged, pull from
 * zero, keep the outbox. Records it does not send back are re-queued afterwards.
 */
export function startRepull(db: Db, serverEpoch: string | null): void {
  db.transaction(() => {
    updateSyncState(db, {
      serverEpoch: serverEpoch ?? undefined,
      pullAfterVersion: 0,
      pullAfterId: '',
      repull: true,
    });
    for (const table of [
      'intake_events',
      'locations',
      'campaigns',
      'signing_keys',
      'custody_records',
      'trace_requests',
      'historic_counts',
      'record_reviews',
    ]) {
      db.prepare(`UPDATE ${table} SET server_rev = 0`).run();
    }
    db.prepare("UPDATE attachments SET server_rev = 0 WHERE upload_state <> 'remote'").run();
    // The restored server's decisions about people are read again from its first.
    setPeopleCursor(db, 0);
  })();
}

/** After a full re-pull: every record still at server_rev 0 is sent again in full. */
function requeueUnknownRecords(db: Db, at: string, signedIn: string | null): void {
  // Re-sent on behalf of its last author when that is a person of this laptop; a record last
  // changed elsewhere is re-sent by the person signed in here (the server checks the sender's
  // role, and this laptop does not know the other person's).
  const isLocal = db.prepare('SELECT 1 FROM users WHERE id = ? AND role <> ?');
  const sender = (author: string): string =>
    signedIn !== null && isLocal.get(author, REMOTE_ROLE) === undefined ? signedIn : author;
  const pendingFirst = db.prepare(
    `SELECT mutation_id AS id, op FROM outbox WHERE entity_id = ? AND state = 'pending'
     ORDER BY mutation_id LIMIT 1`,
  );
  const makeCreate = db.prepare(
    "UPDATE outbox SET op = 'create', changed_fields_json = NULL, base_revision = 0 WHERE mutation_id = ?",
  );
  const finalise = (entity: SyncEntity, id: string, payload: unknown, by: string): void => {
    appendOutbox(db, {
      entity,
      entityId: id,
      op: 'finalise',
      baseRevision: 0,
      payload,
      changedFields: [],
      createdAt: at,
      createdBy: by,
    });
  };
  const queue = (
    entity: SyncEntity,
    id: string,
    payload: unknown,
    by: string,
    final: boolean,
  ): void => {
    const first = pendingFirst.get(id) as { id: number; op: string } | undefined;
    if (first !== undefined) {
      // Its first waiting change carries the whole state: sent as a create, the server has it all.
      if (first.op !== 'create' && first.op !== 'delete') makeCreate.run(first.id);
      // A finalisation or an amendment turned into a create arrives as a draft: the record is
      // finalised again after the changes that wait behind it (amendments apply to a draft as
      // edits), so the server ends with the final record the laptop holds.
      if (final && (first.op === 'finalise' || first.op === 'amend'))
        finalise(entity, id, payload, by);
      return;
    }
    appendOutbox(db, {
      entity,
      entityId: id,
      op: 'create',
      baseRevision: 0,
      payload,
      changedFields: null,
      createdAt: at,
      createdBy: by,
    });
    if (final) finalise(entity, id, payload, by);
  };
  for (const row of db
    .prepare('SELECT id, status, data_json, updated_by FROM intake_events WHERE server_rev = 0')
    .all() as { id: string; status: string; data_json: string; updated_by: string }[]) {
    const amendments = row.status === 'final' ? localAmendmentsOf(db, row.id) : [];
    const replayable =
      amendments.length > 0 &&
      pendingFirst.get(row.id) === undefined &&
      amendments.every((amendment) => isLocal.get(amendment.userId, REMOTE_ROLE) !== undefined);
    if (!replayable) {
      queue(
        'intake_event',
        row.id,
        JSON.parse(row.data_json),
        sender(row.updated_by),
        row.status === 'final',
      );
      continue;
    }
    // A final record amended here goes back as it was finalised, then amendment by amendment,
    // each by its author at its time with its reason: the server's history of the evidence
    // (who changed it, when and why) is whole again, not only its last state. Amendments made
    // elsewhere are not this laptop's to re-send.
    const first = amendments[0]!;
    queue('intake_event', row.id, first.before, sender(row.updated_by), true);
    for (const amendment of amendments) {
      appendOutbox(db, {
        entity: 'intake_event',
        entityId: row.id,
        op: 'amend',
        baseRevision: 0,
        payload: amendment.after,
        changedFields: changedTopLevelFields('intake_event', amendment.before, amendment.after),
        createdAt: amendment.at,
        createdBy: amendment.userId,
        reason: amendment.reason,
      });
    }
  }
  const referenceTables = {
    location: 'locations',
    campaign: 'campaigns',
    trace_request: 'trace_requests',
    historic_count: 'historic_counts',
    record_review: 'record_reviews',
  } as const;
  for (const entity of [
    'location',
    'campaign',
    'trace_request',
    'historic_count',
    'record_review',
  ] as const) {
    const table = referenceTables[entity];
    for (const row of db
      .prepare(`SELECT id, data_json, created_by FROM ${table} WHERE server_rev = 0`)
      .all() as { id: string; data_json: string; created_by: string }[]) {
      queue(entity, row.id, JSON.parse(row.data_json), sender(row.created_by), false);
    }
  }
  for (const row of db
    .prepare(
      "SELECT sha256, mime, size, created_by FROM attachments WHERE server_rev = 0 AND upload_state <> 'remote'",
    )
    .all() as { sha256: string; mime: string; size: number; created_by: string }[]) {
    queue(
      'attachment',
      row.sha256,
      { sha256: row.sha256, mime: row.mime, size: row.size },
      sender(row.created_by),
      false,
    );
    db.prepare(
      "UPDATE attachments SET upload_state = 'queued', upload_url = NULL, uploaded_bytes = 0 WHERE sha256 = ?",
    ).run(row.sha256);
  }
  // Sealed records go back only from the laptop of the person who sealed them (the server
  // checks that a seal names its sender), each signing key before the records it sealed.
  const local = `JOIN users u ON u.id = %s AND u.role <> '${REMOTE_ROLE}'`;
  for (const row of db
    .prepare(
      `SELECT k.key_id, k.user_id, k.public_key, k.created_at FROM signing_keys k
       ${local.replace('%s', 'k.user_id')} WHERE k.server_rev = 0 ORDER BY k.key_id`,
    )
    .all() as { key_id: string; user_id: string; public_key: string; created_at: string }[]) {
    const key = {
      id: row.key_id,
      personId: row.user_id,
      algorithm: 'ed25519',
      publicKey: row.public_key,
      createdAt: row.created_at,
    };
    queue('signing_key', row.key_id, key, row.user_id, false);
  }
  for (const row of db
    .prepare(
      `SELECT c.id, c.entity, c.data_json, c.created_by FROM custody_records c
       ${local.replace('%s', 'c.created_by')} WHERE c.server_rev = 0 ORDER BY c.id`,
    )
    .all() as { id: string; entity: SyncEntity; data_json: string; created_by: string }[]) {
    queue(row.entity, row.id, JSON.parse(row.data_json), row.created_by, false);
  }
}

// ---- Photos (tus 1.0) ------------------------------------------------------------------------

interface UploadRow {
  sha256: string;
  mime: string;
  size: number;
  upload_state: 'queued' | 'uploading' | 'uploaded';
  upload_url: string | null;
}

/**
 * Bytes of photos a round moves each way (at least one photo): a laptop far behind, say a first
 * sync of thousands of photos over a poor link, would otherwise hold every later round, and the
 * records saved meanwhile, until the last photo was through. What is left goes next round, soon.
 */
export const PHOTO_BYTES_PER_ROUND = 64 * 1024 * 1024;

/** Photos a round moved, and how many it left for the next round (its bytes were used up). */
export interface PhotoTransfer {
  readonly moved: number;
  readonly left: number;
}

/** The oldest photos up to `budget` bytes, and always the first. */
function withinBudget<T extends { size: number }>(rows: readonly T[], budget: number): T[] {
  let bytes = 0;
  let count = 0;
  for (const row of rows) {
    if (count > 0 && bytes + row.size > budget) break;
    bytes += row.size;
    count += 1;
  }
  return rows.slice(0, count);
}

/**
 * Uploads the photos the server does not have yet, oldest first and up to the round's share,
 * 1 MiB at a time with a SHA-256 per chunk, resuming from the server's offset. Runs after
 * records: a slow upload never holds records back. A failure here is logged and retried next
 * round; it does not fail the round.
 */
export async function uploadPhotos(
  ctx: RoundContext,
  budget = PHOTO_BYTES_PER_ROUND,
): Promise<PhotoTransfer> {
  const { db } = ctx.open();
  const waiting = db
    .prepare(
      `SELECT sha256, mime, size, upload_state, upload_url FROM attachments
       WHERE upload_state IN ('queued', 'uploading', 'uploaded') ORDER BY created_at`,
    )
    .all() as UploadRow[];
  const rows = withinBudget(waiting, budget);
  let done = 0;
  for (const row of rows) {
    ctx.progress('photos', done, rows.length);
    await uploadOne(ctx, row);
    done += 1;
  }
  if (rows.length > 0) ctx.progress('photos', done, rows.length);
  return { moved: done, left: waiting.length - rows.length };
}

function setUpload(
  ctx: RoundContext,
  sha256: string,
  patch: { state?: string; url?: string | null; bytes?: number },
): void {
  const { db } = ctx.open();
  db.prepare(
    `UPDATE attachments SET upload_state = coalesce(?, upload_state),
       upload_url = CASE WHEN ? THEN ? ELSE upload_url END,
       uploaded_bytes = coalesce(?, uploaded_bytes) WHERE sha256 = ?`,
  ).run(
    patch.state ?? null,
    patch.url !== undefined ? 1 : 0,
    patch.url ?? null,
    patch.bytes ?? null,
    sha256,
  );
}

async function uploadOne(ctx: RoundContext, row: UploadRow): Promise<void> {
  const { http } = ctx;
  const known = await http.tus('HEAD', syncRoutes.fileBySha256(row.sha256), {});
  if (known.status === 200) {
    setUpload(ctx, row.sha256, { state: 'verified', bytes: row.size });
    return;
  }
  let url = row.upload_url;
  let offset = 0;
  if (url !== null) {
    const head = await http.tus('HEAD', url, {});
    if (head.status === 200 || head.status === 204) {
      offset = Number(head.headers.get('upload-offset') ?? '0');
    } else {
      url = null;
    }
  }
  if (url === null) {
    const created = await http.tus('POST', syncRoutes.files, {
      'upload-length': String(row.size),
      'upload-metadata': `sha256 ${b64(row.sha256)},mime ${b64(row.mime)}`,
    });
    const location = created.headers.get('location');
    if (created.status !== 201 || location === null) {
      throw new SyncHttpError(
        'protocol',
        `The server refused the photo upload (${created.status}).`,
      );
    }
    url = http.url(location);
    offset = 0;
    setUpload(ctx, row.sha256, { state: 'uploading', url, bytes: 0 });
  }
  const { dek, dataDir } = ctx.open();
  const key = Buffer.from(dek);
  let bytes: Buffer;
  try {
    bytes = await readBlob(dataDir, key, row.sha256);
  } finally {
    key.fill(0);
  }
  let retries = 0;
  while (offset < bytes.byteLength) {
    const chunk = bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES);
    const digest = createHash('sha256').update(chunk).digest('base64');
    const answer = await http.tus(
      'PATCH',
      url,
      {
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
        'upload-checksum': `sha256 ${digest}`,
      },
      chunk,
    );
    if (answer.status === 204 || answer.status === 200) {
      offset = Number(answer.headers.get('upload-offset') ?? offset + chunk.byteLength);
      setUpload(ctx, row.sha256, { bytes: offset });
      retries = 0;
      continue;
    }
    retries += 1;
    if (retries > 3) {
      throw new SyncHttpError('protocol', `The server refused a photo chunk (${answer.status}).`);
    }
    if (answer.status === 409 || answer.status === 460) {
      // Out of step (a lost answer) or damaged in transit: ask where the server stands.
      const head = await http.tus('HEAD', url, {});
      if (head.status === 404 || head.status === 410) {
        setUpload(ctx, row.sha256, { state: 'queued', url: null, bytes: 0 });
        return;
      }
      offset = Number(head.headers.get('upload-offset') ?? '0');
      continue;
    }
    throw new SyncHttpError('server_error', `The photo upload failed (${answer.status}).`);
  }
  setUpload(ctx, row.sha256, { state: 'uploaded', bytes: offset });
  const verified = await http.tus('HEAD', syncRoutes.fileBySha256(row.sha256), {});
  if (verified.status === 200) setUpload(ctx, row.sha256, { state: 'verified' });
}

/**
 * Photos of records pulled from other laptops, fetched after this laptop's own uploads, oldest
 * first and up to the round's share. Each is checked against the SHA-256 its record names before
 * it is stored (encrypted, like every photo here); one the server does not have yet is tried
 * again next round. One the server cannot give whole (damaged there, or not matching its digest)
 * is logged and skipped, so it does not hold back the others; losing the connection stops them
 * all.
 */
export async function downloadPhotos(
  ctx: RoundContext,
  budget = PHOTO_BYTES_PER_ROUND,
): Promise<PhotoTransfer> {
  const waiting = ctx
    .open()
    .db.prepare(
      "SELECT sha256, size FROM attachments WHERE upload_state = 'remote' ORDER BY created_at",
    )
    .all() as Array<{ sha256: string; size: number }>;
  const rows = withinBudget(waiting, budget);
  let done = 0;
  for (const row of rows) {
    ctx.progress('photoDownloads', done, rows.length);
    let bytes: Uint8Array | null;
    try {
      bytes = await ctx.http.downloadPhoto(row.sha256, maxAttachmentBytes);
    } catch (error) {
      if (
        error instanceof SyncHttpError &&
        (error.kind === 'server_error' || error.kind === 'protocol')
      ) {
        ctx.log.warn('sync.photo_download_failed', { sha256: row.sha256, kind: error.kind });
        continue;
      }
      throw error;
    }
    if (bytes === null) continue;
    if (sha256Hex(bytes) !== row.sha256) {
      ctx.log.warn('sync.photo_download_failed', { sha256: row.sha256, kind: 'digest_mismatch' });
      continue;
    }
    const { dek, dataDir } = ctx.open();
    // A private copy of the key: a lock while the file is written wipes the session's key.
    const key = Buffer.from(dek);
    try {
      await writeBlob(dataDir, key, bytes);
    } finally {
      key.fill(0);
    }
    // The file first, then the row that says it is here: a crash between leaves an orphan file
    // that the next download finds in place (writeBlob skips an existing digest).
    ctx
      .open()
      .db.prepare(
        `UPDATE attachments SET upload_state = 'verified', uploaded_bytes = size
         WHERE sha256 = ? AND upload_state = 'remote'`,
      )
      .run(row.sha256);
    done += 1;
  }
  if (rows.length > 0) ctx.progress('photoDownloads', rows.length, rows.length);
  return { moved: done, left: waiting.length - rows.length };
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
