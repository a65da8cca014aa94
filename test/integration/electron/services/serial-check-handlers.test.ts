import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureInput, ProcedureOutput } from '../../../../shared/ipc/contract.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import {
  recordFinalSurrender,
  surrenderLot,
  surrenderSerials,
} from '../../../support/final-intake.ts';

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];

/**
 * The serial check through the real dispatcher: a serial typed in either script, any case or
 * spacing finds the weapon seen before; from four characters, the start of a serial finds it too;
 * make and calibre narrow; a lot number is found among the texts read off items; a weapon lost or
 * stolen, or under an open trace, is an alarm; the record being typed is not "seen before"; an
 * exact hit is logged once.
 */
describe('serial check', () => {
  let app: DispatchedApp;
  let passphrase: string;
  let intake: ProcedureOutput<'finaliseIntake'>;
  const rifle = surrenderSerials[0]; // 'M70-ČĆ 4411', Zastava, 7.62x39
  const pistol = surrenderSerials[1]; // 'CZ99-0417', CZ, 9x19

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'serial-check' });
    ({ passphrase } = await setUpFirstPerson(app, { name: 'Ana Petrović' }));
    intake = await recordFinalSurrender(app, 'Marko Marković');
  });
  afterAll(async () => {
    await app?.close();
  });

  const check = (input: ProcedureInput<'checkSerial'>) => app.ok('checkSerial', input);
  const serials = (result: ProcedureOutput<'checkSerial'>) =>
    result.matches.map((match) => [match.serialNumber, match.exact]);

  it('finds a weapon seen before however the serial is typed: script, case, spacing', async () => {
    // '\u041C' is the Cyrillic М, which looks like the Latin M: the same serial.
    for (const typed of ['m70 čć-4411', '\u041C70ČĆ4411', 'M70.ČĆ/4411', '№ M70 ČĆ 4411']) {
      expect(serials(await check({ serial: typed }))).toEqual([[rifle, true]]);
    }
    // Cyrillic С (\u0421) for the Latin C of CZ.
    expect(serials(await check({ serial: '\u0421Z99 0417' }))).toEqual([[pistol, true]]);
  });

  it('finds the start or the end of a serial from four characters, and says it is partial', async () => {
    expect(serials(await check({ serial: 'M70-ČĆ' }))).toEqual([[rifle, false]]);
    // The start ground off: the end still finds it.
    expect(serials(await check({ serial: 'čć 4411' }))).toEqual([[rifle, false]]);
    expect(serials(await check({ serial: '0417' }))).toEqual([[pistol, false]]);
    expect((await check({ serial: 'M70' })).matches).toEqual([]);
    expect((await check({ serial: '411' })).matches).toEqual([]);
    expect((await check({ serial: '' })).matches).toEqual([]);
  });

  it('narrows by make and calibre where both are known', async () => {
    const other = await check({ serial: rifle, manufacturer: 'CZ' });
    expect(other.matches).toEqual([]);
    expect(other.narrowedOut).toBe(1);
    expect(
      (await check({ serial: rifle, manufacturer: 'zastava', calibre: '7,62 x 39' })).matches,
    ).toHaveLength(1);
    expect((await check({ serial: rifle, calibre: '9x19' })).narrowedOut).toBe(1);
  });

  it('finds a lot number among the texts read off items', async () => {
    const { matches } = await check({ serial: surrenderLot });
    expect(matches.map((match) => [match.kind, match.matchedOn, match.exact])).toEqual([
      ['ammunition', 'marking', true],
    ]);
  });

  it('leaves out the items of the record being typed', async () => {
    expect((await check({ serial: rifle, intakeEventId: intake.event.id })).matches).toEqual([]);
  });

  it('raises an alarm for a weapon lost or stolen, or under an open trace', async () => {
    const weapon = intake.event.weapons.find((entry) => entry.serialNumber === pistol)!;
    await app.ok('recordLossIncident', {
      incident: {
        incidentKind: 'theft',
        occurredAt: '2024-04-01T22:00:00+02:00',
        siteLocationId: intake.event.locationId,
        items: [{ kind: 'weapon', id: weapon.id }],
        circumstances: 'Taken from the collection point overnight.',
        iarmsNotified: false,
      },
      passphrase,
    });
    const stolen = await check({ serial: pistol });
    expect(stolen.matches.map((match) => match.alarm)).toEqual(['lost_stolen']);

    const draft = (await app.ok('newIntakeDraft')) as Draft;
    await app.ok('saveIntakeDraft', {
      draft: {
        ...draft,
        context: 'seized',
        weapons: [
          {
            id: randomUUID(),
            serialNumber: 'TR-55-1234',
            traceStatus: 'pending',
            markings: [],
            photos: [],
          },
        ],
      },
      expectedRevision: null,
    });
    expect((await check({ serial: 'tr551234' })).matches.map((match) => match.alarm)).toEqual([
      'under_trace',
    ]);
    // The rifle is neither: seen before, no alarm.
    expect((await check({ serial: rifle })).matches.map((match) => match.alarm)).toEqual([null]);
  });

  it('logs an exact hit once per record and serial, in the audit chain too', async () => {
    const draftId = randomUUID();
    const first = await check({ serial: rifle, intakeEventId: draftId });
    expect(first.recorded).toBe(true);
    const again = await check({ serial: 'm70čć4411', intakeEventId: draftId });
    expect(again.recorded).toBe(false);
    // A partial match is not a hit.
    expect((await check({ serial: 'M70ČĆ44', intakeEventId: draftId })).recorded).toBe(false);
    const { db } = app.services.session.requireUnlocked();
    const logged = db
      .prepare('SELECT serial_as_typed, matches_json FROM serial_checks WHERE intake_event_id = ?')
      .all(draftId) as Array<{ serial_as_typed: string; matches_json: string }>;
    expect(logged).toHaveLength(1);
    expect(logged[0]!.serial_as_typed).toBe(rifle);
    const audited = db.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'serial_check.hit' AND after_json LIKE ?",
    );
    expect(audited.get(`%${draftId}%`)).toEqual({ n: 1 });
  });

  it('refuses a check while locked', async () => {
    await app.ok('lock');
    expect((await app.fail('checkSerial', { serial: rifle })).code).toBe('LOCKED');
  });
});
