import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPlaintext } from '../../../support/plaintext-scan.ts';
import { RendererSession } from '../../../support/renderer-session.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

/**
 * Issue 12: what a person types into a record (Notes, a weapon's serial) and into the list's
 * serial search never reaches the disk in clear, even in the browser preview, where Chromium
 * keeps a real profile: sessionStorage (`Session Storage/`), session restore with form state
 * (`Sessions/`), the HTTP cache and autofill (`Web Data`) all live there. The unsaved backup
 * and the list's filters are kept by main instead, and still bring the typing back after a reload.
 */

const token = randomBytes(6).toString('hex').toUpperCase();
const canaries = {
  notes: `NOTESCANARY${token}`,
  serial: `SERIALCANARY${token}`,
  search: `SEARCHCANARY${token}`,
} as const;
/** Written to the page's localStorage on purpose: proves the scan sees what Chromium stores. */
const control = `CONTROLCANARY${token}`;

/** Main stops taking saves (the host refused or did not answer): typing stays unsaved. */
const saves = '**/__bridge/call/saveIntakeDraft';

async function waitForNotSaved(page: Page): Promise<void> {
  await page
    .getByTestId('save-status')
    .getByText(/^Not saved/)
    .waitFor();
}

async function waitForSaved(page: Page): Promise<void> {
  await page
    .getByTestId('save-status')
    .getByText(/^Saved/)
    .waitFor();
}

describe('unsaved typing and the disk in the browser preview', () => {
  let session: RendererSession;
  let profile: { dir: string; remove: () => Promise<void> };
  let recordUrl = '';

  beforeAll(async () => {
    profile = await makeTempDir('chromium-profile');
    session = await RendererSession.openInProfile(profile.dir);
    await session.setUpPerson();
  });

  afterAll(async () => {
    await session?.close();
    await profile?.remove();
  });

  it('restores unsaved typing after a reload from what main keeps', async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByLabel('Notes').fill(`Found under the seat, ${canaries.notes}`);
    await page.getByRole('button', { name: 'Add weapon' }).click();
    const card = page.getByRole('article', { name: 'Weapon 1' });
    await card.getByRole('radio', { name: 'Present', exact: true }).check();
    await card.getByLabel('Serial number as read').fill(canaries.serial);
    await waitForSaved(page);

    recordUrl = page.url();

    // What is typed while main takes no saves is only in the backup, and still there after a
    // reload (whose own last-moment save fails too).
    await page.route(saves, (route) => route.abort());
    await page
      .getByLabel('Notes')
      .fill(`Found under the seat, ${canaries.notes}, wrapped in cloth`);
    await waitForNotSaved(page);
    await page.reload();
    await page.getByText(/that were not saved yet have been restored/).waitFor();
    expect(await page.getByLabel('Notes').inputValue()).toBe(
      `Found under the seat, ${canaries.notes}, wrapped in cloth`,
    );
    expect(
      await page
        .getByRole('article', { name: 'Weapon 1' })
        .getByLabel('Serial number as read')
        .inputValue(),
    ).toBe(canaries.serial);
    await page.unroute(saves);
    await page.getByRole('button', { name: 'Try again' }).click();
    await waitForSaved(page);
    expect(session.pageErrors).toEqual([]);
  });

  it("keeps the list's serial search across a reload", async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByLabel('Search', { exact: true }).fill(canaries.search);
    await page.getByText('No records match these filters.').waitFor();
    await page.reload();
    await page.getByText('No records match these filters.').waitFor();
    expect(await page.getByLabel('Search', { exact: true }).inputValue()).toBe(canaries.search);
  });

  it('picks a new record up again when its page reloads before the first save', async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByRole('heading', { level: 1, name: 'New record' }).waitFor();
    await page.route(saves, (route) => route.abort());
    await page.getByLabel('Recording agency').fill('Uprava carina');
    await waitForNotSaved(page);
    await page.reload();
    await page.getByText(/that were not saved yet have been restored/).waitFor();
    expect(page.url()).toMatch(/#\/records\/new$/);
    expect(await page.getByLabel('Recording agency').inputValue()).toBe('Uprava carina');

    await page.unroute(saves);
    await page.getByRole('button', { name: 'Try again' }).click();
    await waitForSaved(page);
    // Saved: the address names the record now, and the next new record is a new one: no
    // restored typing, only the agency a new record takes from the person's last record.
    await expect.poll(() => page.url()).toMatch(/#\/records\/[^/]+\/edit$/);
    const savedUrl = page.url();
    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByRole('heading', { level: 1, name: 'New record' }).waitFor();
    expect(await page.getByLabel('Recording agency').inputValue()).toBe('Uprava carina');
    expect(await page.getByText(/that were not saved yet have been restored/).count()).toBe(0);
    await page.getByLabel('Notes').fill('Second record');
    await waitForSaved(page);
    await expect.poll(() => page.url()).toMatch(/#\/records\/[^/]+\/edit$/);
    expect(page.url()).not.toBe(savedUrl);
  });

  it('asks which version to keep when the record was saved elsewhere after the unsaved typing', async () => {
    const { page } = session;
    await page.goto(recordUrl);
    const notes = page.getByLabel('Notes');
    await expect.poll(() => notes.inputValue()).toContain(canaries.notes);
    await page.route(saves, (route) => route.abort());
    await notes.fill('Typed here, not saved yet');
    await waitForNotSaved(page);

    // Another window of the app saves the record meanwhile.
    const other = await page.context().newPage();
    await other.goto(session.preview.origin);
    await other.getByRole('navigation').waitFor();
    const id = /#\/records\/([^/]+)\/edit$/.exec(recordUrl)?.[1] ?? '';
    await other.evaluate(async (recordId) => {
      const api = window.api!;
      const current = await api.getIntake({ id: recordId });
      if (!current.ok || current.value.event.status !== 'draft') throw new Error('not a draft');
      const saved = await api.saveIntakeDraft({
        draft: { ...current.value.event, notes: 'Saved in another window' },
        expectedRevision: current.value.revision,
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    }, id);
    await other.close();

    await page.reload();
    await page.getByText(/but this record was saved again since then/).waitFor();
    expect(await notes.inputValue()).toBe('Saved in another window');
    await page.unroute(saves);
    await page.getByRole('button', { name: 'Use my unsaved changes' }).click();
    await waitForSaved(page);
    expect(await notes.inputValue()).toBe('Typed here, not saved yet');
    const stored = await page.evaluate(async (recordId) => {
      const result = await window.api!.getIntake({ id: recordId });
      return result.ok ? result.value.event.notes : null;
    }, id);
    expect(stored).toBe('Typed here, not saved yet');
    expect(session.pageErrors).toEqual([]);
  });

  it('leaves none of it in the Chromium profile or the data folder once the browser has closed', async () => {
    // The browser closes while a change is still unsaved, so a backup exists at that moment.
    const { page } = session;
    await page.goto(recordUrl);
    await page.route(saves, (route) => route.abort());
    const serial = page
      .getByRole('article', { name: 'Weapon 1' })
      .getByLabel('Serial number as read');
    await serial.fill(`${canaries.serial}/B`);
    await waitForNotSaved(page);
    await page.evaluate((text) => window.localStorage.setItem('test-control', text), control);
    await session.closeBrowser();
    const scan = await findPlaintext(
      [profile.dir, session.dataDir],
      [...Object.values(canaries), control],
      { sinceMs: 0 },
    );
    expect(scan.skipped).toEqual([]);
    // The control is found, so the scan reads what this profile wrote; nothing typed is.
    expect(scan.hits.filter((hit) => hit.needle === control).length).toBeGreaterThan(0);
    expect(
      scan.hits
        .filter((hit) => hit.needle !== control)
        .map((hit) => `${hit.needle} in ${hit.file.replace(profile.dir, '<profile>')}`),
    ).toEqual([]);
  });
});
