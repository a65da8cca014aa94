import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateColumnNames } from '../../../../shared/import/intake-template.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  storeCounts,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { sendImportFile } from '../../../support/import-file.ts';
import { importPlace, seizedRifleRow, templateCsv } from '../../../support/intake-csv.ts';
import { xlsxOf } from '../../../support/xlsx-file.ts';

/**
 * Import of intake events through the real dispatcher into a real encrypted store: nothing is
 * stored by the preview; a file with one bad row, even at the end of 50,000, stores nothing; a
 * good file stores final records attributed to the importing person, with their provenance,
 * audit entries and outbox rows.
 */
const rifleRow = (event: number, serial: string) => seizedRifleRow(`E-${event}`, serial);
const csvOf = templateCsv;

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('import of intake events', () => {
  let app: DispatchedApp;
  let userId: string;
  let passphrase: string;

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'import' });
    ({
      user: { id: userId },
      passphrase,
    } = await setUpFirstPerson(app, { name: 'Ana Petrović' }));
    await app.ok('saveLocation', {
      id: randomUUID(),
      locationType: 'inland_police_station',
      name: importPlace,
      jurisdiction: 'RS',
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('stores nothing from a 50,000-row file with one bad row at the end', async () => {
    // Ten weapons to a seizure: 49,999 good rows in 5,000 events, then the bad row, an event of
    // its own. Every row is still read, checked and (on confirm) written before the last one
    // fails; the cost per event (checking the whole record, its number, audit entry and outbox
    // rows) is paid 5,000 times rather than 50,000, which made this one test take minutes.
    // bench/tracing.ts times an import of 100k rows.
    const rows = Array.from({ length: 50_000 }, (_, i) => rifleRow(Math.floor(i / 10), `S${i}`));
    rows[rows.length - 1] = { ...rifleRow(5_000, 'S49999'), occurred_on: '2015-02-30' };
    const before = storeCounts(app);
    const token = await sendImportFile(app, 'register.csv', 'csv', utf8(csvOf(rows)));
    const preview = await app.ok('previewImport', { token });
    expect(preview).toMatchObject({ rowCount: 50_000, eventCount: 5_000, itemCount: 49_999 });
    expect(preview.errorCount).toBe(1);
    expect(preview.errors).toEqual([
      { row: 50_001, column: 'occurred_on', message: 'invalidDate', value: '2015-02-30' },
    ]);
    const failure = await app.fail('confirmImport', { token: preview.token });
    expect(failure.code).toBe('VALIDATION_ERROR');
    expect(storeCounts(app)).toEqual(before);
  }, 300_000);

  it('stores a good file as final records, attributed, with provenance and outbox rows', async () => {
    const csv = csvOf([
      rifleRow(1, 'A-1'),
      rifleRow(1, 'A-2'),
      {
        ...rifleRow(2, ''),
        item_kind: 'ammunition',
        weapon_type: '',
        manufacturer: '',
        model: '',
        marking_condition: '',
        ammo_class: 'small_arms_cartridge',
        quantity: '120',
        unit: 'rounds',
      },
    ]);
    const before = storeCounts(app);
    const preview = await app.ok('previewImport', {
      token: await sendImportFile(app, 'register.csv', 'csv', utf8(csv)),
    });
    expect(preview).toMatchObject({ rowCount: 3, eventCount: 2, itemCount: 3, errorCount: 0 });
    expect(storeCounts(app)).toEqual(before);
    const result = await app.ok('confirmImport', { token: preview.token });
    expect(result.eventCount).toBe(2);
    const after = storeCounts(app);
    expect(after.intakes - before.intakes).toBe(2);
    expect(after.weapons - before.weapons).toBe(2);
    // A create and a finalise per record, as for a record typed in.
    expect(after.outbox - before.outbox).toBe(4);
    const view = await app.ok('getIntake', { id: result.records[0]?.id ?? '' });
    expect(view.status).toBe('final');
    expect(view.createdBy.id).toBe(userId);
    expect(view.event.recordNumber).toBe(result.records[0]?.recordNumber);
    expect(view.event.importedFrom).toMatchObject({
      fileName: 'register.csv',
      eventRef: 'E-1',
      rows: [2, 3],
    });
    const history = await app.ok('getIntakeHistory', { id: view.event.id });
    expect(history.map((entry) => entry.action)).toEqual(['intake.imported']);
    // The token is used up: confirming twice imports nothing twice.
    expect((await app.fail('confirmImport', { token: preview.token })).code).toBe('NOT_FOUND');
  });

  it('checks imported serials as typed ones: a weapon seen before is flagged on its record', async () => {
    const csv = csvOf([rifleRow(7, 'a 1'), rifleRow(8, 'NEW-77')]);
    const preview = await app.ok('previewImport', {
      token: await sendImportFile(app, 'second-register.csv', 'csv', utf8(csv)),
    });
    const result = await app.ok('confirmImport', { token: preview.token });
    const marksOf = async (index: number) =>
      (await app.ok('getIntake', { id: result.records[index]?.id ?? '' })).event.weapons[0]
        ?.serialChecks;
    // 'a 1' is the 'A-1' imported by the file before, however it was typed.
    expect(await marksOf(0)).toEqual([
      expect.objectContaining({ against: 'local_records', result: 'match', by: userId }),
      expect.objectContaining({ against: 'watch_list', result: 'no_match' }),
    ]);
    expect(await marksOf(1)).toEqual([
      expect.objectContaining({ against: 'local_records', result: 'no_match' }),
      expect.objectContaining({ against: 'watch_list', result: 'no_match' }),
    ]);
  });

  it('refuses a file that is not CSV or XLSX, keeping nothing', async () => {
    const failure = await app.fail('previewImport', {
      token: await sendImportFile(
        app,
        'broken.csv',
        'csv',
        utf8('event_ref,item_kind\n"E-1,weapon\n'),
      ),
    });
    expect(failure.code).toBe('VALIDATION_ERROR');
    expect(failure.issues?.[0]?.message).toBe('unreadableFile');
    const xlsx = await app.fail('previewImport', {
      token: await sendImportFile(app, 'not.xlsx', 'xlsx', utf8('plain text')),
    });
    expect(xlsx.code).toBe('VALIDATION_ERROR');
  });

  it('imports an XLSX register, its dates in a date format, and checks it again with a new mapping', async () => {
    const header = [...templateColumnNames];
    const dateColumn = header.indexOf('occurred_on');
    const row = (event: number, serial: string) =>
      templateColumnNames.map((column, index) =>
        index === dateColumn ? { date: '2016-07-01' } : (rifleRow(event, serial)[column] ?? null),
      );
    // The first column is named as a register names it, and mapped to event_ref by hand.
    header[0] = 'Broj predmeta';
    const token = await sendImportFile(
      app,
      'registar.xlsx',
      'xlsx',
      xlsxOf([header, row(31, 'X-31'), row(31, 'X-32'), row(32, 'X-33')]),
      1000,
    );
    const unmapped = await app.ok('previewImport', { token });
    expect(unmapped.errorCount).toBeGreaterThan(0);
    const preview = await app.ok('previewImport', {
      token,
      mapping: { ...unmapped.mapping, 'Broj predmeta': 'event_ref' },
    });
    expect(preview).toMatchObject({ rowCount: 3, eventCount: 2, itemCount: 3, errorCount: 0 });
    const result = await app.ok('confirmImport', { token });
    const view = await app.ok('getIntake', { id: result.records[0]?.id ?? '' });
    expect(view.event.occurredAt).toContain('2016-07-01');
    expect(view.event.weapons.map((weapon) => weapon.serialNumber)).toEqual(['X-31', 'X-32']);
    expect(view.event.importedFrom).toMatchObject({ fileName: 'registar.xlsx', rows: [2, 3] });
  });

  it('takes the file only in order and whole, and keeps only ciphertext of it on disk', async () => {
    const csv = utf8(csvOf([rifleRow(41, 'SECRET-SERIAL-41')]));
    const { token } = await app.ok('beginImport', {
      fileName: 'parts.csv',
      format: 'csv',
      size: csv.length,
    });
    const part = (offset: number, end: number) => ({
      token,
      offset,
      dataBase64: csv.subarray(offset, end).toString('base64'),
    });
    await app.ok('uploadImportPart', part(0, 100));
    const early = await app.fail('previewImport', { token });
    expect(early.issues?.[0]?.message).toBe('incomplete');
    const skipped = await app.fail('uploadImportPart', part(150, csv.length));
    expect(skipped.issues?.[0]?.message).toBe('outOfOrder');
    const tooLong = await app.fail('uploadImportPart', {
      ...part(100, csv.length),
      dataBase64: Buffer.concat([csv.subarray(100), utf8('extra')]).toString('base64'),
    });
    expect(tooLong.issues?.[0]?.message).toBe('tooLong');
    await app.ok('uploadImportPart', part(100, csv.length));
    const staging = path.join(app.dir, 'import-staging');
    const [staged] = await readdir(staging);
    expect((await readFile(path.join(staging, staged ?? ''))).includes('SECRET-SERIAL')).toBe(
      false,
    );
    expect((await app.ok('previewImport', { token })).errorCount).toBe(0);

    // Locking the app discards the file: after unlocking, it is gone, on disk too.
    await app.ok('lock');
    await app.ok('unlock', { userId, passphrase });
    expect((await app.fail('previewImport', { token })).code).toBe('NOT_FOUND');
    expect(await readdir(staging)).toEqual([]);
  });
});
