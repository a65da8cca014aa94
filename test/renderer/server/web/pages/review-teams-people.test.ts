import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../../packaging/chromium.ts';
import { createMailer } from '../../../../../server/console/mailer.ts';
import { reviewIdFor } from '../../../../../shared/domain/record-review.ts';
import {
  PullResponseSchema,
  PushResponseSchema,
  type Mutation,
} from '../../../../../shared/sync/protocol.ts';
import { borderSeizure } from '../../../../unit/shared/domain/fixtures.ts';
import { consoleSession, consoleTestPassword } from '../../../../support/console-session.ts';
import { mutation, newRecordId, syncClient, testAuthor } from '../../../../support/sync-client.ts';
import { startSyncServer, type SyncServerHandle } from '../../../../support/sync-server.ts';

const shots = '/tmp/shots-pages-admin';

interface Violation {
  directive: string;
  blocked: string;
}
declare global {
  interface Window {
    __consoleCspViolations?: Violation[];
  }
}

/**
 * The console's review queue, teams and people in Chromium, against a real server on loopback
 * with a test laptop that pushes and pulls over HTTP: a reviewer reviews the laptop's record and
 * the laptop's next pull carries the state; an administrator creates a team and deactivates a
 * person; no CSP violations; both languages.
 */
describe('console: review, teams and people in Chromium', () => {
  let server: SyncServerHandle;
  let browser: Browser;
  const log: string[] = [];
  let laptop: ReturnType<typeof syncClient>;
  let next = 1;
  let recordId: string;

  async function push(partial: Partial<Mutation> & { entityId: string }) {
    const response = await laptop.push([mutation({ ...partial, mutationId: next })]);
    next += 1;
    const result = PushResponseSchema.parse(response.json).results[0];
    expect(result?.outcome, result?.message ?? '').toBe('applied');
  }

  beforeAll(async () => {
    server = await startSyncServer({
      backend: 'pglite',
      mailer: createMailer({ smtpUrl: undefined, from: 'c@localhost', warn: (m) => log.push(m) }),
    });
    laptop = syncClient(server.url, await server.enrollDevice('Border laptop Batrovci'));
    const placeId = newRecordId();
    await push({
      entity: 'location',
      entityId: placeId,
      op: 'create',
      fields: { locationType: 'border_crossing_road', name: 'Batrovci', jurisdiction: 'RS' },
    });
    const { id: _id, status: _s, revision: _r, ...fields } = borderSeizure();
    const own = <T extends { id: string }>(item: T): T => ({ ...item, id: newRecordId() });
    recordId = newRecordId();
    await push({
      entityId: recordId,
      op: 'create',
      fields: {
        ...fields,
        weapons: fields.weapons.map((weapon) => ({
          ...own(weapon),
          markings: weapon.markings.map((marking: { id: string }) => own(marking)),
        })),
        parts: fields.parts.map(own),
        ammunition: fields.ammunition.map(own),
        explosives: fields.explosives.map(own),
        locationId: placeId,
      },
    });
    await push({ entityId: recordId, op: 'finalise', baseRev: 1, fields: {} });
    await consoleSession(server, log, 'reviewer@example.org', 'reviewer');
    await consoleSession(server, log, 'admin@example.org', 'administrator');
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(email: string, language: 'en' | 'sr-Latn') {
    const context: BrowserContext = await browser.newContext({
      viewport: { width: 1200, height: 850 },
    });
    await context.addInitScript((lang) => {
      window.localStorage.setItem('salw-console-language', lang);
      window.__consoleCspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__consoleCspViolations?.push({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
        });
      });
    }, language);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${server.url}/console/#/sign-in`);
    await page.locator('input[type="email"], input[autocomplete="username"]').first().fill(email);
    await page.locator('input[type="password"]').first().fill(consoleTestPassword);
    await page.locator('form button[type="submit"]').first().click();
    await page.locator('nav').waitFor();
    return { page, context };
  }
  const csp = (page: Page) => page.evaluate(() => window.__consoleCspViolations ?? []);

  it('a reviewer marks the laptop’s record "has issues"; the laptop’s next pull has it', async () => {
    const { page, context } = await signedIn('reviewer@example.org', 'en');
    await page.goto(`${server.url}/console/#/review`);
    const queue = page.getByTestId('review-queue');
    await expect.poll(() => queue.getByRole('row').count()).toBe(2);
    await page.screenshot({ path: `${shots}/review-en.png`, fullPage: true });
    await queue.getByRole('row').nth(1).getByRole('button').click();
    await expect.poll(() => page.getByText('Not reviewed yet.').count()).toBe(1);
    // The record's fields under names a reviewer reads, not the stored keys, and its full page.
    const terms = await page.locator('.console-fields dt').allInnerTexts();
    expect(terms).toEqual(expect.arrayContaining(['Context', 'Weapons', 'Place']));
    expect(terms.filter((term) => /[a-z][A-Z]/.test(term))).toEqual([]);
    // Domain values by their labels, as the laptop shows them: a border seizure reads "Seized".
    const field = (term: string) =>
      page.locator('.console-fields div').filter({ has: page.getByText(term, { exact: true }) });
    expect(await field('Context').locator('dd').innerText()).toBe('Seized');
    expect(await field('Status').locator('dd').innerText()).toBe('Final');
    expect(await field('Place').locator('dd').innerText()).toBe('Batrovci');
    // Bookkeeping is not shown as something to judge; an empty list reads as empty.
    expect(terms).not.toContain('Record id');
    expect(terms).not.toContain('Revision');
    expect(await page.locator('.console-fields').innerText()).not.toMatch(/\b0 entries\b/);
    expect(await field('Date').locator('dd').innerText()).toBe('14 Mar 2025');
    expect(await page.getByRole('link', { name: /^Open the record/ }).getAttribute('href')).toBe(
      `#/records/${recordId}`,
    );
    await page.screenshot({ path: `${shots}/review-detail-en.png`, fullPage: true });
    await queue
      .getByRole('checkbox', { name: /Select/ })
      .nth(1)
      .check();
    // "Has issues" needs the comment that tells the author what to fix.
    await expect(page.getByRole('button', { name: 'Has issues' }).isDisabled()).resolves.toBe(true);
    await page
      .getByLabel('Comment')
      .fill('The second rifle’s serial is unreadable: add a close-up photo.');
    await page.getByRole('button', { name: 'Has issues' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('1 record reviewed');
    await expect.poll(() => page.getByText('No final records stand here').count()).toBe(1);
    await page.getByLabel('Review', { exact: true }).selectOption('has_issues');
    await expect
      .poll(() => page.getByTestId('review-queue').textContent())
      .toContain('add a close-up photo');
    await page.screenshot({ path: `${shots}/review-has-issues-en.png`, fullPage: true });
    expect(await csp(page)).toEqual([]);
    await context.close();

    const pulled = PullResponseSchema.parse((await laptop.pull({ limit: 1000 })).json);
    const review = pulled.changes.find((change) => change.id === reviewIdFor(recordId));
    expect(review?.data).toMatchObject({ state: 'has_issues', reviewedRecordId: recordId });
  });

  it('in Serbian, an administrator sees the review queue, creates a team and deactivates a person', async () => {
    const { page, context } = await signedIn('admin@example.org', 'sr-Latn');
    await page.goto(`${server.url}/console/#/review`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Pregled zapisa');
    await page.screenshot({ path: `${shots}/review-sr.png`, fullPage: true });
    // The record marked "has issues" above, opened: its fields under Serbian names.
    await page.getByLabel('Pregled', { exact: true }).selectOption({ label: 'Ima primedbe' });
    const queue = page.getByTestId('review-queue');
    await expect.poll(() => queue.getByRole('row').count()).toBe(2);
    await queue.getByRole('row').nth(1).getByRole('button').click();
    await page.getByRole('link', { name: /^Otvori zapis/ }).waitFor();
    const terms = await page.locator('.console-fields dt').allInnerTexts();
    expect(terms).toEqual(expect.arrayContaining(['Kontekst', 'Oružje', 'Mesto']));
    await page.screenshot({ path: `${shots}/review-detail-sr.png`, fullPage: true });

    await page.goto(`${server.url}/console/#/teams`);
    await expect.poll(() => page.getByTestId('team').count()).toBe(1);
    await page
      .getByLabel('Naziv tima')
      .fill('Granična policija sever — smena za prelaze Batrovci, Šid i Sremska Rača');
    await page.getByLabel('Organizacija', { exact: true }).fill('Granična policija');
    await page.getByLabel('Nadležnosti').fill('rs');
    await page.getByLabel('Lokacija', { exact: true }).selectOption({ label: 'Batrovci' });
    await page.getByRole('button', { name: 'Napravi tim' }).click();
    await expect.poll(() => page.getByTestId('team').count()).toBe(2);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('ušlo u nadležnost');
    await page.screenshot({ path: `${shots}/teams-sr.png`, fullPage: true });
    expect(await csp(page)).toEqual([]);

    await page.goto(`${server.url}/console/#/people`);
    const row = page.getByTestId('people').getByRole('row', { name: new RegExp(testAuthor.name) });
    await expect.poll(() => row.count()).toBe(1);
    await page.screenshot({ path: `${shots}/people-sr.png`, fullPage: true });
    await row.getByRole('button', { name: 'Deaktiviraj' }).click();
    await expect.poll(() => row.textContent()).toContain('Deaktivirana');
    await page.screenshot({ path: `${shots}/people-deactivated-sr.png`, fullPage: true });
    expect(await csp(page)).toEqual([]);
    await context.close();

    const people = await server.admin.people();
    expect(
      people.people.find((person) => person.id === testAuthor.id)?.deactivatedAt,
    ).not.toBeNull();
    const teams = await server.admin.teams();
    expect(teams.teams.map((team) => team.name)).toContain(
      'Granična policija sever — smena za prelaze Batrovci, Šid i Sremska Rača',
    );
  });

  it('English teams and people pages (screenshots)', async () => {
    const { page, context } = await signedIn('admin@example.org', 'en');
    await page.goto(`${server.url}/console/#/teams`);
    await expect.poll(() => page.getByTestId('team').count()).toBe(2);
    await page.screenshot({ path: `${shots}/teams-en.png`, fullPage: true });
    await page.goto(`${server.url}/console/#/people`);
    await expect.poll(() => page.getByTestId('people').count()).toBe(1);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.screenshot({ path: `${shots}/people-en.png`, fullPage: true });
    expect(await csp(page)).toEqual([]);
    await context.close();
  });
});
