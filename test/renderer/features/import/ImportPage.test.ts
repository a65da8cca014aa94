import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateColumnNames } from '../../../../shared/import/intake-template.ts';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { importPlace, seizedRifleRow, templateCsv } from '../../../support/intake-csv.ts';
import { xlsxOf } from '../../../support/xlsx-file.ts';
import { RendererSession } from '../../../support/renderer-session.ts';

/**
 * Importing intake records from a file, as a person does it: the file's errors show at their row
 * and column with Confirm disabled; a file with other column names is mapped to the template and
 * checked again; confirming stores the records, which the records list then shows; Cancel stores
 * nothing. One preview host and one signed-in administrator for the whole file.
 */

const place = importPlace;
const rifleRow = seizedRifleRow;
const csvOf = (rows: readonly Record<string, string>[], rename?: Record<string, string>) =>
  Buffer.from(templateCsv(rows, rename), 'utf8');

async function pickFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page
    .getByLabel('File to import (CSV or XLSX)')
    .setInputFiles({ name, mimeType: 'text/csv', buffer });
}

/** The counts the preview shows, as the person reads them. */
async function counts(page: Page): Promise<Record<string, string>> {
  const list = page.getByRole('definition');
  await list.first().waitFor();
  const terms = await page.locator('.import-counts dt').allInnerTexts();
  const values = await page.locator('.import-counts dd').allInnerTexts();
  return Object.fromEntries(terms.map((term, index) => [term, values[index] ?? '']));
}

async function recordsFound(page: Page): Promise<string> {
  await page.getByRole('heading', { level: 1, name: 'Records' }).waitFor();
  const found = page.getByText(/^Records found: \d+$/);
  const empty = page.getByText('No records yet.');
  await found.or(empty).waitFor();
  return (await empty.count()) > 0 ? 'none' : await found.innerText();
}

describe('importing records from a file', () => {
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
        }),
      place,
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  });

  afterAll(async () => {
    await session?.close();
  });

  it('is offered on the records list and links the template', async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByRole('link', { name: 'Import records' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import records' }).waitFor();
    expect(page.url()).toMatch(/#\/records\/import$/);
    const template = page.getByRole('link', { name: 'Download the template (CSV)' });
    const href = await template.getAttribute('href');
    const response = await page.request.get(new URL(href ?? '', page.url()).toString());
    expect((await response.text()).split('\r\n')[0]).toBe(templateColumnNames.join(','));
  });

  it('shows each error at its row and column, and does not allow confirming', async () => {
    const { page } = session;
    await pickFile(
      page,
      'register-2015.csv',
      csvOf([
        rifleRow('E-1', 'A-1'),
        { ...rifleRow('E-2', 'A-2'), occurred_on: '2015-02-30' },
        { ...rifleRow('E-3', 'A-3'), weapon_type: 'rifle_of_sorts' },
      ]),
    );
    await page
      .getByRole('heading', { name: 'Check before importing: register-2015.csv' })
      .waitFor();
    expect(await counts(page)).toEqual({ Rows: '3', Records: '1', Items: '1', Errors: '2' });

    const dates = page.getByRole('region', { name: /occurred_on/ });
    expect(await dates.getByRole('row').nth(1).innerText()).toBe(
      '3\t2015-02-30\tEnter a valid date.',
    );
    const types = page.getByRole('region', { name: /weapon_type/ });
    expect(await types.getByRole('row').nth(1).innerText()).toBe(
      '4\trifle_of_sorts\tChoose one of the options.',
    );
    await types.getByText('Allowed values').click();
    await types.getByText(/assault_rifle/).waitFor();

    const confirm = page.getByRole('button', { name: 'Confirm import' });
    expect(await confirm.isDisabled()).toBe(true);
    await page
      .getByText('Correct the errors (in the file, or the column mapping) before importing.')
      .waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('maps columns with other names to the template, checks again, and imports on confirm', async () => {
    const { page } = session;
    await pickFile(
      page,
      'old register.csv',
      // 'Ref' and 'Predmet' match no template column; 'Serijski broj' is a known alias.
      csvOf([rifleRow('E-10', 'B-1'), rifleRow('E-10', 'B-2'), rifleRow('E-11', 'B-3')], {
        event_ref: 'Ref',
        item_kind: 'Predmet',
        serial_number: 'Serijski broj',
      }),
    );
    await page.getByRole('heading', { name: 'Check before importing: old register.csv' }).waitFor();
    expect(await page.getByLabel('Serijski broj', { exact: true }).inputValue()).toBe(
      'serial_number',
    );
    expect(await page.getByLabel('Ref', { exact: true }).inputValue()).toBe('');
    const missing = page.getByRole('region', { name: /event_ref/ });
    expect(await missing.getByRole('row').nth(1).innerText()).toBe(
      "1\t(empty)\tThis column is needed: map one of the file's columns to it.",
    );
    expect(await page.getByRole('button', { name: 'Confirm import' }).isDisabled()).toBe(true);

    await page.getByLabel('Ref', { exact: true }).selectOption('event_ref');
    await page.getByRole('region', { name: /event_ref/ }).waitFor({ state: 'detached' });
    await page.getByRole('region', { name: /item_kind/ }).waitFor();
    expect(await page.getByLabel('Ref', { exact: true }).inputValue()).toBe('event_ref');
    await page.getByLabel('Predmet', { exact: true }).selectOption('item_kind');
    await page.getByRole('region', { name: 'Errors by column' }).waitFor({ state: 'detached' });
    expect(await counts(page)).toEqual({ Rows: '3', Records: '2', Items: '3', Errors: '0' });
    // Nothing is stored by the preview.
    expect(
      await page.evaluate(async () => {
        const page = await window.api!.listIntakes({ limit: 10, offset: 0 });
        return page.ok ? page.value.total : -1;
      }),
    ).toBe(0);

    await page.getByRole('button', { name: 'Confirm import' }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    expect(await counts(page)).toEqual({ Records: '2', Items: '3' });
    const links = page
      .getByRole('region', { name: 'Import finished' })
      .getByRole('listitem')
      .getByRole('link');
    expect(await links.count()).toBe(2);

    await links.first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(page.url()).toMatch(/#\/records\/[0-9a-f-]{36}$/);
    await page.getByText('B-1').first().waitFor();
    // The record says where it came from, and who imported it.
    await page.getByText(/^old register\.csv, rows 2–3 \(event_ref E-10\), on /).waitFor();

    await session.goTo('Records');
    expect(await recordsFound(page)).toBe('Records found: 2');
    const serials = await page.getByRole('table').locator('tbody tr').allInnerTexts();
    expect(serials.join('\n')).toContain('B-3');
  });

  it('stores nothing when cancelled after the preview', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Import records' }).click();
    await pickFile(page, 'later.csv', csvOf([rifleRow('E-20', 'C-1')]));
    await page.getByRole('heading', { name: 'Check before importing: later.csv' }).waitFor();
    expect(await page.getByRole('button', { name: 'Confirm import' }).isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Import cancelled. Nothing was stored.').waitFor();
    expect(await page.getByRole('button', { name: 'Confirm import' }).count()).toBe(0);
    // Focus goes back to the file field, to choose another file.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('file');

    await session.goTo('Records');
    expect(await recordsFound(page)).toBe('Records found: 2');
    expect(session.pageErrors).toEqual([]);
  });

  it('sends a register of several megabytes in parts, and checks every row of it', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Import records' }).click();
    const rows = Array.from({ length: 14_000 }, (_, n) => rifleRow(`E-${n >> 2}`, `BIG-${n}`));
    const big = csvOf(rows);
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    await pickFile(page, 'national register.csv', big);
    await page
      .getByRole('heading', { name: 'Check before importing: national register.csv' })
      .waitFor({ timeout: 60_000 });
    expect(await counts(page)).toEqual({
      Rows: '14,000',
      Records: '3,500',
      Items: '14,000',
      Errors: '0',
    });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Import cancelled. Nothing was stored.').waitFor();
  });

  it('imports an XLSX register, its dates as the spreadsheet shows them', async () => {
    const { page } = session;
    const dateColumn = templateColumnNames.indexOf('occurred_on');
    const row = (serial: string) =>
      templateColumnNames.map((column, index) =>
        index === dateColumn ? { date: '2017-11-03' } : (rifleRow('X-1', serial)[column] ?? null),
      );
    await page.getByLabel('File to import (CSV or XLSX)').setInputFiles({
      name: 'registar.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(xlsxOf([[...templateColumnNames], row('XL-1'), row('XL-2')])),
    });
    await page.getByRole('heading', { name: 'Check before importing: registar.xlsx' }).waitFor();
    expect(await counts(page)).toEqual({ Rows: '2', Records: '1', Items: '2', Errors: '0' });
    await page.getByRole('button', { name: 'Confirm import' }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    await page.getByRole('region', { name: 'Import finished' }).getByRole('link').first().click();
    await page.getByText('XL-2').first().waitFor();
    await page.getByText(/^registar\.xlsx, rows 2–3 \(event_ref X-1\), on /).waitFor();
    expect(session.pageErrors).toEqual([]);
    await session.goTo('Records');
    expect(await recordsFound(page)).toBe('Records found: 3');
  });

  it('speaks Serbian', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Import records' }).click();
    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByRole('heading', { level: 1, name: 'Uvoz zapisa' }).waitFor();
    await page.getByLabel('Datoteka za uvoz (CSV ili XLSX)').setInputFiles({
      name: 'los.csv',
      mimeType: 'text/csv',
      buffer: csvOf([{ ...rifleRow('E-30', 'D-1'), occurred_on: '31.2.2016.' }]),
    });
    const dates = page.getByRole('region', { name: /occurred_on/ });
    expect(await dates.getByRole('row').nth(1).innerText()).toBe(
      '2\t31.2.2016.\tUnesite ispravan datum.',
    );
    expect(await page.getByRole('button', { name: 'Potvrdi uvoz' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Otkaži' }).click();
    await page.getByText('Uvoz je otkazan. Ništa nije sačuvano.').waitFor();
    await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
  });

  it('is not offered to a custody officer, whose role does not record intake', async () => {
    const officer = { name: 'Milan Kostić', passphrase: 'Depot-Keeper-2026!' };
    const added = await session.page.evaluate(
      (person) => window.api!.addPerson({ ...person, role: 'custody_officer' }),
      officer,
    );
    if (!added.ok) throw new Error(JSON.stringify(added.error));
    await session.signInAs({ userId: added.value.id, passphrase: officer.passphrase });
    const { page } = session;
    await session.goTo('Records');
    expect(await recordsFound(page)).toBe('Records found: 3');
    expect(await page.getByRole('link', { name: 'Import records' }).count()).toBe(0);
    await page.goto(`${session.preview.url.split('#')[0]}#/records/import`);
    await page
      .getByText('Your role may not create records, so it may not import them either.')
      .waitFor();
    expect(await page.getByLabel('File to import (CSV or XLSX)').count()).toBe(0);
  });
});
