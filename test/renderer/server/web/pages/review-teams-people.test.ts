import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../../packaging/chromium.ts';
import { createMailer } from '../../../../../server/console/mailer.ts';
import { reviewIdFor } from '../../../../../shared/domain/record-review.ts';
import {
  PullResponseSchema,
  PushResponseSchema,
  type Mutation,
} from '../../../../../shared/sync/protocol.ts';
import { borderSeizure, finalAssaultRifle } from '../../../../unit/shared/domain/fixtures.ts';
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
    // Fingerprints as real photos have them (the fixture's are mostly zeros), so the review's
    // shortened ones differ as a reviewer sees them; a marking's close-up keeps its photo's.
    const print = (sha: string) => createHash('sha256').update(sha).digest('hex');
    const photos = <P extends { sha256: string }>(list: P[]) =>
      list.map((photo) => ({ ...photo, sha256: print(photo.sha256) }));
    // Three weapons: two with markings and photos, the pistol with none (an empty nested list).
    const weapons = [...fields.weapons, finalAssaultRifle(3)].map((weapon) => ({
      ...own(weapon),
      markings: weapon.markings.map((marking: { id: string; photoSha256?: string }) => ({
        ...own(marking),
        ...(marking.photoSha256 === undefined ? {} : { photoSha256: print(marking.photoSha256) }),
      })),
      photos: photos(weapon.photos),
    }));
    recordId = newRecordId();
    await push({
      entityId: recordId,
      op: 'create',
      fields: {
        ...fields,
        weapons,
        // No parts: an empty top-level list, which reads "—" rather than "0 entries".
        parts: [],
        ammunition: fields.ammunition.map(own),
        explosives: fields.explosives.map(own),
        photos: photos(fields.photos).map((photo) => ({
          ...photo,
          caption: 'Hidden compartment behind the rear seat, opened',
        })),
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

  /** A top-level field of the open record, by the name it is shown under. */
  const topField = (page: Page, term: string) =>
    page
      .locator('.console-fields > div')
      .filter({ has: page.locator(':scope > dt').getByText(term, { exact: true }) });

  /** An entry's labelled fields as a reader reads them: name → value, as the screen shows both. */
  const entryFacts = async (entry: Locator) =>
    Object.fromEntries(
      await entry
        .locator(':scope > dl > div')
        .evaluateAll((rows) =>
          rows.map((row) => [
            (row.querySelector(':scope > dt') as HTMLElement).innerText,
            (row.querySelector(':scope > dd') as HTMLElement).innerText,
          ]),
        ),
    ) as Record<string, string>;

  /** The record's weapons unfolded, and each weapon's markings and photos in turn. */
  async function unfoldWeapons(page: Page, term: string) {
    const weapons = topField(page, term);
    await weapons.locator(':scope > dd > details > summary').click();
    const entries = weapons.locator(':scope > dd > details > ol > li');
    await expect.poll(() => entries.count()).toBe(3);
    for (const summary of await entries.locator('summary').all()) {
      await summary.click();
    }
    return entries;
  }

  it('a reviewer marks the laptop’s record "has issues"; the laptop’s next pull has it', async () => {
    const { page, context } = await signedIn('reviewer@example.org', 'en');
    await page.goto(`${server.url}/console/#/review`);
    const queue = page.getByTestId('review-queue');
    await expect.poll(() => queue.getByRole('row').count()).toBe(2);
    await page.screenshot({ path: `${shots}/review-en.png`, fullPage: true });
    await queue.getByRole('row').nth(1).getByRole('button').click();
    await expect.poll(() => page.getByText('Not reviewed yet.').count()).toBe(1);
    // The record's fields under names a reviewer reads, not the stored keys, and its full page.
    const terms = await page.locator('.console-fields > div > dt').allInnerTexts();
    expect(terms).toEqual(expect.arrayContaining(['Context', 'Weapons', 'Place']));
    expect(terms.filter((term) => /[a-z][A-Z]/.test(term))).toEqual([]);
    // Domain values by their labels, as the laptop shows them: a border seizure reads "Seized".
    const field = (term: string) => topField(page, term);
    expect(await field('Context').locator(':scope > dd').innerText()).toBe('Seized');
    expect(await field('Status').locator(':scope > dd').innerText()).toBe('Final');
    expect(await field('Place').locator(':scope > dd').innerText()).toBe('Batrovci');
    // Bookkeeping is not shown as something to judge; an empty list reads as empty.
    expect(terms).not.toContain('Record id');
    expect(terms).not.toContain('Revision');
    expect(await field('Parts').locator(':scope > dd').innerText()).toBe('—');
    expect(await page.locator('.console-fields').innerText()).not.toMatch(/\b0 entries\b/);
    expect(await field('Date').locator(':scope > dd').innerText()).toBe('14 Mar 2025');
    // Lists fold under their count and unfold into labelled blocks, in the laptop's words: each
    // weapon's type by its label and its serial as read, a weapon without markings "—".
    expect(await field('Weapons').locator(':scope > dd > details > summary').innerText()).toBe(
      '3 entries',
    );
    const weapons = await unfoldWeapons(page, 'Weapons');
    expect(await weapons.locator(':scope > .console-entries__title').allInnerTexts()).toEqual([
      'Weapon 1',
      'Weapon 2',
      'Weapon 3',
    ]);
    const [rifle, pistol] = [await entryFacts(weapons.nth(0)), await entryFacts(weapons.nth(1))];
    expect(rifle).toMatchObject({
      'Weapon type': 'Assault rifle',
      'Serial number as read': 'АК-47 № 123456',
      Condition: 'Serviceable',
      Markings: expect.stringMatching(/^1 entry\n/),
      Photos: expect.stringMatching(/^2 entries\n/),
    });
    // The pistol's make stored as the token 'unknown' reads as the form says it.
    expect(pistol).toMatchObject({
      'Weapon type': 'Self-loading pistol',
      Manufacturer: 'Unknown',
      Markings: '—',
    });
    // A marking in its own block; a photo as what it shows and its shortened fingerprint.
    const marking = weapons
      .nth(0)
      .locator(':scope > dl > div')
      .filter({ has: page.locator(':scope > dt').getByText('Markings', { exact: true }) })
      .locator('li')
      .first();
    expect(await marking.locator(':scope > .console-entries__title').innerText()).toBe('Marking 1');
    expect(await entryFacts(marking)).toMatchObject({
      'On which part': 'Frame or receiver',
      'Text as read': '123456',
    });
    const photoLines = await field('Weapons').locator('ol ol > li').allInnerTexts();
    expect(photoLines).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Whole weapon [0-9a-f]{12}…$/)]),
    );
    // Nothing reads as code: no JSON braces or stored keys, no raw enumeration values.
    const weaponsText = await field('Weapons').locator(':scope > dd').innerText();
    expect(weaponsText).not.toMatch(/[{}"]|serialNumber|assault_rifle/);
    expect(await field('Scene photos').locator(':scope > dd > details > summary').innerText()).toBe(
      '1 entry',
    );
    expect(await page.getByRole('link', { name: /^Open the record/ }).getAttribute('href')).toBe(
      `#/records/${recordId}`,
    );
    await page.screenshot({ path: `${shots}/review-detail-en.png`, fullPage: true });
    await field('Scene photos').locator(':scope > dd > details > summary').click();
    await field('Seizure details').locator(':scope > dd > details > summary').click();
    // Countries by name in the reader's language, the code beside them.
    const seizure = await field('Seizure details').locator(':scope > dd').innerText();
    expect(seizure).toContain('Serbia (RS)');
    expect(seizure).toContain('Croatia (HR)');
    expect(seizure).not.toMatch(/\t(RS|HR)$/m);
    await page.screenshot({ path: `${shots}/review-detail-entries-en.png`, fullPage: true });
    await field('Weapons')
      .locator(':scope > dd')
      .screenshot({ path: `${shots}/review-weapons-en.png` });
    // Narrower (the console's frame keeps its sidebar): labels wrap, values keep their room.
    await page.setViewportSize({ width: 760, height: 850 });
    await field('Weapons')
      .locator(':scope > dd')
      .screenshot({ path: `${shots}/review-weapons-narrow-en.png` });
    await page.setViewportSize({ width: 1200, height: 850 });
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
    const terms = await page.locator('.console-fields > div > dt').allInnerTexts();
    expect(terms).toEqual(expect.arrayContaining(['Kontekst', 'Oružje', 'Mesto']));
    // The weapons in Serbian: the laptop's labels and words, an empty list "—", no "0 stavki".
    expect(await topField(page, 'Delovi').locator(':scope > dd').innerText()).toBe('—');
    const weapons = await unfoldWeapons(page, 'Oružje');
    expect(await weapons.locator(':scope > .console-entries__title').first().innerText()).toBe(
      'Oružje 1',
    );
    expect(await entryFacts(weapons.nth(0))).toMatchObject({
      'Vrsta oružja': 'Automatska puška',
      'Serijski broj (kako je pročitan)': 'АК-47 № 123456',
    });
    expect(await entryFacts(weapons.nth(1))).toMatchObject({ Oznake: '—' });
    expect(await topField(page, 'Oružje').locator(':scope > dd').innerText()).not.toMatch(/[{}"]/);
    await page.screenshot({ path: `${shots}/review-detail-sr.png`, fullPage: true });
    await topField(page, 'Oružje')
      .locator(':scope > dd')
      .screenshot({ path: `${shots}/review-weapons-sr.png` });

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
