import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  goodPassphrase,
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { sendImportFile } from '../../../support/import-file.ts';

const csv = (lines: readonly string[]) => Buffer.from(lines.join('\r\n')).toString('base64');

/**
 * Historic aggregate counts through the real dispatcher: "857 weapons and 188 parts destroyed in
 * 2015" imported from a spreadsheet, checked first with nothing stored, then stored whole, summed
 * per kind and unit only, and never mixed into the item-level records.
 */
describe('historic aggregate counts', () => {
  let app: DispatchedApp;
  let admin: { id: string; passphrase: string };

  // As a commission's spreadsheet keeps them: a year per row, Serbian headers for two columns.
  const series = csv([
    'godina;activity;source_context;jurisdiction;kind;unit;kolicina;izvor',
    '2015;destroyed;surplus;RS;weapons;pieces;857;MUP annual report 2015, p. 12',
    '2015;destroyed;surplus;RS;parts;pieces;188;MUP annual report 2015, p. 12',
    '2015;destroyed;seized;RS;ammunition;tonnes;2,5;MUP annual report 2015, p. 13',
    '2016;collected_or_seized;surrendered;RS;weapons;pieces;1204;Amnesty 2016 final report',
  ]);

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'historic-counts' });
    const first = await setUpFirstPerson(app, { name: 'Ana Petrović' });
    admin = { id: first.user.id, passphrase: first.passphrase };
  });
  afterAll(async () => {
    await app?.close();
  });

  it('checks a file first and stores nothing', async () => {
    const checked = await app.ok('importHistoricCounts', {
      fileName: 'series.csv',
      format: 'csv',
      dataBase64: series,
      dryRun: true,
    });
    expect(checked).toMatchObject({ imported: false, rowCount: 4, errorCount: 0, errors: [] });
    expect(checked.totals).toEqual([
      { activity: 'collected_or_seized', kind: 'weapons', unit: 'pieces', amount: 1204, counts: 1 },
      { activity: 'destroyed', kind: 'weapons', unit: 'pieces', amount: 857, counts: 1 },
      { activity: 'destroyed', kind: 'parts', unit: 'pieces', amount: 188, counts: 1 },
      { activity: 'destroyed', kind: 'ammunition', unit: 'tonnes', amount: 2.5, counts: 1 },
    ]);
    expect((await app.ok('listHistoricCounts', {})).counts).toEqual([]);
  });

  it('reads the documented template without an error', async () => {
    const template = await readFile('renderer/public/import-template-historic-counts.csv');
    const checked = await app.ok('importHistoricCounts', {
      fileName: 'import-template-historic-counts.csv',
      format: 'csv',
      dataBase64: template.toString('base64'),
      dryRun: true,
    });
    expect(checked).toMatchObject({ rowCount: 3, errorCount: 0, imported: false });
  });

  it('is told apart when chosen as records to import, and nothing is kept', async () => {
    const failure = await app.fail('previewImport', {
      token: await sendImportFile(app, 'series.csv', 'csv', Buffer.from(series, 'base64')),
    });
    expect(failure.code).toBe('VALIDATION_ERROR');
    expect(failure.issues).toEqual([
      expect.objectContaining({ path: 'token', message: 'historicCountsFile' }),
    ]);
  });

  it('refuses a file with wrong rows whole, naming each row and column', async () => {
    const wrong = await app.ok('importHistoricCounts', {
      fileName: 'wrong.csv',
      format: 'csv',
      dataBase64: csv([
        'year,activity,kind,unit,amount,source',
        '2015,destroyed,weapons,pieces,857,Report',
        '15,destroyed,weapons,pieces,12,Report',
        '2014,burnt,weapons,pieces,3,Report',
        '2014,destroyed,weapons,tonnes,3,Report',
        '2014,destroyed,parts,pieces,2.5,Report',
        '2014,destroyed,parts,pieces,2,',
      ]),
      dryRun: false,
    });
    expect(wrong.imported).toBe(false);
    expect(wrong.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'year', message: 'invalidNumber' }),
      expect.objectContaining({ row: 4, column: 'activity', message: 'invalidOption' }),
      expect.objectContaining({ row: 5, column: 'unit' }),
      expect.objectContaining({ row: 6, column: 'amount', message: 'wholeNumberRequired' }),
      expect.objectContaining({ row: 7, column: 'source', message: 'required' }),
    ]);
    expect((await app.ok('listHistoricCounts', {})).counts).toEqual([]);
    const noColumns = await app.ok('importHistoricCounts', {
      fileName: 'other.csv',
      format: 'csv',
      dataBase64: csv(['year,activity,what', '2015,destroyed,guns']),
      dryRun: true,
    });
    expect(noColumns.errors.map((error) => error.column).sort()).toEqual([
      'amount',
      'kind',
      'source',
    ]);
  });

  it('imports the counts apart from item-level records, attributed and summed per unit', async () => {
    const done = await app.ok('importHistoricCounts', {
      fileName: 'series.csv',
      format: 'csv',
      dataBase64: series,
      dryRun: false,
    });
    expect(done).toMatchObject({ imported: true, rowCount: 4, errorCount: 0 });
    const listed = await app.ok('listHistoricCounts', { from: '2015-01-01', to: '2015-12-31' });
    expect(listed.counts).toHaveLength(3);
    expect(listed.counts[0]).toMatchObject({
      createdBy: { id: admin.id, name: 'Ana Petrović' },
      count: {
        periodFrom: '2015-01-01',
        periodTo: '2015-12-31',
        jurisdiction: 'RS',
        sourceContext: 'surplus',
        importedFrom: { fileName: 'series.csv', row: 2 },
      },
    });
    expect(listed.totals).toEqual([
      { activity: 'destroyed', kind: 'weapons', unit: 'pieces', amount: 857, counts: 1 },
      { activity: 'destroyed', kind: 'parts', unit: 'pieces', amount: 188, counts: 1 },
      { activity: 'destroyed', kind: 'ammunition', unit: 'tonnes', amount: 2.5, counts: 1 },
    ]);
    // No item-level record came of it.
    expect((await app.ok('listItems', {})).total).toBe(0);
    expect((await app.ok('listIntakes', {})).total).toBe(0);
    const { db } = app.services.session.requireUnlocked();
    expect(
      db
        .prepare(
          "SELECT count(*) AS n FROM outbox WHERE entity = 'historic_count' AND op = 'create'",
        )
        .get(),
    ).toEqual({ n: 4 });
  });

  it('corrects one count by hand, with the revision check and the period rules', async () => {
    const { counts } = await app.ok('listHistoricCounts', { from: '2016-01-01' });
    const [amnesty] = counts;
    const saved = await app.ok('saveHistoricCount', {
      count: { ...amnesty!.count, quantity: { kind: 'weapons', unit: 'pieces', amount: 1210 } },
      expectedRevision: 1,
    });
    expect(saved.revision).toBe(2);
    // The file it came from stays, whatever the form sends.
    expect(saved.count.importedFrom?.fileName).toBe('series.csv');
    const typed = await app.ok('saveHistoricCount', {
      count: {
        id: randomUUID(),
        activity: 'destroyed',
        periodFrom: '2013-01-01',
        periodTo: '2013-12-31',
        quantity: { kind: 'explosives', unit: 'kg', amount: 120.5 },
        source: 'Decision 4/2013',
        importedFrom: { ...amnesty!.count.importedFrom!, fileName: 'claimed.csv' },
      },
      expectedRevision: null,
    });
    expect(typed.count.importedFrom).toBeUndefined();
    const stale = await app.fail('saveHistoricCount', {
      count: amnesty!.count,
      expectedRevision: 1,
    });
    expect(stale.code).toBe('CONFLICT');
    const backwards = await app.fail('saveHistoricCount', {
      count: {
        id: randomUUID(),
        activity: 'destroyed',
        periodFrom: '2014-06-01',
        periodTo: '2014-01-01',
        quantity: { kind: 'weapons', unit: 'pieces', amount: 3 },
        source: 'Decision 12/2014',
      },
      expectedRevision: null,
    });
    expect(backwards.code).toBe('VALIDATION_ERROR');
    expect(backwards.issues).toEqual([
      expect.objectContaining({ path: 'count.periodTo', message: 'endBeforeStart' }),
    ]);
  });

  it('is entered by team leads and administrators only (checked in main)', async () => {
    const passphrase = goodPassphrase('officer');
    const officer = await app.ok('addPerson', {
      name: 'Marko Marković',
      role: 'field_officer',
      passphrase,
    });
    await app.ok('lock');
    await app.ok('unlock', { userId: officer.id, passphrase });
    const refused = await app.fail('importHistoricCounts', {
      fileName: 'series.csv',
      format: 'csv',
      dataBase64: series,
      dryRun: true,
    });
    expect(refused.code).toBe('FORBIDDEN');
    // Reading them is not refused: reports are for everyone.
    expect((await app.ok('listHistoricCounts', {})).counts).toHaveLength(5);
    await app.ok('lock');
    await app.ok('unlock', { userId: admin.id, passphrase: admin.passphrase });
  });
});
