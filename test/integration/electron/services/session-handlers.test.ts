import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEYRING_FILE } from '../../../../electron/keys/keyring-file.ts';
import { SessionStatusSchema } from '../../../../shared/ipc/procedures/session.ts';
import {
  goodPassphrase,
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';

/**
 * The session procedures (set-up, lock, unlock, recovery, people, passphrases) as the renderer
 * calls them: through the real dispatcher, into the real Session, keyring and encrypted database.
 */

const apps: DispatchedApp[] = [];

async function newApp(): Promise<DispatchedApp> {
  const app = await startDispatchedApp({ prefix: 'session-ipc' });
  apps.push(app);
  return app;
}

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

/** Messages of the issues at one path, in order. */
function messagesAt(issues: readonly { path: string; message: string }[] | undefined, at: string) {
  return (issues ?? []).filter((issue) => issue.path === at).map((issue) => issue.message);
}

describe('session procedures through the dispatcher', () => {
  it('reports needs_setup on a fresh folder', async () => {
    const app = await newApp();
    expect(await app.ok('getSession')).toEqual({
      state: 'needs_setup',
      people: [],
      currentUser: null,
      keychainAvailable: false,
      retryAfterSeconds: 0,
      recoveryCodePending: false,
      signedOutReason: null,
    });
  });

  it('refuses a weak passphrase at set-up, listing every unmet requirement at path passphrase', async () => {
    const app = await newApp();
    const cases: Array<[string, string[]]> = [
      [
        'ab cd',
        [
          'passphraseTooShort',
          'passphraseHasSpaces',
          'passphraseNeedsUpper',
          'passphraseNeedsDigit',
          'passphraseNeedsSymbol',
        ],
      ],
      [
        '',
        [
          'passphraseTooShort',
          'passphraseNeedsUpper',
          'passphraseNeedsLower',
          'passphraseNeedsDigit',
          'passphraseNeedsSymbol',
        ],
      ],
      [
        'onlylowercaseletters',
        ['passphraseNeedsUpper', 'passphraseNeedsDigit', 'passphraseNeedsSymbol'],
      ],
      ['GRANICA-HORGOS-2024', ['passphraseNeedsLower']],
      ['Granica-Horgos-dva', ['passphraseNeedsDigit']],
      ['GranicaHorgos2024', ['passphraseNeedsSymbol']],
      ['Granica Horgos #2024', ['passphraseHasSpaces']],
      ['Gr-2024-x', ['passphraseTooShort']],
      [`Aa1-${'x'.repeat(1021)}`, ['passphraseTooLong']],
    ];
    for (const [passphrase, expected] of cases) {
      const failure = await app.fail('setUp', { name: 'Amina Hadžić', passphrase });
      expect(failure.code).toBe('VALIDATION_ERROR');
      expect(messagesAt(failure.issues, 'passphrase'), JSON.stringify(passphrase)).toEqual(
        expected,
      );
      // Only the passphrase was wrong.
      expect(failure.issues?.every((issue) => issue.path === 'passphrase')).toBe(true);
    }
    // Serbian Cyrillic letters count as upper and lower case letters.
    const cyrillic = await app.fail('setUp', { name: 'Амина', passphrase: 'ЖабаЖаба' });
    expect(messagesAt(cyrillic.issues, 'passphrase')).toEqual([
      'passphraseTooShort',
      'passphraseNeedsDigit',
      'passphraseNeedsSymbol',
    ]);
    const other = await app.fail('setUp', { name: '  ', passphrase: 'x' });
    expect(messagesAt(other.issues, 'name')).toEqual(['required']);
    // The first person is always the administrator: a role sent along is refused, not ignored.
    for (const role of ['field_officer', 'administrator']) {
      const withRole = await app.fail('setUp', {
        name: 'Amina Hadžić',
        role,
        passphrase: goodPassphrase('with-role'),
      });
      expect(withRole.code).toBe('VALIDATION_ERROR');
      expect(withRole.issues).toEqual([
        {
          path: '',
          message: expect.stringContaining('role') as unknown,
          code: 'unrecognized_keys',
        },
      ]);
    }
    // Nothing was set up by any of these.
    expect((await app.ok('getSession')).state).toBe('needs_setup');
    expect(existsSync(path.join(app.dir, KEYRING_FILE))).toBe(false);
  });

  it('sets up the first person as the administrator, unlocked as them, with the recovery code sheet pending', async () => {
    const app = await newApp();
    const passphrase = goodPassphrase('setup');
    const session = await app.ok('setUp', { name: '  Amina Hadžić ', passphrase });
    expect(session.state).toBe('unlocked');
    expect(session.recoveryCodePending).toBe(true);
    expect(session.currentUser).toEqual({
      id: expect.any(String) as unknown,
      name: 'Amina Hadžić',
      role: 'administrator',
      createdAt: expect.any(String) as unknown,
    });
    expect(session.people).toEqual([
      { id: session.currentUser?.id, label: 'Amina Hadžić', keychainUnlock: false },
    ]);
    expect(session.retryAfterSeconds).toBe(0);
    expect(await app.ok('getSession')).toEqual(session);
    const { recoveryCode, reason } = await app.ok('showRecoveryCode');
    expect(recoveryCode).toMatch(/^[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}$/);
    expect(recoveryCode.split('-')).toHaveLength(8);
    expect(reason).toBe('set_up');
    // Shown as often as asked until confirmed: the same code each time.
    expect((await app.ok('showRecoveryCode')).recoveryCode).toBe(recoveryCode);
    const confirmed = await app.ok('confirmRecoveryCode');
    expect(confirmed).toEqual({ ...session, recoveryCodePending: false });
    expect((await app.fail('showRecoveryCode')).code).toBe('NOT_FOUND');
    expect((await app.fail('confirmRecoveryCode')).code).toBe('NOT_FOUND');
    // Set-up runs once per data folder.
    const again = await app.fail('setUp', {
      name: 'Someone Else',
      passphrase: goodPassphrase('again'),
    });
    expect(again.code).toBe('FORBIDDEN');
  });

  it('locks (listing who may unlock) and unlocks; a wrong passphrase is WRONG_PASSPHRASE', async () => {
    const app = await newApp();
    const { passphrase, user } = await setUpFirstPerson(app);
    const locked = await app.ok('lock');
    expect(locked).toEqual({
      state: 'locked',
      people: [{ id: user.id, label: 'Amina Hadžić', keychainUnlock: false }],
      currentUser: null,
      keychainAvailable: false,
      retryAfterSeconds: 0,
      recoveryCodePending: false,
      signedOutReason: null,
    });
    // Locking twice is harmless.
    expect((await app.ok('lock')).state).toBe('locked');

    const wrong = await app.fail('unlock', { userId: user.id, passphrase: `${passphrase}x` });
    expect(wrong.code).toBe('WRONG_PASSPHRASE');
    expect(wrong.retryAfterSeconds).toBeUndefined();
    expect(wrong.message).toMatch(/passphrase is not right/);
    const empty = await app.fail('unlock', { userId: user.id, passphrase: '' });
    expect(empty.code).toBe('VALIDATION_ERROR');
    expect(messagesAt(empty.issues, 'passphrase')).toEqual(['required']);

    const unlocked = await app.ok('unlock', { userId: user.id, passphrase });
    expect(unlocked.state).toBe('unlocked');
    expect(unlocked.currentUser?.id).toBe(user.id);
    const twice = await app.fail('unlock', { userId: user.id, passphrase });
    expect(twice.code).toBe('FORBIDDEN');
  });

  it('delays after repeated wrong passphrases: the 4th answer is TOO_MANY_ATTEMPTS with retryAfterSeconds', async () => {
    const app = await newApp();
    const { passphrase, user } = await setUpFirstPerson(app);
    await app.ok('lock');
    for (const attempt of [1, 2]) {
      const failure = await app.fail('unlock', { userId: user.id, passphrase: `guess ${attempt}` });
      expect(failure.code).toBe('WRONG_PASSPHRASE');
      expect(failure.retryAfterSeconds).toBeUndefined();
    }
    const third = await app.fail('unlock', { userId: user.id, passphrase: 'guess 3' });
    expect(third.code).toBe('WRONG_PASSPHRASE');
    expect(third.retryAfterSeconds).toBeGreaterThan(0);
    const fourth = await app.fail('unlock', { userId: user.id, passphrase: 'guess 4' });
    expect(fourth.code).toBe('TOO_MANY_ATTEMPTS');
    expect(fourth.retryAfterSeconds).toBeGreaterThan(0);
    expect(fourth.message).toMatch(/Try again in \d+ seconds/);
    const status = await app.ok('getSession');
    expect(status.state).toBe('locked');
    expect(status.retryAfterSeconds).toBeGreaterThan(0);
    expect(status.retryAfterSeconds).toBeLessThanOrEqual(fourth.retryAfterSeconds ?? 0);

    // Even the right passphrase and the recovery code wait until the delay is over.
    expect((await app.fail('unlock', { userId: user.id, passphrase })).code).toBe(
      'TOO_MANY_ATTEMPTS',
    );
    // After the delay, the right passphrase opens and the count starts again.
    await sleep(status.retryAfterSeconds * 1000 + 200);
    expect((await app.ok('unlock', { userId: user.id, passphrase })).state).toBe('unlocked');
    expect((await app.ok('getSession')).retryAfterSeconds).toBe(0);
  });

  it('resets a forgotten passphrase with the recovery code (as typed off paper)', async () => {
    const app = await newApp();
    const { passphrase, recoveryCode, user } = await setUpFirstPerson(app);
    await app.ok('lock');
    const newPassphrase = goodPassphrase('after-reset');

    const wrongCode = await app.fail('resetPassphrase', {
      userId: user.id,
      recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH',
      newPassphrase,
    });
    expect(wrongCode.code).toBe('WRONG_PASSPHRASE');
    expect(wrongCode.message).toMatch(/recovery code/);
    const weak = await app.fail('resetPassphrase', {
      userId: user.id,
      recoveryCode,
      newPassphrase: 'short',
    });
    expect(weak.code).toBe('VALIDATION_ERROR');
    expect(messagesAt(weak.issues, 'newPassphrase')).toContain('passphraseTooShort');

    // Lower case and spaces instead of dashes, as a person types it.
    const typed = recoveryCode.toLowerCase().replace(/-/g, ' ');
    const reset = await app.ok('resetPassphrase', {
      userId: user.id,
      recoveryCode: typed,
      newPassphrase,
    });
    expect(reset.state).toBe('unlocked');
    expect(reset.currentUser?.id).toBe(user.id);
    await app.ok('lock');
    expect((await app.fail('unlock', { userId: user.id, passphrase })).code).toBe(
      'WRONG_PASSPHRASE',
    );
    expect((await app.ok('unlock', { userId: user.id, passphrase: newPassphrase })).state).toBe(
      'unlocked',
    );
    // The reset is in the audit log, which is still intact.
    const { db } = app.services.session.requireUnlocked();
    const actions = db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all();
    expect(actions).toContain('user.passphrase_reset_with_recovery_code');
    expect(await app.ok('verifyAuditLog')).toEqual({ ok: true, entries: actions.length });
  });

  it('adds a person, who can then unlock with their own passphrase', async () => {
    const app = await newApp();
    const { user: amina, passphrase: aminaPassphrase } = await setUpFirstPerson(app);
    const weak = await app.fail('addPerson', {
      name: 'Marko Petrović',
      role: 'field_officer',
      passphrase: 'marko',
    });
    expect(weak.code).toBe('VALIDATION_ERROR');
    expect(messagesAt(weak.issues, 'passphrase').length).toBeGreaterThan(0);

    const markoPassphrase = goodPassphrase('marko');
    const marko = await app.ok('addPerson', {
      name: 'Marko Petrović',
      role: 'field_officer',
      passphrase: markoPassphrase,
    });
    expect(marko).toEqual({
      id: expect.any(String) as unknown,
      name: 'Marko Petrović',
      role: 'field_officer',
      createdAt: expect.any(String) as unknown,
    });
    expect(marko.id).not.toBe(amina.id);

    const locked = await app.ok('lock');
    expect(locked.people.map((person) => person.label)).toEqual(['Amina Hadžić', 'Marko Petrović']);
    // Only someone signed in may add people.
    const whileLocked = await app.fail('addPerson', {
      name: 'Intruder',
      role: 'administrator',
      passphrase: goodPassphrase('intruder'),
    });
    expect(whileLocked.code).toBe('LOCKED');
    // Amina's passphrase does not open Marko's slot.
    const crossed = await app.fail('unlock', { userId: marko.id, passphrase: aminaPassphrase });
    expect(crossed.code).toBe('WRONG_PASSPHRASE');
    const asMarko = await app.ok('unlock', { userId: marko.id, passphrase: markoPassphrase });
    expect(asMarko.currentUser).toEqual(marko);
  });

  it('changes the passphrase: the old one stops working, the new one opens', async () => {
    const app = await newApp();
    const { passphrase, user } = await setUpFirstPerson(app);
    const newPassphrase = goodPassphrase('changed');
    const wrong = await app.fail('changePassphrase', {
      currentPassphrase: 'not the current one',
      newPassphrase,
    });
    expect(wrong.code).toBe('WRONG_PASSPHRASE');
    const weak = await app.fail('changePassphrase', {
      currentPassphrase: passphrase,
      newPassphrase: 'nodigits-NOSYMBOL',
    });
    expect(weak.code).toBe('VALIDATION_ERROR');
    expect(messagesAt(weak.issues, 'newPassphrase')).toEqual(['passphraseNeedsDigit']);

    expect(
      await app.ok('changePassphrase', { currentPassphrase: passphrase, newPassphrase }),
    ).toBeNull();
    // Still unlocked after the change.
    expect((await app.ok('getSession')).state).toBe('unlocked');
    await app.ok('lock');
    expect((await app.fail('unlock', { userId: user.id, passphrase })).code).toBe(
      'WRONG_PASSPHRASE',
    );
    expect((await app.ok('unlock', { userId: user.id, passphrase: newPassphrase })).state).toBe(
      'unlocked',
    );
    await app.ok('lock');
    expect(
      (await app.fail('changePassphrase', { currentPassphrase: newPassphrase, newPassphrase }))
        .code,
    ).toBe('LOCKED');
  });

  it('refuses keychain unlock on a host without a keychain (FORBIDDEN), leaving the passphrase', async () => {
    const app = await newApp();
    const { passphrase, user } = await setUpFirstPerson(app);
    const failure = await app.fail('setKeychainUnlock', { enabled: true });
    expect(failure.code).toBe('FORBIDDEN');
    expect(failure.message).toMatch(/keychain/);
    const status = await app.ok('getSession');
    expect(status.keychainAvailable).toBe(false);
    expect(status.people).toEqual([{ id: user.id, label: 'Amina Hadžić', keychainUnlock: false }]);
    await app.ok('lock');
    const viaKeychain = await app.fail('unlockWithKeychain', { userId: user.id });
    expect(viaKeychain.code).toBe('UNAUTHORIZED');
    expect(viaKeychain.message).toMatch(/Use your passphrase/);
    expect((await app.ok('unlock', { userId: user.id, passphrase })).state).toBe('unlocked');
  });

  it('pushes sessionChanged on set-up, the confirmed recovery code, lock and unlock', async () => {
    const app = await newApp();
    const { passphrase, user } = await setUpFirstPerson(app);
    const states = () =>
      app.events
        .filter((event) => event.event === 'sessionChanged')
        .map((event) => SessionStatusSchema.parse(event.payload))
        .map((status) => `${status.state}${status.recoveryCodePending ? ' (sheet)' : ''}`);
    await vi.waitFor(() => expect(states()).toEqual(['unlocked (sheet)', 'unlocked']));
    await app.ok('lock');
    await vi.waitFor(() => expect(states()).toEqual(['unlocked (sheet)', 'unlocked', 'locked']));
    await app.fail('unlock', { userId: user.id, passphrase: 'wrong' });
    await app.ok('unlock', { userId: user.id, passphrase });
    await vi.waitFor(() =>
      expect(states()).toEqual(['unlocked (sheet)', 'unlocked', 'locked', 'unlocked']),
    );
    const last = app.events.at(-1)?.payload;
    expect(SessionStatusSchema.parse(last).currentUser?.id).toBe(user.id);
  });

  it("refuses a field officer's forged calls to add, change or remove people, or to make a new recovery code (FORBIDDEN)", async () => {
    const app = await newApp();
    const { user: amina } = await setUpFirstPerson(app);
    const markoPassphrase = goodPassphrase('marko');
    const marko = await app.ok('addPerson', {
      name: 'Marko Petrović',
      role: 'field_officer',
      passphrase: markoPassphrase,
    });
    await app.ok('lock');
    await app.ok('unlock', { userId: marko.id, passphrase: markoPassphrase });
    const auditBefore = await app.ok('verifyAuditLog');

    // Exactly what a compromised renderer could send, with valid input.
    const forged: Array<[string, unknown]> = [
      ['addPerson', { name: 'Intruder', role: 'administrator', passphrase: goodPassphrase('x') }],
      ['changeRole', { userId: marko.id, role: 'administrator' }],
      ['changeRole', { userId: amina.id, role: 'field_officer' }],
      ['removePerson', { userId: amina.id }],
      ['replaceRecoveryCode', { passphrase: markoPassphrase }],
    ];
    for (const [procedure, input] of forged) {
      const failure = await app.fail(procedure, input);
      expect(failure, procedure).toMatchObject({
        code: 'FORBIDDEN',
        message: 'Only an administrator adds people, changes their roles or removes them.',
      });
    }
    // Nothing changed: same people, same roles, no new audit entry, and Marko may still read.
    expect(
      (await app.ok('listPeople')).map((person) => [
        person.name,
        person.role,
        person.keychainUnlock,
      ]),
    ).toEqual([
      ['Amina Hadžić', 'administrator', false],
      ['Marko Petrović', 'field_officer', false],
    ]);
    expect(await app.ok('verifyAuditLog')).toEqual(auditBefore);
    expect((await app.ok('lock')).people.map((person) => person.label)).toEqual([
      'Amina Hadžić',
      'Marko Petrović',
    ]);
    // Locked, nobody may even list people.
    expect((await app.fail('listPeople')).code).toBe('LOCKED');
  });

  it('an administrator changes a role; the last administrator and oneself are refused, with the reason as a key', async () => {
    const app = await newApp();
    const { user: amina } = await setUpFirstPerson(app);
    const marko = await app.ok('addPerson', {
      name: 'Marko Petrović',
      role: 'field_officer',
      passphrase: goodPassphrase('marko'),
    });
    expect(await app.ok('changeRole', { userId: marko.id, role: 'custody_officer' })).toEqual({
      ...marko,
      role: 'custody_officer',
    });
    const badRole = await app.fail('changeRole', { userId: marko.id, role: 'king' });
    expect(badRole.code).toBe('VALIDATION_ERROR');
    expect(messagesAt(badRole.issues, 'role')).toEqual(['invalidOption']);
    const nobody = await app.fail('changeRole', {
      userId: '0190f0e0-0000-7000-8000-000000000009',
      role: 'team_lead',
    });
    expect(nobody.code).toBe('NOT_FOUND');

    const demote = await app.fail('changeRole', { userId: amina.id, role: 'team_lead' });
    expect(demote).toMatchObject({
      code: 'FORBIDDEN',
      issues: [{ path: '', message: 'lastAdministrator', code: 'custom' }],
    });
    expect(demote.message).toMatch(/only administrator on this computer/);
    const self = await app.fail('removePerson', { userId: amina.id });
    expect(self).toMatchObject({
      code: 'FORBIDDEN',
      issues: [{ path: '', message: 'cannotRemoveYourself', code: 'custom' }],
    });
    expect((await app.ok('getSession')).currentUser?.role).toBe('administrator');
    expect((await app.ok('listPeople')).map((person) => person.role)).toEqual([
      'administrator',
      'custody_officer',
    ]);
  });

  it('a removed person cannot unlock and leaves the unlock list; what they recorded keeps their name', async () => {
    const app = await newApp();
    const { user: amina, passphrase: aminaPassphrase } = await setUpFirstPerson(app);
    const markoPassphrase = goodPassphrase('marko');
    const marko = await app.ok('addPerson', {
      name: 'Marko Petrović',
      role: 'field_officer',
      passphrase: markoPassphrase,
    });
    await app.ok('lock');
    await app.ok('unlock', { userId: marko.id, passphrase: markoPassphrase });
    const draft = await app.ok('newIntakeDraft');
    const saved = await app.ok('saveIntakeDraft', {
      draft: { ...draft, recordingAgency: 'Uprava granične policije' },
      expectedRevision: null,
    });
    expect(saved.createdBy).toEqual({ id: marko.id, name: 'Marko Petrović' });
    await app.ok('lock');

    await app.ok('unlock', { userId: amina.id, passphrase: aminaPassphrase });
    expect(await app.ok('removePerson', { userId: marko.id })).toBeNull();
    expect((await app.ok('listPeople')).map((person) => person.name)).toEqual(['Amina Hadžić']);
    // Marko's record and its history still name him.
    const record = await app.ok('getIntake', { id: draft.id });
    expect(record.createdBy).toEqual({ id: marko.id, name: 'Marko Petrović' });
    const history = await app.ok('getIntakeHistory', { id: draft.id });
    expect(history.map((entry) => entry.userName)).toContain('Marko Petrović');
    expect((await app.ok('verifyAuditLog')).ok).toBe(true);

    const locked = await app.ok('lock');
    expect(locked.people.map((person) => person.label)).toEqual(['Amina Hadžić']);
    const refused = await app.fail('unlock', { userId: marko.id, passphrase: markoPassphrase });
    expect(refused.code).toBe('WRONG_PASSPHRASE');
    expect((await app.ok('getSession')).state).toBe('locked');
  });

  it('a new recovery code needs the passphrase, and the old code stops working at once', async () => {
    const app = await newApp();
    const { user, passphrase, recoveryCode: oldCode } = await setUpFirstPerson(app);
    const wrong = await app.fail('replaceRecoveryCode', { passphrase: 'not mine' });
    expect(wrong.code).toBe('WRONG_PASSPHRASE');
    expect((await app.ok('getSession')).recoveryCodePending).toBe(false);

    const status = await app.ok('replaceRecoveryCode', { passphrase });
    expect(status).toMatchObject({ state: 'unlocked', recoveryCodePending: true });
    const sheet = await app.ok('showRecoveryCode');
    expect(sheet.reason).toBe('replaced');
    expect(sheet.recoveryCode).not.toBe(oldCode);
    expect((await app.ok('confirmRecoveryCode')).recoveryCodePending).toBe(false);

    await app.ok('lock');
    const withOld = await app.fail('resetPassphrase', {
      userId: user.id,
      recoveryCode: oldCode,
      newPassphrase: goodPassphrase('old-code'),
    });
    expect(withOld.code).toBe('WRONG_PASSPHRASE');
    expect(withOld.message).toMatch(/recovery code/);
    const newPassphrase = goodPassphrase('new-code');
    const reset = await app.ok('resetPassphrase', {
      userId: user.id,
      recoveryCode: sheet.recoveryCode,
      newPassphrase,
    });
    expect(reset.state).toBe('unlocked');
  });

  it('shows the same pending recovery code again after the app services restart, until it is confirmed', async () => {
    const first = await newApp();
    const passphrase = goodPassphrase('restart');
    const { currentUser } = await first.ok('setUp', { name: 'Amina Hadžić', passphrase });
    const { recoveryCode } = await first.ok('showRecoveryCode');
    // The window closes and the app quits before "I have written it down".
    await first.dispose();

    const second = await startDispatchedApp({ dataDir: first.dir });
    apps.push(second);
    expect((await second.ok('getSession')).recoveryCodePending).toBe(false);
    const unlocked = await second.ok('unlock', { userId: currentUser!.id, passphrase });
    expect(unlocked.recoveryCodePending).toBe(true);
    expect((await second.ok('showRecoveryCode')).recoveryCode).toBe(recoveryCode);
    await second.ok('confirmRecoveryCode');
    await second.dispose();

    const third = await startDispatchedApp({ dataDir: first.dir });
    apps.push(third);
    const again = await third.ok('unlock', { userId: currentUser!.id, passphrase });
    expect(again.recoveryCodePending).toBe(false);
    expect((await third.fail('showRecoveryCode')).code).toBe('NOT_FOUND');
  });

  it('never returns the data key or a passphrase in any answer, event or log line', async () => {
    const app = await newApp();
    const first = goodPassphrase('secret-first');
    const { recoveryCode, user } = await setUpFirstPerson(app, { passphrase: first });
    const dek = Buffer.from(app.services.session.requireUnlocked().dek);
    expect(dek).toHaveLength(32);
    expect(dek.equals(Buffer.alloc(32))).toBe(false);

    const second = goodPassphrase('secret-second');
    const third = goodPassphrase('secret-third');
    const reset = goodPassphrase('secret-reset');
    const wrongGuess = 'Wrong-Guess#2024-secret';
    await app.ok('getSession');
    const marko = await app.ok('addPerson', {
      name: 'Marko',
      role: 'field_officer',
      passphrase: second,
    });
    await app.ok('changePassphrase', { currentPassphrase: first, newPassphrase: third });
    await app.fail('setKeychainUnlock', { enabled: true });
    await app.ok('lock');
    await app.fail('unlock', { userId: user.id, passphrase: wrongGuess });
    await app.fail('unlock', { userId: user.id, passphrase: first });
    await app.ok('unlock', { userId: marko.id, passphrase: second });
    // The same data key opens the same database for everyone.
    expect(app.services.session.requireUnlocked().dek.equals(dek)).toBe(true);
    await app.ok('lock');
    await app.ok('resetPassphrase', { userId: user.id, recoveryCode, newPassphrase: reset });
    await app.ok('verifyAuditLog');
    await app.ok('listIntakes', {});
    await app.ok('lock');
    await vi.waitFor(() => expect(app.events.length).toBeGreaterThanOrEqual(6));

    const secrets = [first, second, third, reset, wrongGuess];
    const keyForms = [
      dek.toString('hex'),
      dek.toString('hex').toUpperCase(),
      dek.toString('base64'),
      dek.toString('base64url'),
      JSON.stringify([...dek]).slice(1, -1),
    ];
    const answers = app.calls.map((call) => call.json);
    const pushed = app.events.map((event) => JSON.stringify(event));
    expect(answers.length).toBeGreaterThan(10);
    for (const [where, texts] of [
      ['answers', answers],
      ['events', pushed],
      ['log lines', app.logLines],
    ] as const) {
      const all = texts.join('\n');
      for (const secret of secrets)
        expect(all.includes(secret), `${where}: a passphrase`).toBe(false);
      for (const form of keyForms) expect(all.includes(form), `${where}: the data key`).toBe(false);
    }
    // The recovery code crosses IPC only to be shown on its sheet, and nowhere else.
    const withCode = app.calls.filter((call) => call.json.includes(recoveryCode));
    expect(withCode.map((call) => call.procedure)).toEqual(['showRecoveryCode']);
    expect([...pushed, ...app.logLines].join('\n').includes(recoveryCode)).toBe(false);
  });
});
