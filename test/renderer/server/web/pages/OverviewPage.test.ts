import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../../packaging/chromium.ts';
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

declare global {
  interface Window {
    __consoleCsp?: string[];
  }
}

/**
 * A viewer at the centre opens the console: the overview shows the figures the server computes
 * for the records a real laptop (encrypted store, real sync) pushed, filters them, in English and
 * Serbian, with no CSP violation.
 */
describe('the console overview in Chromium', () => {
  let server: SyncServerHandle;
  let inbox: SmtpInbox;
  let laptop: DispatchedApp;
  let browser: Browser;
  let page: Page;
  let serverMeasures: Measures;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    inbox = await SmtpInbox.start();
    server = await startSyncServer({ backend: 'pglite', mailer: inbox.mailer() });
    laptop = await startDispatchedApp({ prefix: 'console-overview', sync: manual });
    await setUpFirstPerson(laptop, { name: 'Ana Petrović' });
    await laptop.ok('enrollDevice', { serverUrl: server.url, code: await server.enroll('Čačak') });
    await recordFinalSurrender(laptop, 'Marko Marković');
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
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
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
    await page.screenshot({ path: `${shots}/overview-first-en.png`, fullPage: true });
    const k1 = page.getByRole('region', { name: 'K1 Weapons recovered' });
    await expect
      .poll(() => k1.getByTestId('figure-weapon').textContent())
      .toBe(`${String(weapons!.amount)} pieces Weapons`);
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'K6 Ammunition by unit' })
          .getByTestId('figure-ammunition')
          .textContent(),
      )
      .toBe(`${String(rounds!.amount)} rounds Ammunition`);
    const byContext = page.getByRole('table', { name: 'K1 Weapons recovered, by context' });
    await expect
      .poll(() =>
        byContext
          .getByRole('row', { name: /Surrendered/ })
          .first()
          .textContent(),
      )
      .toContain(`${String(weapons!.amount)} pieces Weapons`);
    // Nothing destroyed yet: said in words, not an empty table.
    await expect
      .poll(() => page.getByRole('region', { name: 'K8 Weapons destroyed' }).textContent())
      .toContain('Nothing in this period.');
    await page.screenshot({ path: `${shots}/overview-en.png`, fullPage: true });

    // Filtered to seizures: none, and the surrender's figures go.
    await page.getByLabel('Context').selectOption('seized');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => k1.textContent()).toContain('Nothing in this period.');
    expect(page.url()).toContain('context=seized');

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
    await expect
      .poll(() => page.getByTestId('figure-ammunition').first().textContent())
      .toBe('500 metaka Municija');
    await page.screenshot({ path: `${shots}/overview-sr.png`, fullPage: true });

    await page.goto(`${server.url}/console/#/home/?from=2024-12-31&to=2024-01-01`);
    await page.reload();
    await expect.poll(() => page.getByRole('alert').textContent()).not.toBe('');
    await page.screenshot({ path: `${shots}/overview-error-sr.png`, fullPage: true });
    expect(await page.evaluate(() => window.__consoleCsp ?? [])).toEqual([]);
  });
});
