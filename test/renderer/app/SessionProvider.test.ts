import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RendererSession } from '../../support/renderer-session.ts';

declare global {
  interface Window {
    /** Set by a test: survives only as long as the document does (no reload). */
    __sameDocument?: boolean;
  }
}

const inactivityNotice =
  'SALW Field locked itself because it was not used for a while. Unlock it to continue.';

describe('the session gate in the browser preview', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('returns to the unlock screen at once when main locks by itself, and says it was for inactivity', async () => {
    const { page } = session;
    await page.evaluate(() => {
      window.__sameDocument = true;
    });
    // What the idle lock (or another window) does: main locks and pushes sessionChanged.
    await page.evaluate(() => window.api!.lock());
    await page.getByRole('heading', { level: 1, name: 'Unlock SALW Field' }).waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(inactivityNotice);
    // The event did it, not a reload.
    expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
  });

  it('drops the notice once unlocked, and does not show it after the Lock button', async () => {
    const { page } = session;
    await page.getByLabel('Passphrase', { exact: true }).fill(session.person!.passphrase);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('navigation').waitFor();
    await page.getByRole('button', { name: 'Lock SALW Field now' }).click();
    await page.getByRole('heading', { level: 1, name: 'Unlock SALW Field' }).waitFor();
    expect(await page.getByText(inactivityNotice).count()).toBe(0);
  });

  it('shows who is signed in, and Lock is the next stop after the navigation for the keyboard', async () => {
    const { page } = session;
    await session.unlock();
    const signedIn = page.getByRole('region', { name: 'Signed in as' });
    await expect(signedIn.getByTestId('signed-in-name').textContent()).resolves.toBe(
      'Ana Petrović',
    );
    await expect(signedIn.getByTestId('signed-in-role').textContent()).resolves.toBe(
      'Administrator',
    );
    await page.getByRole('navigation').getByRole('link', { name: 'About' }).focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(focused).toBe('Lock SALW Field now');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Unlock SALW Field' }).waitFor();
  });

  it('reports activity while unlocked, at most once every 30 seconds', async () => {
    const { page } = session;
    const reports: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/__bridge/call/reportActivity')) reports.push(request.url());
    });
    // A clock the test moves, installed before the app starts so every timer uses it.
    await page.clock.install();
    await session.unlock();
    await page.clock.fastForward(31_000);
    const first = page.waitForRequest('**/__bridge/call/reportActivity');
    await page.keyboard.press('Shift');
    await first;
    await page.mouse.wheel(0, 40);
    await page.keyboard.press('Shift');
    await page.clock.fastForward(10_000);
    await page.mouse.click(600, 400);
    expect(reports).toHaveLength(1);

    await page.clock.fastForward(25_000);
    const second = page.waitForRequest('**/__bridge/call/reportActivity');
    await page.mouse.wheel(0, -40);
    await second;
    expect(reports).toHaveLength(2);
  });

  it('ran without a script error or a CSP violation', async () => {
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});
