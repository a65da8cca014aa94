import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxRows } from '../../../../../electron/services/xlsx-rows.ts';
import { launchChromium } from '../../../../../packaging/chromium.ts';
import { consoleApiPrefix, consoleRoutes } from '../../../../../shared/console/api.ts';
import { itemRefKindOf } from '../../../../../shared/custody/item-custody.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../../support/dispatched-app.ts';
import { recordFinalSurrender, surrenderSerials } from '../../../../support/final-intake.ts';
import { SmtpInbox } from '../../../../support/smtp-inbox.ts';
import { startSyncServer, type SyncServerHandle } from '../../../../support/sync-server.ts';
import { tinyPng } from '../../../../support/tiny-png.ts';

const manual = { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 };
const password = 'Granica-Sever-2026!';
const viewerEmail = 'vuk@salw.test';
const shots = '/tmp/shots-pages-data';
const pistolSerial = surrenderSerials[1];
const amendedNotes = 'Handed in by the owner’s son; the owner died in 2019.';
/** Long, as a real one can be: the history's cell wraps it. */
const amendmentReason =
  'The notes named the wrong person: the son handed the weapons in, as his statement of 4 March says';

declare global {
  interface Window {
    __consoleCsp?: string[];
  }
}

/**
 * A viewer finds a weapon by its serial in the register, opens its record and reads its custody
 * timeline with the seal's check: valid as the laptop sealed it, broken once the stored record
 * is changed behind the seal. The register's rows download as XLSX, read back with the app's own
 * reader, and the export is in the console's audit log.
 */
describe('the console records register in Chromium', () => {
  let server: SyncServerHandle;
  let inbox: SmtpInbox;
  let laptop: DispatchedApp;
  let browser: Browser;
  let page: Page;
  let transferId: string;
  let intakeId: string;
  let collectionPointId: string;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    inbox = await SmtpInbox.start();
    server = await startSyncServer({ backend: 'pglite', mailer: inbox.mailer() });
    laptop = await startDispatchedApp({ prefix: 'console-register', sync: manual });
    const { passphrase } = await setUpFirstPerson(laptop, { name: 'Amina Hadžić' });
    await laptop.ok('enrollDevice', { serverUrl: server.url, code: await server.enroll('Čačak') });
    const intake = await recordFinalSurrender(laptop, 'Amina Hadžić');
    intakeId = intake.event.id;
    collectionPointId = intake.event.locationId!;
    const store = {
      id: randomUUID(),
      locationType: 'storage_site' as const,
      name: 'Centralni magacin',
      jurisdiction: 'RS' as const,
    };
    await laptop.ok('saveLocation', store);
    const items = await laptop.ok('pickItems', { intakeEventId: intakeId });
    const signature = await laptop.ok('addPhoto', {
      dataBase64: tinyPng([0, 0, 0]).toString('base64'),
      kind: 'signature',
    });
    const at = '2024-03-05T09:30:00+01:00';
    ({ id: transferId } = await laptop.ok('recordCustodyTransfer', {
      transfer: {
        items: items
          .filter((item) => item.kind === 'weapon')
          .map((item) => ({ kind: itemRefKindOf.weapon, id: item.id })) as never,
        fromHolder: {
          name: 'Amina Hadžić',
          unit: 'PU Čačak',
          locationId: intake.event.locationId!,
        },
        toHolder: { name: 'Jelena Ilić', unit: 'Centralni magacin', locationId: store.id },
        transferredAt: at,
        purpose: 'to_storage',
        handoverSignature: { signedBy: 'Amina Hadžić', signedAt: at, image: signature },
        receiptSignature: { signedBy: 'Jelena Ilić', signedAt: at, image: signature },
      },
      passphrase,
    }));
    // The intake's notes corrected after it was final: an amendment, with its reason.
    const final = await laptop.ok('getIntake', { id: intakeId });
    await laptop.ok('amendIntake', {
      draft: { ...(final.event as object), status: 'draft', notes: amendedNotes } as never,
      expectedRevision: final.revision,
      reason: amendmentReason,
    });
    expect(await laptop.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });

    await server.admin.invite(viewerEmail, 'viewer');
    const accepted = await fetch(
      `${server.url}${consoleApiPrefix}${consoleRoutes.acceptInvitation}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: new URL(server.url).origin },
        body: JSON.stringify({
          code: await inbox.codeFor(viewerEmail),
          name: 'Vuk Viewer',
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
    await page.getByRole('link', { name: 'Records register' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await laptop?.close();
    await server?.stop();
    await inbox?.close();
  });

  it('finds a weapon by serial and shows its custody timeline with a valid seal, then a broken one', async () => {
    await page.getByRole('link', { name: 'Records register' }).click();
    await page.getByLabel('Serial number').fill(pistolSerial);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const table = page.getByRole('table', { name: 'Records register' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').innerText()).toContain(pistolSerial);
    expect(page.url()).toContain(`serial=${encodeURIComponent(pistolSerial)}`);
    await page.screenshot({ path: `${shots}/register-en.png`, fullPage: true });

    await table.getByRole('link').click();
    const item = page.locator('.console-item', { hasText: pistolSerial });
    await expect.poll(() => item.locator('.console-timeline__step').count()).toBe(1);
    const step = item.locator('.console-timeline__step');
    expect(await step.innerText()).toContain('Custody transfer');
    expect(await step.innerText()).toContain('From Amina Hadžić, PU Čačak');
    expect(await step.locator('.console-seal').innerText()).toBe('Seal valid');
    await expect.poll(() => page.getByRole('heading', { name: 'Photos' }).count()).toBe(1);
    await page.screenshot({ path: `${shots}/record-en.png`, fullPage: true });

    // Someone with the database's keys moves the weapons elsewhere, behind the seal.
    await server.db.query(
      `UPDATE records SET data = jsonb_set(data, '{toHolder,name}', '"Nepoznato lice"') WHERE id = $1`,
      [transferId],
    );
    await page.reload();
    await expect.poll(() => step.locator('.console-seal').innerText()).toBe('Seal broken');
    await page.screenshot({ path: `${shots}/record-broken-seal-en.png`, fullPage: true });

    await page.getByLabel('Language').selectOption('sr-Latn');
    await expect.poll(() => step.locator('.console-seal').innerText()).toBe('Pečat narušen');
    await page.screenshot({ path: `${shots}/record-broken-seal-sr.png`, fullPage: true });
    await page.getByLabel('Jezik').selectOption('en');
    expect(await page.evaluate(() => window.__consoleCsp ?? [])).toEqual([]);
  });

  it('shows the record’s history with each change named and an amendment’s reason', async () => {
    await page.goto(`${server.url}/console/#/records/${intakeId}`);
    await page.reload();
    // Found by its section, not its words: the same cells are read again in Serbian.
    const history = page.locator('section[aria-labelledby="record-history"] table');
    await expect.poll(() => page.getByRole('region', { name: 'History' }).count()).toBe(1);
    const rows = history.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    const last = rows.last();
    expect(await last.locator('td').nth(1).innerText()).toBe(`Amended\nReason: ${amendmentReason}`);
    // The fields in words, as the laptop names them.
    expect(await last.locator('td').nth(4).innerText()).toBe('Notes');
    expect(await rows.first().locator('td').nth(4).innerText()).toContain('Recording officer');
    // Every earlier change is named too, and none has a reason.
    for (const text of await rows.locator('td:nth-child(2)').allInnerTexts()) {
      expect(['Created', 'Edited', 'Finalised', 'Amended']).toContain(text.split('\n')[0]);
    }
    expect(await history.getByText('Reason:').count()).toBe(1);
    await last.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/record-history-en.png`, fullPage: true });

    await page.getByLabel('Language').selectOption('sr-Latn');
    await expect
      .poll(() => last.locator('td').nth(1).innerText())
      .toBe(`Zaključen zapis izmenjen\nRazlog: ${amendmentReason}`);
    expect(await last.locator('td').nth(4).innerText()).toBe('Napomene');
    await page.screenshot({ path: `${shots}/record-history-sr.png`, fullPage: true });
    await page.getByLabel('Jezik').selectOption('en');
  });

  it('downloads the register’s rows as XLSX with the table’s filter, and the audit log says so', async () => {
    await page.goto(`${server.url}/console/#/records/?kind=weapon`);
    await page.reload();
    const table = page.getByRole('table', { name: 'Records register' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Excel (XLSX)' }).click(),
    ]);
    const bytes = await readFile((await download.path())!);
    const rows = [...xlsxRows(() => [bytes])];
    const header = rows.findIndex((row) => row[0] === 'Item id');
    const data = rows.slice(header + 1).filter((row) => row.some((cell) => cell !== ''));
    expect(data.map((row) => row[4]).sort()).toEqual([...surrenderSerials].sort());
    await expect
      .poll(async () => {
        const { rows: entries } = await server.db.query<{ actor: string; target: string }>(
          `SELECT actor, target FROM console_audit WHERE action = 'export.created'`,
        );
        return entries;
      })
      .toEqual([{ actor: viewerEmail, target: 'register_export' }]);

    // A search that finds nothing says so, and offers no export of nothing.
    await page.goto(`${server.url}/console/#/records/?serial=ZZZZ-none`);
    await page.reload();
    await expect.poll(() => page.getByText('No items match this search.').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Excel (XLSX)' }).count()).toBe(0);
    await page.screenshot({ path: `${shots}/register-empty-en.png`, fullPage: true });
    expect(await page.evaluate(() => window.__consoleCsp ?? [])).toEqual([]);
  });

  it('searches and exports one team’s scope: the items its laptops receive', async () => {
    const { team } = await server.admin.createTeam({
      name: 'PU Čačak',
      organisation: 'MUP',
      sites: [collectionPointId],
    });
    await server.admin.createTeam({ name: 'Granična policija jug', organisation: 'MUP' });
    await page.goto(`${server.url}/console/#/records/?kind=weapon`);
    await page.reload();
    const table = page.getByRole('table', { name: 'Records register' });
    const teamScope = page.getByLabel('Team scope');
    await teamScope.selectOption({ label: 'PU Čačak' });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(page.url()).toContain(`teamId=${team.id}`);
    // The export asks for the same team's rows.
    expect(await page.getByRole('link', { name: 'CSV' }).getAttribute('href')).toContain(
      `teamId=${team.id}`,
    );
    await page.screenshot({ path: `${shots}/register-team-en.png`, fullPage: true });
    await teamScope.selectOption({ label: 'Granična policija jug' });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByText('No items match this search.').count()).toBe(1);
    await page.getByLabel('Language').selectOption('sr-Latn');
    await page.getByLabel('Delokrug tima').waitFor();
    await page.screenshot({ path: `${shots}/register-team-sr.png`, fullPage: true });
    await page.getByLabel('Jezik').selectOption('en');
    expect(await page.evaluate(() => window.__consoleCsp ?? [])).toEqual([]);
  });
});
