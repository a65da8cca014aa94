import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { RendererSession } from '../../../support/renderer-session.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

/**
 * The renderer check: a seizure at a border crossing with two weapons, each with a serial,
 * a marking and a photo; saved as a draft, refused while incomplete (errors next to the fields,
 * in English and in Serbian), finalised, then found after a restart by a serial typed another way,
 * with its weapons, photos and history.
 */

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

interface WeaponInput {
  readonly type: string;
  readonly manufacturer: string;
  readonly calibre: string;
  readonly serial: string;
  readonly photo: string | null;
  readonly markingCondition: string | null;
}

async function fillWeapon(page: Page, index: number, weapon: WeaponInput): Promise<Locator> {
  await page.getByRole('button', { name: 'Add weapon' }).click();
  const card = page.getByRole('article', { name: `Weapon ${index + 1}` });
  await card.getByLabel('Weapon type').selectOption(weapon.type);
  await card.getByLabel('Manufacturer', { exact: true }).fill(weapon.manufacturer);
  await card.getByRole('button', { name: 'Model: unknown' }).click();
  await card.getByLabel('Calibre', { exact: true }).fill(weapon.calibre);
  await card.getByRole('radio', { name: 'Present', exact: true }).check();
  await card.getByLabel('Serial number as read').fill(weapon.serial);
  if (weapon.markingCondition !== null)
    await card.getByLabel('Condition of markings').selectOption(weapon.markingCondition);
  await card.getByLabel('Trace', { exact: true }).selectOption('not_attempted');
  // The serial is typed once: its marking follows from the serial and where it is.
  await card.getByLabel('Where the serial is').selectOption('frame_receiver');
  const serialMarking = card.getByRole('group', { name: 'Marking 1 · Serial number' });
  expect(await serialMarking.getByLabel('Text as read').textContent()).toBe(weapon.serial);
  expect(await serialMarking.getByLabel('On which part').textContent()).toBe('Frame or receiver');
  expect(await serialMarking.getByLabel('Legibility').inputValue()).toBe('legible');
  await card.getByRole('button', { name: 'Add marking' }).click();
  const marking = card.getByRole('group', { name: 'Marking 2' });
  await marking.getByLabel('On which part').selectOption('frame_receiver');
  await marking.getByLabel('Kind').selectOption('manufacturer');
  await marking.getByLabel('Text as read').fill(weapon.manufacturer);
  await marking.getByLabel('Legibility').selectOption('legible');
  if (weapon.photo !== null) await addPhoto(card, weapon.photo);
  return card;
}

async function addPhoto(card: Locator, file: string): Promise<void> {
  await card.locator('input[type=file]').setInputFiles(file);
  await card.getByRole('img').first().waitFor();
}

async function waitForSaved(page: Page): Promise<void> {
  await page
    .getByTestId('save-status')
    .getByText(/^(Saved|Sačuvano)/)
    .waitFor();
}

describe('recording an intake event in the browser preview', () => {
  let session: RendererSession;
  let photos: { dir: string; remove: () => Promise<void> };
  let recordId = '';
  const photoFile = (name: string) => path.join(photos.dir, name);

  beforeAll(async () => {
    photos = await makeTempDir('photos');
    await writeFile(photoFile('rifle.png'), tinyPng([40, 160, 70], 8));
    await writeFile(photoFile('pistol.png'), tinyPng([200, 60, 40], 8));
    session = await RendererSession.openUnlocked();
  });

  afterAll(async () => {
    await session?.close();
    await photos?.remove();
  });

  it('records a seizure at a border crossing, refuses it while incomplete with errors next to the fields, in English and Serbian, then finalises it', async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByRole('heading', { level: 1, name: 'New record' }).waitFor();

    await page.getByRole('radio', { name: 'Seized' }).check();
    await page.getByLabel('Date', { exact: true }).fill('2026-11-20');
    // A time on a 24-hour clock, whatever the browser's locale: typed as a person writes it
    // (14.35), shown as stored once the field is left; what is no time is said so, not dropped.
    const time = page.getByLabel('Time', { exact: true });
    expect(await time.getAttribute('type')).toBe('text');
    await time.fill('2:35 PM');
    await time.blur();
    expect(await time.inputValue()).toBe('2:35 PM');
    await time.fill('14.35');
    await time.blur();
    expect(await time.inputValue()).toBe('14:35');
    await page.getByRole('button', { name: 'New location' }).click();
    await page.getByLabel('Name', { exact: true }).fill('GP Batrovci');
    await page.getByLabel('Type', { exact: true }).selectOption('border_crossing_road');
    await page.getByLabel('Jurisdiction (country)').selectOption('RS');
    await page.getByRole('button', { name: 'Save location' }).click();
    await page.getByText('Location “GP Batrovci” added and chosen.').waitFor();
    await page.getByLabel('Recording agency').fill('Uprava granične policije');
    // The officer defaults to the person signed in.
    expect(await page.getByLabel('Recording officer').inputValue()).toBe('Ana Petrović');
    await page.getByLabel('Seizing agency').selectOption('border_police');
    await page.getByLabel('Direction').selectOption('entry');
    await page.getByLabel('Conveyance').selectOption('private_car');
    // Left out on purpose: the legal justification, weapon 2's photo and marking condition.
    await fillWeapon(page, 0, {
      type: 'assault_rifle',
      manufacturer: 'Zastava Arms',
      calibre: '7.62x39mm',
      serial: 'AK-47 123',
      photo: photoFile('rifle.png'),
      markingCondition: 'intact',
    });
    const second = await fillWeapon(page, 1, {
      type: 'self_loading_pistol',
      manufacturer: 'CZ',
      calibre: '9x19mm',
      serial: 'M70AB2 556',
      photo: null,
      markingCondition: null,
    });
    // The category follows from the type: shown, not asked.
    expect(await second.getByLabel('Category').textContent()).toBe('Small arm');
    await waitForSaved(page);
    recordId = /#\/records\/([^/]+)\/edit$/.exec(page.url())?.[1] ?? '';
    expect(recordId).toMatch(/^[0-9a-f-]{36}$/);

    // An incomplete record is answered with what it lacks, never with "finalise?".
    await page.getByRole('button', { name: 'Finalise record' }).click();
    const summary = page.getByTestId('finalise-summary');
    await summary.waitFor();
    expect(await summary.getByRole('heading').textContent()).toBe(
      'Fields that still need attention: 3',
    );
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'finalise-summary',
    );
    expect(await messageFor(page, 'f-seizure-legalJustification')).toBe('Fill this in.');
    expect(await messageFor(page, 'f-weapons-1-photos')).toBe(
      'Add at least one photo of this weapon.',
    );
    expect(await messageFor(page, 'f-weapons-1-markingCondition')).toBe('Fill this in.');
    expect(await messageFor(page, 'f-weapons-0-photos')).toBe('');
    expect(await page.getByRole('button', { name: 'Finalise', exact: true }).count()).toBe(0);
    expect(await page.locator('#f-seizure-legalJustification').getAttribute('aria-invalid')).toBe(
      'true',
    );
    // A link in the summary takes the person to the field.
    await summary.getByRole('button', { name: 'Weapon 2 · Photos' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-weapons-1-photos');

    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByRole('heading', { level: 1, name: 'Izmena zapisa' }).waitFor();
    expect(await summary.getByRole('heading').textContent()).toBe(
      'Polja koja još treba popuniti ili ispraviti: 3',
    );
    expect(await messageFor(page, 'f-seizure-legalJustification')).toBe('Popunite ovo polje.');
    expect(await messageFor(page, 'f-weapons-1-photos')).toBe(
      'Dodajte bar jednu fotografiju ovog oružja.',
    );
    expect(await messageFor(page, 'f-weapons-1-markingCondition')).toBe('Popunite ovo polje.');
    expect(await summary.textContent()).toContain('Oružje 2 · Fotografije');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Edit record' }).waitFor();
    // Each answer takes its message away, and the count with it.
    await page.getByLabel('Legal justification').selectOption('illicit_trafficking');
    expect(await messageFor(page, 'f-seizure-legalJustification')).toBe('');
    expect(await summary.getByRole('heading').textContent()).toBe(
      'Fields that still need attention: 2',
    );
    await second.getByLabel('Condition of markings').selectOption('intact');
    await addPhoto(second, photoFile('pistol.png'));
    await waitForSaved(page);

    await page.getByRole('button', { name: 'Finalise record' }).click();
    await page.getByRole('button', { name: 'Finalise', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Seized · 20 Nov 2026' }).waitFor();
    // The Finalise button went with the editor: the final record's heading has the focus.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Seized · 20 Nov 2026');
    expect(page.url()).toMatch(new RegExp(`#/records/${recordId}$`));
    expect(await page.locator('.page-head .badge').textContent()).toBe('Final');
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });

  it('after a restart, finds the record by a serial typed with other spacing and case, and shows both weapons, their photos and the history', async () => {
    await session.restartUnlocked();
    const { page } = session;
    await session.goTo('Records');
    await page.getByLabel('Search', { exact: true }).fill('ak 47-123');
    const rows = page.getByRole('table').locator('tbody tr');
    await page.getByText('Records found: 1').waitFor();
    expect(await rows.count()).toBe(1);
    const row = await rows.first().innerText();
    for (const text of ['Seized', 'GP Batrovci', 'AK-47 123', 'M70AB2 556', 'Final'])
      expect(row).toContain(text);

    expect(row).toContain('20 Nov 2026');
    // The record number opens the record.
    await rows
      .first()
      .getByRole('link', { name: /^[0-9A-HJKMNP-TV-Z]{5}-\d{5}$/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Seized · 20 Nov 2026' }).waitFor();
    const weapons = page.getByTestId('weapon-details');
    expect(await weapons.count()).toBe(2);
    expect(await weapons.nth(0).getByRole('heading').first().textContent()).toBe(
      'Weapon 1: Assault rifle',
    );
    expect(await weapons.nth(1).textContent()).toContain('M70AB2 556');
    // Both photos decoded from main's encrypted store (data: URLs the CSP allows).
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLImageElement>('img.thumb')].filter(
          (image) => image.complete && image.naturalWidth === 8,
        ).length === 2,
    );
    expect(await page.getByRole('img', { name: /^Weapon 2, photo 1/ }).count()).toBe(1);

    const history = page.getByTestId('history');
    const entries = await history.locator('li').allInnerTexts();
    expect(entries[0]).toContain('Draft created');
    expect(entries.at(-1)).toContain('Finalised');
    expect(entries.at(-1)).toContain('Ana Petrović');
    expect(entries.some((entry) => entry.startsWith('Draft saved'))).toBe(true);
    expect(await session.cspViolations()).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('keeps a final record read-only: its edit address shows the record instead', async () => {
    const { page } = session;
    await page.evaluate((id) => {
      window.location.hash = `#/records/${id}/edit`;
    }, recordId);
    await page.waitForURL(new RegExp(`#/records/${recordId}$`));
    await page.getByRole('heading', { level: 1, name: 'Seized · 20 Nov 2026' }).waitFor();
    // The only thing a lead may write on a final record is its review, in its own panel.
    const review = page.getByRole('region', { name: 'Review' });
    expect(await review.getByRole('textbox').count()).toBe(1);
    const textboxes = await page.getByRole('main').getByRole('textbox').all();
    const outsideReview = await Promise.all(
      textboxes.map((box) => box.evaluate((node) => node.closest('.review-panel') === null)),
    );
    expect(outsideReview.filter(Boolean)).toHaveLength(0);
    expect(await page.getByRole('button', { name: 'Finalise record' }).count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });
});
