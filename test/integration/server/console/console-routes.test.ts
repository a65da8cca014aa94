import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountListSchema,
  AuditListSchema,
  ConflictListSchema,
  consoleRoutes,
  DeviceListSchema,
  EnrollDeviceResponseSchema,
  parseEnrollmentQrText,
} from '../../../../shared/console/api.ts';
import { ConsoleErrorBodySchema } from '../../../../shared/console/errors.ts';
import {
  EnrollResponseSchema,
  PullResponseSchema,
  SYNC_PROTOCOL_VERSION,
  syncRoutes,
} from '../../../../shared/sync/protocol.ts';
import { CONSOLE_DEVICE_ID } from '../../../../server/migrations/0120-record-reviews.ts';
import { ConsoleClient } from '../../../support/console-client.ts';
import { SmtpInbox } from '../../../support/smtp-inbox.ts';
import { mutation, newRecordId, request, syncClient } from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

const strongPassword = 'Granica-Sever-2026!';

const errorOf = (json: unknown) => ConsoleErrorBodySchema.parse(json);

describe.each(syncBackends)('the web console API (%s)', (backend) => {
  let server: SyncServerHandle;
  let inbox: SmtpInbox;
  let now = new Date('2026-12-01T09:00:00.000Z');
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  /** The administrator every test starts from (invited by the command line, then accepted). */
  let admin: ConsoleClient;

  /** An invitation (by `by`, or the command line) accepted by a fresh browser. */
  async function invitedAndAccepted(
    email: string,
    role: 'administrator' | 'reviewer' | 'viewer',
    by?: ConsoleClient,
  ): Promise<ConsoleClient> {
    const before = inbox.countFor(email);
    if (by === undefined) await server.admin.invite(email, role);
    else expect((await by.call('POST', consoleRoutes.invite, { email, role })).status).toBe(200);
    const code = await inbox.codeFor(email, before);
    const browser = new ConsoleClient(server.url);
    const accepted = await browser.call('POST', consoleRoutes.acceptInvitation, {
      code,
      name: email.split('@')[0],
      password: strongPassword,
    });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
    return browser;
  }

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    server = await startSyncServer({ backend, clock: () => now, mailer: inbox.mailer() });
    admin = await invitedAndAccepted('ana@salw.test', 'administrator');
  });
  afterAll(async () => {
    await server.stop();
    await inbox.close();
  });

  it('invites by mail through a real SMTP server; the code, a name and a strong password sign the person in', async () => {
    const before = inbox.countFor('boris@salw.test');
    const invited = await admin.call('POST', consoleRoutes.invite, {
      email: 'Boris@SALW.test',
      role: 'reviewer',
    });
    expect(invited.status).toBe(200);
    expect(invited.json).toMatchObject({
      email: 'boris@salw.test',
      role: 'reviewer',
      mailed: true,
    });
    const code = await inbox.codeFor('boris@salw.test', before);
    // No language named: the mail is in English, the code on a line of its own.
    const mail = await inbox.readFor('boris@salw.test', before);
    expect(mail.subject).toBe('Your invitation to the SALW Field console');
    expect(mail.text).toContain('You are invited to the SALW Field console as reviewer.');
    expect(mail.text).toContain(`\n    ${code}\n`);

    const browser = new ConsoleClient(server.url);
    const accepted = await browser.call('POST', consoleRoutes.acceptInvitation, {
      code: code.toLowerCase().replaceAll('-', ' '),
      name: 'Boris Reviewer',
      password: strongPassword,
    });
    expect(accepted.status).toBe(200);
    const cookie = accepted.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^salw_console_session=[\w-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\/console/i);
    expect(accepted.json).toMatchObject({
      signedIn: true,
      account: { email: 'boris@salw.test', name: 'Boris Reviewer', role: 'reviewer' },
    });

    const session = await browser.call('GET', consoleRoutes.session);
    expect(session.json).toMatchObject({ signedIn: true, account: { role: 'reviewer' } });
    // The code worked once.
    const again = await new ConsoleClient(server.url).call('POST', consoleRoutes.acceptInvitation, {
      code,
      name: 'Someone else',
      password: strongPassword,
    });
    expect(again.status).toBe(400);
    expect(errorOf(again.json).error).toBe('CODE_INVALID');

    const accounts = AccountListSchema.parse(
      (await admin.call('GET', consoleRoutes.accounts)).json,
    ).accounts;
    expect(accounts.find((account) => account.email === 'boris@salw.test')).toMatchObject({
      status: 'active',
      name: 'Boris Reviewer',
    });
    const audit = AuditListSchema.parse((await admin.call('GET', consoleRoutes.audit)).json);
    expect(audit.entries.map((entry) => [entry.action, entry.target])).toEqual(
      expect.arrayContaining([
        ['account.invited', 'boris@salw.test'],
        ['account.invitation_accepted', 'boris@salw.test'],
      ]),
    );
  });

  it('refuses a weak password with every missing requirement, and leaves the code usable', async () => {
    const before = inbox.countFor('vera@salw.test');
    await server.admin.invite('vera@salw.test', 'viewer');
    const code = await inbox.codeFor('vera@salw.test', before);
    const browser = new ConsoleClient(server.url);
    const weak = await browser.call('POST', consoleRoutes.acceptInvitation, {
      code,
      name: 'Vera',
      password: 'short one',
    });
    expect(weak.status).toBe(400);
    expect(errorOf(weak.json)).toMatchObject({
      error: 'WEAK_PASSWORD',
      problems: [
        'passphraseTooShort',
        'passphraseHasSpaces',
        'passphraseNeedsUpper',
        'passphraseNeedsDigit',
        'passphraseNeedsSymbol',
      ],
    });
    const strong = await browser.call('POST', consoleRoutes.acceptInvitation, {
      code,
      name: 'Vera',
      password: strongPassword,
    });
    expect(strong.status).toBe(200);
  });

  it('refuses a code after its 30 minutes with its own plain answer', async () => {
    const before = inbox.countFor('late@salw.test');
    await server.admin.invite('late@salw.test', 'viewer');
    const code = await inbox.codeFor('late@salw.test', before);
    advance(30 * 60_000 + 1000);
    const late = await new ConsoleClient(server.url).call('POST', consoleRoutes.acceptInvitation, {
      code,
      name: 'Late',
      password: strongPassword,
    });
    expect(late.status).toBe(400);
    expect(errorOf(late.json).error).toBe('CODE_EXPIRED');
  });

  it('makes every failed sign-in wait twice as long as the one before, and refuses without looking at the password meanwhile', async () => {
    await invitedAndAccepted('guess@salw.test', 'viewer');
    const browser = new ConsoleClient(server.url);
    const waits: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const wrong = await browser.signIn('guess@salw.test', 'Wrong-Password-99');
      expect(wrong.status).toBe(401);
      const body = errorOf(wrong.json);
      expect(body.error).toBe('SIGN_IN_FAILED');
      waits.push(body.retryAfterSeconds ?? 0);
      // Even the right password is refused until the wait is over.
      const early = await browser.signIn('guess@salw.test', strongPassword);
      expect(early.status).toBe(429);
      expect(errorOf(early.json)).toMatchObject({
        error: 'SIGN_IN_DELAYED',
        retryAfterSeconds: body.retryAfterSeconds,
      });
      advance((body.retryAfterSeconds ?? 0) * 1000);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    const right = await browser.signIn('guess@salw.test', strongPassword);
    expect(right.status).toBe(200);
    // A success clears the account's count: the next mistake waits 1 s again.
    const next = await new ConsoleClient(server.url).signIn('guess@salw.test', 'Wrong-Password-99');
    expect(errorOf(next.json).retryAfterSeconds).toBe(1);
    advance(1000);
  });

  it('refuses a state-changing request without the CSRF token or from another origin', async () => {
    const body = { email: 'csrf@salw.test', role: 'viewer' };
    const noToken = await admin.call('POST', consoleRoutes.invite, body, { csrf: null });
    const wrongToken = await admin.call('POST', consoleRoutes.invite, body, {
      csrf: 'x'.repeat(43),
    });
    const otherSite = await admin.call('POST', consoleRoutes.invite, body, {
      origin: 'https://evil.example',
    });
    const noOrigin = await admin.call('POST', consoleRoutes.invite, body, { origin: null });
    for (const refused of [noToken, wrongToken, otherSite, noOrigin]) {
      expect(refused.status).toBe(403);
      expect(errorOf(refused.json).error).toBe('CSRF_REJECTED');
    }
    // Signing in from another site is refused too (no login CSRF).
    const crossSignIn = await new ConsoleClient(server.url).call(
      'POST',
      consoleRoutes.signIn,
      { email: 'ana@salw.test', password: strongPassword },
      { origin: 'https://evil.example' },
    );
    expect(crossSignIn.status).toBe(403);
    // Nothing was invited; the same request with token and origin goes through.
    expect(inbox.countFor('csrf@salw.test')).toBe(0);
    expect((await admin.call('POST', consoleRoutes.invite, body)).status).toBe(200);
  });

  it('lets each role do only what it may, checked by the server', async () => {
    const viewer = await invitedAndAccepted('viewer@salw.test', 'viewer', admin);
    expect((await viewer.call('GET', consoleRoutes.accounts)).status).toBe(403);
    expect((await viewer.call('GET', consoleRoutes.devices)).status).toBe(403);
    expect((await viewer.call('POST', consoleRoutes.enrollDevice, { name: 'X' })).status).toBe(403);
    const reviewer = await invitedAndAccepted('reviewer@salw.test', 'reviewer', admin);
    expect((await reviewer.call('GET', consoleRoutes.devices)).status).toBe(200);
    expect((await reviewer.call('GET', consoleRoutes.audit)).status).toBe(403);
    const refused = await reviewer.call('POST', consoleRoutes.enrollDevice, { name: 'X' });
    expect(errorOf(refused.json).error).toBe('FORBIDDEN');

    // A role change applies to the open session at once; disabling ends it.
    const accounts = AccountListSchema.parse(
      (await admin.call('GET', consoleRoutes.accounts)).json,
    ).accounts;
    const viewerId = accounts.find((account) => account.email === 'viewer@salw.test')?.id ?? '';
    await admin.call('POST', consoleRoutes.accountRole(viewerId), { role: 'reviewer' });
    expect((await viewer.call('GET', consoleRoutes.devices)).status).toBe(200);
    await admin.call('POST', consoleRoutes.accountDisabled(viewerId), { disabled: true });
    const ended = await viewer.call('GET', consoleRoutes.devices);
    expect(ended.status).toBe(401);
    expect(errorOf(ended.json).error).toBe('NOT_SIGNED_IN');
    expect((await viewer.signIn('viewer@salw.test', strongPassword)).status).toBe(401);

    // The last administrator cannot demote themself.
    const adminId = accounts.find((account) => account.email === 'ana@salw.test')?.id ?? '';
    const demote = await admin.call('POST', consoleRoutes.accountRole(adminId), { role: 'viewer' });
    expect(errorOf(demote.json).error).toBe('LAST_ADMINISTRATOR');
  });

  it('writes the invitation and the reset mail in the language asked, the code as it is', async () => {
    const before = inbox.countFor('jelena@salw.test');
    const invited = await admin.call('POST', consoleRoutes.invite, {
      email: 'jelena@salw.test',
      role: 'reviewer',
      language: 'sr-Cyrl',
    });
    expect(invited.status).toBe(200);
    const code = await inbox.codeFor('jelena@salw.test', before);
    const invitation = await inbox.readFor('jelena@salw.test', before);
    expect(invitation.subject).toBe('Позив у конзолу SALW Field');
    expect(invitation.text).toContain('Позвани сте у конзолу SALW Field као рецензент.');
    // The page's address stays as it is, in Latin letters, and so does the code.
    expect(invitation.text).toContain(`${server.url}/console/#/accept`);
    expect(invitation.text).toContain(`\n    ${code}\n`);
    // When it stops working, in the reader's date and time, in UTC (the server's clock: 30 min).
    expect(invitation.text).toMatch(
      /Код важи једном, до \d{1,2}\. \d{1,2}\. \d{4}\. \d{2}:\d{2} UTC \(30 минута\)\./,
    );
    const browser = new ConsoleClient(server.url);
    const accepted = await browser.call('POST', consoleRoutes.acceptInvitation, {
      code,
      name: 'Jelena',
      password: strongPassword,
    });
    expect(accepted.status).toBe(200);

    const beforeReset = inbox.countFor('jelena@salw.test');
    const stranger = new ConsoleClient(server.url);
    const asked = await stranger.call('POST', consoleRoutes.requestPasswordReset, {
      email: 'jelena@salw.test',
      language: 'fr',
    });
    expect(asked.json).toEqual({ ok: true });
    const reset = await inbox.readFor('jelena@salw.test', beforeReset);
    expect(reset.subject).toBe('Réinitialisation de votre mot de passe de la console SALW Field');
    expect(reset.text).toContain(`${server.url}/console/#/reset`);
    expect(reset.text).toContain('Si ce n’était pas vous, ignorez ce message');

    // A language the console does not write is refused by name, and nobody is invited.
    const refused = await admin.call('POST', consoleRoutes.invite, {
      email: 'nobody-de@salw.test',
      role: 'viewer',
      language: 'de',
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json)).toContain('language');
    expect(inbox.countFor('nobody-de@salw.test')).toBe(0);
  });

  it('resets a forgotten password with a mailed code, ending the sessions open with the old one', async () => {
    const person = await invitedAndAccepted('forgot@salw.test', 'viewer');
    const before = inbox.countFor('forgot@salw.test');
    const stranger = new ConsoleClient(server.url);
    const asked = await stranger.call('POST', consoleRoutes.requestPasswordReset, {
      email: 'forgot@salw.test',
    });
    expect(asked.json).toEqual({ ok: true });
    // An address without an account gets the same answer, and no mail.
    const unknown = await stranger.call('POST', consoleRoutes.requestPasswordReset, {
      email: 'nobody@salw.test',
    });
    expect(unknown.json).toEqual({ ok: true });
    const code = await inbox.codeFor('forgot@salw.test', before);
    const newPassword = 'Novi-Pocetak-2027#';
    const reset = await stranger.call('POST', consoleRoutes.completePasswordReset, {
      code,
      password: newPassword,
    });
    expect(reset.status).toBe(200);
    expect(inbox.countFor('nobody@salw.test')).toBe(0);
    expect((await person.call('GET', consoleRoutes.session)).json).toEqual({ signedIn: false });
    expect((await stranger.signIn('forgot@salw.test', strongPassword)).status).toBe(401);
    advance(1000);
    expect((await stranger.signIn('forgot@salw.test', newPassword)).status).toBe(200);
  });

  it('enrolls a laptop with a code and a QR code, shows its last contact and revokes it', async () => {
    const issued = EnrollDeviceResponseSchema.parse(
      (await admin.call('POST', consoleRoutes.enrollDevice, { name: 'Border laptop 7' })).json,
    );
    expect(issued.serverUrl).toBe(server.url);
    // No team chosen: the default national team, as the command line's enroll without --team.
    expect(issued).toMatchObject({ team: { name: 'National coordination' }, defaultTeam: true });
    expect(parseEnrollmentQrText(issued.qrText)).toEqual({
      serverUrl: server.url,
      code: issued.code,
    });
    expect(issued.qrRows.length).toBeGreaterThanOrEqual(21);
    expect(
      issued.qrRows.every((row) => /^[01]+$/.test(row) && row.length === issued.qrRows.length),
    ).toBe(true);

    const enrolled = await request(`${server.url}${syncRoutes.enroll}`, {
      method: 'POST',
      body: JSON.stringify({
        code: issued.code,
        protocolVersion: SYNC_PROTOCOL_VERSION,
        appVersion: '0.1.0',
      }),
    });
    expect(enrolled.status).toBe(200);
    const device = EnrollResponseSchema.parse(enrolled.json);
    const laptop = syncClient(server.url, device);
    expect((await laptop.pull()).status).toBe(200);
    const id = newRecordId();
    expect(
      (
        await laptop.push([
          mutation({ mutationId: 1, entityId: id, op: 'create', fields: { notes: 'x' } }),
        ])
      ).status,
    ).toBe(200);

    const listed = DeviceListSchema.parse((await admin.call('GET', consoleRoutes.devices)).json);
    expect(listed.devices.find((row) => row.id === device.deviceId)).toMatchObject({
      name: 'Border laptop 7',
      appVersion: '0.1.0',
      revokedAt: null,
      lastSeenAt: now.toISOString(),
      lastSyncAt: now.toISOString(),
      team: issued.team,
    });
    // The device the console's own reviews are pushed as is no laptop: not listed, not revocable.
    expect(listed.devices.map((row) => row.name)).not.toContain('Web console');
    expect((await admin.call('POST', consoleRoutes.revokeDevice(CONSOLE_DEVICE_ID))).status).toBe(
      404,
    );

    expect((await admin.call('POST', consoleRoutes.revokeDevice(device.deviceId))).status).toBe(
      200,
    );
    expect((await laptop.pull()).status).toBe(401);
    const audit = AuditListSchema.parse((await admin.call('GET', consoleRoutes.audit)).json);
    expect(
      audit.entries.slice(0, 2).map((entry) => [entry.action, entry.target, entry.actor]),
    ).toEqual([
      ['device.revoked', 'Border laptop 7', 'ana@salw.test'],
      ['device.enrollment_code_issued', 'Border laptop 7', 'ana@salw.test'],
    ]);
  });

  it('enrolls a laptop into the team chosen, whose pulls are that team’s scope; refuses a team nobody made', async () => {
    const { team } = await server.admin.createTeam({
      name: 'Customs Horgoš',
      organisation: 'Customs',
    });
    // A record of a national laptop, at none of the team's places: outside its scope.
    const national = syncClient(server.url, await server.enrollDevice('Commission laptop'));
    const theirs = newRecordId();
    const pushed = await national.push([
      mutation({ mutationId: 1, entityId: theirs, op: 'create', fields: { notes: 'national' } }),
    ]);
    expect(pushed.status, pushed.text).toBe(200);

    const answer = await admin.call('POST', consoleRoutes.enrollDevice, {
      name: 'Customs laptop 1',
      teamId: team.id,
    });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    const issued = EnrollDeviceResponseSchema.parse(answer.json);
    expect(issued).toMatchObject({
      team: { id: team.id, name: 'Customs Horgoš' },
      defaultTeam: false,
    });
    const enrolled = await request(`${server.url}${syncRoutes.enroll}`, {
      method: 'POST',
      body: JSON.stringify({
        code: issued.code,
        protocolVersion: SYNC_PROTOCOL_VERSION,
        appVersion: '0.1.0',
      }),
    });
    const device = EnrollResponseSchema.parse(enrolled.json);
    const listed = DeviceListSchema.parse((await admin.call('GET', consoleRoutes.devices)).json);
    expect(listed.devices.find((row) => row.id === device.deviceId)?.team).toEqual({
      id: team.id,
      name: 'Customs Horgoš',
    });
    // Its pulls are its team's view: its own record, not the national laptop's.
    const laptop = syncClient(server.url, device);
    const own = newRecordId();
    const ownPush = await laptop.push([
      mutation({ mutationId: 1, entityId: own, op: 'create', fields: { notes: 'customs' } }),
    ]);
    expect(ownPush.status, ownPush.text).toBe(200);
    const pulled = PullResponseSchema.parse((await laptop.pull({ limit: 500 })).json);
    const ids = pulled.changes.map((change) => change.id);
    expect(ids).toContain(own);
    expect(ids).not.toContain(theirs);

    const audit = AuditListSchema.parse((await admin.call('GET', consoleRoutes.audit)).json);
    expect(
      audit.entries.find(
        (entry) =>
          entry.action === 'device.enrollment_code_issued' && entry.target === 'Customs laptop 1',
      )?.details,
    ).toMatchObject({ team: { id: team.id, name: 'Customs Horgoš' }, defaultTeam: false });

    // A team nobody made: its own plain refusal, and no code (nor audit line) for it.
    const unknown = await admin.call('POST', consoleRoutes.enrollDevice, {
      name: 'Stray laptop',
      teamId: randomUUID(),
    });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown.json).error).toBe('UNKNOWN_TEAM');
    const malformed = await admin.call('POST', consoleRoutes.enrollDevice, {
      name: 'Stray laptop',
      teamId: 'Customs Horgoš',
    });
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed.json).error).toBe('VALIDATION_ERROR');
    const { rows } = await server.db.query(
      "SELECT 1 FROM enrollment_codes WHERE device_name = 'Stray laptop'",
    );
    expect(rows).toEqual([]);
  });

  it('lists conflicts and rejected changes from the laptops and marks them resolved, with an audit entry', async () => {
    const a = syncClient(server.url, await server.enrollDevice('Laptop A'));
    const b = syncClient(server.url, await server.enrollDevice('Laptop B'));
    const id = newRecordId();
    await a.push([
      mutation({ mutationId: 1, entityId: id, op: 'create', fields: { notes: 'from A' } }),
      mutation({ mutationId: 2, entityId: id, baseRev: 1, fields: { notes: 'A again' } }),
    ]);
    const pushed = await b.push([
      mutation({ mutationId: 1, entityId: id, baseRev: 1, fields: { notes: 'from B' } }),
      mutation({ mutationId: 2, entityId: id, baseRev: 9, fields: { notes: 'ahead' } }),
    ]);
    expect(pushed.status).toBe(200);

    const listed = await admin.call('GET', consoleRoutes.conflicts);
    expect(listed.status, JSON.stringify(listed.json)).toBe(200);
    const open = ConflictListSchema.parse(listed.json);
    const conflict = open.conflicts.find((row) => row.recordId === id);
    expect(conflict).toMatchObject({
      field: 'notes',
      deviceName: 'Laptop B',
      deviceValue: 'from B',
      serverValue: 'A again',
      resolvedAt: null,
    });
    const rejected = open.rejected.find((row) => row.deviceName === 'Laptop B');
    expect(rejected).toMatchObject({
      mutationId: 2,
      reason: 'unknown_revision',
      recordId: id,
      resolvedAt: null,
    });

    const viewer = await invitedAndAccepted('looker@salw.test', 'viewer', admin);
    expect((await viewer.call('GET', consoleRoutes.conflicts)).status).toBe(403);

    await admin.call('POST', consoleRoutes.resolveConflict(conflict?.id ?? ''));
    await admin.call(
      'POST',
      consoleRoutes.resolveRejected(rejected?.deviceId ?? '', rejected?.mutationId ?? 0),
    );
    const after = ConflictListSchema.parse((await admin.call('GET', consoleRoutes.conflicts)).json);
    expect(after.conflicts.find((row) => row.recordId === id)).toBeUndefined();
    expect(after.rejected.find((row) => row.deviceName === 'Laptop B')).toBeUndefined();
    const all = ConflictListSchema.parse(
      (await admin.call('GET', `${consoleRoutes.conflicts}?show=all`)).json,
    );
    expect(all.conflicts.find((row) => row.recordId === id)?.resolvedAt).toBe(now.toISOString());
    const audit = AuditListSchema.parse((await admin.call('GET', consoleRoutes.audit)).json);
    expect(audit.entries.slice(0, 2).map((entry) => entry.action)).toEqual([
      'rejected_change.resolved',
      'conflict.resolved',
    ]);
  });

  it('signs out: the cookie no longer opens a session', async () => {
    const person = await invitedAndAccepted('leaving@salw.test', 'viewer');
    const cookie = person.cookie;
    expect((await person.call('POST', consoleRoutes.signOut)).json).toEqual({ signedIn: false });
    const replay = new ConsoleClient(server.url);
    replay.cookie = cookie;
    expect((await replay.call('GET', consoleRoutes.session)).json).toEqual({ signedIn: false });
  });

  it('ends a session left idle for two hours', async () => {
    const person = await invitedAndAccepted('idle@salw.test', 'viewer');
    advance(2 * 60 * 60_000 + 1000);
    expect((await person.call('GET', consoleRoutes.session)).json).toEqual({ signedIn: false });
  });

  // Last: every test's requests come from 127.0.0.1, which this leaves waiting.
  it('makes a guesser of codes wait after ten wrong ones from one address', async () => {
    const guesser = new ConsoleClient(server.url);
    const guess = () =>
      guesser.call('POST', consoleRoutes.acceptInvitation, {
        code: 'AAAA-AAAA-AAAA',
        name: 'Guesser',
        password: strongPassword,
      });
    // A day on, the wrong codes of the earlier tests are forgotten: the count starts here.
    advance(24 * 60 * 60_000);
    for (let attempt = 0; attempt < 11; attempt += 1) {
      expect(errorOf((await guess()).json).error).toBe('CODE_INVALID');
    }
    const held = await guess();
    expect(held.status).toBe(429);
    expect(errorOf(held.json)).toMatchObject({ error: 'RATE_LIMITED', retryAfterSeconds: 1 });
    // Once the wait is over, the next code is looked at again.
    advance(1000);
    expect(errorOf((await guess()).json).error).toBe('CODE_INVALID');
  });
});
