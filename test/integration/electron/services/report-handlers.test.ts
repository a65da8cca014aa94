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
    expect(report.scope).toBe('Period Jan 1, 2024 to Dec 31, 2024');
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
});
