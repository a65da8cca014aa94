import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { insertCustodyRecord, refreshItemCustody } from '../electron/store/custody-repository.ts';
import { databasePath } from '../electron/store/device-database.ts';
import { openEncryptedDatabase, type Db } from '../electron/store/encrypted-database.ts';
import { writeLocation } from '../electron/store/locations-repository.ts';
import { renderPdf } from '../electron/documents/render-pdf.ts';
import { computeMeasures } from '../electron/store/measures/measures-queries.ts';
import { migrate } from '../electron/store/migrations/index.ts';
import { insertUser } from '../electron/store/users-repository.ts';
import {
  calendarYear,
  halfYear,
  MeasureFilterSchema,
  type MeasureFilterInput,
} from '../shared/measures/measure-filter.ts';
import { buildNationalReportDocument } from '../shared/documents/national-report.ts';
import { buildNationalReport, ReportIdSchema } from '../shared/reports/national-reports.ts';
import { type measureExport } from './export-measure.ts';
import { WEAPONS_PER_EVENT, writeFinalIntakes } from './intake-fixture.ts';

/**
 * `npm run bench:dashboard` (issue 16): every measure (K1-K16, SDG 16.4.2) over an encrypted
 * store of 1M items (`BENCH_ITEMS` changes it) taken in over six years (2020-2025) at two places
 * in two jurisdictions, a third of them destroyed in records of 1,000 items. Each figure is timed
 * on its own (computeMeasures' `timed` hook) for filters a national coordinator would pick: each
 * calendar year and half-year, a jurisdiction, a context, an agency, drafts included.
 * Goal: every figure under 100 ms at p95. The last line is one JSON object.
 *
 * Then the whole store exported as XLSX (its peak RSS: `export_peak_rss_mb`, goal under 400 MB
 * whatever the size) and a store of 100k items (`xlsx_100k_s`, goal under 15 s).
 * `report_ms`: the slowest national report for a year, measures to PDF (goal under 1 s). The
 * fixture's items are all weapons (the intake fixture's records); lots and people
 * take the same paths.
 */
const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
/** The XLSX export's timed store (issue 16: 100k items under 15 s). */
const EXPORT_ITEMS = Number(process.env.BENCH_EXPORT_ITEMS ?? 100_000);
const DESTROYED_SHARE = 3;
const PER_DESTRUCTION = 1_000;

const dir = mkdtempSync(path.join(os.tmpdir(), 'salw-bench-dashboard-'));
const userId = randomUUID();
const round = (value: number) => Math.round(value * 10) / 10;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const storeKey = randomBytes(32);

function exportInChild(file: string): Awaited<ReturnType<typeof measureExport>> {
  const output = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      path.join(import.meta.dirname, 'export-run.ts'),
      file,
      storeKey.toString('hex'),
      'xlsx',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Awaited<
    ReturnType<typeof measureExport>
  >;
}

function buildStore(items: number, name = 'data'): Db {
  const dataDir = path.join(dir, name);
  mkdirSync(dataDir, { recursive: true });
  const db = openEncryptedDatabase(databasePath(dataDir), storeKey, { create: true });
  migrate(db);
  const at = new Date().toISOString();
  insertUser(db, { id: userId, name: 'Bench Officer', role: 'administrator', createdAt: at }, null);
  const places = [
    { id: randomUUID(), locationType: 'border_crossing_road', jurisdiction: 'RS' },
    { id: randomUUID(), locationType: 'inland_police_station', jurisdiction: 'ME' },
  ] as const;
  const destructionSite = randomUUID();
  for (const place of places) {
    writeLocation(db, { ...place, name: place.locationType }, at, userId, 1);
  }
  writeLocation(
    db,
    { id: destructionSite, locationType: 'destruction_site', name: 'Smelter', jurisdiction: 'RS' },
    at,
    userId,
    1,
  );
  const events = Math.ceil(items / WEAPONS_PER_EVENT);
  const toDestroy: Array<{ id: string; occurredAt: string }> = [];
  let written = 0;
  for (const place of places) {
    writeFinalIntakes(
      db,
      Math.ceil(events / places.length),
      { locationId: place.id, userId, at },
      (event) => {
        written += 1;
        if (written % DESTROYED_SHARE !== 0 || event.occurredAt === undefined) return;
        for (const weapon of event.weapons)
          toDestroy.push({ id: weapon.id, occurredAt: event.occurredAt });
      },
    );
  }
  // Destroyed in lists of 1,000, each about half a year after the last intake on it.
  toDestroy.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : 1));
  for (let start = 0; start < toDestroy.length; start += PER_DESTRUCTION) {
    const batch = toDestroy.slice(start, start + PER_DESTRUCTION);
    const last = new Date(`${batch.at(-1)!.occurredAt}T00:00:00Z`);
    last.setUTCDate(last.getUTCDate() + 180);
    db.transaction(() => {
      insertCustodyRecord(
        db,
        'destruction_event',
        {
          id: uuidv7(),
          destructionDate: last.toISOString().slice(0, 10),
          siteLocationId: destructionSite,
          method: start % 2 === 0 ? 'smelting_melting' : 'cutting_torch',
          items: batch.map((item) => ({ kind: 'weapon', id: item.id })),
          aggregateCounts: [],
          certificateNumber: `C-${start}`,
        },
        { createdAt: at, createdBy: userId },
      );
      refreshItemCustody(
        db,
        batch.map((item) => item.id),
      );
    })();
  }
  return db;
}

const started = performance.now();
const db = buildStore(ITEMS);
const items = (db.prepare('SELECT count(*) FROM items').pluck().get() as number) ?? 0;
process.stderr.write(`store: ${items} items in ${round((performance.now() - started) / 1000)} s\n`);

const filters: MeasureFilterInput[] = [];
for (let year = 2020; year <= 2025; year += 1) {
  filters.push(calendarYear(year), halfYear(year, 1), halfYear(year, 2));
}
filters.push(
  { ...calendarYear(2024), jurisdiction: 'ME' },
  { ...calendarYear(2024), context: 'seized' },
  { ...calendarYear(2024), agency: 'border police' },
  { ...calendarYear(2024), locationType: 'border_crossing_road' },
  { ...calendarYear(2025), finalOnly: false },
  { from: '2020-01-01', to: '2025-12-31' },
);

// Once over all six years: builds every month's rollup of every figure (the first dashboard
// after a pull pays this once) and warms the page cache, as a dashboard opened again would be.
const buildStarted = performance.now();
computeMeasures(db, MeasureFilterSchema.parse({ from: '2020-01-01', to: '2025-12-31' }));
const rollupBuildS = (performance.now() - buildStarted) / 1000;
process.stderr.write(`month rollups of every figure built in ${round(rollupBuildS)} s\n`);
const times: number[] = [];
const byFigure = new Map<string, number[]>();
const slowest = { figure: '', ms: 0, filter: '' };
const whole: number[] = [];
for (const input of filters) {
  const filter = MeasureFilterSchema.parse(input);
  const start = performance.now();
  computeMeasures(db, filter, {
    timed: (figure, ms) => {
      times.push(ms);
      byFigure.set(figure, [...(byFigure.get(figure) ?? []), ms]);
      if (ms > slowest.ms) Object.assign(slowest, { figure, ms, filter: JSON.stringify(input) });
    },
  });
  whole.push(performance.now() - start);
}
// Every national report for a year, as its PDF (measures, tables, the document): the slowest.
const reportTimes: number[] = [];
for (const id of ReportIdSchema.options) {
  const start = performance.now();
  const report = buildNationalReport(
    id,
    computeMeasures(db, MeasureFilterSchema.parse(calendarYear(2024))),
    'en',
  );
  await renderPdf(buildNationalReportDocument(report, 'en', new Date().toISOString()));
  reportTimes.push(performance.now() - start);
}
process.stderr.write(`reports as PDF: ${reportTimes.map((ms) => `${round(ms)} ms`).join(', ')}\n`);
// The whole store as XLSX, in a process of its own (export-run.ts): its peak memory is the
// export's, whatever the store's size, not what building a million items left behind.
db.close();
const whole1M = exportInChild(databasePath(path.join(dir, 'data')));
process.stderr.write(
  `export of ${items} items: ${whole1M.rows} rows, ${round(whole1M.megabytes)} MB of XLSX in ` +
    `${round(whole1M.seconds)} s, peak RSS ${round(whole1M.peakRssMb)} MB\n`,
);
buildStore(EXPORT_ITEMS, 'export-data').close();
const xlsx100k = exportInChild(databasePath(path.join(dir, 'export-data')));
rmSync(dir, { recursive: true, force: true });
process.stderr.write(
  `export of ${EXPORT_ITEMS} items: ${round(xlsx100k.megabytes)} MB of XLSX in ` +
    `${round(xlsx100k.seconds)} s\n`,
);
process.stderr.write(
  `figures: ${times.length} over ${filters.length} filters; median ${round(percentile(times, 50))} ms; ` +
    `slowest ${slowest.figure} ${round(slowest.ms)} ms (${slowest.filter})\n`,
);
const slowestFigures = [...byFigure]
  .map(([figure, ms]) => ({ figure, p95: percentile(ms, 95) }))
  .sort((a, b) => b.p95 - a.p95)
  .slice(0, 8);
process.stderr.write(
  `slowest figures (p95): ${slowestFigures.map(({ figure, p95 }) => `${figure} ${round(p95)} ms`).join('; ')}\n`,
);
console.log(
  JSON.stringify({
    items,
    rollup_build_s: round(rollupBuildS),
    figures_timed: times.length,
    figure_p95_ms: round(percentile(times, 95)),
    figure_max_ms: round(slowest.ms),
    all_measures_p95_ms: round(percentile(whole, 95)),
    report_ms: round(Math.max(...reportTimes)),
    xlsx_100k_s: round(xlsx100k.seconds),
    export_peak_rss_mb: round(Math.max(whole1M.peakRssMb, xlsx100k.peakRssMb)),
  }),
);
