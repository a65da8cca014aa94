import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventListenerKey, eventNames, procedureNames } from '../../../shared/ipc/contract.ts';
import { seriousAxeViolations } from '../../support/axe.ts';
import { RendererSession } from '../../support/renderer-session.ts';

describe('app shell in the browser preview', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens on Records, with every area of the app in the navigation', async () => {
    const { page } = session;
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Records');
    const links = await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link')
      .allTextContents();
    expect(links).toEqual([
      'Records',
      'Items',
      'Custody',
      'Tracing',
      'Locations & campaigns',
      'Dashboard',
      'Reports',
      'Sync',
      'Settings',
      'About',
    ]);
    expect(await page.title()).toBe('Records · SALW Field');
  });

  it('moves between areas and marks the current one', async () => {
    const { page } = session;
    for (const area of [
      'Items',
      'Custody',
      'Tracing',
      'Locations & campaigns',
      'Dashboard',
      'Sync',
      'Settings',
      'About',
      'Records',
    ]) {
      await session.goTo(area);
      // The page changes after the click; wait for it instead of reading the old one.
      const title =
        area === 'About'
          ? 'About SALW Field'
          : area === 'Locations & campaigns'
            ? 'Locations'
            : area === 'Custody'
              ? 'Storage sites'
              : area === 'Tracing'
                ? 'Trace requests'
                : area;
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const current = page
        .getByRole('navigation', { name: 'Main navigation' })
        .locator('[aria-current="page"]');
      await current.filter({ hasText: area }).waitFor();
      await expect(current.textContent()).resolves.toBe(area);
    }
  });

  it('S9: window.api in the page has exactly the contract keys, is frozen, and holds only functions', async () => {
    const shape = await session.page.evaluate(() => {
      const api = window.api as unknown as Record<string, unknown>;
      return {
        keys: Object.keys(api).sort(),
        frozen: Object.isFrozen(api),
        allFunctions: Object.values(api).every((value) => typeof value === 'function'),
      };
    });
    const expected = [...procedureNames, ...eventNames.map(eventListenerKey)].sort();
    expect(shape).toEqual({ keys: expected, frozen: true, allFunctions: true });
  });

  it('is usable from the keyboard: skip link first, then the navigation', async () => {
    const { page } = session;
    // A fresh document, as after opening the app: nothing has focus yet.
    await page.reload();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => document.activeElement?.textContent);
    expect(skip).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');

    await page.keyboard.press('Shift+Tab');
    // Walk forward from the top until the Settings link has focus, then open it with Enter.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // The Records list has its own controls (search, filters, date inputs with a stop per part),
    // which come before the wrap-around to the top.
    for (let step = 0; step < 60; step += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent);
      if (focused === 'Settings') break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  });

  it('has no serious or critical accessibility violations on any area, in light and dark themes', async () => {
    const { page } = session;
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((value) => window.api?.updateSettings({ theme: value }), theme);
      await page.waitForFunction(
        (value) => document.documentElement.dataset.theme === value,
        theme,
      );
      for (const area of [
        'Records',
        'Items',
        'Custody',
        'Tracing',
        'Locations & campaigns',
        'Dashboard',
        'Sync',
        'Settings',
        'About',
      ]) {
        await session.goTo(area);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        if (area === 'About') await page.getByTestId('about-version').waitFor();
        expect(await seriousAxeViolations(page), `${area} (${theme})`).toEqual([]);
      }
    }
  });

  it('ran the whole tour without a script error or a CSP violation', async () => {
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});
