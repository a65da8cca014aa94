import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityHandlers } from '../../../../electron/services/integrity-handlers.ts';
import { IdleLock } from '../../../../electron/session/idle-lock.ts';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import { openDataFolder } from '../../../support/open-data.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];

/**
 * The integrity screen's procedures through the real dispatcher and an encrypted store: the
 * background check of the file, a check on request, and the audit chain, before and after an
 * entry is changed behind the app's back (a second connection with the data key, the triggers
 * that keep the log append-only dropped: what someone holding the key could do).
 */
describe('integrity check', () => {
  let app: DispatchedApp;
  let person: Awaited<ReturnType<typeof setUpFirstPerson>>;

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'integrity' });
    person = await setUpFirstPerson(app);
    for (const notes of ['first', 'second']) {
      const draft = (await app.ok('newIntakeDraft')) as Draft;
      await app.ok('saveIntakeDraft', {
        draft: { ...draft, context: 'found', notes },
        expectedRevision: null,
      });
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the background check an unlock starts, once it has ended', async () => {
    // Set-up has just written the file itself: nothing to check yet.
    expect(await app.ok('getDatabaseCheck')).toEqual({ state: 'not_checked' });
    await app.ok('lock');
    await app.ok('unlock', { userId: person.user.id, passphrase: person.passphrase });
    await app.services.session.integrityCheckEnded();
    const status = await app.ok('getDatabaseCheck');
    expect(status.state).toBe('ok');
  });

  it('checks the file again and walks the audit chain on request', async () => {
    const before = await app.ok('getDatabaseCheck');
    const result = await app.ok('checkIntegrity');
    expect(result.database.state).toBe('ok');
    // A new check, not the one from set-up.
    expect(result.database).not.toEqual(before);
    expect(result.auditChain.ok).toBe(true);
    expect(result.auditChain.entries).toBeGreaterThanOrEqual(2);
  });

  it('reports an audit entry edited behind the app, at that entry', async () => {
    const data = await openDataFolder(app.dir, person.user.id, person.passphrase);
    let edited = 0;
    try {
      data.db.exec('DROP TRIGGER audit_log_no_update');
      edited = (
        data.db
          .prepare("SELECT seq FROM audit_log WHERE action = 'intake.draft_created' ORDER BY seq")
          .pluck()
          .all() as number[]
      )[1]!;
      data.db.prepare("UPDATE audit_log SET user_id = 'someone-else' WHERE seq = ?").run(edited);
    } finally {
      data.close();
    }
    const result = await app.ok('checkIntegrity');
    expect(result.auditChain).toEqual({
      ok: false,
      entries: edited - 1,
      brokenAt: edited,
      reason: 'edited',
    });
    // The file itself is sound: the edit was made through SQLite, with the key.
    expect(result.database.state).toBe('ok');
  });

  it('counts a check on request as activity, and the screen asking for the status not', async () => {
    const minute = 60_000;
    let clock = 0;
    const idle = new IdleLock(
      app.services.session,
      () => 5,
      () => clock,
    );
    const handlers = integrityHandlers(app.services.session, idle);
    clock = 4 * minute;
    await handlers.checkIntegrity(undefined, { procedure: 'checkIntegrity' });
    // The screen polls while a check runs: none of that postpones the idle lock.
    for (clock = 5 * minute; clock < 9 * minute; clock += 1_000) {
      await handlers.getDatabaseCheck(undefined, { procedure: 'getDatabaseCheck' });
    }
    clock = 9 * minute - 1;
    expect(idle.check()).toBe(false);
    clock = 9 * minute;
    expect(idle.check()).toBe(true);
    expect(app.services.session.state.kind).toBe('locked');
  });

  it('answers LOCKED when the data is locked', async () => {
    await app.ok('lock');
    for (const procedure of ['getDatabaseCheck', 'checkIntegrity'] as const) {
      const result = await app.call(procedure);
      expect(result).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    }
  });
});
