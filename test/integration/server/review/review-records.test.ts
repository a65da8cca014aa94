import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewIdFor } from '../../../../shared/domain/record-review.ts';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import { recordPage } from '../../../../server/console-data/register.ts';
import { reviewQueue, reviewRecords } from '../../../../server/review/review-records.ts';
import {
  goodPassphrase,
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { recordFinalSurrender } from '../../../support/final-intake.ts';
import { pdfText } from '../../../support/pdf-text.ts';
import { mutation, syncClient } from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

/** No automatic rounds: the test drives every round with syncNow. */
const manual = { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 };

type Draft = ProcedureInput<'amendIntake'>['draft'];

/** A laptop enrolled with the server, its administrator set up, and a second person signed in. */
async function laptop(
  server: SyncServerHandle,
  name: string,
  admin: string,
  person: { name: string; role: 'field_officer' | 'team_lead' },
) {
  const app = await startDispatchedApp({ prefix: `review-${name}`, sync: manual });
  const first = await setUpFirstPerson(app, { name: admin });
  await app.ok('enrollDevice', { serverUrl: server.url, code: await server.enroll(name) });
  const passphrase = goodPassphrase(person.role);
  const added = await app.ok('addPerson', { ...person, passphrase });
  await app.ok('lock');
  await app.ok('unlock', { userId: added.id, passphrase });
  return { app, admin: first, person: { id: added.id, passphrase } };
}

/** The record's surrender receipt as the laptop prints it, as text. */
async function receiptText(app: DispatchedApp, id: string): Promise<string> {
  const delivery = await app.ok('makeIntakeReceipt', { id, language: 'en' });
  if (delivery.kind !== 'download') throw new Error(`expected a download, got ${delivery.kind}`);
  const { text } = await pdfText(Buffer.from(delivery.dataBase64, 'base64'));
  return text.replace(/\s+/g, ' ');
}

async function signIn(app: DispatchedApp, who: { id: string; passphrase: string }) {
  await app.ok('lock');
  await app.ok('unlock', { userId: who.id, passphrase: who.passphrase });
}

const consoleReviewer = {
  id: '0190a8e4-0000-7000-8000-00000000c011',
  name: 'Jelena Savić (national commission)',
  role: 'team_lead' as const,
};

/**
 * Review of final records across laptops and the console (issue 17 item 3): a field officer's
 * surrender on laptop A, reviewed by a team lead on laptop B and by a reviewer in the console;
 * the author's task and its answer by amendment; concurrent reviews; who may review.
 */
describe.each(syncBackends)('review of final records (%s)', (backend) => {
  let server: SyncServerHandle;
  let a: Awaited<ReturnType<typeof laptop>>;
  let b: Awaited<ReturnType<typeof laptop>>;
  let recordId: string;

  beforeAll(async () => {
    server = await startSyncServer({ backend });
    a = await laptop(server, 'Border laptop', 'Amina Hadžić', {
      name: 'Nikola Jovanović',
      role: 'field_officer',
    });
    b = await laptop(server, 'Lead laptop', 'Petar Ilić', {
      name: 'Marko Petrović',
      role: 'team_lead',
    });
    recordId = (await recordFinalSurrender(a.app, 'Nikola Jovanović')).event.id;
    expect(await a.app.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    await b.app.ok('syncNow');
  }, 90_000);
  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
    await server?.stop();
  });

  it("refuses a field officer's review on the laptop and on the server", async () => {
    const refused = await a.app.fail('reviewRecords', { recordIds: [recordId], state: 'approved' });
    expect(refused.code).toBe('FORBIDDEN');
    expect((await a.app.ok('getRecordReview', { recordId })).standing).toBe('not_reviewed');

    // A laptop that skipped main's check: the server refuses by the type's roles.
    const device = await server.enrollDevice('Forged laptop');
    const forged = await syncClient(server.url, device).push([
      mutation({
        mutationId: 1,
        entity: 'record_review',
        entityId: reviewIdFor(recordId),
        op: 'create',
        fields: {
          reviewedRecordId: recordId,
          reviewedEntity: 'intake_event',
          state: 'approved',
          reviewerId: a.person.id,
          reviewedAt: '2026-12-01T10:00:00.000Z',
          reviewedRevision: 2,
        },
        author: { id: a.person.id, name: 'Nikola Jovanović', role: 'field_officer' },
      }),
    ]);
    expect(forged.status).toBe(200);
    expect(forged.json).toMatchObject({ results: [{ outcome: 'rejected', reason: 'forbidden' }] });
    expect((await reviewQueue(server.db, { standing: 'approved' })).rows).toEqual([]);
  });

  it("carries a team lead's review to the server and the author's laptop, as a task", async () => {
    await b.app.ok('reviewRecords', {
      recordIds: [recordId],
      state: 'has_issues',
      comment: 'The pistol serial reads CZ99-0471 on the photo.',
    });
    expect(await b.app.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });

    const queue = await reviewQueue(server.db, { standing: 'has_issues' });
    expect(queue.total).toBe(1);
    expect(queue.rows[0]).toMatchObject({
      recordId,
      author: { name: 'Nikola Jovanović' },
      comment: 'The pistol serial reads CZ99-0471 on the photo.',
      reviewer: { name: 'Marko Petrović' },
    });

    await a.app.ok('syncNow');
    const onA = await a.app.ok('getRecordReview', { recordId });
    expect(onA).toMatchObject({
      standing: 'has_issues',
      review: { comment: 'The pistol serial reads CZ99-0471 on the photo.' },
      reviewer: { name: 'Marko Petrović' },
      history: [{ state: 'has_issues', received: true, reviewer: { name: 'Marko Petrović' } }],
    });
    const tasks = await a.app.ok('listReviewTasks');
    expect(tasks.open).toBe(1);
    expect(tasks.tasks).toEqual([
      expect.objectContaining({
        recordId,
        standing: 'has_issues',
        comment: 'The pistol serial reads CZ99-0471 on the photo.',
        reviewerName: 'Marko Petrović',
      }),
    ]);
    const listed = await a.app.ok('listIntakes', { reviewState: 'has_issues' });
    expect(listed.items.map((item) => item.id)).toEqual([recordId]);
    expect((await a.app.ok('listIntakes', { reviewState: 'approved' })).items).toEqual([]);
  });

  it('turns the task into "answered" by an amendment, on both laptops and in the queue', async () => {
    const view = await a.app.ok('getIntake', { id: recordId });
    const event = view.event as Draft;
    await a.app.ok('amendIntake', {
      draft: {
        ...event,
        status: 'draft',
        weapons: event.weapons?.map((weapon) =>
          weapon.serialNumber === 'CZ99-0417' ? { ...weapon, serialNumber: 'CZ99-0471' } : weapon,
        ),
      } as Draft,
      expectedRevision: view.revision,
      reason: 'Serial read again from the photo',
    });
    // Answered at once on the author's laptop: the amendment waits to be sent.
    expect((await a.app.ok('listReviewTasks')).tasks).toEqual([
      expect.objectContaining({ recordId, standing: 'answered' }),
    ]);
    expect((await a.app.ok('listReviewTasks')).open).toBe(0);
    expect(await a.app.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    await b.app.ok('syncNow');
    const onB = await b.app.ok('listIntakes', { reviewState: 'answered' });
    expect(onB.items.map((item) => [item.id, item.reviewStanding])).toEqual([
      [recordId, 'answered'],
    ]);
    expect((await reviewQueue(server.db, { standing: 'answered' })).rows).toMatchObject([
      { recordId },
    ]);
    // The reviewer reads why the evidence was changed in the record's history at the centre.
    const history = (await recordPage(server.db, recordId))?.history ?? [];
    expect(history.at(-1)).toMatchObject({
      op: 'amend',
      changedFields: ['weapons'],
      reason: 'Serial read again from the photo',
    });
    expect(history.slice(0, -1).map((entry) => entry.reason)).toEqual(
      history.slice(0, -1).map(() => null),
    );

    // The team lead's laptop, which only pulled the record, shows it as the author's amendment with
    // its reason, in the history and on the receipt; the author's laptop, which also pulled it back
    // from the server, lists it once.
    const historyOnB = await b.app.ok('getIntakeHistory', { id: recordId });
    expect(historyOnB.at(-1)).toMatchObject({
      action: 'intake.amended',
      userName: 'Nikola Jovanović',
      reason: 'Serial read again from the photo',
    });
    expect(historyOnB.at(-1)?.changedFields).toContain('weapons');
    for (const app of [a.app, b.app]) {
      await app.ok('syncNow');
      const text = await receiptText(app, recordId);
      expect(text.split('Serial read again from the photo')).toHaveLength(2);
      expect(text).toContain('Nikola Jovanović: Serial read again from the photo');
    }
  });

  it("carries a console reviewer's review to the laptops", async () => {
    const results = await reviewRecords(server.db, {
      recordIds: [recordId],
      state: 'approved',
      reviewer: consoleReviewer,
    });
    expect(results).toMatchObject([{ recordId, outcome: 'applied' }]);
    await a.app.ok('syncNow');
    const onA = await a.app.ok('getRecordReview', { recordId });
    expect(onA).toMatchObject({
      standing: 'approved',
      reviewer: { name: consoleReviewer.name },
    });
    expect(onA.review?.comment).toBeUndefined();
    expect(onA.history.map((entry) => [entry.state, entry.reviewer.name])).toEqual([
      ['has_issues', 'Marko Petrović'],
      ['approved', consoleReviewer.name],
    ]);
    expect((await a.app.ok('listReviewTasks')).tasks).toEqual([]);
    expect((await a.app.ok('listIntakes', { reviewState: 'approved' })).total).toBe(1);
  });

  it('counts only the records standing so with review when reports filter by it', async () => {
    const year = { from: '2024-01-01', to: '2024-12-31' };
    const weapons = async (reviewState?: 'approved' | 'has_issues') => {
      const measures = await a.app.ok('getMeasures', {
        ...year,
        ...(reviewState === undefined ? {} : { reviewState }),
      });
      return measures.k1.total.find((row) => row.kind === 'weapon')?.amount ?? 0;
    };
    expect(await weapons()).toBe(2);
    expect(await weapons('approved')).toBe(2);
    expect(await weapons('has_issues')).toBe(0);
  });

  it('refuses a console review of a record the server does not have', async () => {
    await expect(
      reviewRecords(server.db, {
        recordIds: ['0190a8e4-0000-7000-8000-00000000dead'],
        state: 'rejected',
        reviewer: consoleReviewer,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      reviewRecords(server.db, {
        recordIds: [recordId],
        state: 'has_issues',
        reviewer: consoleReviewer,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });

  it('makes two reviews of the same record at once a conflict a person settles', async () => {
    await b.app.ok('syncNow');
    await signIn(a.app, { id: a.admin.user.id, passphrase: a.admin.passphrase });
    await b.app.ok('reviewRecords', {
      recordIds: [recordId],
      state: 'rejected',
      comment: 'Duplicate of R-2024-16.',
    });
    await a.app.ok('reviewRecords', {
      recordIds: [recordId],
      state: 'has_issues',
      comment: 'The receipt number is missing its year.',
    });
    // Whichever laptop's review reaches the server second gets the conflict (a round may start
    // on its own after a save); the other's review is what the server keeps.
    await b.app.ok('syncNow');
    await a.app.ok('syncNow');
    const statuses = [await a.app.ok('getSyncStatus'), await b.app.ok('getSyncStatus')];
    expect(statuses.map((status) => status.openConflicts).sort()).toEqual([0, 1]);
    const issues = [...(await a.app.ok('listSyncIssues')), ...(await b.app.ok('listSyncIssues'))];
    expect(issues).toEqual([
      expect.objectContaining({ kind: 'conflict', entity: 'record_review' }),
    ]);
    const state = issues[0]!.fields.find((field) => field.field === 'state');
    expect([state?.mine, state?.server].sort()).toEqual(['has_issues', 'rejected']);
    // Nothing was dropped: the server kept the first review, the laptop shows the other.
    const kept = await reviewQueue(server.db, { standing: state?.server as 'rejected' });
    expect(kept.rows.map((row) => row.recordId)).toEqual([recordId]);
  });
});
