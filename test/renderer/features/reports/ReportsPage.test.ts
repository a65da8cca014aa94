import { readFile } from 'node:fs/promises';
import { unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxRows } from '../../../../electron/services/xlsx-rows.ts';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { seizedRifleRow, templateCsv } from '../../../support/intake-csv.ts';
import { pdfText } from '../../../support/pdf-text.ts';
import { RendererSession } from '../../../support/renderer-session.ts';

/**
 * The national reports as a national coordinator reads them: three seized weapons in 2024 (two
 * rifles, one pistol, imported from a register), the IAFQ tables and their checks on screen, the
 * year changing the figures, Serbian, and the PDF and XLSX saved.
 */
const shots = process.env.SALW_SCREENSHOTS;
const place = 'Granični prelaz Batrovci';
/** The app's smallest window (electron/platform/window.ts: minWidth, minHeight). */
const narrowest = { width: 900, height: 600 };
/** A campaign name at its longest (120 characters). */
const longCampaign =
  'Akcija dobrovoljne predaje nelegalnog oružja, municije i eksplozivnih sredstava — Raški, Rasinski i Zlatiborski okr. 24';

async function shot(page: Page, name: string): Promise<void> {
  if (shots !== undefined) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

const seized = (event: string, serial: string, type: string): Record<string, string> => ({
  ...seizedRifleRow(event, serial),
  occurred_on: '2024-05-10',
  location: place,
  recording_agency: 'Granična policija',
  seizing_agency_type: 'border_police',
  direction: 'entry',
  conveyance: 'private_car',
  weapon_type: type,
});

/** Nothing is wider than the window: no sideways scrolling, every field inside the page. */
async function fitsTheWindow(page: Page): Promise<void> {
  const sizes = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    outside: [...document.querySelectorAll('main select, main button, main table, main p')]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth)
      .map((element) => element.outerHTML.slice(0, 80)),
  }));
  expect(sizes.outside).toEqual([]);
  expect(sizes.scroll).toBeLessThanOrEqual(sizes.client);
}

/** The rows of the report table captioned `title`, as text. */
async function tableRows(page: Page, title: string): Promise<string[]> {
  const section = page.locator('.reports-page__table').filter({
    has: page.getByRole('heading', { name: title, exact: true }),
  });
  return section.locator('tbody tr').allInnerTexts();
}

/**
 * Every row of every sheet of a workbook, its cells joined by tabs, read by the app's own XLSX
 * reader (which reads a workbook's first sheet): each sheet in turn put in the first one's place.
 */
function workbookRows(bytes: Uint8Array): string[] {
  const zip = unzipSync(bytes);
  return Object.keys(zip)
    .filter((name) => name.startsWith('xl/worksheets/'))
    .flatMap((sheet) => {
      const single = zipSync({ ...zip, 'xl/worksheets/sheet1.xml': zip[sheet]! });
      return [...xlsxRows(() => [Buffer.from(single)])].map((row) => row.join('\t'));
    });
}

describe('national reports', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    const csv = templateCsv([
      seized('E-1', 'R-1', 'assault_rifle'),
      seized('E-1', 'R-2', 'assault_rifle'),
      seized('E-2', 'P-1', 'self_loading_pistol'),
    ]);
    const imported = await session.page.evaluate(
      async ({ name, text }) => {
        const api = window.api!;
        const saved = await api.saveLocation({
          id: crypto.randomUUID(),
          name,
          locationType: 'border_crossing_road',
          jurisdiction: 'RS',
        });
        if (!saved.ok) return JSON.stringify(saved.error);
        const bytes = new TextEncoder().encode(text);
        const begun = await api.beginImport({
          fileName: 'r.csv',
          format: 'csv',
          size: bytes.length,
        });
        if (!begun.ok) return JSON.stringify(begun.error);
        const token = begun.value.token;
        const dataBase64 = btoa(String.fromCharCode(...bytes));
        const part = await api.uploadImportPart({ token, offset: 0, dataBase64 });
        if (!part.ok) return JSON.stringify(part.error);
        const preview = await api.previewImport({ token });
        if (!preview.ok || preview.value.errorCount > 0) return JSON.stringify(preview);
        const done = await api.confirmImport({ token });
        return done.ok ? 'ok' : JSON.stringify(done.error);
      },
      { name: place, text: csv },
    );
    expect(imported).toBe('ok');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows the IAFQ tables of a year, with the questionnaire checks passed', async () => {
    const { page } = session;
    await session.goTo('Reports');
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await page.getByLabel('Report', { exact: true }).selectOption('iafq');
    await page.getByLabel('Year').selectOption('2024');
    await page.getByRole('heading', { name: 'Weapons by type', exact: true }).waitFor();
    expect(await tableRows(page, 'Weapons by context')).toEqual(['Seized\tpieces\t3\t3']);
    expect(await tableRows(page, 'Weapons by type')).toEqual([
      'Assault rifle\tpieces\t2\t2',
      'Self-loading pistol\tpieces\t1\t1',
    ]);
    const checks = await page.locator('.reports-page__checks li').allInnerTexts();
    expect(checks).toHaveLength(4);
    for (const check of checks) expect(check).toMatch(/^Pass /);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, 'reports-iafq-en');

    // By review state: nothing here is reviewed, so "approved" counts nothing; the hint (said to
    // screen readers with the select) shows while the filter has effect.
    const review = page.getByLabel('Review', { exact: true });
    expect(await review.getAttribute('aria-describedby')).toBeNull();
    await review.selectOption({ label: 'Approved' });
    await expect
      .poll(() => review.evaluate((select) => select.getAttribute('aria-describedby')))
      .not.toBeNull();
    await page.getByText('Nothing recorded in this period.').first().waitFor();
    await review.selectOption({ label: 'Not reviewed' });
    await expect
      .poll(() => tableRows(page, 'Weapons by context'))
      .toEqual(['Seized\tpieces\t3\t3']);
    await review.selectOption({ label: 'Any' });

    // Another year has nothing in it.
    await page.getByLabel('Year').selectOption('2023');
    await page.getByText('Nothing recorded in this period.').first().waitFor();
  });

  it('saves the report as a PDF and as an XLSX', async () => {
    const { page } = session;
    await page.getByLabel('Year').selectOption('2024');
    await page.getByRole('heading', { name: 'Weapons by type', exact: true }).waitFor();
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save as PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe('report-iafq-2024-01-01-2024-12-31.pdf');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save as XLSX' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe('report-iafq-2024-01-01-2024-12-31.xlsx');

    // Read back: both files hold what the screen shows, row for row.
    const onScreen = await tableRows(page, 'Weapons by type');
    const pdfTextFlat = (await pdfText(await readFile((await pdf.path())!))).text.replace(
      /\s+/g,
      ' ',
    );
    for (const row of onScreen) expect(pdfTextFlat).toContain(row.split('\t').join(' '));
    const sheetRows = workbookRows(await readFile((await xlsx.path())!));
    for (const row of onScreen) expect(sheetRows).toContain(row);

    // In French from this English screen: the file's report is French throughout, the screen's
    // stays English.
    const language = page.getByLabel('Document language');
    expect(await language.inputValue()).toBe('en');
    await language.selectOption('fr');
    const [french] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save as PDF' }).click(),
    ]);
    const frenchText = (await pdfText(await readFile((await french.path())!))).text.replace(
      /\s+/g,
      ' ',
    );
    expect(frenchText).toContain("Questionnaire de l'ONUDC");
    expect(frenchText).not.toContain('Weapons by type');
    await page.getByRole('heading', { name: 'Weapons by type', exact: true }).waitFor();
    await language.selectOption('en');

    // The seizures were in Serbia: a report for Montenegro has none of them.
    await page.getByLabel('Jurisdiction').selectOption({ label: 'Montenegro' });
    // Other tables say "nothing" already: the report has changed once this one is empty.
    await expect.poll(() => tableRows(page, 'Weapons by context')).toEqual([]);
    await page.getByLabel('Jurisdiction').selectOption({ label: 'Serbia' });
    await expect
      .poll(() => tableRows(page, 'Weapons by context'))
      .toEqual(['Seized\tpieces\t3\t3']);
    await page.getByLabel('Jurisdiction').selectOption({ label: 'All jurisdictions' });
  });

  it('fits the narrowest window with a very long campaign name', async () => {
    const { page } = session;
    const saved = await page.evaluate(
      (name) =>
        window.api!.saveCampaign({
          id: crypto.randomUUID(),
          name,
          jurisdiction: 'RS',
          campaignType: 'voluntary_surrender_amnesty',
          startDate: '2024-01-01',
          leadAgency: 'MUP Srbije',
          status: 'active',
        }),
      longCampaign,
    );
    expect(saved.ok).toBe(true);
    await page.setViewportSize(narrowest);
    try {
      // The campaign list is read when the page opens: open it again.
      await session.goTo('Dashboard');
      await session.goTo('Reports');
      await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
      await page.getByLabel('Report', { exact: true }).selectOption('campaign');
      await page.getByLabel('Year').selectOption('2024');
      await page.getByLabel('Campaign', { exact: true }).selectOption({ label: longCampaign });
      // The report says which campaign it is about, whole, where the list cuts the name off.
      await page.getByText(`Campaign: ${longCampaign}`).waitFor();
      expect(await page.getByLabel('Campaign', { exact: true }).getAttribute('title')).toBe(
        longCampaign,
      );
      await fitsTheWindow(page);
      // The keyboard goes through the filters in the order they read, then the report's buttons.
      await page.getByLabel('Report', { exact: true }).focus();
      const order: string[] = [];
      for (let n = 0; n < 9; n += 1) {
        await page.keyboard.press('Tab');
        order.push(
          await page.evaluate(() => {
            const active = document.activeElement as HTMLInputElement | null;
            return active?.labels?.[0]?.innerText ?? active?.innerText ?? '';
          }),
        );
      }
      expect(order).toEqual([
        'Year',
        'Period',
        'Jurisdiction',
        'Review',
        'Campaign',
        'Final records only',
        'Save as PDF',
        'Save as XLSX',
        'Document language',
      ]);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, 'reports-narrow-en');

      // Saving, as the desktop app answers (the preview downloads instead): a place that refuses
      // the file is said so, with nothing claimed saved; a long path wraps inside the window.
      const saves = '**/__bridge/call/saveReport';
      await page.route(saves, (route) =>
        route.fulfill({
          json: {
            ok: false,
            error: { code: 'DESTINATION_NOT_WRITABLE', message: 'Not written.' },
          },
        }),
      );
      let loads = 0;
      const countLoads = (request: { url(): string }) => {
        if (request.url().endsWith('/getReport')) loads += 1;
      };
      page.on('request', countLoads);
      try {
        const button = page.getByRole('button', { name: 'Save as PDF' });
        const before = await button.boundingBox();
        await button.click();
        await page.getByRole('alert').waitFor();
        expect(await page.getByRole('alert').innerText()).toMatch(
          /^The file could not be saved there: .* Nothing was saved; choose another place\.$/,
        );
        expect(await page.getByText(/^Saved to/).count()).toBe(0);
        // It stays: the report is not loaded again behind it (it was, on every render, and its
        // answer wiped the error at once), and the button did not move under the pointer.
        await page.waitForTimeout(1_000);
        expect(await page.getByRole('alert').count()).toBe(1);
        expect(loads).toBe(0);
        expect(await button.boundingBox()).toEqual(before);
        await fitsTheWindow(page);
        await shot(page, 'reports-narrow-save-failed-en');
        await page.unroute(saves);
        const longPath = `C:\\Users\\${'izvestaji_'.repeat(12)}\\report-campaign-2024-01-01-2024-12-31.pdf`;
        await page.route(saves, (route) =>
          route.fulfill({
            json: {
              ok: true,
              value: { kind: 'saved', fileName: 'report-campaign.pdf', path: longPath },
            },
          }),
        );
        await page.getByRole('button', { name: 'Save as PDF' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: `Saved to ${longPath}` })
          .waitFor();
        expect(await page.getByRole('alert').count()).toBe(0);
        await fitsTheWindow(page);
        await shot(page, 'reports-narrow-saved-en');
      } finally {
        page.off('request', countLoads);
        await page.unroute(saves);
      }

      await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
      await page.getByText(`Akcija: ${longCampaign}`).waitFor();
      await fitsTheWindow(page);
      await shot(page, 'reports-narrow-sr');
      await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
      await page.getByLabel('Campaign', { exact: true }).selectOption('');
    } finally {
      await page.setViewportSize({ width: 1200, height: 800 });
    }
  });

  it('speaks Serbian, the report itself included', async () => {
    const { page } = session;
    await page.getByLabel('Report', { exact: true }).selectOption('sdg_16_4_2');
    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByRole('heading', { level: 1, name: 'Izveštaji' }).waitFor();
    await page.getByRole('heading', { name: 'Indikator COR 16.4.2', level: 2 }).waitFor();
    await expect
      .poll(() => tableRows(page, 'Po ishodu praćenja porekla'))
      .toEqual(['Nije pokušano\t3']);
    await shot(page, 'reports-sdg-sr');
    await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
    expect(session.pageErrors).toEqual([]);
  });
});
