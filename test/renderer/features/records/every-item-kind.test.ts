import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { RendererSession } from '../../../support/renderer-session.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

/**
 * The example: a surrender of 2 weapons, 500 rounds of 7.62x39 and 2 hand grenades,
 * recorded in the editor (no longer in Notes), refused with the missing unit at its field,
 * finalised, and shown on the record page and in the list, each quantity in its own unit.
 */

async function waitForSaved(page: Page): Promise<void> {
  await page
    .getByTestId('save-status')
    .getByText(/^(Saved|Sačuvano)/)
    .waitFor();
}

/** The validation messages an input points to (aria-describedby), as the person reads them. */
async function messageFor(page: Page, fieldId: string): Promise<string> {
  return page.evaluate((id) => {
    const element = document.getElementById(id);
    const described = element?.getAttribute('aria-describedby')?.split(' ') ?? [];
    return described
      .map((part) => document.getElementById(part))
      .filter((node) => node?.classList.contains('field__error'))
      .map((node) => node?.textContent ?? '')
      .join(' | ');
  }, fieldId);
}

/** "Finalise record", and its question when the record is complete enough to be asked. */
async function tryToFinalise(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Finalise record' }).click();
  const confirm = page.getByRole('button', { name: 'Finalise', exact: true });
  const summary = page.getByTestId('finalise-summary');
  await confirm.or(summary).first().waitFor();
  if (await confirm.isVisible()) await confirm.click();
}

async function addWeapon(page: Page, index: number, serial: string, photo: string) {
  await page.getByRole('button', { name: 'Add weapon' }).click();
  const card = page.getByRole('article', { name: `Weapon ${index + 1}` });
  await card.getByLabel('Weapon type').selectOption('assault_rifle');
  await card.getByLabel('Manufacturer', { exact: true }).fill('Zastava');
  await card.getByLabel('Model', { exact: true }).fill('M70');
  await card.getByLabel('Calibre', { exact: true }).fill('7.62x39mm');
  await card.getByRole('radio', { name: 'Present', exact: true }).check();
  await card.getByLabel('Serial number as read').fill(serial);
  await card.getByLabel('Where the serial is').selectOption('frame_receiver');
  await card.getByLabel('Condition of markings').selectOption('intact');
  await card.getByLabel('Trace', { exact: true }).selectOption('not_attempted');
  await card.locator('input[type=file]').setInputFiles(photo);
  await card.getByRole('img').first().waitFor();
  return card;
}

describe('every item kind at intake', () => {
  let session: RendererSession;
  let photos: { dir: string; remove: () => Promise<void> };
  const photo = () => path.join(photos.dir, 'rifle.png');

  beforeAll(async () => {
    photos = await makeTempDir('item-kinds-photos');
    await writeFile(photo(), tinyPng([90, 120, 60], 8));
    session = await RendererSession.openUnlocked();
  });

  afterAll(async () => {
    await session?.close();
    await photos?.remove();
  });

  it('records 2 weapons, 500 rounds of 7.62x39 and 2 hand grenades, and shows each with its unit', async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByRole('heading', { level: 1, name: 'New record' }).waitFor();

    await page.getByRole('radio', { name: 'Surrendered' }).check();
    await page.getByLabel('Date', { exact: true }).fill('2026-10-03');
    await page.getByRole('button', { name: 'New location' }).click();
    await page.getByLabel('Name', { exact: true }).fill('PS Novi Pazar');
    await page.getByLabel('Type', { exact: true }).selectOption('inland_police_station');
    await page.getByLabel('Jurisdiction (country)').selectOption('RS');
    await page.getByRole('button', { name: 'Save location' }).click();
    await page.getByText('Location “PS Novi Pazar” added and chosen.').waitFor();
    await page.getByLabel('Recording agency').fill('Policijska uprava Novi Pazar');
    await page.getByLabel('Collection method').selectOption('walk_in_station');
    await page.getByLabel('Surrendered by').selectOption('individual');
    await page
      .getByRole('group', { name: 'Anonymous surrender?' })
      .getByRole('radio', { name: 'No' })
      .check();
    await page.getByLabel('What the person asked for').selectOption('surrender_for_destruction');
    await page
      .getByRole('group', { name: 'Part of a collection campaign?' })
      .getByRole('radio', { name: 'No' })
      .check();

    const first = await addWeapon(page, 0, 'AK 001 77', photo());
    await addWeapon(page, 1, 'AK 002 78', photo());
    // The category follows from the type, and the serial fills its own marking.
    expect(await first.getByLabel('Category').textContent()).toBe('Small arm');
    const serialMarking = first.getByRole('group', { name: 'Marking 1 · Serial number' });
    expect(await serialMarking.getByLabel('Text as read').textContent()).toBe('AK 001 77');

    // Ammunition: added, its first field has the focus; the unit is left out for now.
    await page.getByRole('button', { name: 'Add ammunition lot' }).click();
    const lot = page.getByRole('article', { name: 'Ammunition lot 1' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-ammunition-0-ammoClass');
    await lot.getByLabel('Class', { exact: true }).selectOption('small_arms_cartridge');
    await lot.getByLabel('Calibre').fill('7.62x39');
    await lot.getByLabel('Amount').fill('500');
    await lot.getByLabel('Headstamp as read').fill('711 79');

    await page.getByRole('button', { name: 'Add explosive item' }).click();
    const grenades = page.getByRole('article', { name: 'Explosive item 1' });
    await grenades.getByLabel('Type', { exact: true }).selectOption('hand_grenade');
    await grenades.getByLabel('Amount').fill('2');
    await grenades.getByLabel('Unit').selectOption('pieces');
    await grenades.getByLabel('Safety status').selectOption('eod_required');
    await grenades.getByRole('button', { name: 'EOD team notified now' }).click();
    expect(await grenades.getByLabel('EOD team notified at').inputValue()).not.toBe('');
    expect(await grenades.getByLabel('Time the EOD team was notified').inputValue()).toMatch(
      /^\d\d:\d\d$/,
    );
    await waitForSaved(page);

    // The missing unit is named in the summary and shown at its field.
    await tryToFinalise(page);
    const summary = page.getByTestId('finalise-summary');
    await summary.waitFor();
    expect(await summary.getByRole('heading').textContent()).toBe(
      'Fields that still need attention: 1',
    );
    expect(await summary.innerText()).toContain('Ammunition lot 1 · Unit');
    expect(await messageFor(page, 'f-ammunition-0-quantity-unit')).toBe('Fill this in.');
    await summary.getByRole('button', { name: 'Ammunition lot 1 · Unit' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      'f-ammunition-0-quantity-unit',
    );
    await lot.getByLabel('Unit').selectOption('rounds');
    expect(await messageFor(page, 'f-ammunition-0-quantity-unit')).toBe('');
    await waitForSaved(page);

    await tryToFinalise(page);
    await page.getByRole('heading', { level: 1, name: /^Surrendered · / }).waitFor();
    expect(await page.locator('.page-head .badge').textContent()).toBe('Final');

    expect(await page.getByTestId('weapon-details').count()).toBe(2);
    const ammunition = page.getByRole('region', { name: 'Ammunition (1)' });
    const lotText = await ammunition.getByRole('article').innerText();
    for (const text of ['Small arms cartridge', '7.62x39', '500 rounds', '711 79'])
      expect(lotText).toContain(text);
    const explosives = page.getByRole('region', { name: 'Explosives (1)' });
    const grenadeText = await explosives.getByRole('article').innerText();
    for (const text of ['Hand grenade', '2 pieces', 'Bomb disposal (EOD) required'])
      expect(grenadeText).toContain(text);
    expect(grenadeText).not.toContain('Not notified');
    expect(
      await page.getByRole('region', { name: 'Totals' }).locator('tbody tr').allInnerTexts(),
    ).toEqual([
      'Weapons\tpieces\t2',
      'Parts and components\tpieces\t0',
      'Ammunition\trounds\t500',
      'Explosives\tpieces\t2',
    ]);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The list: one record, two weapons with both serials.
    await session.goTo('Records');
    const rows = page.getByRole('table').locator('tbody tr');
    await page.getByText('Records found: 1').waitFor();
    const row = await rows.first().innerText();
    for (const text of ['Surrendered', 'PS Novi Pazar', 'AK 001 77', 'AK 002 78', 'Final'])
      expect(row).toContain(text);
    const list = await page.evaluate(() => window.api?.listIntakes({}));
    expect(list).toMatchObject({ ok: true, value: { total: 1, items: [{ weaponCount: 2 }] } });
    expect(session.pageErrors).toEqual([]);
  });

  it('edits parts in pieces and lists them in Serbian with the plural of the language', async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByRole('heading', { level: 1, name: 'New record' }).waitFor();
    await page.getByRole('button', { name: 'Add part or component' }).click();
    const part = page.getByRole('article', { name: 'Part 1' });
    await part.getByLabel('Part type').selectOption('barrel');
    await part.getByLabel('Quantity (pieces)').fill('3');
    await part.getByLabel('Serial number as read').fill('B-1177');
    // A fraction of a piece is refused as typed, at the field; the rest is saved.
    await page.getByRole('button', { name: 'Add ammunition lot' }).click();
    const lot: Locator = page.getByRole('article', { name: 'Ammunition lot 1' });
    await lot.getByLabel('Unit').selectOption('rounds');
    await lot.getByLabel('Amount').fill('12.5');
    await lot.getByLabel('Amount').blur();
    expect(await messageFor(page, 'f-ammunition-0-quantity-amount')).toBe(
      'Count in whole numbers for this unit.',
    );
    await lot.getByLabel('Unit').selectOption('kg');
    expect(await messageFor(page, 'f-ammunition-0-quantity-amount')).toBe('');
    await waitForSaved(page);
    const id = /#\/records\/([^/]+)\/edit$/.exec(page.url())?.[1] ?? '';
    const stored = await page.evaluate((recordId) => window.api?.getIntake({ id: recordId }), id);
    expect(stored).toMatchObject({
      ok: true,
      value: {
        event: {
          parts: [
            {
              partType: 'barrel',
              serialNumber: 'B-1177',
              quantity: { kind: 'parts', unit: 'pieces', amount: 3 },
            },
          ],
          ammunition: [{ quantity: { kind: 'ammunition', unit: 'kg', amount: 12.5 } }],
        },
      },
    });

    // Removing takes a second click, and the list's heading takes the focus.
    await lot.getByRole('button', { name: 'Remove lot' }).click();
    await lot.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Ammunition (0)' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'f-ammunition');
    await waitForSaved(page);

    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByRole('heading', { level: 2, name: 'Delovi i sklopovi (1)' }).waitFor();
    // The moment the EOD team was told: its date typed as a Serbian reads it, its time beside it.
    await page.getByRole('button', { name: 'Dodaj eksplozivno sredstvo' }).click();
    const mine = page.getByRole('article', { name: 'Eksplozivno sredstvo 1' });
    await mine.getByLabel('Pirotehničari (EOD) obavešteni', { exact: true }).fill('3.10.2026.');
    await mine.getByLabel('Vreme kada su pirotehničari obavešteni').fill('14:30');
    await mine.getByLabel('Vreme kada su pirotehničari obavešteni').blur();
    await waitForSaved(page);
    const notified = await page.evaluate(async (recordId) => {
      const result = await window.api?.getIntake({ id: recordId });
      return result?.ok === true ? result.value.event.explosives[0]?.eodTeamNotifiedAt : null;
    }, id);
    expect(notified).toBe(new Date(2026, 9, 3, 14, 30).toISOString());
    await page.evaluate((recordId) => {
      window.location.hash = `#/records/${recordId}`;
    }, id);
    const parts = page.getByRole('region', { name: 'Delovi i sklopovi (1)' });
    expect(await parts.getByRole('article').innerText()).toContain('3 komada');
    expect(await parts.getByRole('heading', { level: 3 }).textContent()).toBe('Deo 1: Cev');
    await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
    expect(session.pageErrors).toEqual([]);
  });
});
