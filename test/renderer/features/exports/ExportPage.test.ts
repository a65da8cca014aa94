import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { importPlace, seizedRifleRow, templateCsv } from '../../../support/intake-csv.ts';
import { RendererSession } from '../../../support/renderer-session.ts';

/**
 * Exporting, as a person does it: from the records list, a format and what to include, then the
 * file is saved (in the preview, into the folder beside the data directory) and the page says
 * where and how many rows; the file opens as the spreadsheet it claims to be.
 */
const shots = process.env.SALW_SCREENSHOTS;
const place = 'Stanica Čukarica, "stari" magacin';

async function shot(page: Page, name: string): Promise<void> {
  if (shots !== undefined) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

describe('exporting records', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    const saved = await session.page.evaluate(
      (name) =>
        window.api!.saveLocation({
          id: crypto.randomUUID(),
          name,
          locationType: 'inland_police_station',
          jurisdiction: 'RS',
          lat: 44.78,
          lon: 20.41,
        }),
      place,
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  });
  afterAll(async () => {
    await session?.close();
  });

  it('saves a zip of CSV files and says where, with the rows of each table', async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByRole('link', { name: 'Export' }).click();
    await page.getByRole('heading', { level: 1, name: 'Export records' }).waitFor();
    // Photos go only in the ZIP: the box is off until that format is chosen.
    expect(await page.getByLabel('Photos (ZIP of CSV files only)').isDisabled()).toBe(true);
    await page.getByLabel(/CSV files in a ZIP/).check();
    expect(await page.getByLabel('Photos (ZIP of CSV files only)').isDisabled()).toBe(false);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, 'export-options-en');
    await page.getByRole('button', { name: 'Export…' }).click();
    const heading = page.getByRole('heading', { name: 'Export saved' });
    await heading.waitFor();
    // Focus moves to the result, so a screen reader hears it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Export saved');
    const savedPath = await page.locator('.export-page__path').innerText();
    expect(savedPath).toMatch(/salw-export-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(existsSync(savedPath)).toBe(true);
    await page.getByText('Rows per table').click();
    const locationRow = page.getByRole('row', { name: /^location\s/ });
    expect(await locationRow.innerText()).toBe('location\t1');
    await shot(page, 'export-done-en');

    const zip = unzipSync(await readFile(savedPath));
    const locations = strFromU8((zip['location.csv'] ?? new Uint8Array()).subarray(3));
    expect(locations).toContain('"Stanica Čukarica, ""stari"" magacin"');
    expect(session.pageErrors).toEqual([]);
  });

  it('shows the export in progress, the options locked, and lets it be cancelled', async () => {
    const { page } = session;
    // An export of a few records ends before the page looks: the bridge holds it "running" at
    // 40 of 100 until released, while main writes it for real.
    let held: Record<string, unknown> | null = null;
    await page.route('**/__bridge/call/startExport', async (route) => {
      const answer = (await (await route.fetch()).json()) as { ok: boolean; value: object };
      held = { ...answer.value, state: 'running', done: 40, total: 100 };
      await route.fulfill({ json: { ok: true, value: held } });
    });
    await page.route('**/__bridge/call/getExport', (route) =>
      route.fulfill({ json: { ok: true, value: held } }),
    );
    try {
      await page.getByLabel(/Excel workbook/).check();
      await page.getByRole('button', { name: 'Export…' }).focus();
      await page.keyboard.press('Enter');
      const progress = page.getByRole('progressbar');
      await progress.waitFor();
      expect(await progress.getAttribute('value')).toBe('40');
      expect(await progress.getAttribute('max')).toBe('100');
      expect(await page.getByRole('status').innerText()).toMatch(
        /^Writing salw-export-\d{4}-\d{2}-\d{2}( \(\d+\))?\.xlsx…$/,
      );
      // The options cannot change under a running export; the keyboard is not left on nothing.
      expect(await page.getByRole('button', { name: 'Export…' }).isDisabled()).toBe(true);
      expect(await page.getByLabel(/Excel workbook/).isDisabled()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('PROGRESS');
      expect(await page.getByRole('heading', { name: /^Export (saved|failed)/ }).count()).toBe(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, 'export-progress-en');
    } finally {
      await page.unroute('**/__bridge/call/startExport');
      await page.unroute('**/__bridge/call/getExport');
    }
    // Released: main had written it, and the page says so.
    await page.getByRole('heading', { name: 'Export saved' }).waitFor();
  });

  it('says why an export failed and what to do, and claims nothing was saved', async () => {
    const { page } = session;
    // A folder where the file's ".part" goes (today's and tomorrow's name, in case the test
    // runs over midnight): the file cannot be written.
    const exportsDir = `${session.dataDir}-exports`;
    const day = 24 * 60 * 60 * 1000;
    const blockers = [Date.now(), Date.now() + day].map((at) =>
      path.join(exportsDir, `salw-export-${new Date(at).toISOString().slice(0, 10)}.geojson.part`),
    );
    for (const blocker of blockers) await mkdir(blocker, { recursive: true });
    try {
      await page.getByLabel(/GeoJSON/).check();
      await page.getByRole('button', { name: 'Export…' }).click();
      const heading = page.getByRole('heading', { name: 'Export failed' });
      await heading.waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Export failed');
      const result = page.locator('section[aria-labelledby="export-result"]');
      expect(await result.innerText()).toBe(
        [
          'Export failed',
          `${exportsDir} has a folder where the file ${path.basename(blockers[0] ?? '', '.part')} would go. Choose another name and export again.`,
          'Nothing was saved: no part of the export was kept.',
        ].join('\n\n'),
      );
      // Nothing claims a file: no "Saved to", no path, no rows.
      expect(await page.getByText('Saved to').count()).toBe(0);
      expect(await page.locator('.export-page__path').count()).toBe(0);
      expect(await page.getByText(/Rows written/).count()).toBe(0);
      expect(existsSync(path.join(exportsDir, path.basename(blockers[0] ?? '', '.part')))).toBe(
        false,
      );
      // The page stays usable: no horizontal scroll from the long path.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        await page.evaluate(() => document.documentElement.clientWidth),
      );
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, 'export-failed-en');

      await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
      await page.getByRole('heading', { name: 'Izvoz nije uspeo' }).waitFor();
      expect(await result.innerText()).toContain(
        `U ${exportsDir} već postoji fascikla na mestu datoteke`,
      );
      expect(await result.innerText()).toContain('Ništa nije sačuvano');
      await shot(page, 'export-failed-sr');
      await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
    } finally {
      for (const blocker of blockers) await rm(blocker, { recursive: true, force: true });
    }
    expect(session.pageErrors).toEqual([]);
  });

  it('speaks Serbian, and saves the places with coordinates as GeoJSON', async () => {
    const { page } = session;
    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByRole('heading', { level: 1, name: 'Izvoz zapisa' }).waitFor();
    await page.getByLabel(/GeoJSON/).check();
    await page.getByRole('button', { name: 'Izvezi…' }).click();
    await page.getByRole('heading', { name: 'Izvoz je sačuvan' }).waitFor();
    const savedPath = await page.locator('.export-page__path').innerText();
    const geojson = JSON.parse(await readFile(savedPath, 'utf8')) as {
      features: { geometry: { coordinates: number[] } }[];
    };
    expect(geojson.features.map((feature) => feature.geometry.coordinates)).toEqual([
      [20.41, 44.78],
    ]);
    await shot(page, 'export-done-sr');
    await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
  });

  it('shows an export of 10,000 records moving, then saves every one of them', async () => {
    const { page } = session;
    // 10,000 seizures of one rifle each, brought in as a person would: the import.
    const csv = templateCsv(
      Array.from({ length: 10_000 }, (_, index) =>
        seizedRifleRow(`E${index}`, `EXP-${String(index).padStart(5, '0')}`),
      ),
    );
    const imported = await page.evaluate(
      async ({ text, placeName }) => {
        const api = window.api!;
        const saved = await api.saveLocation({
          id: crypto.randomUUID(),
          name: placeName,
          locationType: 'inland_police_station',
          jurisdiction: 'RS',
        });
        if (!saved.ok) throw new Error(JSON.stringify(saved.error));
        const bytes = new TextEncoder().encode(text);
        const begun = await api.beginImport({
          fileName: 'seizures.csv',
          format: 'csv',
          size: bytes.length,
        });
        if (!begun.ok) throw new Error(JSON.stringify(begun.error));
        const { token } = begun.value;
        for (let offset = 0; offset < bytes.length; offset += 1024 * 1024) {
          let binary = '';
          for (const byte of bytes.subarray(offset, offset + 1024 * 1024)) {
            binary += String.fromCharCode(byte);
          }
          const part = await api.uploadImportPart({ token, offset, dataBase64: btoa(binary) });
          if (!part.ok) throw new Error(JSON.stringify(part.error));
        }
        const preview = await api.previewImport({ token });
        if (!preview.ok || preview.value.errorCount > 0) throw new Error(JSON.stringify(preview));
        const result = await api.confirmImport({ token });
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        return result.value.eventCount;
      },
      { text: csv, placeName: importPlace },
    );
    expect(imported).toBe(10_000);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Export records' }).waitFor();
    await page.getByLabel(/Excel workbook/).check();
    await page.getByRole('button', { name: 'Export…' }).click();
    // Progress as the page shows it, sampled until it is done: it moves through the records.
    const seen: number[] = [];
    const progress = page.getByRole('progressbar');
    const saved = page.getByRole('heading', { name: 'Export saved' });
    while ((await saved.count()) === 0) {
      const value = await progress.getAttribute('value', { timeout: 1000 }).catch(() => null);
      const max = await progress.getAttribute('max', { timeout: 1000 }).catch(() => null);
      if (value !== null && max !== null && Number(max) > 0) seen.push(Number(value) / Number(max));
      await page.waitForTimeout(50);
    }
    expect(seen.some((share) => share > 0 && share < 1)).toBe(true);
    await page.getByText('Rows per table').click();
    expect(await page.getByRole('row', { name: /^intake_event\s/ }).innerText()).toBe(
      'intake_event\t10,000',
    );
    const savedPath = await page.locator('.export-page__path').innerText();
    const sheets = Object.keys(unzipSync(await readFile(savedPath))).filter((name) =>
      name.startsWith('xl/worksheets/'),
    );
    expect(sheets.length).toBeGreaterThan(1);
    expect(session.pageErrors).toEqual([]);
  });
});
