import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import {
  goodPassphrase,
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];

/** No automatic rounds: the test drives every round with syncNow. */
const manual = { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 };

/**
 * The centre's decisions about people reach a real laptop (real encrypted store, the dispatcher
 * as the renderer calls it) through a real sync round, on both backends: the laptop reports its
 * people, a role set at the centre changes what main lets the person do and cannot be changed
 * here, and a deactivated person is signed out, cannot unlock, and keeps every record they made,
 * which still syncs.
 */
describe.each(syncBackends)('people decided at the centre reach a laptop (%s)', (backend) => {
  let server: SyncServerHandle;
  let app: DispatchedApp;
  let admin: { id: string; passphrase: string };
  let marko: { id: string; passphrase: string };

  const unlockAs = (person: { id: string; passphrase: string }) =>
    app.call('unlock', { userId: person.id, passphrase: person.passphrase });
  const switchTo = async (person: { id: string; passphrase: string }) => {
    await app.ok('lock');
    const unlocked = await unlockAs(person);
    expect(unlocked.ok).toBe(true);
  };
  const saveDraft = async (notes: string) => {
    const draft = (await app.ok('newIntakeDraft')) as Draft;
    return app.call('saveIntakeDraft', {
      draft: { ...draft, context: 'found', notes },
      expectedRevision: null,
    });
  };
  const personOnLaptop = async (id: string) =>
    (await app.ok('listPeople')).find((person) => person.id === id);

  beforeAll(async () => {
    server = await startSyncServer({ backend });
    app = await startDispatchedApp({ prefix: `people-${backend}`, sync: manual });
    const first = await setUpFirstPerson(app, { name: 'Amina Hadžić' });
    admin = { id: first.user.id, passphrase: first.passphrase };
    const passphrase = goodPassphrase('marko');
    const added = await app.ok('addPerson', {
      name: 'Marko Petrović',
      role: 'field_officer',
      passphrase,
    });
    marko = { id: added.id, passphrase };
    await app.ok('enrollDevice', {
      serverUrl: server.url,
      code: await server.enroll('Team 3 laptop'),
    });
    expect(await app.ok('syncNow')).toMatchObject({ lastError: null });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await server?.stop();
  });

  it('tells the centre of every person on the laptop, not only authors', async () => {
    const { people } = await server.admin.people();
    expect(people.map((p) => [p.name, p.role, p.roleSetBy])).toEqual([
      ['Amina Hadžić', 'administrator', 'laptop'],
      ['Marko Petrović', 'field_officer', 'laptop'],
    ]);
  });

  it('follows a role set at the centre: main and the server go by it, and it is not changed here', async () => {
    await switchTo(marko);
    expect((await saveDraft('Marko, as a field officer.')).ok).toBe(true);
    await server.admin.setPersonRole(marko.id, 'custody_officer');
    const status = await app.ok('syncNow');
    expect(status).toMatchObject({ pendingChanges: 0, lastError: null });
    // Signed in as Marko: the new role counts at once, in the session and in main's checks.
    expect((await app.ok('getSession')).currentUser).toMatchObject({ role: 'custody_officer' });
    const refused = await saveDraft('Marko, now a custody officer.');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');

    await switchTo(admin);
    expect(await personOnLaptop(marko.id)).toMatchObject({
      role: 'custody_officer',
      roleSetByCentreAt: expect.any(String),
      deactivatedAt: null,
    });
    // The centre's decision wins: the laptop's administrator cannot change it back.
    const change = await app.fail('changeRole', { userId: marko.id, role: 'field_officer' });
    expect(change.code).toBe('FORBIDDEN');
    expect(change.issues?.map((issue) => issue.message)).toEqual(['roleSetByCentre']);
    expect((await personOnLaptop(marko.id))?.role).toBe('custody_officer');
    // Set back at the centre, he records again.
    await server.admin.setPersonRole(marko.id, 'field_officer');
    await app.ok('syncNow');
    expect((await personOnLaptop(marko.id))?.role).toBe('field_officer');
  });

  it('signs a deactivated person out; they cannot unlock; their records stay and still sync', async () => {
    await switchTo(marko);
    const before = await saveDraft('Recorded before the deactivation was known here.');
    expect(before.ok).toBe(true);
    const recordId = before.ok ? (before.value as { event: { id: string } }).event.id : '';
    await server.admin.deactivatePerson('Marko Petrović');
    // The round pushes Marko's record first, then learns of the decision and locks.
    await app.call('syncNow');
    const session = await app.ok('getSession');
    expect(session).toMatchObject({ state: 'locked', signedOutReason: 'deactivated' });
    const { rows } = await server.db.query<{ created_by: string }>(
      'SELECT created_by FROM records WHERE id = $1',
      [recordId],
    );
    expect(rows).toEqual([{ created_by: marko.id }]);

    const refused = await unlockAs(marko);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'FORBIDDEN',
      issues: [expect.objectContaining({ message: 'personDeactivated' })],
    });

    expect((await unlockAs(admin)).ok).toBe(true);
    expect((await app.ok('getSession')).signedOutReason).toBeNull();
    expect(await personOnLaptop(marko.id)).toMatchObject({ deactivatedAt: expect.any(String) });
    const mine = (await app.ok('listIntakes', {})).items.filter((item) =>
      [recordId].includes(item.id),
    );
    expect(mine).toHaveLength(1);
    // Amina edits Marko's record; it still syncs (the record is the team's, not his).
    const held = (await app.ok('getIntake', { id: recordId })).event as Draft;
    await app.ok('saveIntakeDraft', {
      draft: { ...held, notes: 'Checked by Amina after Marko left.' },
      expectedRevision: held.revision,
    });
    expect(await app.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    const stored = await server.db.query<{ notes: string }>(
      "SELECT data->>'notes' AS notes FROM records WHERE id = $1",
      [recordId],
    );
    expect(stored.rows).toEqual([{ notes: 'Checked by Amina after Marko left.' }]);

    // Reactivated at the centre: he may unlock again after the next sync.
    await server.admin.reactivatePerson(marko.id);
    await app.ok('syncNow');
    await switchTo(marko);
    expect((await app.ok('getSession')).currentUser?.id).toBe(marko.id);
    // The round an unlock starts ends before the test does.
    await app.services.sync.settled();
  });

  it('follows a decision an earlier round stored but could not follow (its push failed after)', async () => {
    // The decision and the feed's cursor are committed before the round's last push: a round
    // that fails there leaves the decision on the laptop and the centre will not report it
    // again. The next round follows what is stored, whatever the exchange brings.
    await switchTo(marko);
    const { db } = app.services.session.requireUnlocked();
    db.prepare('UPDATE users SET role = ?, role_set_by_centre_at = ? WHERE id = ?').run(
      'custody_officer',
      new Date().toISOString(),
      marko.id,
    );
    expect((await app.ok('getSession')).currentUser).toMatchObject({ role: 'field_officer' });
    await app.call('syncNow');
    expect((await app.ok('getSession')).currentUser).toMatchObject({ role: 'custody_officer' });
    await app.services.sync.settled();
  });
});
