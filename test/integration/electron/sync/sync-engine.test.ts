import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timers } from '../../../../electron/sync/sync-engine.ts';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { startFaultProxy, type FaultProxy } from '../../../support/fault-proxy.ts';
import { startSyncServer, type SyncServerHandle } from '../../../support/sync-server.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];

/** No automatic rounds: the test drives every round with syncNow. */
const manual = { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 };

async function laptop(server: SyncServerHandle, name: string, person: string) {
  const app = await startDispatchedApp({ prefix: `sync-${name}`, sync: manual });
  await setUpFirstPerson(app, { name: person });
  const code = await server.enroll(name);
  const status = await app.ok('enrollDevice', { serverUrl: server.url, code });
  expect(status).toMatchObject({ phase: expect.stringMatching(/idle|syncing/), deviceName: name });
  return app;
}

function row(app: DispatchedApp, sql: string, ...params: unknown[]) {
  return app.services.session
    .requireUnlocked()
    .db.prepare(sql)
    .get(...params);
}

/** A seizure complete enough to finalise: one rifle with its photo, its serial and a marking. */
async function completeSeizure(
  app: DispatchedApp,
  draft: Draft,
  locationId: string,
): Promise<Draft> {
  const photo = await app.ok('addPhoto', {
    dataBase64: tinyPng([10, 120, 10], 64).toString('base64'),
    kind: 'whole_weapon',
  });
  return {
    ...draft,
    context: 'seized',
    occurredAt: '2026-03-02',
    locationId,
    recordingAgency: 'Granična policija',
    recordingOfficer: 'Marko Petrović',
    seizure: {
      seizingAgencyType: 'border_police',
      legalJustification: 'illicit_trafficking',
      detectionMethod: 'xray_scanner',
      direction: 'entry',
      conveyance: 'truck',
      concealment: 'hidden_compartment',
      iarmsChecked: false,
    },
    weapons: [
      {
        id: randomUUID(),
        category: 'small_arm',
        weaponType: 'assault_rifle',
        manufacturer: 'Zastava Arms',
        model: 'M70AB2',
        calibre: '7.62x39mm',
        serialNumber: 'AK-47 998877',
        serialStatus: 'present',
        serialLocation: 'frame_receiver',
        markingCondition: 'intact',
        lifecycleStatus: 'evidence_hold',
        traceStatus: 'not_attempted',
        markings: [
          {
            id: randomUUID(),
            component: 'frame_receiver',
            markingKind: 'serial',
            textAsRead: 'AK-47 998877',
            legibility: 'legible',
            photoSha256: photo.sha256,
          },
        ],
        photos: [photo],
      },
    ],
  };
}

/** The record as both sides should agree on it: without the local revision. */
async function content(app: DispatchedApp, id: string) {
  const view = await app.ok('getIntake', { id });
  const { revision: _revision, ...event } = view.event;
  return { status: view.status, event };
}

describe.each(['pglite', 'postgres'] as const)('sync between two laptops (%s)', (backend) => {
  let server: SyncServerHandle;
  let a: DispatchedApp;
  let b: DispatchedApp;
  const location: ProcedureInput<'saveLocation'> = {
    id: randomUUID(),
    locationType: 'border_crossing_road',
    name: 'Granični prelaz Horgoš',
    jurisdiction: 'RS',
  };
  let recordId: string;

  beforeAll(async () => {
    server = await startSyncServer({ backend });
    a = await laptop(server, 'Team 1 laptop', 'Amina Hadžić');
    b = await laptop(server, 'Team 2 laptop', 'Marko Petrović');
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
  });

  it('never lets the credential out: not in status, events or logs', async () => {
    const credential = (row(a, 'SELECT credential FROM sync_state') as { credential: string })
      .credential;
    expect(credential.length).toBeGreaterThan(30);
    const status = JSON.stringify(await a.ok('getSyncStatus'));
    expect(status).not.toContain(credential);
    expect(JSON.stringify(a.events)).not.toContain(credential);
    expect(a.logLines.join('\n')).not.toContain(credential);
    expect(JSON.stringify(a.calls)).not.toContain(credential);
  });

  it('carries a record, its location and its photo from one laptop to the other', async () => {
    await a.ok('saveLocation', location);
    const photo = await a.ok('addPhoto', {
      dataBase64: tinyPng([200, 10, 10], 64).toString('base64'),
      kind: 'scene',
    });
    const draft = (await a.ok('newIntakeDraft')) as Draft;
    recordId = draft.id;
    await a.ok('saveIntakeDraft', {
      draft: {
        ...draft,
        context: 'seized',
        locationId: location.id,
        notes: 'Found in a truck.',
        photos: [photo],
      },
      expectedRevision: null,
    });
    expect((await a.ok('listIntakes', {})).items[0]?.syncState).toBe('waiting');
    const status = await a.ok('syncNow');
    expect(status).toMatchObject({ phase: 'idle', pendingChanges: 0, lastError: null });
    expect(status.pendingPhotos).toBe(0);
    expect(await a.ok('getRecordSyncState', { id: recordId })).toEqual({
      state: 'sent',
      reason: null,
      message: null,
    });

    await b.ok('syncNow');
    const listed = await b.ok('listIntakes', {});
    expect(listed.items.map((item) => [item.id, item.locationName, item.syncState])).toEqual([
      [recordId, location.name, 'sent'],
    ]);
    expect(await content(b, recordId)).toEqual(await content(a, recordId));
    // The photo itself came too, checked against its digest and stored encrypted on B.
    expect(await b.ok('getPhoto', { sha256: photo.sha256 })).toEqual(
      await a.ok('getPhoto', { sha256: photo.sha256 }),
    );
    // Amina is known on B by name only: she cannot unlock B.
    const view = await b.ok('getIntake', { id: recordId });
    expect(view.createdBy.name).toBe('Amina Hadžić');
    const session = await b.ok('getSession');
    expect(session.people.map((person) => person.label)).toEqual(['Marko Petrović']);
  });

  it('merges changes to different fields and reports the same field as a conflict', async () => {
    const onA = (await a.ok('getIntake', { id: recordId })).event as Draft;
    const onB = (await b.ok('getIntake', { id: recordId })).event as Draft;
    await a.ok('saveIntakeDraft', {
      draft: { ...onA, notes: 'A says: two rifles.', agencyCaseRef: 'KT-1/24' },
      expectedRevision: onA.revision,
    });
    await b.ok('saveIntakeDraft', {
      draft: { ...onB, notes: 'B says: three rifles.', occurredAt: '2024-06-14' },
      expectedRevision: onB.revision,
    });
    await a.ok('syncNow');
    const statusB = await b.ok('syncNow');
    expect(statusB.openConflicts).toBe(1);
    const [issue] = await b.ok('listSyncIssues');
    expect(issue).toMatchObject({
      kind: 'conflict',
      entityId: recordId,
      fields: [{ field: 'notes', mine: 'B says: three rifles.', server: 'A says: two rifles.' }],
      recordFinal: false,
      createdByName: 'Marko Petrović',
    });
    expect(await b.ok('getRecordSyncState', { id: recordId })).toMatchObject({ state: 'conflict' });
    // B shows the server's notes and keeps its own date; A's case number arrived too.
    expect((await content(b, recordId)).event).toMatchObject({
      notes: 'A says: two rifles.',
      occurredAt: '2024-06-14',
      agencyCaseRef: 'KT-1/24',
    });

    // B keeps its own value: it goes to the server as a new change and wins there.
    await b.ok('resolveSyncIssue', { id: issue!.id, keep: { notes: 'mine' } });
    expect(await b.ok('listSyncIssues')).toEqual([]);
    await b.ok('syncNow');
    await a.ok('syncNow');
    expect(await content(a, recordId)).toEqual(await content(b, recordId));
    expect((await content(a, recordId)).event).toMatchObject({ notes: 'B says: three rifles.' });
    const history = await b.ok('getIntakeHistory', { id: recordId });
    expect(history.map((entry) => entry.action)).toContain('sync.received');
  });

  it('keeps the outbox through a server restore (new epoch) and re-sends what the server lost', async () => {
    const draft = (await a.ok('newIntakeDraft')) as Draft;
    await server.newEpoch();
    await a.ok('saveIntakeDraft', {
      draft: { ...draft, context: 'found', notes: 'Saved while the server was restored.' },
      expectedRevision: null,
    });
    const status = await a.ok('syncNow');
    expect(status).toMatchObject({ pendingChanges: 0, lastError: null });
    await b.ok('syncNow');
    expect(await content(b, draft.id)).toEqual(await content(a, draft.id));
  });

  it('bases changes waiting through a restore on the revisions the restored server has, so none is refused', async () => {
    const draft = (await a.ok('newIntakeDraft')) as Draft;
    let saved = await a.ok('saveIntakeDraft', {
      draft: { ...draft, context: 'found', notes: 'First reading.' },
      expectedRevision: null,
    });
    expect(await a.ok('syncNow')).toMatchObject({ pendingChanges: 0 });
    const restore = await server.backUpRecords([draft.id]);
    for (const notes of ['Second reading.', 'Third reading.']) {
      saved = await a.ok('saveIntakeDraft', {
        draft: { ...draft, context: 'found', notes },
        expectedRevision: saved.revision,
      });
      expect(await a.ok('syncNow')).toMatchObject({ pendingChanges: 0 });
    }
    // The server goes back to the backup (revision 1). A, offline, completes and finalises the
    // record: two changes based on revision 3, which the restored server never issued.
    await restore();
    const complete = await a.ok('saveIntakeDraft', {
      draft: { ...(await completeSeizure(a, draft, location.id)), notes: 'After the restore.' },
      expectedRevision: saved.revision,
    });
    await a.ok('finaliseIntake', { id: draft.id, expectedRevision: complete.revision });
    expect(await a.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    expect(await a.ok('listSyncIssues')).toEqual([]);
    await b.ok('syncNow');
    expect(await content(b, draft.id)).toMatchObject({
      status: 'final',
      event: { notes: 'After the restore.' },
    });
    expect(await content(b, draft.id)).toEqual(await content(a, draft.id));
  });

  it('pulls again and pushes when the server is restored between its check and the push', async () => {
    let restoreBeforePush = true;
    const pushes: number[] = [];
    const c = await startDispatchedApp({
      prefix: 'sync-restored-mid-round',
      sync: {
        ...manual,
        fetch: async (input, init) => {
          const url = String(input instanceof Request ? input.url : input);
          if (url.endsWith('/v1/sync/push')) {
            if (restoreBeforePush) {
              restoreBeforePush = false;
              await server.newEpoch();
            }
            const response = await fetch(input, init);
            pushes.push(response.status);
            return response;
          }
          return fetch(input, init);
        },
      },
    });
    try {
      await setUpFirstPerson(c, { name: 'Jelena Restore' });
      await c.ok('enrollDevice', { serverUrl: server.url, code: await server.enroll('Team 3') });
      const draft = (await c.ok('newIntakeDraft')) as Draft;
      await c.ok('saveIntakeDraft', {
        draft: { ...draft, context: 'found', notes: 'Sent across a restore.' },
        expectedRevision: null,
      });
      expect(await c.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
      // Refused once (nothing applied), then sent again in the new epoch.
      expect(pushes.slice(0, 2)).toEqual([409, 200]);
      expect(await c.ok('listSyncIssues')).toEqual([]);
      await b.ok('syncNow');
      expect(await content(b, draft.id)).toEqual(await content(c, draft.id));
    } finally {
      await c.close();
    }
  });

  it('re-sends a record finalised offline that the restored server lost, and it arrives final', async () => {
    const draft = (await a.ok('newIntakeDraft')) as Draft;
    const saved = await a.ok('saveIntakeDraft', {
      draft: await completeSeizure(a, draft, location.id),
      expectedRevision: null,
    });
    expect(await a.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    // Finalised offline; meanwhile the server is restored from a backup older than the record.
    await a.ok('finaliseIntake', { id: draft.id, expectedRevision: saved.revision });
    await server.restoreBackupWithout([draft.id]);

    expect(await a.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    expect(await a.ok('getRecordSyncState', { id: draft.id })).toMatchObject({ state: 'sent' });
    await b.ok('syncNow');
    expect(await content(b, draft.id)).toEqual(await content(a, draft.id));
    expect((await content(b, draft.id)).status).toBe('final');
  });

  it('re-sends the amendments a restored server lost, each by its author with its reason', async () => {
    const draft = (await a.ok('newIntakeDraft')) as Draft;
    const saved = await a.ok('saveIntakeDraft', {
      draft: await completeSeizure(a, draft, location.id),
      expectedRevision: null,
    });
    const final = await a.ok('finaliseIntake', { id: draft.id, expectedRevision: saved.revision });
    const reasons = ['Case number from the prosecutor', 'Notes copied from the paper register'];
    let view = { event: final.event as Draft, revision: final.revision };
    for (const [index, reason] of reasons.entries()) {
      const amended = await a.ok('amendIntake', {
        draft: { ...view.event, status: 'draft', notes: `Correction ${String(index + 1)}` },
        expectedRevision: view.revision,
        reason,
      });
      view = { event: amended.event as Draft, revision: amended.revision };
    }
    expect(await a.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    // The server is restored from a backup older than the record: it lost it and its history.
    await server.restoreBackupWithout([draft.id]);

    expect(await a.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    await b.ok('syncNow');
    expect(await content(b, draft.id)).toEqual(await content(a, draft.id));
    // Another laptop reads both amendments again, by their author, each with its reason.
    const amendments = (await b.ok('getIntakeHistory', { id: draft.id })).filter(
      (entry) => entry.action === 'intake.amended',
    );
    expect(amendments.map((entry) => entry.reason)).toEqual(reasons);
    expect(new Set(amendments.map((entry) => entry.userName))).toEqual(new Set(['Amina Hadžić']));
  });

  it('stops and says so when an administrator revokes the laptop', async () => {
    const deviceId = (await b.ok('getSyncStatus')).deviceId!;
    await server.revoke(deviceId);
    const failure = await b.fail('syncNow');
    expect(failure.code).toBe('DEVICE_REVOKED');
    expect(await b.ok('getSyncStatus')).toMatchObject({
      phase: 'revoked',
      lastError: { kind: 'revoked' },
    });
  });
});

describe('what the Sync screen is told while changes wait and while a round runs', () => {
  let server: SyncServerHandle;
  let app: DispatchedApp;
  /** Sync's clock runs ahead of the save path's by this much: the laptop stays offline a while. */
  let ahead = 0;

  beforeAll(async () => {
    server = await startSyncServer({ backend: 'pglite' });
    app = await startDispatchedApp({
      prefix: 'sync-status',
      sync: { ...manual, now: () => new Date(Date.now() + ahead) },
    });
    await setUpFirstPerson(app, { name: 'Jelena Ilić' });
    await app.ok('enrollDevice', { serverUrl: server.url, code: await server.enroll('Team 7') });
    await app.ok('syncNow');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await server?.stop();
  });

  it('warns once unsent changes are older than 24 hours, and reports push progress', async () => {
    const saved: string[] = [];
    for (let n = 0; n < 3; n++) {
      const draft = (await app.ok('newIntakeDraft')) as Draft;
      await app.ok('saveIntakeDraft', {
        draft: { ...draft, context: 'found', notes: `Left at the gate ${n}` },
        expectedRevision: null,
      });
      saved.push(draft.id);
    }
    ahead = 23 * 3_600_000;
    expect(await app.ok('getSyncStatus')).toMatchObject({
      pendingChanges: 3,
      pendingRecords: 3,
      staleWarning: false,
    });
    ahead = 25 * 3_600_000;
    const stale = await app.ok('getSyncStatus');
    expect(stale.staleWarning).toBe(true);
    expect(Date.now() - new Date(stale.oldestPendingAt!).getTime()).toBeLessThan(60_000);

    app.events.length = 0;
    const after = await app.ok('syncNow');
    expect(after).toMatchObject({ pendingChanges: 0, staleWarning: false, progress: null });
    const steps = app.events
      .filter((entry) => entry.event === 'syncChanged')
      .map(
        (entry) =>
          (
            entry.payload as {
              progress: { step: string; done: number; total: number | null } | null;
            }
          ).progress,
      )
      .filter((progress) => progress !== null);
    expect(steps).toContainEqual({ step: 'push', done: 3, total: 3 });
    expect(steps.some((progress) => progress.step === 'pull')).toBe(true);
  });
});

/** The engine's timers, held by the test: it sees every wait the engine asks for and ends it. */
class HeldTimers implements Timers {
  readonly #pending = new Map<number, { callback: () => void; ms: number }>();
  #next = 0;

  setTimeout(callback: () => void, ms: number): unknown {
    this.#next += 1;
    this.#pending.set(this.#next, { callback, ms });
    return this.#next;
  }

  clearTimeout(handle: unknown): void {
    this.#pending.delete(handle as number);
  }

  /** The waits the engine has set, in milliseconds. */
  waits(): number[] {
    return [...this.#pending.values()].map((timer) => timer.ms);
  }

  /** Ends the one wait there is (it must be `ms` long) and the round it starts. */
  async elapse(ms: number, app: DispatchedApp): Promise<void> {
    expect(this.waits()).toEqual([ms]);
    const [handle, timer] = [...this.#pending][0]!;
    this.#pending.delete(handle);
    timer.callback();
    await app.services.sync.settled();
  }
}

describe('syncing on its own: after a save, every minute, and backing off while the server is away', () => {
  let server: SyncServerHandle;
  let proxy: FaultProxy;
  let app: DispatchedApp;
  const timers = new HeldTimers();

  beforeAll(async () => {
    server = await startSyncServer({ backend: 'pglite' });
    proxy = await startFaultProxy(() => server.url);
    app = await startDispatchedApp({
      prefix: 'sync-timers',
      // No jitter: random() = 0 makes the waits 1 s, 2 s, 4 s exactly.
      sync: {
        timers,
        random: () => 0,
        debounceMs: 2_000,
        intervalMs: 60_000,
        liveUpdates: false,
        // Each round moves one photo each way (a round always moves at least one).
        photoBytesPerRound: 1,
      },
    });
    await setUpFirstPerson(app, { name: 'Amina Hadžić' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await server?.stop();
  });

  const save = async (notes: string) => {
    const draft = (await app.ok('newIntakeDraft')) as Draft;
    await app.ok('saveIntakeDraft', {
      draft: { ...draft, context: 'found', notes },
      expectedRevision: null,
    });
  };

  it('runs each round when it is due, without anyone pressing Sync now', async () => {
    const code = await server.enroll('Team 5 laptop');
    await app.ok('enrollDevice', { serverUrl: proxy.url, code });
    // Enrolled: the first round at once, then one a minute.
    await timers.elapse(0, app);
    expect(timers.waits()).toEqual([60_000]);

    // A save brings the next round forward to two seconds.
    await save('Handed in at the police station.');
    expect(timers.waits()).toEqual([2_000]);
    await timers.elapse(2_000, app);
    expect(await app.ok('getSyncStatus')).toMatchObject({ pendingChanges: 0, lastError: null });
    expect(timers.waits()).toEqual([60_000]);

    // The server cannot be reached: retries after 1 s, 2 s, 4 s, the reason in plain words.
    proxy.setPolicy(() => ({ kind: 'drop_request' }));
    await save('Found in a ditch.');
    await timers.elapse(2_000, app);
    const offline = await app.ok('getSyncStatus');
    expect(offline).toMatchObject({
      phase: 'offline',
      pendingChanges: 1,
      lastError: { kind: 'unreachable' },
    });
    expect(offline.nextAttemptAt).not.toBeNull();
    await timers.elapse(1_000, app);
    await timers.elapse(2_000, app);
    expect(timers.waits()).toEqual([4_000]);

    // Back: the next retry sends what waited, and rounds return to one a minute.
    proxy.heal();
    await timers.elapse(4_000, app);
    expect(await app.ok('getSyncStatus')).toMatchObject({
      phase: 'idle',
      pendingChanges: 0,
      lastError: null,
    });
    expect(timers.waits()).toEqual([60_000]);
  });

  it("moves a round's share of photos and comes back soon for the rest, not in a minute", async () => {
    for (const green of [120, 160]) {
      await app.ok('addPhoto', {
        dataBase64: tinyPng([10, green, 10], 64).toString('base64'),
        kind: 'whole_weapon',
      });
    }
    const uploaded = () =>
      (
        row(app, "SELECT count(*) AS n FROM attachments WHERE upload_state = 'verified'") as {
          n: number;
        }
      ).n;
    // Adding a photo brings the next round forward, as a save does.
    await timers.elapse(2_000, app);
    expect(uploaded()).toBe(1);
    expect(timers.waits()).toEqual([1_000]);
    await timers.elapse(1_000, app);
    expect(uploaded()).toBe(2);
    expect(timers.waits()).toEqual([60_000]);
  });
});

describe("hearing of another laptop's changes as soon as the server stores them", () => {
  let server: SyncServerHandle;
  let a: DispatchedApp;
  let b: DispatchedApp;
  let personOnB: { userId: string; passphrase: string };

  beforeAll(async () => {
    // A short heartbeat: the server checks an open stream's device at each one.
    server = await startSyncServer({ backend: 'pglite', eventsHeartbeatMs: 200 });
    // Rounds only on the server's word: no save-triggered round, no polling within the test.
    const live = { ...manual, liveUpdates: true, pokeDelayMs: 0 };
    a = await startDispatchedApp({ prefix: 'sync-live-a', sync: live });
    b = await startDispatchedApp({ prefix: 'sync-live-b', sync: live });
    for (const [app, name, person] of [
      [a, 'Team 7 laptop', 'Amina Hadžić'],
      [b, 'Team 8 laptop', 'Marko Petrović'],
    ] as const) {
      const { user, passphrase } = await setUpFirstPerson(app, { name: person });
      if (app === b) personOnB = { userId: user.id, passphrase };
      await app.ok('enrollDevice', { serverUrl: server.url, code: await server.enroll(name) });
      await app.services.sync.settled();
    }
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
  });

  /** A records a draft and sends it; returns its id. */
  async function sentByA(notes: string): Promise<string> {
    const draft = (await a.ok('newIntakeDraft')) as Draft;
    await a.ok('saveIntakeDraft', {
      draft: { ...draft, context: 'found', notes },
      expectedRevision: null,
    });
    await a.ok('syncNow');
    return draft.id;
  }
  const listedOnB = async () => (await b.ok('listIntakes', {})).items.map((item) => item.id);

  it('pulls a record another laptop pushed without waiting for its next poll', async () => {
    const id = await sentByA('Handed in during the amnesty.');
    // B never presses Sync now and polls once an hour: the server's event brings the round.
    await expect.poll(listedOnB, { timeout: 10_000 }).toEqual([id]);
    expect(await content(b, id)).toEqual(await content(a, id));
  });

  it('hears again after the server restarts (the stream reconnects)', async () => {
    await server.restart();
    const id = await sentByA('Found after the restart.');
    await expect.poll(listedOnB, { timeout: 15_000 }).toContain(id);
  });

  it('listens again after the laptop was locked and unlocked', async () => {
    await b.ok('lock');
    await b.ok('unlock', personOnB);
    const id = await sentByA('Found after B was unlocked.');
    await expect.poll(listedOnB, { timeout: 10_000 }).toContain(id);
  });

  // Last: B stays revoked.
  it('says it was revoked as soon as the server ends its stream, without waiting for a round', async () => {
    const deviceId = (await b.ok('getSyncStatus')).deviceId!;
    await server.revoke(deviceId);
    await expect
      .poll(async () => (await b.ok('getSyncStatus')).phase, { timeout: 10_000 })
      .toBe('revoked');
  });
});

describe('enrollment over a bad link', () => {
  let server: SyncServerHandle;
  let proxy: FaultProxy;
  beforeAll(async () => {
    server = await startSyncServer({ backend: 'pglite' });
    proxy = await startFaultProxy(() => server.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
  });

  it('is enrolled once when the server spent the code but its answer was lost', async () => {
    const app = await startDispatchedApp({ prefix: 'sync-enroll-retry', sync: manual });
    try {
      await setUpFirstPerson(app, { name: 'Ivana Terzić' });
      let enrolls = 0;
      proxy.setPolicy((request) => {
        if (!request.path.startsWith('/v1/devices/enroll')) return { kind: 'pass' };
        enrolls += 1;
        // The first attempt reaches the server, which answers; the connection is cut after.
        return enrolls === 1 ? { kind: 'drop_response' } : { kind: 'pass' };
      });
      const code = await server.enroll('Team 5 laptop');
      const status = await app.ok('enrollDevice', { serverUrl: proxy.url, code });
      expect(enrolls).toBe(2);
      expect(status).toMatchObject({ deviceName: 'Team 5 laptop', lastError: null });
      const { devices } = await server.admin.devices();
      const named = devices.filter((device) => device.name === 'Team 5 laptop');
      expect(named.map((device) => device.id)).toEqual([status.deviceId]);
      // The credential it holds is the one that works.
      expect(await app.ok('syncNow')).toMatchObject({ phase: 'idle', lastError: null });
    } finally {
      proxy.heal();
      await app.close();
    }
  });
});
