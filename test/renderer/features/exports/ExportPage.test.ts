import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../../support/axe.ts';
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
});
