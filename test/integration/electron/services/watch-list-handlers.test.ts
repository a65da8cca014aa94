import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  goodPassphrase,
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';

/**
 * Watch lists through the real dispatcher: a register exported from a spreadsheet (semicolons,
 * a byte-order mark) is imported whole; a file with wrong rows is refused whole, each wrong row
 * named by its number; only administrators and team leads import or remove a list; the serial
 * check then finds a listed serial however it is typed, and an exact hit is an alarm, logged.
 */
describe('watch lists', () => {
  let app: DispatchedApp;
  let adminPassphrase: string;
  let adminId: string;
  const officerPassphrase = goodPassphrase('officer');
  let officerId: string;

  // As a spreadsheet in a Serbian locale saves it: BOM, semicolons, local dates, CRLF.
  const register = [
    '\uFEFFserial;make;model;calibre;reason;reference;listed_on',
    'M70-AB 7781;Zastava;M70;7.62x39;stolen;MUP-2023-118;15.03.2023.',
    'CZ99-55120;CZ;99;9x19;lost;MUP-2024-007;2024-01-09',
    '',
    'TT-33 4410;;;;;;',
  ].join('\r\n');

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'watch-list' });
    const first = await setUpFirstPerson(app, { name: 'Ana Petrović' });
    adminPassphrase = first.passphrase;
    adminId = first.user.id;
    officerId = (
      await app.ok('addPerson', {
        name: 'Marko Petrović',
        role: 'field_officer',
        passphrase: officerPassphrase,
      })
    ).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('imports a register whole: semicolons, byte-order mark, local dates, a blank reason', async () => {
    const result = await app.ok('importWatchList', {
      listName: 'MUP lost and stolen',
      fileName: 'register.csv',
      csv: register,
      mode: 'replace',
    });
    expect(result).toEqual({ ok: true, imported: 3, replaced: 0 });
    const { lists, total } = await app.ok('listWatchLists');
    expect(total).toBe(3);
    expect(lists).toEqual([
      expect.objectContaining({
        name: 'MUP lost and stolen',
        fileName: 'register.csv',
        entries: 3,
        importedByName: 'Ana Petrović',
      }),
    ]);
    const { db } = app.services.session.requireUnlocked();
    expect(
      db
        .prepare(
          "SELECT reason, listed_on AS listedOn FROM watch_list_entries WHERE serial = 'M70-AB 7781'",
        )
        .get(),
    ).toEqual({ reason: 'stolen', listedOn: '2023-03-15' });
    expect(
      db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'watch_list.imported'").get(),
    ).toEqual({ n: 1 });
  });

  it('refuses a file with wrong rows whole, naming each row', async () => {
    const bad = [
      'serial,make,model,calibre,reason,reference,listed_on',
      'AK-100200,Izhmash,AKM,7.62x39,stolen,R-1,2024-02-01',
      ' - ,,,,lost,,',
      'AK-100201,Izhmash,AKM,7.62x39,misplaced,R-2,2024-02-31',
      'AK-100202,Izhmash',
    ].join('\n');
    const result = await app.ok('importWatchList', {
      listName: 'MUP lost and stolen',
      csv: bad,
      mode: 'add',
    });
    expect(result).toEqual({
      ok: false,
      fileProblem: null,
      rowErrors: [
        { row: 3, problems: ['serialMissing'] },
        { row: 4, problems: ['reasonUnknown', 'dateInvalid'] },
        { row: 5, problems: ['columnCount'] },
      ],
      rowErrorCount: 3,
    });
    // Nothing of it was imported, not even its good row.
    expect((await app.ok('listWatchLists')).total).toBe(3);

    const header = await app.ok('importWatchList', {
      listName: 'Other',
      csv: 'serijski,marka\nA-1234,CZ',
      mode: 'replace',
    });
    expect(header).toMatchObject({
      ok: false,
      fileProblem: 'header',
      header: ['serijski', 'marka'],
    });
  });

  it('replaces a list, or adds to it', async () => {
    const added = await app.ok('importWatchList', {
      listName: 'Interpol notice',
      csv: 'serial,reason\nBR-9090-X,wanted',
      mode: 'add',
    });
    expect(added).toEqual({ ok: true, imported: 1, replaced: 0 });
    const again = await app.ok('importWatchList', {
      listName: 'Interpol notice',
      csv: 'serial,reason\nBR-9091-X,wanted',
      mode: 'add',
    });
    expect(again).toEqual({ ok: true, imported: 1, replaced: 0 });
    const replaced = await app.ok('importWatchList', {
      listName: 'Interpol notice',
      csv: 'serial,reason\nBR-9092-X,wanted',
      mode: 'replace',
    });
    expect(replaced).toEqual({ ok: true, imported: 1, replaced: 2 });
    expect((await app.ok('listWatchLists')).lists.map((list) => [list.name, list.entries])).toEqual(
      [
        ['Interpol notice', 1],
        ['MUP lost and stolen', 3],
      ],
    );
  });

  it('finds a listed serial however it is typed, narrowed by make and calibre; an exact hit is an alarm, logged', async () => {
    // '\u041C' is the Cyrillic М, '\u0410' А, '\u0412' В: look-alikes of the Latin letters.
    for (const typed of ['\u041C70 \u0410\u0412-7781', 'm70ab7781', ' M70 - ab 7781 ']) {
      const result = await app.ok('checkSerial', { serial: typed });
      expect(result.watchListMatches).toEqual([
        {
          listName: 'MUP lost and stolen',
          serial: 'M70-AB 7781',
          make: 'Zastava',
          model: 'M70',
          calibre: '7.62x39',
          reason: 'stolen',
          reference: 'MUP-2023-118',
          listedOn: '2023-03-15',
          exact: true,
          alarm: 'watch_list',
        },
      ]);
    }
    // The start or the end of a listed serial, from four characters: shown, no alarm.
    const end = await app.ok('checkSerial', { serial: '55120' });
    expect(end.watchListMatches.map((match) => [match.serial, match.exact, match.alarm])).toEqual([
      ['CZ99-55120', false, null],
    ]);
    expect((await app.ok('checkSerial', { serial: 'tt33' })).watchListMatches).toHaveLength(1);
    // Another make: left out, and said so.
    const other = await app.ok('checkSerial', { serial: 'M70AB7781', manufacturer: 'CZ' });
    expect(other.watchListMatches).toEqual([]);
    expect(other.narrowedOut).toBe(1);

    const draftId = '0190f0e0-0000-7000-8000-0000000000aa';
    const hit = await app.ok('checkSerial', { serial: 'm70 ab 7781', intakeEventId: draftId });
    expect(hit.recorded).toBe(true);
    const { db } = app.services.session.requireUnlocked();
    const logged = db
      .prepare('SELECT user_id, matches_json FROM serial_checks WHERE intake_event_id = ?')
      .get(draftId) as { user_id: string; matches_json: string };
    expect(logged.user_id).toBe(adminId);
    expect(JSON.parse(logged.matches_json)).toEqual([
      {
        watchList: 'MUP lost and stolen',
        serial: 'M70-AB 7781',
        reason: 'stolen',
        reference: 'MUP-2023-118',
        alarm: 'watch_list',
      },
    ]);
  });

  it("sets the weapon's checked flags on save: local records and watch list by main, iARMS as ticked", async () => {
    const draft = await app.ok('newIntakeDraft');
    const weaponId = '0190f0e0-0000-7000-8000-0000000000bb';
    const weapon = {
      id: weaponId,
      serialNumber: 'm70 ab 7781',
      markings: [],
      photos: [],
      serialChecks: [
        // Sent by a form that claims no match: ignored, main checks for itself.
        { against: 'watch_list' as const, on: '2020-01-01', result: 'no_match' as const },
        {
          against: 'iarms' as const,
          on: '2024-05-02',
          result: 'no_match' as const,
          reference: 'IA-7781',
        },
      ],
    };
    const saved = await app.ok('saveIntakeDraft', {
      draft: { ...draft, context: 'seized', weapons: [weapon] },
      expectedRevision: null,
    });
    const today = saved.event.occurredAt;
    const marks = saved.event.weapons[0]!.serialChecks;
    expect(marks).toEqual([
      { against: 'local_records', on: today, by: adminId, result: 'no_match' },
      { against: 'watch_list', on: today, by: adminId, result: 'match' },
      { against: 'iarms', on: '2024-05-02', result: 'no_match', reference: 'IA-7781' },
    ]);
    // Another serial: checked again, no longer on the list.
    const again = await app.ok('saveIntakeDraft', {
      draft: {
        ...draft,
        context: 'seized',
        weapons: [{ ...weapon, serialNumber: 'ZZ-1', serialChecks: [] }],
      },
      expectedRevision: saved.event.revision,
    });
    expect(again.event.weapons[0]!.serialChecks).toEqual([
      { against: 'local_records', on: today, by: adminId, result: 'no_match' },
      { against: 'watch_list', on: today, by: adminId, result: 'no_match' },
    ]);
  });

  it('lets only administrators and team leads import or remove a list', async () => {
    await app.ok('lock');
    await app.ok('unlock', { userId: officerId, passphrase: officerPassphrase });
    const refused = await app.fail('importWatchList', {
      listName: 'Mine',
      csv: 'serial\nX-12345',
      mode: 'replace',
    });
    expect(refused.code).toBe('FORBIDDEN');
    expect((await app.fail('removeWatchList', { listName: 'Interpol notice' })).code).toBe(
      'FORBIDDEN',
    );
    // Everyone is checked against the lists, and sees them.
    expect((await app.ok('listWatchLists')).total).toBe(4);
    expect((await app.ok('checkSerial', { serial: 'BR9092X' })).watchListMatches).toHaveLength(1);

    await app.ok('lock');
    await app.ok('unlock', { userId: adminId, passphrase: adminPassphrase });
    expect(await app.ok('removeWatchList', { listName: 'Interpol notice' })).toEqual({
      removed: 1,
    });
    expect((await app.ok('checkSerial', { serial: 'BR9092X' })).watchListMatches).toEqual([]);
    expect((await app.fail('removeWatchList', { listName: 'Interpol notice' })).code).toBe(
      'NOT_FOUND',
    );
  });
});
