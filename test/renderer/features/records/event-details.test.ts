import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RendererSession } from '../../../support/renderer-session.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

/**
 * The intake's event-level fields as a person uses them: coordinates (the location's, typed, or
 * this laptop's), scene photos with captions, a seizure's route and persons involved, and dates
 * typed in the app language, including a future date refused at finalisation.
 */

// The preview has no position source; this one is for tests (electron/geolocation).
process.env.SALW_TEST_POSITION = '44.8125,20.4612,25';

/** The texts an input points to (aria-describedby), as the person hears them. */
async function descriptionOf(page: Page, id: string): Promise<string> {
  return page.evaluate((fieldId) => {
    const element = document.getElementById(fieldId);
    const described = element?.getAttribute('aria-describedby')?.split(' ') ?? [];
    return described.map((part) => document.getElementById(part)?.textContent ?? '').join(' | ');
  }, id);
}

async function savedEvent(page: Page): Promise<Record<string, unknown>> {
  await page
    .getByTestId('save-status')
    .getByText(/^Saved|^Sačuvano/)
    .waitFor();
  const id = /#\/records\/([^/]+)\/edit$/.exec(page.url())?.[1] ?? '';
  const result = await page.evaluate((recordId) => window.api?.getIntake({ id: recordId }), id);
  if (result?.ok !== true) throw new Error(`getIntake failed: ${JSON.stringify(result)}`);
  return result.value.event as Record<string, unknown>;
}

describe('event-level fields of an intake', () => {
  let session: RendererSession;
  let files: { dir: string; remove: () => Promise<void> };

  beforeAll(async () => {
    files = await makeTempDir('event-photos');
    await writeFile(path.join(files.dir, 'scene.png'), tinyPng([40, 120, 60], 8));
    session = await RendererSession.openUnlocked();
    // A border crossing whose coordinates are known, and one without.
    await session.page.evaluate(async () => {
      await window.api?.saveLocation({
        id: crypto.randomUUID(),
        locationType: 'border_crossing_road',
        name: 'GP Gradina',
        jurisdiction: 'RS',
        lat: 43.0342,
        lon: 22.8701,
        accuracyM: 50,
      });
      await window.api?.saveLocation({
        id: crypto.randomUUID(),
        locationType: 'inland_police_station',
        name: 'PS Niš',
        jurisdiction: 'RS',
      });
    });
  });

  afterAll(async () => {
    await session?.close();
    await files?.remove();
  });

  it('records coordinates, a captioned scene photo, the route and a person, and shows them', async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByRole('heading', { level: 1, name: 'New record' }).waitFor();
    await page.getByRole('radio', { name: 'Seized' }).check();
    await page.getByLabel('Date', { exact: true }).fill('2026-10-03');

    // Picking a location with coordinates fills in the event's.
    const location = page.getByLabel('Location', { exact: true });
    const gradina = await location
      .locator('option', { hasText: 'GP Gradina' })
      .getAttribute('value');
    await location.selectOption(gradina ?? '');
    const lat = page.getByLabel('Latitude');
    const lon = page.getByLabel('Longitude');
    const accuracy = page.getByLabel('Accuracy (metres)');
    await expect.poll(() => lat.inputValue()).toBe('43.0342');
    expect(await lon.inputValue()).toBe('22.8701');
    expect(await accuracy.inputValue()).toBe('50');
    await page.getByText("From the location's coordinates.").waitFor();

    // Typed coordinates are checked as typed; text that is not a number stays, with its message.
    await lat.fill('95');
    await lat.blur();
    expect(await descriptionOf(page, 'f-coordinates-lat')).toContain(
      'Latitude must be between -90 and 90.',
    );
    expect(await lat.getAttribute('aria-invalid')).toBe('true');
    await lon.fill('20,5x');
    await lon.blur();
    expect(await lon.inputValue()).toBe('20,5x');
    expect(await descriptionOf(page, 'f-coordinates-lon')).toContain('Enter a valid number.');
    await lat.fill('44,01');
    await lon.fill('-181');
    await lon.blur();
    expect(await descriptionOf(page, 'f-coordinates-lon')).toContain(
      'Longitude must be between -180 and 180.',
    );
    expect(await lat.getAttribute('aria-invalid')).toBe('false');

    // This laptop's position replaces them.
    await page.getByRole('button', { name: "Use this laptop's position" }).click();
    await page.getByText('Measured by this laptop.').waitFor();
    expect(await lat.inputValue()).toBe('44.8125');
    expect(await lon.inputValue()).toBe('20.4612');
    expect(await accuracy.inputValue()).toBe('25');

    // A scene photo, with its caption (focus goes to the caption).
    await page.locator('#f-photos').setInputFiles(path.join(files.dir, 'scene.png'));
    const caption = page.getByLabel('Caption of photo 1');
    await expect.poll(() => caption.evaluate((node) => node === document.activeElement)).toBe(true);
    await caption.fill('Vehicle boot, hidden compartment opened');

    // The route and a person involved.
    await page.getByLabel('Next country on the route').selectOption('BG');
    await page.getByRole('button', { name: 'Add to route' }).click();
    await page.getByLabel('Next country on the route').selectOption('TR');
    await page.getByRole('button', { name: 'Add to route' }).click();
    await page.getByRole('button', { name: 'Add person involved' }).click();
    const person = page.getByRole('article', { name: 'Person 1' });
    await expect
      .poll(() =>
        person.getByLabel('Nationality').evaluate((node) => node === document.activeElement),
      )
      .toBe(true);
    await person.getByLabel('Nationality').selectOption('AL');
    await person.getByLabel('Sex').selectOption('male');

    const event = await savedEvent(page);
    expect(event).toMatchObject({
      coordinates: { lat: 44.8125, lon: 20.4612, accuracyM: 25, source: 'device' },
      photos: [{ kind: 'scene', caption: 'Vehicle boot, hidden compartment opened' }],
      seizure: {
        routeTransitCountries: ['BG', 'TR'],
        personsInvolved: [{ nationality: 'AL', sex: 'male' }],
      },
    });

    // The record page shows them.
    const id = String(event.id);
    await page.goto(`${session.preview.url.split('#')[0]}#/records/${id}`);
    await page.getByRole('heading', { name: 'Scene photos (1)' }).waitFor();
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('Vehicle boot, hidden compartment opened');
    expect(body).toContain('44.8125, 20.4612 · within 25 m · Measured by this laptop.');
    expect(body).toContain('Bulgaria → Türkiye');
    expect(body).toContain('Albania · Male · not recorded');
    expect(session.pageErrors).toEqual([]);
  });

  it('refuses a future date at finalisation with the plain message', async () => {
    const { page } = session;
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const photo = tinyPng([200, 60, 60], 8).toString('base64');
    const id = await page.evaluate(
      async ({ day, dataBase64 }) => {
        const api = window.api;
        if (api === undefined) throw new Error('no api');
        const locations = await api.listLocations();
        const place = locations.ok
          ? locations.value.find((row) => row.name === 'PS Niš')
          : undefined;
        const added = await api.addPhoto({ dataBase64, kind: 'whole_weapon' });
        const draft = await api.newIntakeDraft();
        if (!added.ok || !draft.ok || place === undefined) throw new Error('set-up failed');
        const saved = await api.saveIntakeDraft({
          expectedRevision: null,
          draft: {
            ...draft.value,
            context: 'surrendered',
            occurredAt: day,
            locationId: place.id,
            recordingAgency: 'PU Niš',
            recordingOfficer: 'Ana Petrović',
            collection: {
              collectionMethod: 'walk_in_station',
              surrenderingPartyType: 'individual',
              anonymous: false,
              campaignBased: false,
              dispositionRequested: 'surrender_for_destruction',
            },
            weapons: [
              {
                id: crypto.randomUUID(),
                category: 'small_arm',
                weaponType: 'self_loading_pistol',
                manufacturer: 'CZ',
                model: '99',
                calibre: '9x19',
                serialNumber: 'CZ-5531',
                serialStatus: 'present',
                markingCondition: 'intact',
                lifecycleStatus: 'in_custody',
                traceStatus: 'not_attempted',
                markings: [],
                photos: [added.value],
              },
            ],
          },
        });
        if (!saved.ok) throw new Error(JSON.stringify(saved.error));
        return draft.value.id;
      },
      { day: future, dataBase64: photo },
    );
    await page.goto(`${session.preview.url.split('#')[0]}#/records/${id}/edit`);
    // Main checks the date before the person is asked to confirm: the summary answers at once.
    await page.getByRole('button', { name: 'Finalise record' }).click();
    const summary = page.getByTestId('finalise-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(
      'This date is in the future. Check the date of the event.',
    );
    expect(await descriptionOf(page, 'f-occurredAt')).toContain(
      'This date is in the future. Check the date of the event.',
    );
    expect(await page.getByRole('button', { name: 'Finalise', exact: true }).count()).toBe(0);
    const stored = await page.evaluate((recordId) => window.api?.getIntake({ id: recordId }), id);
    expect(stored).toMatchObject({ ok: true, value: { status: 'draft' } });
  });

  it('shows and takes dates as day.month.year in Serbian', async () => {
    const { page } = session;
    await page.evaluate(() => window.api?.updateSettings({ language: 'sr-Latn' }));
    await page.getByRole('navigation').getByRole('link', { name: 'Evidencija' }).waitFor();
    await page.goto(`${session.preview.url.split('#')[0]}#/records/new`);
    const date = page.getByLabel('Datum', { exact: true });
    await date.waitFor();
    expect(await date.getAttribute('type')).toBe('text');
    // A new record starts on today's date, written day.month.year.
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(await date.inputValue()).toBe(
      `${pad(now.getDate())}.${pad(now.getMonth() + 1)}.${now.getFullYear()}.`,
    );
    await date.fill('');
    await date.press('Tab');
    expect(await descriptionOf(page, 'f-occurredAt')).toContain(
      'Dan.mesec.godina, na primer 05.12.2026.',
    );

    await date.fill('31.02.2026');
    await date.press('Tab');
    expect(await date.inputValue()).toBe('31.02.2026');
    expect(await descriptionOf(page, 'f-occurredAt')).toContain('Unesite ispravan datum.');

    await date.fill('5.12.2026');
    await date.press('Tab');
    expect(await date.inputValue()).toBe('05.12.2026.');
    expect(await descriptionOf(page, 'f-occurredAt')).toContain('subota, 5. decembar 2026.');
    expect(await date.getAttribute('aria-invalid')).toBe('false');
    const event = await savedEvent(page);
    expect(event.occurredAt).toBe('2026-12-05');

    // Arrow keys move it by a day.
    await date.focus();
    await date.press('ArrowDown');
    expect(await date.inputValue()).toBe('04.12.2026.');
    expect(session.pageErrors).toEqual([]);
  });
});
