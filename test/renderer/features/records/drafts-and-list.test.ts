import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeContext } from '../../../../shared/domain/enums.ts';
import { RendererSession } from '../../../support/renderer-session.ts';

/**
 * Nothing typed is lost (a reload, the app locking itself), and the list finds records by
 * intake context, date range, location and status, page by page.
 */

interface SeedRecord {
  readonly context?: IntakeContext;
  readonly occurredAt?: string;
  readonly locationName?: string;
  readonly serial?: string;
}

/** Records made through window.api: the list is what is tested here, not the editor. */
async function seed(page: Page, records: readonly SeedRecord[]): Promise<string[]> {
  return page.evaluate(async (items) => {
    const api = window.api!;
    const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value;
    };
    const locations = new Map(unwrap(await api.listLocations()).map((l) => [l.name, l.id]));
    const ids: string[] = [];
    for (const item of items) {
      let locationId: string | undefined;
      if (item.locationName !== undefined) {
        locationId = locations.get(item.locationName);
        if (locationId === undefined) {
          locationId = crypto.randomUUID();
          unwrap(
            await api.saveLocation({
              id: locationId,
              name: item.locationName,
              locationType: 'inland_police_station',
              jurisdiction: 'RS',
            }),
          );
          locations.set(item.locationName, locationId);
        }
      }
      const draft = unwrap(await api.newIntakeDraft());
      const weapons =
        item.serial === undefined
          ? []
          : [{ id: crypto.randomUUID(), serialNumber: item.serial, markings: [], photos: [] }];
      const saved = unwrap(
        await api.saveIntakeDraft({
          draft: {
            ...draft,
            ...(item.context === undefined ? {} : { context: item.context }),
            ...(item.occurredAt === undefined ? {} : { occurredAt: item.occurredAt }),
            ...(locationId === undefined ? {} : { locationId }),
            weapons,
          },
          expectedRevision: null,
        }),
      );
      ids.push(saved.event.id);
    }
    return ids;
  }, records);
}

async function waitForSaved(page: Page): Promise<void> {
  await page
    .getByTestId('save-status')
    .getByText(/^Saved/)
    .waitFor();
}

/**
 * Drops main's unsaved backup of the record being edited, as if there had never been one: what
 * the editor shows after a reload then comes from the saved record alone.
 */
async function dropBackup(page: Page): Promise<void> {
  const id = /#\/records\/([^/]+)\/edit$/.exec(page.url())?.[1];
  if (id === undefined) throw new Error(`not in an editor: ${page.url()}`);
  const result = await page.evaluate(
    (recordId) =>
      window.api!.clearUnsavedBackup({
        id: recordId,
        order: { writer: crypto.randomUUID(), seq: 1 },
      }),
    id,
  );
  expect(result.ok).toBe(true);
}

async function rowTexts(page: Page): Promise<string[]> {
  return page.getByRole('table').locator('tbody tr').allInnerTexts();
}

/** The list after a filter change has settled (results are replaced, not appended). */
async function expectRows(page: Page, count: number): Promise<string[]> {
  await page.getByText(`Records found: ${count}`).waitFor();
  await page.locator('.results[aria-busy="false"]').waitFor();
  const rows = await rowTexts(page);
  expect(rows).toHaveLength(count);
  return rows;
}

describe('drafts and the records list in the browser preview', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows an empty list with a way to start', async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByText('No records yet.').waitFor();
    expect(await page.getByRole('link', { name: 'New record' }).count()).toBe(1);
  });

  it('keeps a draft through reloads in the middle of typing', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'New record' }).click();
    const notes = page.getByLabel('Notes');
    await notes.fill('Vehicle search at the checkpoint');
    await waitForSaved(page);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Edit record' }).waitFor();
    expect(await page.getByLabel('Notes').inputValue()).toBe('Vehicle search at the checkpoint');

    // Typing and reloading at once, before the autosave's pause has passed.
    await page.getByLabel('Notes').fill('Vehicle search at the checkpoint, luggage too');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Edit record' }).waitFor();
    expect(await page.getByLabel('Notes').inputValue()).toBe(
      'Vehicle search at the checkpoint, luggage too',
    );
    await waitForSaved(page);
    // Main has it saved, not only in the unsaved backup.
    await dropBackup(page);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Edit record' }).waitFor();
    expect(await page.getByLabel('Notes').inputValue()).toBe(
      'Vehicle search at the checkpoint, luggage too',
    );
  });

  it('keeps what was typed when the app locks, and saves it after the unlock', async () => {
    const { page } = session;
    const person = session.person;
    if (person === undefined) throw new Error('no person set up');
    await page.getByLabel('Recording agency').fill('Uprava carina');
    // Locked before the autosave's pause has passed: the save is refused while locked.
    const locked = await page.evaluate(() => window.api!.lock());
    expect(locked.ok).toBe(true);
    await page.getByLabel('Recording agency').waitFor({ state: 'detached' });

    const unlocked = await page.evaluate((input) => window.api!.unlock(input), {
      userId: person.userId,
      passphrase: person.passphrase,
    });
    expect(unlocked.ok).toBe(true);
    await page.getByLabel('Recording agency').waitFor();
    expect(await page.getByLabel('Recording agency').inputValue()).toBe('Uprava carina');
    await waitForSaved(page);
    await dropBackup(page);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Edit record' }).waitFor();
    expect(await page.getByLabel('Recording agency').inputValue()).toBe('Uprava carina');
    expect(session.pageErrors).toEqual([]);
  });

  it('says when another window saved the record meanwhile, and can load that version', async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByLabel('Recording agency').fill('Uprava granične policije');
    await waitForSaved(page);
    const id = /#\/records\/([^/]+)\/edit$/.exec(page.url())?.[1] ?? '';
    // Another window (same person, same data) saves its own version.
    await page.evaluate(async (recordId) => {
      const api = window.api!;
      const current = await api.getIntake({ id: recordId });
      if (!current.ok || current.value.event.status !== 'draft') throw new Error('not a draft');
      const saved = await api.saveIntakeDraft({
        draft: { ...current.value.event, recordingAgency: 'Carina, ispostava Batrovci' },
        expectedRevision: current.value.revision,
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    }, id);
    await page.getByLabel('Notes').fill('Typed here after the other save');
    await page.getByText('This record was changed elsewhere since you opened it.').waitFor();
    await page.getByRole('button', { name: 'Load the saved version' }).click();
    await page
      .getByText('Nothing typed yet')
      .or(page.getByText(/^Saved/))
      .first()
      .waitFor();
    expect(await page.getByLabel('Recording agency').inputValue()).toBe(
      'Carina, ispostava Batrovci',
    );
    expect(await page.getByLabel('Notes').inputValue()).toBe('');
  });

  it('opens parts and ammunition saved by another client in their editors, keeps them, and shows them with their own units', async () => {
    const { page } = session;
    const id = await page.evaluate(async () => {
      const api = window.api!;
      const fresh = await api.newIntakeDraft();
      if (!fresh.ok) throw new Error('newIntakeDraft failed');
      const saved = await api.saveIntakeDraft({
        draft: {
          ...fresh.value,
          parts: [
            {
              id: crypto.randomUUID(),
              partType: 'barrel',
              quantity: { kind: 'parts', amount: 3 },
              photos: [],
            },
          ],
          ammunition: [
            {
              id: crypto.randomUUID(),
              ammoClass: 'small_arms_cartridge',
              calibre: '7.62x39mm',
              quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 },
              photos: [],
            },
          ],
        },
        expectedRevision: null,
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      return saved.value.event.id;
    });
    await page.evaluate((recordId) => {
      window.location.hash = `#/records/${recordId}/edit`;
    }, id);
    const part = page.getByRole('article', { name: 'Part 1' });
    expect(await part.getByLabel('Quantity (pieces)').inputValue()).toBe('3');
    const lot = page.getByRole('article', { name: 'Ammunition lot 1' });
    expect(await lot.getByLabel('Calibre').inputValue()).toBe('7.62x39mm');
    expect(await lot.getByLabel('Unit').inputValue()).toBe('rounds');
    await page.getByLabel('Notes').fill('Ammunition in the spare wheel');
    await waitForSaved(page);
    const stored = await page.evaluate(async (recordId) => {
      const result = await window.api!.getIntake({ id: recordId });
      if (!result.ok) throw new Error('getIntake failed');
      return result.value;
    }, id);
    expect(stored.event.notes).toBe('Ammunition in the spare wheel');
    expect(stored.event.parts).toHaveLength(1);
    expect(stored.event.ammunition[0]?.quantity).toEqual({
      kind: 'ammunition',
      unit: 'rounds',
      amount: 500,
    });

    await page.evaluate((recordId) => {
      window.location.hash = `#/records/${recordId}`;
    }, id);
    await page.getByRole('heading', { level: 2, name: 'Parts and components (1)' }).waitFor();
    expect(await page.getByRole('article', { name: 'Ammunition lot 1' }).innerText()).toContain(
      '500 rounds',
    );
    const totals = await page
      .getByRole('region', { name: 'Totals' })
      .locator('tbody tr')
      .allInnerTexts();
    expect(totals).toEqual([
      'Weapons\tpieces\t0',
      'Parts and components\tpieces\t3',
      'Ammunition\trounds\t500',
    ]);
  });

  it('filters by intake context, date range, location and status, and searches serials', async () => {
    const { page } = session;
    await seed(page, [
      { context: 'seized', occurredAt: '2026-03-10', locationName: 'Horgoš', serial: 'ZAS-001' },
      { context: 'surrendered', occurredAt: '2026-06-01', locationName: 'PS Bujanovac' },
      { context: 'found', occurredAt: '2026-09-15', locationName: 'Horgoš' },
      {
        context: 'seized',
        occurredAt: '2025-12-31',
        locationName: 'PS Bujanovac',
        serial: 'CZ 99',
      },
    ]);
    await session.goTo('Records');
    await page.getByRole('heading', { level: 1, name: 'Records' }).waitFor();
    // The three drafts made above, and the four seeded records.
    await expectRows(page, 7);

    await page.getByLabel('Intake', { exact: true }).selectOption('seized');
    let rows = await expectRows(page, 2);
    expect(rows.every((row) => row.includes('Seized'))).toBe(true);

    // Ends before today: the drafts typed above start on today's date.
    await page.getByLabel('From', { exact: true }).fill('2026-01-01');
    await page.getByLabel('To', { exact: true }).fill('2026-10-31');
    rows = await expectRows(page, 1);
    expect(rows[0]).toContain('10 Mar 2026');
    expect(rows[0]).toContain('ZAS-001');

    await page.getByLabel('Intake', { exact: true }).selectOption('');
    rows = await expectRows(page, 3);
    expect(rows.map((row) => row.split('\t')[1])).toEqual([
      '15 Sept 2026',
      '1 Jun 2026',
      '10 Mar 2026',
    ]);

    await page.getByLabel('Location', { exact: true }).selectOption({ label: 'Horgoš' });
    rows = await expectRows(page, 2);
    expect(rows.every((row) => row.includes('Horgoš'))).toBe(true);

    // An end before the start is said next to the field, and asks main nothing.
    await page.getByLabel('To', { exact: true }).fill('2025-01-01');
    await page.getByText('The end date is before the start date.').waitFor();
    expect(await page.getByLabel('To', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expectRows(page, 7);
    await page.getByLabel('Status', { exact: true }).selectOption('final');
    await page.getByText('No records match these filters.').waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('draft');
    await expectRows(page, 7);

    await page.getByLabel('Search', { exact: true }).fill('cz99');
    rows = await expectRows(page, 1);
    expect(rows[0]).toContain('CZ 99');
    await page.getByLabel('Search', { exact: true }).fill('no-such-serial');
    await page.getByText('No records match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expectRows(page, 7);

    // In Serbian the dates are typed day.month.year, as everywhere in the app.
    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByLabel('Od', { exact: true }).fill('01.06.2026.');
    await page.getByLabel('Do', { exact: true }).fill('30.09.2026.');
    await page.getByText('Pronađeno zapisa: 2').waitFor();
    expect(await page.getByText('ponedeljak, 1. jun 2026.').count()).toBe(1);
    await page.getByRole('button', { name: 'Poništi filtere' }).click();
    expect(await page.getByLabel('Od', { exact: true }).inputValue()).toBe('');
    await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
    await expectRows(page, 7);
  });

  it('pages through more records than fit on one page', async () => {
    const { page } = session;
    await seed(
      page,
      Array.from({ length: 23 }, (_, index) => ({
        context: 'surrendered' as const,
        occurredAt: `2024-01-${String(index + 1).padStart(2, '0')}`,
      })),
    );
    await page.reload();
    await page.getByText('Records 1–25 of 30').waitFor();
    expect(await rowTexts(page)).toHaveLength(25);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Records 26–30 of 30').waitFor();
    await page.locator('.results[aria-busy="false"]').waitFor();
    expect(await rowTexts(page)).toHaveLength(5);
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText('Records 1–25 of 30').waitFor();
    expect(session.pageErrors).toEqual([]);
  });
});
