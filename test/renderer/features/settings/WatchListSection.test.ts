import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { RendererSession } from '../../../support/renderer-session.ts';

const shots = process.env.SALW_SCREENSHOTS;

async function shoot(page: Page, name: string): Promise<void> {
  if (shots !== undefined) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

/**
 * Issue 15: an administrator imports a register of stolen firearms in Settings and sees it with
 * its count; a file with a wrong row is refused, naming the row; then typing a listed serial in
 * the weapon editor, in another script and spacing, raises the watch-list alarm.
 */
describe('the watch list, in Settings and in the weapon editor', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
  }, 60_000);
  afterAll(async () => {
    await session?.close();
  });

  it('imports a list, refuses a wrong file by its rows, and the editor raises the alarm', async () => {
    const { page } = session;
    await session.goTo('Settings');
    const section = page.getByTestId('watch-lists');
    await section.getByText('No watch list imported on this laptop.').waitFor();

    await section.getByLabel('List name').fill('MUP register 2024');
    await section.getByLabel('CSV file').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('serial;reason\nM70-AB 7781;stolen\nAK-1234;misplaced\n'),
    });
    await section.getByRole('button', { name: 'Import' }).click();
    const refused = section.getByRole('alert');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('Nothing imported: 1 row needs fixing.');
    expect(await refused.innerText()).toContain(
      'Row 3: reason is not lost, stolen, wanted or other',
    );

    await section.getByLabel('CSV file').setInputFiles({
      name: 'register.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        '\uFEFFserial;make;model;calibre;reason;reference;listed_on\n' +
          'M70-AB 7781;Zastava;M70;7.62x39;stolen;MUP-2023-118;15.03.2023.\n' +
          'CZ99-55120;CZ;99;9x19;lost;MUP-2024-007;2024-01-09\n',
      ),
    });
    await section.getByRole('button', { name: 'Import' }).click();
    await section.getByRole('status').filter({ hasText: 'Imported 2 serials' }).waitFor();
    await section.getByText('MUP register 2024').waitFor();
    expect(await section.innerText()).toContain('2 serials');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shoot(page, 'watch-list-settings-en');

    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByRole('heading', { level: 1, name: 'New record' }).waitFor();
    await page.getByRole('button', { name: 'Add weapon' }).click();
    const card = page.getByRole('article', { name: 'Weapon 1' });
    // Cyrillic М, А and В, lower case, other spacing: the same serial.
    await card.getByLabel('Serial number as read').fill('\u041C70 \u0430\u0432-7781');
    const alarm = card.getByRole('alert').filter({ hasText: 'watch list' });
    await alarm.waitFor();
    const text = await alarm.innerText();
    expect(text).toContain('Alarm: this serial is on a watch list (1 entry).');
    expect(text).toContain('On a watch list: M70-AB 7781');
    expect(text).toContain('stolen · MUP register 2024 · ref. MUP-2023-118');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shoot(page, 'watch-list-alarm-en');

    // iARMS is checked by hand and ticked, with its reference; the app's own checks are set on save.
    await card.getByLabel('Checked in iARMS').check();
    // The day of the check is typed as every date of the record is, in the app's language.
    const checkedOn = card.getByLabel('Date checked');
    expect(await checkedOn.getAttribute('type')).toBe('text');
    await checkedOn.fill('2026-11-30');
    await card.getByText('Monday, 30 November 2026').waitFor();
    await card.getByLabel('iARMS reference').fill('IA-2024-55');
    await page.getByText(/^Saved /).waitFor();
    const recordId = /#\/records\/([^/?]+)/.exec(await page.evaluate(() => location.hash))?.[1];
    const weaponId = await page.evaluate(async (id) => {
      // The save runs on a pause in typing: wait until the reference is in the stored record.
      for (let tries = 0; tries < 50; tries += 1) {
        const view = await window.api!.getIntake({ id: id ?? '' });
        if (!view.ok) throw new Error(view.error.message);
        const weapon = view.value.event.weapons[0];
        const iarms = weapon?.serialChecks?.find((mark) => mark.reference === 'IA-2024-55');
        if (iarms?.on === '2026-11-30') return weapon?.id;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error('the iARMS tick was never saved');
    }, recordId);
    await page.evaluate((id) => {
      window.location.hash = `#/items/${id}`;
    }, weaponId);
    const marks = page.getByTestId('serial-check-marks');
    await marks.waitFor();
    const listed = await marks.innerText();
    expect(listed).toContain('Records on this laptop: no match');
    expect(listed).toContain('Watch lists: match');
    expect(listed).toContain('INTERPOL iARMS: no match');
    expect(listed).toContain('ref. IA-2024-55');
    await shoot(page, 'watch-list-item-marks-en');
    await page.goBack();

    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByText('Uzbuna: ovaj serijski broj je na listi za praćenje').waitFor();
    await shoot(page, 'watch-list-alarm-sr');
    await page.evaluate(() => {
      window.location.hash = '#/settings';
    });
    await page.getByTestId('watch-lists').getByText('2 serijska broja').waitFor();
    await shoot(page, 'watch-list-settings-sr');
  });
});
