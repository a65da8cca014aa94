import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksOf } from '../../../../electron/services/import-rows.ts';
import { xlsxRows } from '../../../../electron/services/xlsx-rows.ts';
import type { NationalReport } from '../../../../shared/reports/national-reports.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { recordFinalSurrender } from '../../../support/final-intake.ts';
import { pdfText } from '../../../support/pdf-text.ts';

/**
 * National reports through the real dispatcher from a real store: a surrender of two weapons,
 * 500 rounds and 2 grenades in 2024 (recordFinalSurrender), read as the questionnaire's tables,
 * with its checks, on screen, as PDF and as XLSX.
 */
const year2024 = { from: '2024-01-01', to: '2024-12-31' };

function table(report: NationalReport, id: string) {
  const found = report.tables.find((t) => t.id === id);
  if (found === undefined) throw new Error(`no table ${id}`);
  return found;
}

describe('national reports', () => {
  let app: DispatchedApp;

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'reports' });
    await setUpFirstPerson(app, { name: 'Jelena Marković' });
    await recordFinalSurrender(app, 'Jelena Marković');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('fills the IAFQ tables from the records, each kind in its unit, and its checks pass', async () => {
    const report = await app.ok('getReport', { report: 'iafq', filter: year2024 });
    expect(table(report, 'weapons_by_context').rows).toEqual([['Surrendered', 'pieces', 2, 2]]);
    expect(table(report, 'weapons_by_type').rows).toEqual(
      expect.arrayContaining([
        ['Assault rifle', 'pieces', 1, 1],
        ['Self-loading pistol', 'pieces', 1, 1],
      ]),
    );
    expect(table(report, 'ammunition').rows).toEqual([[expect.any(String), 'rounds', 500, 1]]);
    expect(report.checks.every((check) => check.pass)).toBe(true);
    expect(report.scope).toBe('Period 1 Jan 2024 to 31 Dec 2024');
    // Another year: nothing counted, and nothing to fail.
    const empty = await app.ok('getReport', {
      report: 'iafq',
      filter: { from: '2023-01-01', to: '2023-12-31' },
    });
    expect(table(empty, 'weapons_by_context').rows).toEqual([]);
  });

  it('gives SDG 16.4.2 as a proportion of the arms recovered, none of them traced yet', async () => {
    const report = await app.ok('getReport', { report: 'sdg_16_4_2', filter: year2024 });
    expect(table(report, 'total').rows[0]).toEqual(['Total', 0, 2, '0.0%']);
    expect(table(report, 'by_outcome').rows).toEqual([['Never attempted', 2]]);
  });

  it('saves the IAFQ report as a PDF and as an XLSX with the same figures', async () => {
    const pdf = await app.ok('saveReport', { report: 'iafq', filter: year2024, format: 'pdf' });
    if (pdf.kind !== 'download') throw new Error('expected a download in the preview port');
    expect(pdf.fileName).toBe('report-iafq-2024-01-01-2024-12-31.pdf');
    const { text } = await pdfText(Buffer.from(pdf.dataBase64, 'base64'));
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Illicit Arms Flows Questionnaire');
    expect(flat).toContain('Surrendered pieces 2 2');
    expect(flat).toContain('Weapons: the total by type equals the total by context 2 and 2 Pass');

    const xlsx = await app.ok('saveReport', { report: 'iafq', filter: year2024, format: 'xlsx' });
    if (xlsx.kind !== 'download') throw new Error('expected a download in the preview port');
    expect(xlsx.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = [...xlsxRows(blocksOf(Buffer.from(xlsx.dataBase64, 'base64')))];
    expect(rows).toEqual([
      ['Context', 'Unit', 'Amount', 'Items or lots'],
      ['Surrendered', 'pieces', '2', '2'],
    ]);
  });

  it('saves the report in the language asked for, as a screen in that language shows it', async () => {
    // The report a French screen shows, to compare with the file saved from an English one.
    await app.ok('updateSettings', { language: 'fr' });
    const french = await app.ok('getReport', { report: 'iafq', filter: year2024 });
    await app.ok('updateSettings', { language: 'en' });
    const byContext = table(french, 'weapons_by_context');

    const pdf = await app.ok('saveReport', {
      report: 'iafq',
      filter: year2024,
      format: 'pdf',
      language: 'fr',
    });
    if (pdf.kind !== 'download') throw new Error('expected a download in the preview port');
    expect(pdf.fileName).toBe('report-iafq-2024-01-01-2024-12-31-fr.pdf');
    const flat = (await pdfText(Buffer.from(pdf.dataBase64, 'base64'))).text.replace(/\s+/g, ' ');
    expect(flat).toContain(french.title);
    expect(flat).toContain(byContext.title);
    expect(flat).not.toContain('Illicit Arms Flows Questionnaire');

    const xlsx = await app.ok('saveReport', {
      report: 'iafq',
      filter: year2024,
      format: 'xlsx',
      language: 'fr',
    });
    if (xlsx.kind !== 'download') throw new Error('expected a download in the preview port');
    expect(xlsx.fileName).toBe('report-iafq-2024-01-01-2024-12-31-fr.xlsx');
    const rows = [...xlsxRows(blocksOf(Buffer.from(xlsx.dataBase64, 'base64')))];
    expect(rows[0]).toEqual(byContext.columns);
    expect(rows[1]?.[0]).toBe(byContext.rows[0]?.[0]);

    // The screen's report stays English; an unknown language is refused at its field.
    expect((await app.ok('getReport', { report: 'iafq', filter: year2024 })).title).toContain(
      'Illicit Arms Flows Questionnaire',
    );
    const refused = await app.fail('saveReport', {
      report: 'iafq',
      filter: year2024,
      format: 'pdf',
      language: 'xx',
    });
    expect(refused.code).toBe('VALIDATION_ERROR');
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'language' })]);
  });
});

/**
 * The campaign report and the Roadmap's figures name every stored value in words: a surrender of
 * two weapons under a campaign (legalisation asked, a surrenderer of another sex aged 35-49) and
 * one outside any campaign (surrender for destruction, a woman under 18), in 2024.
 */
describe('the campaign report in words', () => {
  let app: DispatchedApp;
  const campaignId = randomUUID();

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'reports-campaign' });
    await setUpFirstPerson(app, { name: 'Jelena Marković' });
    await app.ok('saveCampaign', {
      id: campaignId,
      name: 'Amnestija 2024 — Raški okrug',
      jurisdiction: 'RS',
      campaignType: 'voluntary_surrender_amnesty',
      startDate: '2024-01-01',
      leadAgency: 'MUP Srbije',
      status: 'active',
    });
    await recordFinalSurrender(app, 'Jelena Marković', undefined, {
      campaignId,
      collection: {
        campaignBased: true,
        dispositionRequested: 'legalization_registration',
        surrendererSex: 'other',
        surrendererAgeBand: '35_49',
      },
    });
    await recordFinalSurrender(app, 'Jelena Marković', undefined, {
      collection: { surrendererSex: 'female', surrendererAgeBand: 'under_18' },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('prints age bands, sexes, dispositions and campaigns as people read them', async () => {
    const report = await app.ok('getReport', { report: 'campaign', filter: year2024 });
    expect(table(report, 'surrenderers').rows).toEqual(
      expect.arrayContaining([
        ['Female', 'Under 18', 1],
        ['Other', '35–49', 1],
      ]),
    );
    const byDisposition = table(report, 'by_disposition');
    expect(byDisposition.columns).toEqual([
      'Campaign',
      'Requested',
      'Unit',
      'Amount',
      'Items or lots',
    ]);
    expect(byDisposition.rows).toEqual(
      expect.arrayContaining([
        ['Amnestija 2024 — Raški okrug', 'Weapons: Legalisation and registration', 'pieces', 2, 2],
        ['Not campaign-based', 'Weapons: Surrender for destruction', 'pieces', 2, 2],
      ]),
    );
    // Nothing stored is printed as stored: no value with an underscore, no bare id.
    const cells = report.tables.flatMap((t) => t.rows.flat()).filter((c) => typeof c === 'string');
    expect(cells.filter((cell) => /_|^[0-9a-f-]{36}$/.test(cell))).toEqual([]);
  });

  it('says in its scope which jurisdiction and campaign it is limited to', async () => {
    const report = await app.ok('getReport', {
      report: 'campaign',
      filter: { ...year2024, jurisdiction: 'RS', campaignId },
    });
    expect(report.scope).toBe(
      'Period 1 Jan 2024 to 31 Dec 2024 · Jurisdiction: Serbia (RS) · Campaign: Amnestija 2024 — Raški okrug',
    );
    // Weapons, parts, ammunition and explosives, all of the one campaign.
    expect(table(report, 'by_disposition').rows.map((row) => row[0])).toEqual(
      Array(4).fill('Amnestija 2024 — Raški okrug'),
    );
  });

  it('counts the legalisation asked for in the Roadmap figures, and sexes in words', async () => {
    const report = await app.ok('getReport', { report: 'roadmap', filter: year2024 });
    const rows = new Map(table(report, 'roadmap').rows.map((row) => [row[0], row[1]]));
    expect(rows.get('G5: legalisation requested')).toBe(2);
    expect(rows.get('G5: weapons surrendered')).toBe(4);
    expect(rows.get('G2: people recorded, by sex (unknown kept)')).toMatch(/Female 1/);
    expect(rows.get('G2: people recorded, by sex (unknown kept)')).toMatch(/Other 1/);
  });

  it('says the same in Serbian, on screen, in the PDF and in the XLSX', async () => {
    await app.ok('updateSettings', { language: 'sr-Latn' });
    try {
      const report = await app.ok('getReport', { report: 'campaign', filter: year2024 });
      expect(table(report, 'surrenderers').rows).toEqual(
        expect.arrayContaining([
          ['Ženski', 'Mlađi od 18', 1],
          ['Drugo', '35–49', 1],
        ]),
      );
      expect(table(report, 'by_disposition').rows).toEqual(
        expect.arrayContaining([['Van akcije', 'Oružje: Predaja radi uništenja', 'komadi', 2, 2]]),
      );
      const pdf = await app.ok('saveReport', {
        report: 'campaign',
        filter: year2024,
        format: 'pdf',
      });
      if (pdf.kind !== 'download') throw new Error('expected a download in the preview port');
      const { text } = await pdfText(Buffer.from(pdf.dataBase64, 'base64'));
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('Ženski Mlađi od 18 1');
      expect(flat).toContain('Drugo 35–49 1');
      expect(flat).not.toMatch(/under_18|35_49|legalization_registration/);

      const xlsx = await app.ok('saveReport', {
        report: 'iafq',
        filter: year2024,
        format: 'xlsx',
      });
      if (xlsx.kind !== 'download') throw new Error('expected a download in the preview port');
      const xml = Buffer.from(xlsx.dataBase64, 'base64');
      const sheets = [...xlsxRows(blocksOf(xml))];
      expect(sheets[0]).toEqual([
        'Način preuzimanja',
        'Jedinica',
        'Količina',
        'Predmeta ili partija',
      ]);
      // The checks' sheet, the last, in words too: its headings and "passed", not TRUE.
      const files = unzipSync(new Uint8Array(xml));
      const last = Object.keys(files)
        .filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
        .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]))
        .at(-1);
      const checks = strFromU8(files[last ?? ''] ?? new Uint8Array());
      for (const word of ['Provera', 'Rezultat', 'Upoređeni podaci', 'Ispravno']) {
        expect(checks).toContain(word);
      }
      expect(checks).not.toMatch(/t="b"|>check<|>pass</);
    } finally {
      await app.ok('updateSettings', { language: 'en' });
    }
  });
});
