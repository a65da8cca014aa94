import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksOf } from '../../../../electron/services/import-rows.ts';
import { xlsxRows } from '../../../../electron/services/xlsx-rows.ts';
import type { ExportJob, ExportOptions } from '../../../../shared/ipc/procedures/exports.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { recordFinalSurrender, surrenderSerials } from '../../../support/final-intake.ts';
import { sendImportFile } from '../../../support/import-file.ts';
import { importPlace, seizedRifleRow, templateCsv } from '../../../support/intake-csv.ts';

/**
 * Exports through the real dispatcher from a real encrypted store into a folder (the preview's
 * port): each file is read back as a person's spreadsheet or GIS tool would read it.
 */
const options = (changes: Partial<ExportOptions>): ExportOptions => ({
  format: 'xlsx',
  finalOnly: false,
  includePersonalData: false,
  includePhotos: false,
  ...changes,
});

async function finished(app: DispatchedApp, started: ExportJob | null): Promise<ExportJob> {
  if (started === null) throw new Error('the export was not started');
  for (let job = started; ;) {
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
    job = await app.ok('getExport', { jobId: job.jobId });
  }
}

/** The rows of one CSV of the zip, cells split as a spreadsheet would (no quoted commas here). */
function csvTable(zip: Record<string, Uint8Array>, name: string): Record<string, string>[] {
  const [header, ...lines] = strFromU8(zip[name] ?? new Uint8Array())
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '');
  const columns = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
  });
}

describe('exports', () => {
  let app: DispatchedApp;
  let surrenderId: string;
  let draftId: string;

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'export' });
    await setUpFirstPerson(app, { name: 'Jelena Marković' });
    surrenderId = (await recordFinalSurrender(app, 'Jelena Marković')).event.id;
    const draft = await app.ok('newIntakeDraft');
    draftId = draft.id;
    await app.ok('saveIntakeDraft', {
      draft: {
        ...draft,
        context: 'surrendered',
        occurredAt: '2025-05-20',
        coordinates: { lat: 43.89, lon: 20.35, source: 'typed' },
        collection: { surrendererSex: 'female', surrendererAgeBand: '35_49' },
      },
      expectedRevision: null,
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('writes an XLSX of final records only, without personal data, and says what it left out', async () => {
    const job = await finished(app, await app.ok('startExport', options({ finalOnly: true })));
    expect(job).toMatchObject({ state: 'done', draftsLeftOut: 1 });
    expect(job.rows).toMatchObject({
      intake_event: 1,
      'intake_event.weapons': 2,
      'intake_event.parts': 1,
      'intake_event.ammunition': 1,
      location: 1,
    });
    const bytes = await readFile(job.path);
    const [header, ...records] = [...xlsxRows(blocksOf(bytes))];
    expect(records.map((row) => row[0])).toEqual([surrenderId]);
    expect(header).toContain('collection.dispositionRequested');
    expect(header).not.toContain('collection.receiptNumber');
    // Every sheet is in the workbook; the weapons' sheet joins each weapon to its record.
    const zip = unzipSync(bytes);
    const workbook = strFromU8(zip['xl/workbook.xml'] ?? new Uint8Array());
    expect(workbook).toContain('name="intake_event.weapons"');
    const weapons = strFromU8(zip['xl/worksheets/sheet2.xml'] ?? new Uint8Array());
    for (const serial of surrenderSerials) expect(weapons).toContain(serial);
    expect(weapons.split(surrenderId)).toHaveLength(3);
    // Its audit entry says who exported what, and how many rows.
    const { db } = app.services.session.requireUnlocked();
    const audit = db
      .prepare("SELECT user_id, after_json FROM audit_log WHERE action = 'export.written'")
      .all() as { user_id: string; after_json: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({
      format: 'xlsx',
      fileName: job.fileName,
      includePersonalData: false,
      rows: { intake_event: 1 },
    });
  });

  it('writes a zip of CSVs with personal data and photos when an administrator asks', async () => {
    const job = await finished(
      app,
      await app.ok(
        'startExport',
        options({ format: 'csv_zip', includePersonalData: true, includePhotos: true }),
      ),
    );
    expect(job.state).toBe('done');
    const zip = unzipSync(await readFile(job.path));
    const events = csvTable(zip, 'intake_event.csv');
    expect(events.map((row) => row.id).sort()).toEqual([surrenderId, draftId].sort());
    const draft = events.find((row) => row.id === draftId);
    expect(draft?.['collection.surrendererSex']).toBe('female');
    expect(events.find((row) => row.id === surrenderId)?.['collection.receiptNumber']).toBe(
      'R-2024-17',
    );
    const weapons = csvTable(zip, 'intake_event.weapons.csv');
    expect(weapons.map((row) => row.intake_event_id)).toEqual([surrenderId, surrenderId]);
    const photos = Object.keys(zip).filter((name) => name.startsWith('photos/'));
    expect(photos).toHaveLength(1);
    // A PNG, as it was taken: the file's signature.
    expect([...(zip[photos[0] ?? ''] ?? new Uint8Array()).subarray(1, 4)]).toEqual([
      0x50, 0x4e, 0x47,
    ]);
  });

  it('writes GeoJSON of the records that have coordinates', async () => {
    const job = await finished(app, await app.ok('startExport', options({ format: 'geojson' })));
    const geojson = JSON.parse(await readFile(job.path, 'utf8')) as {
      type: string;
      features: { id: string; geometry: { coordinates: number[] }; properties: object }[];
    };
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features.map((feature) => feature.id)).toEqual([draftId]);
    expect(geojson.features[0]?.geometry.coordinates).toEqual([20.35, 43.89]);
    expect(geojson.features[0]?.properties).toMatchObject({ entity: 'intake_event' });
    expect(geojson.features[0]?.properties).not.toHaveProperty('collection.surrendererSex');
  });

  it('refuses personal data to a field officer, checked in main', async () => {
    const officer = { name: 'Nikola Ilić', passphrase: 'Field-Officer-2026!' };
    const added = await app.ok('addPerson', { ...officer, role: 'field_officer' });
    await app.ok('lock');
    await app.ok('unlock', { userId: added.id, passphrase: officer.passphrase });
    const refused = await app.fail('startExport', options({ includePersonalData: true }));
    expect(refused.code).toBe('FORBIDDEN');
    const allowed = await finished(app, await app.ok('startExport', options({})));
    expect(allowed.state).toBe('done');
  });
});

describe('a cancelled export', () => {
  let app: DispatchedApp;

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'export-cancel' });
    await setUpFirstPerson(app, { name: 'Jelena Marković' });
    await app.ok('saveLocation', {
      id: randomUUID(),
      locationType: 'inland_police_station',
      name: importPlace,
      jurisdiction: 'RS',
    });
    // Enough records that the export is still running when the cancel arrives.
    const rows = Array.from({ length: 6_000 }, (_, n) => seizedRifleRow(`E-${n}`, `C-${n}`));
    const token = await sendImportFile(app, 'c.csv', 'csv', Buffer.from(templateCsv(rows)));
    expect((await app.ok('previewImport', { token })).errorCount).toBe(0);
    await app.ok('confirmImport', { token });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('leaves no file when cancelled', async () => {
    const started = await app.ok('startExport', options({ format: 'xlsx' }));
    if (started === null) throw new Error('not started');
    await app.ok('cancelExport', { jobId: started.jobId });
    const job = await finished(app, started);
    expect(job.state).toBe('cancelled');
    expect(existsSync(job.path)).toBe(false);
    const exportsDir = `${app.dir}-exports`;
    expect((await readdir(exportsDir)).filter((name) => name.endsWith('.part'))).toEqual([]);
  });
});

/**
 * Exports the folder refuses, on a fresh app (the file names it will choose are known): each
 * fails with its reason for the page to say, and leaves nothing behind, in the folder or the log.
 */
describe('a failed export', () => {
  let app: DispatchedApp;

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'export-failed' });
    await setUpFirstPerson(app, { name: 'Jelena Marković' });
    await recordFinalSurrender(app, 'Jelena Marković');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('fails with the reason when the folder refuses the file, and keeps nothing', async () => {
    // The folder holds a folder where the file's ".part" goes (for today and tomorrow, in case
    // the test runs over midnight): the file cannot be opened.
    const exportsDir = `${app.dir}-exports`;
    await mkdir(exportsDir, { recursive: true });
    const day = 24 * 60 * 60 * 1000;
    const blockers = [Date.now(), Date.now() + day].map((at) =>
      path.join(exportsDir, `salw-export-${new Date(at).toISOString().slice(0, 10)}.xlsx.part`),
    );
    for (const blocker of blockers) await mkdir(blocker, { recursive: true });
    const before = (await readdir(exportsDir)).sort();
    const audited = () =>
      app.services.session
        .requireUnlocked()
        .db.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'export.%'")
        .get() as { n: number };
    const auditedBefore = audited().n;
    try {
      const job = await finished(app, await app.ok('startExport', options({})));
      expect(job).toMatchObject({ state: 'failed', failure: 'name_is_folder', rows: {} });
      expect(existsSync(job.path)).toBe(false);
      expect((await readdir(exportsDir)).sort()).toEqual(before);
      expect(audited().n).toBe(auditedBefore);
    } finally {
      for (const blocker of blockers) await rm(blocker, { recursive: true, force: true });
    }
    // The next export, with the folder clear, is written.
    expect((await finished(app, await app.ok('startExport', options({})))).state).toBe('done');
    expect(audited().n).toBe(auditedBefore + 1);
  });

  it.runIf(process.platform === 'linux')(
    'removes what it wrote when writing fails midway',
    async () => {
      // "<name>.part" links to a file that opens for writing but refuses every write
      // (/proc/version, EIO): the export fails after it began writing, whoever runs the test.
      const exportsDir = `${app.dir}-exports`;
      const day = 24 * 60 * 60 * 1000;
      const links = [Date.now(), Date.now() + day].map((at) =>
        path.join(exportsDir, `salw-export-${new Date(at).toISOString().slice(0, 10)}.zip.part`),
      );
      for (const link of links) await symlink('/proc/version', link);
      try {
        const job = await finished(
          app,
          await app.ok('startExport', options({ format: 'csv_zip' })),
        );
        expect(job).toMatchObject({ state: 'failed', failure: 'other' });
        expect(existsSync(job.path)).toBe(false);
        expect(existsSync(`${job.path}.part`)).toBe(false);
      } finally {
        for (const link of links) await rm(link, { force: true });
      }
    },
  );
});
