import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../../packaging/chromium.ts';
import { createMailer } from '../../../../../server/console/mailer.ts';
import { reviewRoutes } from '../../../../../shared/console/review-api.ts';
import { PushResponseSchema, type Mutation } from '../../../../../shared/sync/protocol.ts';
import { borderSeizure } from '../../../../unit/shared/domain/fixtures.ts';
import { consoleSession, consoleTestPassword } from '../../../../support/console-session.ts';
import {
  mutation,
  newRecordId,
  syncClient,
  withFreshItemIds,
} from '../../../../support/sync-client.ts';
import { startSyncServer, type SyncServerHandle } from '../../../../support/sync-server.ts';

const shots = '/tmp/shots-pages-admin';
const recordNumber = 'BP7QX-00042';

/**
 * The console's audit log in Chromium, against a real server on loopback: a laptop pushes a
 * numbered final record over HTTP, a reviewer approves it through the console's API, and an
 * administrator reads the log in English and Serbian. The review's line names the record by its
 * number (not its id) as a link the keyboard reaches and follows to the record's page.
 */
describe('console: the audit log in Chromium', () => {
  let server: SyncServerHandle;
  let browser: Browser;
  const log: string[] = [];
  let recordId: string;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startSyncServer({
      backend: 'pglite',
      mailer: createMailer({ smtpUrl: undefined, from: 'c@localhost', warn: (m) => log.push(m) }),
    });
    const laptop = syncClient(server.url, await server.enrollDevice('Border laptop Batrovci'));
    let next = 1;
    const push = async (partial: Partial<Mutation> & { entityId: string }) => {
      const response = await laptop.push([mutation({ ...partial, mutationId: next })]);
      next += 1;
      const result = PushResponseSchema.parse(response.json).results[0];
      expect(result?.outcome, result?.message ?? '').toBe('applied');
    };
    const placeId = newRecordId();
    await push({
      entity: 'location',
      entityId: placeId,
      op: 'create',
      fields: { locationType: 'border_crossing_road', name: 'Batrovci', jurisdiction: 'RS' },
    });
    const { id: _id, status: _s, revision: _r, ...fields } = borderSeizure();
    recordId = newRecordId();
    await push({
      entityId: recordId,
      op: 'create',
      fields: {
        ...fields,
        // Numbered as the laptop numbers its records: the log names the record by it.
        recordNumber,
        ...withFreshItemIds(fields),
        locationId: placeId,
      },
    });
    await push({ entityId: recordId, op: 'finalise', baseRev: 1, fields: {} });
    const reviewer = await consoleSession(server, log, 'reviewer@example.org', 'reviewer');
    const reviewed = await reviewer.post(reviewRoutes.review, {
      recordIds: [recordId],
      state: 'approved',
    });
    expect(reviewed.status, reviewed.text).toBe(200);
    await consoleSession(server, log, 'admin@example.org', 'administrator');
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function auditLog(language: 'en' | 'sr-Latn'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 850 } });
    await context.addInitScript(
      (lang) => window.localStorage.setItem('salw-console-language', lang),
      language,
    );
    const page = await context.newPage();
    await page.goto(`${server.url}/console/#/audit`);
    await page.locator('input[type="email"]').fill('admin@example.org');
    await page.locator('input[type="password"]').fill(consoleTestPassword);
    await page.locator('form button[type="submit"]').click();
    await page.locator('nav').waitFor();
    return page;
  }

  it.each([
    { language: 'en', action: 'Reviewed a record' },
    { language: 'sr-Latn', action: 'Pregledao zapis' },
  ] as const)(
    '$language: the review names the record by its number, a link the keyboard follows to its page',
    async ({ language, action }) => {
      const page = await auditLog(language);
      const line = page.getByRole('row').filter({ hasText: action });
      await expect.poll(() => line.count()).toBe(1);
      const link = line.getByRole('link', { name: recordNumber, exact: true });
      expect(await link.getAttribute('href')).toBe(`#/records/${recordId}`);
      // The number, not the stored id; no other line (sign-ins, invitations) is a link.
      expect(await line.innerText()).not.toContain(recordId);
      expect(await page.getByRole('table').getByRole('link').count()).toBe(1);
      await page.screenshot({ path: `${shots}/audit-${language}.png`, fullPage: true });

      // Tab from the action's cell (a click there is where the next Tab starts from), Enter.
      await line.getByRole('cell', { name: action, exact: true }).click();
      await page.keyboard.press('Tab');
      expect(await link.evaluate((element) => element === document.activeElement)).toBe(true);
      await page.screenshot({ path: `${shots}/audit-link-focused-${language}.png` });
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).innerText())
        .toContain(recordNumber);
      expect(new URL(page.url()).hash).toBe(`#/records/${recordId}`);
      await page.context().close();
    },
  );
});
