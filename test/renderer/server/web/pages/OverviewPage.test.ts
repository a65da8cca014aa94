import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../../packaging/chromium.ts';
import { seriousAxeViolations } from '../../../../support/axe.ts';
import { computeServerMeasures } from '../../../../../server/measures/measures-queries.ts';
import { consoleApiPrefix, consoleRoutes } from '../../../../../shared/console/api.ts';
import { OverviewQuerySchema } from '../../../../../shared/console/overview.ts';
import type { Measures } from '../../../../../shared/measures/measure-results.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../../support/dispatched-app.ts';
import { recordFinalSurrender } from '../../../../support/final-intake.ts';
import { SmtpInbox } from '../../../../support/smtp-inbox.ts';
import { startSyncServer, type SyncServerHandle } from '../../../../support/sync-server.ts';

/** No automatic rounds: the test pushes with syncNow. */
const manual = { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 };
const password = 'Granica-Sever-2026!';
const viewerEmail = 'vesna@salw.test';
const shots = '/tmp/shots-pages-data';
const year2024 = { from: '2024-01-01', to: '2024-12-31' };
/** The window the console is mostly used in, and the narrowest the app's frame is made for. */
const laptopScreen = { width: 1366, height: 768 };
const narrowest = { width: 900, height: 600 };
/** Where the surrender happened (its place has no coordinates), and a storage site near it. */
const cacak = { lat: 43.8914, lon: 20.3497 };
const storageSite = {
  locationType: 'storage_site',
  name: 'Magacin Kragujevac',
  jurisdiction: 'RS',
  lat: 44.0128,
  lon: 20.9114,
} as const;

declare global {
  interface Window {
    __consoleCsp?: string[];
  }
}

/** Switches WebGL off, as on a computer without a usable GPU: the map draws its SVG view. */
function withoutWebGl(): void {
  const original = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (
    this: HTMLCanvasElement,
    type: string,
    ...rest: unknown[]
  ) {
    if (type.startsWith('webgl') || type === 'experimental-webgl') return null;
    return (original as (...args: unknown[]) => unknown).call(this, type, ...rest);
  } as typeof HTMLCanvasElement.prototype.getContext;
}

/**
 * Nothing wider than the window: no sideways scrolling, nothing of the page cut off. Polled: the
 * map's canvas follows a narrower window at MapLibre's next resize, not at once.
 */
async function fitsTheWindow(page: Page): Promise<void> {
  const sizes = () =>
    page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      outside: [
        ...document.querySelectorAll('main section, main table, main p, main canvas, main svg'),
      ]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth)
        .map((element) => element.outerHTML.slice(0, 80)),
    }));
  await expect.poll(sizes).toEqual({ overflow: 0, outside: [] });
}

/**
 * A viewer at the centre opens the console: the overview shows the figures the server computes
 * for the records a real laptop (encrypted store, real sync) pushed, drawn by the laptop's own
 * Dashboard sections (tables, tiles and charts), each opening the console's list of the records
 * behind it, whose entries open the records' pages; and the national map of them (MapLibre on
 * WebGL, whose worker runs under the console's CSP, and the plain SVG view), whose points open
 * the records' pages too; it filters them, in English and Serbian, with no CSP violation.
 */
describe('the console overview in Chromium', () => {
  let server: SyncServerHandle;
  let inbox: SmtpInbox;
  let laptop: DispatchedApp;
  let browser: Browser;
  let page: Page;
  let serverMeasures: Measures;
  let intake: { id: string; recordNumber: string };
  let siteId: string;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    inbox = await SmtpInbox.start();
    server = await startSyncServer({ backend: 'pglite', mailer: inbox.mailer() });
    laptop = await startDispatchedApp({ prefix: 'console-overview', sync: manual });
    await setUpFirstPerson(laptop, { name: 'Ana Petrović' });
    await laptop.ok('enrollDevice', { serverUrl: server.url, code: await server.enroll('Čačak') });
    const surrender = await recordFinalSurrender(laptop, 'Marko Marković', undefined, {
      coordinates: { ...cacak, source: 'typed' },
    });
    intake = { id: surrender.event.id, recordNumber: surrender.event.recordNumber ?? '' };
    siteId = randomUUID();
    await laptop.ok('saveLocation', { id: siteId, ...storageSite });
    expect(await laptop.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    serverMeasures = await computeServerMeasures(server.db, OverviewQuerySchema.parse(year2024));

    // A viewer, invited from the command line, accepts the mailed code.
    await server.admin.invite(viewerEmail, 'viewer');
    const accepted = await fetch(
      `${server.url}${consoleApiPrefix}${consoleRoutes.acceptInvitation}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: new URL(server.url).origin },
        body: JSON.stringify({
          code: await inbox.codeFor(viewerEmail),
          name: 'Vesna Viewer',
          password,
        }),
      },
    );
    expect(accepted.status).toBe(200);

    browser = await launchChromium();
    // A page of its own context: axe opens a second page in it to run its checks.
    page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    await page.addInitScript(() => {
      window.__consoleCsp = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__consoleCsp?.push(`${event.effectiveDirective} ${event.blockedURI}`);
      });
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await laptop?.close();
    await server?.stop();
    await inbox?.close();
  });

  it('shows a signed-in viewer the server’s measures of what the laptop pushed', async () => {
    // Sanity: the laptop's surrender is there, so equality with an empty overview cannot pass.
    const weapons = serverMeasures.k1.total.find((row) => row.kind === 'weapon');
    const rounds = serverMeasures.k6.byUnit.find((row) => row.unit === 'rounds');
    expect(weapons?.amount).toBe(2);
    expect(rounds?.amount).toBe(500);
    expect(await laptop.ok('getMeasures', year2024)).toEqual(serverMeasures);

    await page.goto(`${server.url}/console/#/sign-in`);
    await page.getByLabel('E-mail address').fill(viewerEmail);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('National overview');
    // The viewer's menu: the pages that read data only (no devices, conflicts, accounts, audit).
    await expect
      .poll(() => page.getByRole('navigation').getByRole('link').allTextContents())
      .toEqual([
        'Overview',
        'Records register',
        'Review',
        'Reports',
        'Teams and sites',
        'People on laptops',
      ]);

    await page.goto(`${server.url}/console/#/home/?from=2024-01-01&to=2024-12-31`);
    await page.reload();
    await page.getByTestId('overview-figures').waitFor();
    // The laptop's Dashboard sections, drawn from the server's measures.
    expect(
      await page
        .getByTestId('overview-figures')
        .getByRole('heading', { level: 2 })
        .allTextContents(),
    ).toEqual([
      'What came in',
      'What was destroyed and what waits',
      'Storage and losses',
      'SDG indicator 16.4.2',
      'Map',
    ]);
    const k1 = page.getByRole('region', { name: 'K1 Weapons recovered', exact: true });
    await expect
      .poll(() => k1.locator('li').first().textContent())
      .toBe(`${String(weapons!.amount)} pieces Weapons`);
    await expect
      .poll(() =>
        page.getByRole('region', { name: 'K6 Ammunition by unit', exact: true }).textContent(),
      )
      .toContain(`${String(rounds!.amount)} rounds Ammunition`);
    const byContext = page.getByRole('table', { name: 'K1 Weapons recovered, by context' });
    expect(await byContext.locator('tbody tr').allInnerTexts()).toEqual([
      `Surrendered\tWeapons\t${String(weapons!.amount)} pieces\t2\t1`,
    ]);
    // Its chart beside it, drawn (Recharts loads on its own) under the console's CSP.
    const chart = page.getByRole('img', {
      name: 'Chart: K1 Weapons recovered, by context. The same figures are in the table beside it.',
    });
    await chart.locator('svg.recharts-surface').waitFor();
    // Nothing destroyed yet: said in words, not an empty table.
    await expect
      .poll(() =>
        page.getByRole('region', { name: 'K8 Weapons destroyed', exact: true }).textContent(),
      )
      .toContain('Nothing in this period.');
    await page.screenshot({ path: `${shots}/overview-en.png`, fullPage: true });

    // A figure opens the records behind it, listed by the server by the figure's definition...
    await k1.getByRole('link', { name: `${String(weapons!.amount)} pieces` }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Records behind a figure');
    expect(page.url()).toContain('#/home/records?from=2024-01-01&to=2024-12-31&source=k1');
    await expect.poll(() => page.getByTestId('drill-count').textContent()).toBe('Items: 2');
    expect(await page.getByTestId('drill-figure').textContent()).toBe('K1 · Weapons · pieces');
    const listed = page.getByTestId('drill-records').locator('tbody tr');
    expect(await listed.count()).toBe(2);
    expect(await listed.first().innerText()).toMatch(
      new RegExp(
        `^${intake.recordNumber}\tWeapons · .+ · Serial .+\t1 Mar 2024\tSabirno mesto Čačak$`,
      ),
    );
    expect(await page.evaluate(() => window.__consoleCsp ?? [])).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.setViewportSize(narrowest);
    await fitsTheWindow(page);
    await page.screenshot({ path: `${shots}/overview-records-900-en.png`, fullPage: true });
    await page.setViewportSize(laptopScreen);
    await page.screenshot({ path: `${shots}/overview-records-1366-en.png`, fullPage: true });
    // ...each opening the console's page of its record; Back returns to the list, then to the
    // overview under the same filter.
    await listed.first().getByRole('link', { name: intake.recordNumber }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe(`Record ${intake.recordNumber}`);
    expect(page.url()).toContain(`#/records/${intake.id}`);
    await page.goBack();
    await page.getByRole('link', { name: 'Back to the overview' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('National overview');
    expect(page.url()).toContain('#/home/?from=2024-01-01&to=2024-12-31');

    // The national map under the same filter: the surrender where it happened and the storage
    // site, drawn by MapLibre (the test Chromium has SwiftShader) with its worker under the CSP.
    const map = page.getByRole('region', { name: 'Map', exact: true });
    const drawn = map.locator('.offline-map[data-renderer="webgl"][data-state="ready"]');
    await drawn.waitFor({ timeout: 30_000 });
    expect(await drawn.getAttribute('data-shown-points')).toBe('2');
    expect(await map.locator('canvas').getAttribute('aria-label')).toBe(
      'Map of intake records, sites and destructions',
    );
    await map.getByText('Points on the map (2)').click();
    expect(await map.locator('.offline-map__list li').allTextContents()).toEqual([
      `Intake events: ${intake.recordNumber}`,
      `Sites: ${storageSite.name}`,
    ]);
    expect(await page.evaluate(() => window.__consoleCsp ?? [])).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.setViewportSize(laptopScreen);
    await page.screenshot({ path: `${shots}/overview-map-1366-en.png`, fullPage: true });
    await page.setViewportSize(narrowest);
    await fitsTheWindow(page);
    await page.screenshot({ path: `${shots}/overview-map-900-en.png`, fullPage: true });
    await page.setViewportSize(laptopScreen);

    // Each point opens its record's page in the console: the intake record with its items...
    await map.getByRole('link', { name: intake.recordNumber }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe(`Record ${intake.recordNumber}`);
    expect(page.url()).toContain(`#/records/${intake.id}`);
    await page
      .getByTestId(/^item-/)
      .first()
      .waitFor();
    // ...and the site, the location record the laptop pushed (the console has no site page).
    await page.goBack();
    await map.getByText('Points on the map (2)').click();
    await map.getByRole('link', { name: storageSite.name }).click();
    await expect
      .poll(() => page.locator('.console-fields').textContent())
      .toContain('Type of recordPlace');
    expect(page.url()).toContain(`#/records/${siteId}`);
    await page.goBack();

    // Filtered by review: nothing is approved yet; the surrender is not reviewed, and under a
    // review filter the map shows intake records only (a site has no review).
    const review = page.getByLabel('Review', { exact: true });
    await review.selectOption({ label: 'Approved' });
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => k1.textContent()).toContain('Nothing in this period.');
    expect(page.url()).toContain('reviewState=approved');
    await expect.poll(() => map.textContent()).toContain('Nothing in this period has coordinates.');
    await review.selectOption({ label: 'Not reviewed' });
    await page.getByRole('button', { name: 'Show' }).click();
    await expect
      .poll(() => k1.locator('li').first().textContent())
      .toBe(`${String(weapons!.amount)} pieces Weapons`);
    await expect
      .poll(() => map.locator('.offline-map').getAttribute('data-shown-points'))
      .toBe('1');
    await page.screenshot({ path: `${shots}/overview-review-en.png`, fullPage: true });
    await review.selectOption({ label: 'Any' });

    // Filtered to seizures: none, and the surrender's figures go.
    await page.getByLabel('Context', { exact: true }).selectOption('seized');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => k1.textContent()).toContain('Nothing in this period.');
    expect(page.url()).toContain('context=seized');
    // The map follows the filter: the surrender goes, the site (no context of its own) stays.
    await expect
      .poll(() => map.locator('.offline-map').getAttribute('data-shown-points'))
      .toBe('1');
    // Another jurisdiction has nothing with coordinates: said in words, not an empty map.
    await page.getByLabel('Jurisdiction (country code)').fill('ME');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => map.textContent()).toContain('Nothing in this period has coordinates.');
    expect(await map.locator('.offline-map').count()).toBe(0);

    expect(await page.evaluate(() => window.__consoleCsp ?? [])).toEqual([]);
  });

  it('speaks Serbian, and refuses a period that ends before it starts in words', async () => {
    // Signed in by the test before.
    await page.goto(`${server.url}/console/#/home/?from=2024-01-01&to=2024-12-31`);
    await page.reload();
    await page.getByLabel('Language').selectOption('sr-Latn');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Nacionalni pregled');
    await page.getByTestId('overview-figures').waitFor();
    expect(
      await page
        .getByTestId('overview-figures')
        .getByRole('heading', { level: 2 })
        .allTextContents(),
    ).toEqual([
      'Šta je primljeno',
      'Šta je uništeno i šta čeka',
      'Skladištenje i gubici',
      'Indikator COR 16.4.2',
      'Mapa',
    ]);
    const k6 = page.getByRole('region', { name: 'K6 Municija po jedinici', exact: true });
    await expect.poll(() => k6.textContent()).toContain('500 metaka Municija');
    await page
      .getByRole('img', { name: /^Grafikon: K1 Prikupljeno oružje, po kontekstu/ })
      .locator('svg.recharts-surface')
      .waitFor();
    await page.screenshot({ path: `${shots}/overview-sr.png`, fullPage: true });
    await k6.getByRole('link', { name: '500 metaka' }).click();
    await expect.poll(() => page.getByTestId('drill-count').textContent()).toBe('Predmeti: 1');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Zapisi iza broja');
    expect(await page.getByTestId('drill-records').getByRole('link').textContent()).toBe(
      intake.recordNumber,
    );
    await page.setViewportSize(narrowest);
    await fitsTheWindow(page);
    await page.screenshot({ path: `${shots}/overview-records-900-sr.png`, fullPage: true });
    await page.setViewportSize(laptopScreen);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Nazad na pregled' }).click();
    await page.getByTestId('overview-figures').waitFor();
    const map = page.getByRole('region', { name: 'Mapa', exact: true });
    await map.locator('.offline-map[data-state="ready"]').waitFor({ timeout: 30_000 });
    await page.setViewportSize(laptopScreen);
    await page.screenshot({ path: `${shots}/overview-map-1366-sr.png`, fullPage: true });
    await page.setViewportSize(narrowest);
    await fitsTheWindow(page);
    await page.screenshot({ path: `${shots}/overview-map-900-sr.png`, fullPage: true });

    // Without WebGL the plain SVG view draws the same points, each a link to its record.
    await page.addInitScript(withoutWebGl);
    await page.reload();
    const svg = map.locator('.offline-map[data-renderer="svg"][data-state="ready"]');
    await svg.waitFor({ timeout: 30_000 });
    expect(await svg.getAttribute('data-shown-points')).toBe('2');
    const mark = map.locator(`a[data-point-id="intake:${intake.id}"]`);
    expect(await mark.getAttribute('aria-label')).toBe(`Događaji prijema: ${intake.recordNumber}`);
    await fitsTheWindow(page);
    await page.screenshot({ path: `${shots}/overview-map-svg-900-sr.png`, fullPage: true });
    await mark.click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe(`Zapis ${intake.recordNumber}`);
    expect(page.url()).toContain(`#/records/${intake.id}`);
    await page.setViewportSize(laptopScreen);

    // A period that ends before it starts is said once, by the figures: the map shows nothing.
    await page.goto(`${server.url}/console/#/home/?from=2024-12-31&to=2024-01-01`);
    await page.reload();
    await expect.poll(() => page.getByRole('alert').textContent()).not.toBe('');
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await page.getByTestId('overview-map').count()).toBe(0);
    await page.screenshot({ path: `${shots}/overview-error-sr.png`, fullPage: true });
    expect(await page.evaluate(() => window.__consoleCsp ?? [])).toEqual([]);
  });
});
