import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../../packaging/chromium.ts';
import { consoleApiPrefix, consoleRoutes } from '../../../../../shared/console/api.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../../support/dispatched-app.ts';
import { recordFinalSurrender } from '../../../../support/final-intake.ts';
import { reportWords } from '../../../../../shared/reports/national-reports.ts';
import { pdfText } from '../../../../support/pdf-text.ts';
import { SmtpInbox } from '../../../../support/smtp-inbox.ts';
import { startSyncServer, type SyncServerHandle } from '../../../../support/sync-server.ts';

const manual = { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 };
const password = 'Granica-Sever-2026!';
const viewerEmail = 'vida@salw.test';
const shots = '/tmp/shots-pages-data';

declare global {
  interface Window {
    __consoleCsp?: string[];
  }
}

/**
 * A viewer builds the SDG 16.4.2 report for Serbia over 2024 from a real laptop's pushed
 * surrender, reads its tables on the page and downloads its PDF, whose text holds the scope and
 * the figures; the download is in the console's audit log. A report for one team's scope counts
 * that team's records only.
 */
describe('the console reports page in Chromium', () => {
  let server: SyncServerHandle;
  let inbox: SmtpInbox;
  let laptop: DispatchedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    inbox = await SmtpInbox.start();
    server = await startSyncServer({ backend: 'pglite', mailer: inbox.mailer() });
    laptop = await startDispatchedApp({ prefix: 'console-reports', sync: manual });
    await setUpFirstPerson(laptop, { name: 'Ana Petrović' });
    await laptop.ok('enrollDevice', { serverUrl: server.url, code: await server.enroll('Čačak') });
    const surrender = await recordFinalSurrender(laptop, 'Marko Marković');
    expect(await laptop.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    // A team whose site is the surrender's collection point, and one with nothing yet.
    await server.admin.createTeam({
      name: 'PU Čačak',
      organisation: 'MUP',
      sites: [surrender.event.locationId!],
    });
    await server.admin.createTeam({ name: 'Granična policija jug', organisation: 'MUP' });

    await server.admin.invite(viewerEmail, 'viewer');
    const accepted = await fetch(
      `${server.url}${consoleApiPrefix}${consoleRoutes.acceptInvitation}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: new URL(server.url).origin },
        body: JSON.stringify({
          code: await inbox.codeFor(viewerEmail),
          name: 'Vida Viewer',
          password,
        }),
      },
    );
    expect(accepted.status).toBe(200);
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1200, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    await page.addInitScript(() => {
      window.__consoleCsp = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__consoleCsp?.push(`${event.effectiveDirective} ${event.blockedURI}`);
      });
    });
    await page.goto(`${server.url}/console/#/sign-in`);
    await page.getByLabel('E-mail address').fill(viewerEmail);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Reports' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await laptop?.close();
    await server?.stop();
    await inbox?.close();
  });

  it('shows a report for a jurisdiction and a period, and downloads its PDF', async () => {
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByLabel('Report').selectOption('sdg_16_4_2');
    await page.getByLabel('From').fill('2024-01-01');
    await page.getByLabel('To').fill('2024-12-31');
    await page.getByLabel('Jurisdiction (country code)').fill('RS');
    await page.getByRole('button', { name: 'Show the report' }).click();
    const report = page.getByRole('article');
    await expect
      .poll(() => report.getByRole('heading', { level: 2 }).innerText())
      .toBe('SDG indicator 16.4.2');
    const onScreen = await report.innerText();
    expect(onScreen).toContain('2024');
    await page.screenshot({ path: `${shots}/reports-en.png`, fullPage: true });

    await page.getByRole('button', { name: 'Download the PDF' }).click();
    const link = page.getByRole('link', { name: /^The PDF is ready/ });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const { text } = await pdfText(await readFile((await download.path())!));
    expect(text).toContain('SDG indicator 16.4.2');
    // The scope the page showed is the PDF's.
    const scope = await report.locator('p').nth(1).innerText();
    expect(text.replace(/\s+/g, ' ')).toContain(scope.replace(/\s+/g, ' '));
    await expect
      .poll(async () => {
        const { rows } = await server.db.query<{ actor: string; target: string }>(
          `SELECT actor, target FROM console_audit WHERE action = 'export.created'`,
        );
        return rows;
      })
      .toEqual([{ actor: viewerEmail, target: 'national_report' }]);
    expect(await page.evaluate(() => window.__consoleCsp ?? [])).toEqual([]);
  });

  it('shows a report for one team’s scope: that team’s records only, the team named', async () => {
    await page.getByLabel('Report').selectOption('iafq');
    await page.getByLabel('Jurisdiction (country code)').fill('');
    const team = page.getByLabel('Team scope');
    // By organisation (MUP, then the commission's), as the teams page lists them.
    expect(await team.locator('option').allInnerTexts()).toEqual([
      'All teams (national)',
      'Granična policija jug',
      'PU Čačak',
      'National coordination',
    ]);
    const report = page.getByRole('article');
    const weapons = report.getByRole('table', { name: 'Weapons by context' });
    const show = async (name: string) => {
      await team.selectOption({ label: name });
      await page.getByRole('button', { name: 'Show the report' }).click();
      await weapons.waitFor();
    };
    await show('PU Čačak');
    expect(await report.locator('p').nth(1).innerText()).toContain('Team scope: PU Čačak');
    expect(await weapons.locator('tbody tr').count()).toBe(1);
    expect(await weapons.locator('tbody tr').first().innerText()).toContain('Surrendered');
    await page.screenshot({ path: `${shots}/reports-team-en.png`, fullPage: true });
    await show('Granična policija jug');
    expect(await report.locator('p').nth(1).innerText()).toContain('Granična policija jug');
    expect(await weapons.locator('tbody tr').count()).toBe(0);

    // By review state: the surrender is not reviewed, so an "approved" report counts nothing,
    // and its scope says what it was limited to; the hint says what the filter leaves out.
    const review = page.getByLabel('Review', { exact: true });
    await review.selectOption({ label: 'Approved' });
    expect(await page.getByText('custody and site figures count nothing under it').count()).toBe(1);
    await show('PU Čačak');
    await expect
      .poll(() => report.locator('p').nth(1).innerText())
      .toContain('Intake records under review: approved');
    expect(await weapons.locator('tbody tr').count()).toBe(0);
    await review.selectOption({ label: 'Not reviewed' });
    await show('PU Čačak');
    await expect
      .poll(() => report.locator('p').nth(1).innerText())
      .toContain('Intake records under review: not reviewed');
    expect(await weapons.locator('tbody tr').count()).toBe(1);
    await page.screenshot({ path: `${shots}/reports-review-en.png`, fullPage: true });
    await review.selectOption({ label: 'Any' });
    await team.selectOption({ label: 'All teams (national)' });
    expect(await page.evaluate(() => window.__consoleCsp ?? [])).toEqual([]);
  });

  it('speaks Serbian, and says plainly when the period ends before it starts', async () => {
    await page.getByLabel('Language', { exact: true }).selectOption('sr-Latn');
    await page.getByLabel('Od', { exact: true }).fill('2024-12-31');
    await page.getByLabel('Do', { exact: true }).fill('2024-01-01');
    await page.getByRole('button', { name: 'Prikaži izveštaj' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).not.toBe('');
    await page.screenshot({ path: `${shots}/reports-error-sr.png`, fullPage: true });
    // A team's report in Serbian names the team's scope in its words.
    await page.getByLabel('Od', { exact: true }).fill('2024-01-01');
    await page.getByLabel('Do', { exact: true }).fill('2024-12-31');
    await page.getByLabel('Delokrug tima').selectOption({ label: 'PU Čačak' });
    await page.getByRole('button', { name: 'Prikaži izveštaj' }).click();
    await expect
      .poll(() => page.getByRole('article').locator('p').nth(1).innerText())
      .toContain('Delokrug tima: PU Čačak');
    await page.screenshot({ path: `${shots}/reports-team-sr.png`, fullPage: true });
    expect(await page.evaluate(() => window.__consoleCsp ?? [])).toEqual([]);
  });

  it('downloads the PDF in another language than the screen’s (French from a Serbian screen)', async () => {
    const documentLanguage = page.getByLabel('Jezik dokumenta');
    // The screen's language until another is chosen.
    expect(await documentLanguage.inputValue()).toBe('sr-Latn');
    await documentLanguage.selectOption('fr');
    await page.getByRole('button', { name: 'Preuzmi PDF' }).click();
    const link = page.getByRole('link', { name: /^PDF je spreman/ });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    // Named for its language, which is not the screen's.
    expect(download.suggestedFilename()).toMatch(/^report-iafq-[\d-]+-fr\.pdf$/);
    const { text } = await pdfText(await readFile((await download.path())!));
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(reportWords.fr.title.iafq);
    expect(flat).not.toContain(reportWords['sr-Latn'].title.iafq);
    // The screen stays Serbian.
    expect(await page.getByRole('button', { name: 'Prikaži izveštaj' }).count()).toBe(1);
  });
  it('offers campaigns by their names: a campaign’s report and the overview’s K12 name it', async () => {
    const campaignId = randomUUID();
    const name = 'Amnestija 2024 — Raški okrug';
    await laptop.ok('saveCampaign', {
      id: campaignId,
      name,
      jurisdiction: 'RS',
      campaignType: 'voluntary_surrender_amnesty',
      startDate: '2024-01-01',
      leadAgency: 'MUP Srbije',
      status: 'active',
    });
    await recordFinalSurrender(laptop, 'Marko Marković', undefined, {
      campaignId,
      collection: { campaignBased: true },
    });
    expect(await laptop.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    await page.getByLabel(/^(Language|Jezik)$/).selectOption('en');
    // The list is read when the page opens: open it again, as a reader coming back would.
    await page.reload();
    const campaign = page.getByLabel('Campaign', { exact: true });
    await expect
      .poll(() => campaign.locator('option').allInnerTexts())
      .toEqual(['All campaigns', name]);
    await page.getByLabel('Report').selectOption('campaign');
    await page.getByLabel('From').fill('2024-01-01');
    await page.getByLabel('To').fill('2024-12-31');
    await campaign.selectOption({ label: name });
    await page.getByRole('button', { name: 'Show the report' }).click();
    const report = page.getByRole('article');
    await expect.poll(() => report.innerText()).toContain(name);
    expect(await report.innerText()).not.toContain(campaignId);
    await page.screenshot({ path: `${shots}/reports-campaign-en.png`, fullPage: true });

    // The overview filters by the same list, and names the campaign in its figures.
    await page.getByRole('link', { name: 'Overview' }).click();
    const overview = page.getByRole('form', { name: 'Filter' });
    await overview.getByLabel('From', { exact: true }).fill('2024-01-01');
    await overview.getByLabel('To', { exact: true }).fill('2024-12-31');
    await overview.getByLabel('Campaign', { exact: true }).selectOption({ label: name });
    await overview.getByRole('button').click();
    const figures = page.getByTestId('overview-figures');
    await expect.poll(() => figures.getAttribute('aria-busy')).toBe('false');
    expect(new URL(page.url()).hash).toContain(`campaignId=${campaignId}`);
    expect(await figures.innerText()).toContain(name);
    expect(await figures.innerText()).not.toContain(campaignId);
    await page.screenshot({ path: `${shots}/overview-campaign-en.png`, fullPage: true });
    expect(await page.evaluate(() => window.__consoleCsp ?? [])).toEqual([]);
  });
});
