import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { RendererSession } from '../../../support/renderer-session.ts';

const shots = process.env.SALW_SCREENSHOTS;

async function shoot(page: Page, name: string): Promise<void> {
  if (shots !== undefined) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

const file = (name: string, lines: readonly string[]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(lines.join('\n')),
});

/**
 * Issue 15: an administrator imports "857 weapons and 188 parts destroyed in 2015" on the
 * Dashboard. A file with a wrong row is refused with the row, column and problem; a good one is
 * checked first (nothing stored), then imported, and the totals show per kind, never summed.
 */
describe('historic counts on the Dashboard', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
  }, 60_000);
  afterAll(async () => {
    await session?.close();
  });

  it('checks a file, names a wrong row, then imports and totals per kind', async () => {
    const { page } = session;
    await session.goTo('Dashboard');
    const section = page.getByTestId('historic-counts');
    await section.getByText('No historic counts yet.').waitFor();

    const input = section.getByLabel('CSV or XLSX file');
    await input.setInputFiles(
      file('wrong.csv', [
        'year;activity;kind;unit;amount;source',
        '2015;destroyed;weapons;pieces;857;Annual report 2015',
        '2015;burnt;parts;pieces;188;Annual report 2015',
      ]),
    );
    await section.getByRole('button', { name: 'Check the file' }).click();
    const refused = section.getByRole('alert');
    await refused.waitFor();
    expect(await refused.getByRole('heading').innerText()).toBe(
      'The file has 1 error; nothing was imported. Correct it and check the file again.',
    );
    expect(await refused.locator('tbody tr').innerText()).toMatch(/3\s+activity\s+.+\s+burnt/);
    // The outcome takes the focus, so a screen reader reads it at once.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H3');

    await input.setInputFiles(
      file('series.csv', [
        'year;activity;source_context;kind;unit;amount;source',
        '2015;destroyed;surplus;weapons;pieces;857;Annual report 2015',
        '2015;destroyed;surplus;parts;pieces;188;Annual report 2015',
      ]),
    );
    await section.getByRole('button', { name: 'Check the file' }).click();
    const ready = section.getByRole('status').filter({ hasText: 'ready to import' });
    await ready.waitFor();
    expect(await ready.innerText()).toContain('Destroyed: Weapons, 857 pieces');
    expect(await ready.innerText()).toContain('Destroyed: Parts and components, 188 pieces');
    // Checked, not stored.
    expect(await section.getByText('No historic counts yet.').isVisible()).toBe(true);
    await shoot(page, 'historic-counts-check-en');

    await section.getByRole('button', { name: 'Import 2 counts' }).click();
    await section.getByRole('status').filter({ hasText: '2 counts imported.' }).waitFor();
    const totals = section.getByRole('table', { name: /Totals of the historic counts/ });
    expect(await totals.locator('tbody tr').allInnerTexts()).toEqual([
      'Destroyed\tWeapons\t857 pieces\t1',
      'Destroyed\tParts and components\t188 pieces\t1',
    ]);
    const every = section.getByRole('table', { name: 'Every historic count' });
    expect(await every.innerText()).toContain('imported from series.csv, row 2');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shoot(page, 'historic-counts-en');

    // One count typed by hand: a wrong year is said at its field, which takes the focus.
    const form = section.getByRole('form', { name: 'Add a count by hand' });
    await form.getByLabel('Year').fill('15');
    await form.getByLabel('Activity').selectOption('collected_or_seized');
    await form.getByLabel('Kind').selectOption('explosives');
    await form.getByLabel('Unit').selectOption('kg');
    await form.getByLabel('Amount').fill('120,5');
    await form.getByLabel('Where the figure comes from').fill('MUP annual report 2014');
    await form.getByRole('button', { name: 'Add the count' }).click();
    await form.getByText('Enter the year as four digits, for example 2015.').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe(await form.getByLabel('Year').getAttribute('id'));
    await form.getByLabel('Year').fill('2014');
    await form.getByRole('button', { name: 'Add the count' }).click();
    await form.getByRole('status').filter({ hasText: 'Count added.' }).waitFor();
    await expect
      .poll(() => totals.locator('tbody tr').allInnerTexts())
      .toContain('Collected or seized\tExplosives\t120.5 kg\t1');

    // In Serbian, with the plural forms of the language.
    await page.getByRole('combobox', { name: 'Language' }).first().selectOption('sr-Latn');
    await section.getByRole('heading', { name: 'Istorijski zbirni podaci' }).waitFor();
    expect(await section.getByRole('table').first().locator('tbody tr').allInnerTexts()).toContain(
      'Uništeno\tOružje\t857 komada\t1',
    );
    await shoot(page, 'historic-counts-sr');
    await page.getByRole('combobox', { name: 'Jezik' }).first().selectOption('en');
  });
});
