import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import { localDateOf } from '../../../../electron/services/local-date.ts';
import {
  goodPassphrase,
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { recordFinalSurrender, surrenderSerials } from '../../../support/final-intake.ts';

type Request = ProcedureInput<'saveTraceRequest'>['request'];

/** A calendar day `days` before today, as the laptop reads today. */
function daysAgo(days: number): string {
  const at = new Date();
  at.setDate(at.getDate() - days);
  return localDateOf(at);
}

/**
 * ITI trace requests through the real dispatcher: made from a weapon on a final record with its
 * description filled in, sent with what the ITI requires, listed as overdue once the answer is
 * later than the setting allows, and answered, which gives the weapon "origin established by
 * trace" with the day the answer came.
 */
describe('trace requests', () => {
  let app: DispatchedApp;
  let admin: { passphrase: string; id: string };
  let rifleId: string;
  let lotId: string;

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'tracing' });
    const first = await setUpFirstPerson(app, { name: 'Ana Petrović' });
    admin = { passphrase: first.passphrase, id: first.user.id };
    await recordFinalSurrender(app, 'Ana Petrović');
    const { items } = await app.ok('listItems', {});
    rifleId = items.find((item) => item.serialNumber === surrenderSerials[0])!.id;
    lotId = items.find((item) => item.kind === 'ammunition')!.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  const sendable = (request: Request): Request => ({
    ...request,
    requestingAgency: 'MUP Srbije, UKP',
    caseReference: 'KU-2026-311',
    addresseeBasis: 'country_of_manufacture',
    addresseeCountry: 'RS',
    addresseeAuthority: 'NCB Beograd',
    channel: 'iarms',
    illicitNature: 'Surrendered without papers; unregistered since 1992 (ZOO čl. 35).',
    intendedUse: 'Criminal investigation KU-2026-311.',
  });

  it('starts a request from a weapon on a final record, its description filled in', async () => {
    const request = await app.ok('newTraceRequest', { itemId: rifleId });
    expect(request).toMatchObject({
      itemId: rifleId,
      requestingAgency: 'PU Čačak',
      priority: 'routine',
      steps: [],
      weapon: {
        id: rifleId,
        serialNumber: surrenderSerials[0],
        manufacturer: 'Zastava',
        model: 'M70',
        calibre: '7.62x39',
        weaponType: 'assault_rifle',
      },
    });
    expect(request.weapon.photos).toHaveLength(1);
    // Nothing is stored until it is saved.
    expect((await app.ok('listTraceRequests', {})).requests).toEqual([]);

    const lot = await app.fail('newTraceRequest', { itemId: lotId });
    expect(lot.code).toBe('VALIDATION_ERROR');
    expect(lot.issues).toEqual([
      expect.objectContaining({ path: 'itemId', message: 'notAWeapon' }),
    ]);
  });

  it('refuses to send a request missing what the ITI requires, naming each field', async () => {
    const request = await app.ok('newTraceRequest', { itemId: rifleId });
    const failure = await app.fail('saveTraceRequest', {
      request: { ...request, steps: [{ status: 'sent', on: daysAgo(1) }] },
      expectedRevision: null,
    });
    expect(failure.code).toBe('VALIDATION_ERROR');
    expect(failure.issues?.map((issue) => issue.path).sort()).toEqual([
      'request.addresseeBasis',
      'request.addresseeCountry',
      'request.channel',
      'request.illicitNature',
      'request.intendedUse',
    ]);
    const future = await app.fail('saveTraceRequest', {
      request: sendable({ ...request, steps: [{ status: 'sent', on: daysAgo(-3) }] }),
      expectedRevision: null,
    });
    expect(future.issues).toEqual([
      expect.objectContaining({ path: 'request.steps.0.on', message: 'dateInFuture' }),
    ]);
    expect((await app.ok('listTraceRequests', {})).requests).toEqual([]);
  });

  it('sends, lists as overdue past the setting, and an answer establishes the origin', async () => {
    const blank = await app.ok('newTraceRequest', { itemId: rifleId });
    // The weapon described is main's: a changed serial sent by the form is not what is stored.
    const draft = await app.ok('saveTraceRequest', {
      request: sendable({ ...blank, weapon: { ...blank.weapon, serialNumber: 'FORGED-1' } }),
      expectedRevision: null,
    });
    expect(draft).toMatchObject({ status: 'draft', revision: 1, dueOn: null, overdue: false });
    expect(draft.request.weapon.serialNumber).toBe(surrenderSerials[0]);
    expect(draft.createdBy.name).toBe('Ana Petrović');

    const sentOn = daysAgo(40);
    const sent = await app.ok('saveTraceRequest', {
      request: { ...draft.request, steps: [{ status: 'sent', on: sentOn }] },
      expectedRevision: 1,
    });
    expect(sent).toMatchObject({ status: 'sent', revision: 2, overdue: true });
    expect((await app.ok('getItem', { id: rifleId })).item.traceStatus).toBe(
      'international_request_sent',
    );

    const overdue = await app.ok('listTraceRequests', { overdueOnly: true });
    expect(overdue.answerDays).toBe(30);
    expect(overdue.requests).toEqual([
      expect.objectContaining({
        id: blank.id,
        serialNumber: surrenderSerials[0],
        addresseeCountry: 'RS',
        channel: 'iarms',
        status: 'sent',
        sentOn,
        dueOn: daysAgo(10),
        overdue: true,
      }),
    ]);
    // Given 60 days to answer, it is not overdue yet.
    await app.ok('updateSettings', { traceAnswerDays: 60 });
    expect((await app.ok('listTraceRequests', { overdueOnly: true })).requests).toEqual([]);
    expect((await app.ok('getTraceRequest', { id: blank.id })).overdue).toBe(false);
    await app.ok('updateSettings', { traceAnswerDays: 30 });

    // A form opened on revision 1 cannot overwrite what was sent since.
    const stale = await app.fail('saveTraceRequest', {
      request: draft.request,
      expectedRevision: 1,
    });
    expect(stale.code).toBe('CONFLICT');

    const answeredOn = daysAgo(2);
    const answered = await app.ok('saveTraceRequest', {
      request: {
        ...sent.request,
        steps: [...sent.request.steps, { status: 'answered', on: answeredOn }],
        answer: {
          summary: 'Exported to the Ministry of Interior in 1989; reported stolen in 1997.',
          lastLegalRecord: 'MUP RS armoury, Kragujevac, inventory 1996',
          pointOfDiversionEstablished: true,
        },
      },
      expectedRevision: 2,
    });
    expect(answered).toMatchObject({ status: 'answered', dueOn: null, overdue: false });
    expect((await app.ok('getItem', { id: rifleId })).item.traceStatus).toBe(
      'origin_established_by_trace',
    );
    expect((await app.ok('listTraceRequests', { overdueOnly: true })).requests).toEqual([]);
    expect((await app.ok('listTraceRequests', { itemId: rifleId })).requests).toHaveLength(1);

    const { db } = app.services.session.requireUnlocked();
    expect(
      db
        .prepare('SELECT origin_established_on AS establishedOn FROM item_traces WHERE item_id = ?')
        .get(rifleId),
    ).toEqual({ establishedOn: answeredOn });
    // Each save is a history line; the saves fold into one change to send, as it is now.
    expect(
      db
        .prepare(
          "SELECT action FROM audit_log WHERE entity = 'trace_request' AND entity_id = ? ORDER BY seq",
        )
        .all(blank.id),
    ).toEqual([
      { action: 'trace_request.created' },
      { action: 'trace_request.updated' },
      { action: 'trace_request.updated' },
    ]);
    const outbox = db
      .prepare("SELECT op, payload_json AS payload FROM outbox WHERE entity = 'trace_request'")
      .all() as { op: string; payload: string }[];
    expect(outbox.map((row) => row.op)).toEqual(['create']);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({
      id: blank.id,
      answer: { pointOfDiversionEstablished: true },
    });
  });

  it('is made by those who hold weapons, not by a destruction officer (checked in main)', async () => {
    const passphrase = goodPassphrase('destroyer');
    const person = await app.ok('addPerson', {
      name: 'Dragan Simić',
      role: 'destruction_officer',
      passphrase,
    });
    await app.ok('lock');
    await app.ok('unlock', { userId: person.id, passphrase });
    const refused = await app.fail('newTraceRequest', { itemId: rifleId });
    expect(refused.code).toBe('FORBIDDEN');
    // Reading the list is not refused.
    expect((await app.ok('listTraceRequests', {})).requests).toHaveLength(1);
    await app.ok('lock');
    await app.ok('unlock', { userId: admin.id, passphrase: admin.passphrase });
  });
});
