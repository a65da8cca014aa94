import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../../../../packaging/chromium.ts';
import { CONTENT_SECURITY_POLICY } from '../../../../../shared/security/content-security-policy.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../../support/dispatched-app.ts';
import { consoleResources } from '../../../../../server/web/i18n/i18n.ts';
import { languageInfo } from '../../../../../shared/i18n/languages.ts';
import { supportedLanguages, type Language } from '../../../../../shared/settings/settings.ts';
import { catalogueLeaves } from '../../../../support/catalogue-leaves.ts';
import { SmtpInbox } from '../../../../support/smtp-inbox.ts';
import { startSyncServer, type SyncServerHandle } from '../../../../support/sync-server.ts';

const shots = '/tmp/shots-console';

const consoleTexts = (language: Language) =>
  new Set(
    Object.values(consoleResources[language]).flatMap((ns) => [...catalogueLeaves(ns).values()]),
  );
const consoleEnglish = consoleTexts('en');
const consoleKeys = new Set(
  Object.entries(consoleResources.en).flatMap(([ns, catalogue]) =>
    [...catalogueLeaves(catalogue).keys()].flatMap((key) => [key, `${ns}:${key}`]),
  ),
);
const strongPassword = 'Granica-Sever-2026!';
// window.__cspViolations is declared by renderer-session.ts, which collects them the same way.

/**
 * The web console in Chromium, served by a real sync server (PGlite) whose mail goes to a real
 * SMTP server on loopback: the way a national coordinator meets it.
 */
describe('the web console in a browser', () => {
  let server: SyncServerHandle;
  let inbox: SmtpInbox;
  let browser: Browser;
  let now = new Date();
  const contexts: BrowserContext[] = [];
  const laptops: DispatchedApp[] = [];

  async function openPage(path = ''): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 820 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations?.push({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
        });
      });
    });
    await page.goto(`${server.url}/console/${path}`);
    return page;
  }

  async function expectNoCspViolations(page: Page): Promise<void> {
    expect(await page.evaluate(() => window.__cspViolations ?? [])).toEqual([]);
  }

  beforeAll(async () => {
    await mkdir(shots, { recursive: true });
    inbox = await SmtpInbox.start();
    server = await startSyncServer({
      backend: 'pglite',
      clock: () => now,
      mailer: inbox.mailer(),
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    for (const laptop of laptops) await laptop.close();
    await server?.stop();
    await inbox?.close();
  });

  it('serves the console with the renderer’s strict CSP', async () => {
    const response = await fetch(`${server.url}/console/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('takes an invited administrator from the mailed code to a signed-in console, refusing a weak password plainly', async () => {
    await server.admin.invite('ana@salw.test', 'administrator');
    const code = await inbox.codeFor('ana@salw.test');
    const page = await openPage('#/accept');
    await page.getByLabel('Invitation code').fill(code);
    await page.getByLabel('Your name').fill('Ana Petrović');
    const password = page.getByLabel('Password', { exact: true });
    await password.fill('weak pass');
    // The requirements tick off live.
    const requirements = page.locator('.console-requirements');
    await expect
      .poll(() => requirements.locator('.is-missing').allInnerTexts())
      .toEqual(
        [
          'at least 12 characters',
          'no spaces',
          'an upper-case letter',
          'a digit',
          'a symbol, such as ! or -',
        ].map((text) => expect.stringContaining(text)),
      );
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toBe(
        'The password is not strong enough yet: it still needs at least 12 characters, no spaces, an upper-case letter, a digit, a symbol, such as ! or -.',
      );
    await page.screenshot({ path: `${shots}/accept-weak-password-en.png`, fullPage: true });
    await password.fill(strongPassword);
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    expect(await page.getByText('Signed in as Ana Petrović (Administrator)').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(1);
    // The session cookie is out of the page's reach.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await expectNoCspViolations(page);
  });

  it('says plainly that an expired code has expired', async () => {
    await server.admin.invite('late@salw.test', 'viewer');
    const code = await inbox.codeFor('late@salw.test');
    now = new Date(now.getTime() + 31 * 60_000);
    const page = await openPage('#/accept');
    await page.getByLabel('Invitation code').fill(code);
    await page.getByLabel('Your name').fill('Late Comer');
    await page.getByLabel('Password', { exact: true }).fill(strongPassword);
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toBe('This code has expired: codes work for 30 minutes. Ask for a new one.');
    await expectNoCspViolations(page);
  });

  it('signs in, invites a reviewer, enrolls a laptop that then syncs, in English and Serbian', async () => {
    const page = await openPage();
    await page.getByLabel('E-mail address').fill('ana@salw.test');
    await page.getByLabel('Password').fill('Not-The-Password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toBe('The e-mail address or the password is wrong. Wait 1 second before trying again.');
    await page.screenshot({ path: `${shots}/sign-in-failed-en.png`, fullPage: true });
    now = new Date(now.getTime() + 1000);
    await page.getByLabel('Password').fill(strongPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();

    // Invite a reviewer from the console; the code arrives by mail.
    await page.getByRole('link', { name: 'People with accounts' }).click();
    await page.getByLabel('E-mail address').fill('boris@salw.test');
    await page.getByLabel('Role', { exact: true }).selectOption('reviewer');
    // The mail speaks the console's language unless the administrator picks another.
    expect(await page.getByLabel('Language of the mail').inputValue()).toBe('en');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByText('Invitation sent to boris@salw.test').waitFor();
    expect(await inbox.codeFor('boris@salw.test')).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    expect((await inbox.readFor('boris@salw.test')).subject).toBe(
      'Your invitation to the SALW Field console',
    );
    await page.screenshot({ path: `${shots}/accounts-en.png`, fullPage: true });

    // Enroll a laptop into a team: the code and QR code on screen, the laptop enrolls with them
    // and syncs, and is listed with its team.
    await server.admin.createTeam({ name: 'Granična policija sever', organisation: 'MUP' });
    await page.getByRole('link', { name: 'Devices' }).click();
    await page.getByLabel('Laptop name').fill('Border police laptop 2');
    const team = page.getByLabel('Team', { exact: true });
    expect(await team.locator('option').allInnerTexts()).toEqual([
      'The default national team',
      'Granična policija sever',
      'National coordination',
    ]);
    await team.selectOption({ label: 'Granična policija sever' });
    await page.getByRole('button', { name: 'Make an enrollment code' }).click();
    const code = await page.getByTestId('enrollment-code').innerText();
    const serverUrl = await page.getByTestId('enrollment-server').innerText();
    expect(serverUrl).toBe(server.url);
    expect(await page.getByTestId('enrollment-team').innerText()).toBe('Granična policija sever');
    expect(
      await page.getByRole('img', { name: 'QR code with the server address and the code' }).count(),
    ).toBe(1);
    await page.screenshot({ path: `${shots}/devices-enroll-en.png`, fullPage: true });

    const laptop = await startDispatchedApp({
      prefix: 'console-laptop',
      sync: { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 },
    });
    laptops.push(laptop);
    await setUpFirstPerson(laptop, { name: 'Marko Petrović' });
    expect(await page.getByText('No laptop is enrolled yet.').count()).toBe(1);
    await laptop.ok('enrollDevice', { serverUrl, code });
    // The page sees the laptop enrolled without a reload: the spent code gives way to words
    // saying so, and the laptop is listed with its team.
    await expect
      .poll(() =>
        page.getByRole('status').filter({ hasText: 'Border police laptop 2' }).innerText(),
      )
      .toBe('Border police laptop 2 has enrolled with this code: it is in the list below.');
    expect(await page.getByTestId('enrollment-code').count()).toBe(0);
    const row = page.getByRole('row', { name: /Border police laptop 2/ });
    expect((await row.getByRole('cell').allInnerTexts()).slice(0, 2)).toEqual([
      'Granična policija sever',
      'Active',
    ]);
    await page.screenshot({ path: `${shots}/devices-enrolled-en.png`, fullPage: true });

    const draft = await laptop.ok('newIntakeDraft');
    await laptop.ok('saveIntakeDraft', { draft, expectedRevision: null });
    const status = await laptop.ok('syncNow');
    expect(status).toMatchObject({ pendingChanges: 0, lastError: null });

    // The administrator comes back to the window (the focus it gets back, as a browser sends
    // it): its sync shows without a reload. Last seen and last sync, the app version too.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => row.getByRole('cell').nth(3).innerText()).not.toBe('never');
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells[2]).not.toBe('never');
    expect(cells[4]).not.toBe('');
    await page.screenshot({ path: `${shots}/devices-en.png`, fullPage: true });
    await expectNoCspViolations(page);

    // The same pages in Serbian; without a team chosen, the default national team, said so.
    await page.getByLabel('Language').selectOption('sr-Latn');
    await page.getByRole('heading', { name: 'Uređaji' }).waitFor();
    await page.getByLabel('Naziv laptopa').fill('Laptop komisije');
    await page
      .getByLabel('Tim', { exact: true })
      .selectOption({ label: 'Podrazumevani nacionalni tim' });
    await page.getByRole('button', { name: 'Napravi kôd za upis' }).click();
    await expect
      .poll(() => page.getByTestId('enrollment-team').innerText())
      .toBe('National coordination (podrazumevani)');
    await page.screenshot({ path: `${shots}/devices-sr.png`, fullPage: true });
    await page.getByRole('link', { name: 'Osobe sa nalozima' }).click();
    await page.getByLabel('Adresa e-pošte').fill('milan@salw.test');
    expect(await page.getByLabel('Jezik poruke').inputValue()).toBe('sr-Latn');
    await page.getByRole('button', { name: 'Pošalji pozivnicu' }).click();
    await page.getByText('Pozivnica je poslata na milan@salw.test').waitFor();
    const serbianMail = await inbox.readFor('milan@salw.test');
    expect(serbianMail.subject).toBe('Poziv u konzolu SALW Field');
    expect(serbianMail.text).toContain('Pozvani ste u konzolu SALW Field kao posmatrač.');
    await page.screenshot({ path: `${shots}/accounts-sr.png`, fullPage: true });
    await page.getByRole('link', { name: 'Dnevnik radnji' }).click();
    await page.getByRole('cell', { name: 'Napravio kôd za upis' }).first().waitFor();
    await page.screenshot({ path: `${shots}/audit-sr.png`, fullPage: true });
    await page.getByRole('link', { name: 'Sukobi' }).click();
    await page.getByText('Nema otvorenih sukoba.').waitFor();
    await page.screenshot({ path: `${shots}/conflicts-sr.png`, fullPage: true });
    await page.getByRole('button', { name: 'Odjava' }).click();
    await page.getByRole('heading', { name: 'Prijava' }).waitFor();
    await page.screenshot({ path: `${shots}/sign-in-sr.png`, fullPage: true });
    await expectNoCspViolations(page);
  });

  it('cannot be used cross-site: another origin’s request carries no cookie and is refused', async () => {
    const page = await openPage();
    await page.getByLabel('E-mail address').fill('ana@salw.test');
    await page.getByLabel('Password').fill(strongPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    // "localhost" is another site than "127.0.0.1" to the browser: a page there posting to the
    // console gets neither the SameSite=Strict cookie nor past the Origin check.
    const other = server.url.replace('127.0.0.1', 'localhost');
    await page.goto(`${other}/console/`);
    const status = await page.evaluate(async (target) => {
      const response = await fetch(`${target}/console/api/accounts/invite`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ email: 'evil@salw.test', role: 'administrator' }),
      }).catch(() => null);
      return response?.status ?? 0;
    }, server.url);
    // Either the browser's CSP stops it (connect-src 'self') or the server refuses it.
    expect([0, 403, 415]).toContain(status);
    expect(inbox.countFor('evil@salw.test')).toBe(0);
  });

  it('opens a bookmarked page once its person has signed in, and asks for no icon that is not there', async () => {
    const page = await openPage('#/devices');
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 404) missing.push(response.url());
    });
    await page.getByLabel('E-mail address').fill('ana@salw.test');
    await page.getByLabel('Password').fill(strongPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/devices');
    expect(await page.getByRole('link', { name: 'Devices' }).getAttribute('aria-current')).toBe(
      'page',
    );
    // The console's icon is the laptop app's, bundled with it: no /favicon.ico asked for and missed.
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toMatch(/^\/console\/assets\/favicon-[\w-]+\.svg$/);
    expect((await fetch(`${server.url}${icon}`)).headers.get('content-type')).toContain(
      'image/svg+xml',
    );
    expect(missing).toEqual([]);
  });

  it('shows every page in every language: its direction, no key, no English, nothing spilling sideways', async () => {
    const page = await openPage();
    await page.getByLabel('E-mail address').fill('ana@salw.test');
    await page.getByLabel('Password').fill(strongPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Console' });
    await nav.waitFor();
    const pages = await nav
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(pages.length).toBeGreaterThan(5);
    for (const language of supportedLanguages) {
      await page.evaluate(
        (tag) => window.localStorage.setItem('salw-console-language', tag),
        language,
      );
      const own = consoleTexts(language);
      // The console reads its language when it starts: one load per language.
      await page.reload();
      // Named in the page's language now.
      await page.getByRole('navigation').first().waitFor();
      for (const href of pages) {
        await page.evaluate((hash) => (window.location.hash = hash), href);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.evaluate(() => document.documentElement.dir)).toBe(
          languageInfo[language].direction,
        );
        const texts = await page.evaluate(() => {
          const out: string[] = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
            const text = node.textContent?.trim() ?? '';
            if (text !== '' && node.parentElement?.checkVisibility()) out.push(text);
          }
          return out;
        });
        expect(
          texts.filter((text) => consoleKeys.has(text)),
          `${language} ${href}: keys`,
        ).toEqual([]);
        if (language !== 'en') {
          const english = texts.filter(
            (text) => /\p{L}{3}/u.test(text) && consoleEnglish.has(text) && !own.has(text),
          );
          expect(english, `${language} ${href}: English`).toEqual([]);
        }
        expect(
          await page.evaluate(
            () => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
          ),
          `${language} ${href}: sideways`,
        ).toBe(false);
      }
      if (language === 'ar' || language === 'sq' || language === 'mk')
        await page.screenshot({ path: `${shots}/overview-${language}.png`, fullPage: true });
    }
    await page.evaluate(() => window.localStorage.setItem('salw-console-language', 'en'));
  });
});
