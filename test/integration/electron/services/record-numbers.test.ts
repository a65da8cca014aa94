import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { recordFinalSurrender } from '../../../support/final-intake.ts';
import { startSyncServer, type SyncServerHandle } from '../../../support/sync-server.ts';

/**
 * Record numbers as people meet them: given by main when a record is first saved, kept through
 * every save and finalisation, never taken from the renderer, the same on another laptop after
 * sync, and never shared by two laptops.
 */
type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];

const manual = { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 };
const numberPattern = /^([0-9A-HJKMNP-TV-Z]{5})-(\d{5})$/;

let server: SyncServerHandle;
let a: DispatchedApp;
let b: DispatchedApp;

async function laptop(name: string, person: string) {
  const app = await startDispatchedApp({ prefix: `numbers-${name}`, sync: manual });
  await setUpFirstPerson(app, { name: person });
  const code = await server.enroll(name);
  await app.ok('enrollDevice', { serverUrl: server.url, code });
  return app;
}

async function saveNew(app: DispatchedApp, patch: Partial<Draft> = {}) {
  const draft = (await app.ok('newIntakeDraft')) as Draft;
  return app.ok('saveIntakeDraft', { draft: { ...draft, ...patch }, expectedRevision: null });
}

beforeAll(async () => {
  server = await startSyncServer({ backend: 'pglite' });
  a = await laptop('Team 1 laptop', 'Amina Hadžić');
  b = await laptop('Team 2 laptop', 'Marko Petrović');
}, 60_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await server?.stop();
});

describe('record numbers', () => {
  it('are given by main at the first save, one after the other, each once', async () => {
    const first = await saveNew(a, { notes: 'first' });
    const second = await saveNew(a, { notes: 'second' });
    const [, prefix, sequence] = numberPattern.exec(first.event.recordNumber ?? '') ?? [];
    expect(prefix).toBeDefined();
    expect(second.event.recordNumber).toBe(
      `${prefix}-${String(Number(sequence) + 1).padStart(5, '0')}`,
    );
    // Saved again, many times: the number stays.
    let view = first;
    for (const notes of ['a', 'b', 'c']) {
      view = await a.ok('saveIntakeDraft', {
        draft: { ...(view.event as Draft), notes },
        expectedRevision: view.revision,
      });
    }
    expect(view.event.recordNumber).toBe(first.event.recordNumber);
  });

  it('cannot be set or changed by the renderer', async () => {
    const draft = (await a.ok('newIntakeDraft')) as Draft;
    const forgedAtCreation = await a.ok('saveIntakeDraft', {
      draft: { ...draft, recordNumber: 'AAAAA-00001' },
      expectedRevision: null,
    });
    expect(forgedAtCreation.event.recordNumber).not.toBe('AAAAA-00001');
    expect(forgedAtCreation.event.recordNumber).toMatch(numberPattern);
    const changed = await a.ok('saveIntakeDraft', {
      draft: { ...(forgedAtCreation.event as Draft), recordNumber: 'AAAAA-00002' },
      expectedRevision: forgedAtCreation.revision,
    });
    expect(changed.event.recordNumber).toBe(forgedAtCreation.event.recordNumber);
    // Removing it from the form does not remove it either.
    const { recordNumber: _dropped, ...withoutNumber } = changed.event as Draft;
    const kept = await a.ok('saveIntakeDraft', {
      draft: withoutNumber,
      expectedRevision: changed.revision,
    });
    expect(kept.event.recordNumber).toBe(forgedAtCreation.event.recordNumber);
    // A malformed one is refused at the door like any malformed field.
    const failure = await a.fail('saveIntakeDraft', {
      draft: { ...(kept.event as Draft), recordNumber: "'; DROP TABLE x; --" },
      expectedRevision: kept.revision,
    });
    expect(failure.code).toBe('VALIDATION_ERROR');
  });

  it('stay through finalisation', async () => {
    const final = await recordFinalSurrender(a, 'Amina Hadžić');
    expect(final.status).toBe('final');
    expect(final.event.recordNumber).toMatch(numberPattern);
    const listed = await a.ok('listIntakes', { search: final.event.recordNumber ?? '' });
    expect(listed.items.map((item) => item.id)).toEqual([final.event.id]);
  });

  it('arrive unchanged on another laptop, which numbers its own records with its own prefix', async () => {
    await a.ok('syncNow');
    await b.ok('syncNow');
    const mine = await a.ok('listIntakes', { limit: 200 });
    const theirs = await b.ok('listIntakes', { limit: 200 });
    const numbersOf = (page: typeof mine) =>
      Object.fromEntries(page.items.map((item) => [item.id, item.recordNumber]));
    expect(theirs.total).toBe(mine.total);
    expect(numbersOf(theirs)).toEqual(numbersOf(mine));

    const own = await saveNew(b, { notes: 'made on the second laptop' });
    const prefixOf = (number: string | null | undefined) => numberPattern.exec(number ?? '')?.[1];
    expect(prefixOf(own.event.recordNumber)).toBeDefined();
    expect(prefixOf(own.event.recordNumber)).not.toBe(prefixOf(mine.items[0]?.recordNumber));
    // Every number on both laptops, once.
    await b.ok('syncNow');
    await a.ok('syncNow');
    const all = (await a.ok('listIntakes', { limit: 200 })).items.map((item) => item.recordNumber);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain(own.event.recordNumber);
  });

  it("keep the first laptop's number when the second laptop edits the record", async () => {
    const original = (await a.ok('listIntakes', { status: 'draft', limit: 1 })).items[0];
    if (original === undefined) throw new Error('no draft to edit');
    const there = await b.ok('getIntake', { id: original.id });
    const edited = await b.ok('saveIntakeDraft', {
      draft: {
        ...(there.event as Draft),
        notes: 'edited on the second laptop',
        recordNumber: 'BBBBB-00001',
      },
      expectedRevision: there.revision,
    });
    expect(edited.event.recordNumber).toBe(original.recordNumber);
    await b.ok('syncNow');
    await a.ok('syncNow');
    const back = await a.ok('getIntake', { id: original.id });
    expect(back.event).toMatchObject({
      notes: 'edited on the second laptop',
      recordNumber: original.recordNumber,
    });
  });
});
