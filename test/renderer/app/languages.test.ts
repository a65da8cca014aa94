import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../../renderer/app/routes.ts';
import { namespaces, resources } from '../../../renderer/i18n/i18n.ts';
import { languageInfo } from '../../../shared/i18n/languages.ts';
import { supportedLanguages, type Language } from '../../../shared/settings/settings.ts';
import { recordFinalSurrender } from '../../support/final-intake.ts';
import { catalogueLeaves } from '../../support/catalogue-leaves.ts';
import { RendererSession } from '../../support/renderer-session.ts';

const textsOf = (language: Language) =>
  new Set(namespaces.flatMap((ns) => [...catalogueLeaves(resources[language][ns]).values()]));
// What i18next shows for a key it cannot find: the key, with or without its namespace.
const keys = new Set(
  namespaces.flatMap((ns) =>
    [...catalogueLeaves(resources.en[ns]).keys()].flatMap((k) => [k, `${ns}:${k}`]),
  ),
);
const english = textsOf('en');

// Every area of the app, the record editor, and a final record's page (added once it exists).
const screens: string[] = [...routes.map((route) => route as string), 'records/new'];
const laptopScreen = { width: 1366, height: 768 };
// 200% zoom on that screen: half the CSS pixels.
const zoomed = { width: 683, height: 384 };

async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (text !== '' && parent !== null && parent.checkVisibility()) out.push(text);
    }
    for (const element of document.querySelectorAll('[aria-label], [placeholder], [title]'))
      for (const name of ['aria-label', 'placeholder', 'title'])
        if (element.getAttribute(name)) out.push(element.getAttribute(name)!.trim());
    return out;
  });
}

/** The renderer's window.api as the fixture's dispatcher: the same procedures, the same checks. */
function windowApi(page: Page) {
  return {
    ok: async (procedure: string, input?: unknown) => {
      const result = await page.evaluate(
        async ([name, value]) =>
          (window.api as unknown as Record<string, (input: unknown) => Promise<unknown>>)[
            name as string
          ]!(value),
        [procedure, input] as const,
      );
      const answer = result as { ok: boolean; value?: unknown; error?: unknown };
      if (!answer.ok) throw new Error(`${procedure}: ${JSON.stringify(answer.error)}`);
      return answer.value;
    },
  };
}

/** What sticks out sideways past the window (nothing, when the page fits). */
async function overflowsSideways(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width + 1) return [];
    const wide = [...document.querySelectorAll('body *')].filter(
      (element) => element.getBoundingClientRect().right > width + 1,
    );
    return wide.length === 0
      ? [`page ${document.documentElement.scrollWidth}px wide`]
      : wide.slice(0, 3).map((element) => `${element.tagName}.${element.className}`);
  });
}

describe('every language on the main screens', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    // A final surrender (weapons, parts, ammunition, explosives): its page and the figures.
    const { event } = await recordFinalSurrender(windowApi(session.page) as never, 'Ana Petrović');
    screens.push(`records/${event.id}`);
  });

  afterAll(async () => {
    await session?.close();
  });

  it.each(supportedLanguages)(
    '%s: the language and its direction, no key, no English left, nothing spilling sideways',
    async (language) => {
      const { page } = session;
      await page.setViewportSize(laptopScreen);
      await page.evaluate((tag) => window.api!.updateSettings({ language: tag }), language);
      await page.reload();
      await page.getByRole('main').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(
        languageInfo[language].direction,
      );
      const own = textsOf(language);
      for (const screen of screens) {
        await page.evaluate((hash) => (window.location.hash = hash), `#/${screen}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        const texts = await visibleTexts(page);
        expect(
          texts.filter((text) => keys.has(text)),
          `${language} ${screen}: keys`,
        ).toEqual([]);
        if (language !== 'en') {
          // Words shown in English that this language's catalogues do not also say (a key
          // missing here falls back to English), and English month names (a runtime without
          // the language's data).
          const leftInEnglish = texts.filter(
            (text) =>
              (/\p{L}{3}/u.test(text) && english.has(text) && !own.has(text)) ||
              /\b(January|February|March|April|June|July|August|September|October|November|December)\b/.test(
                text,
              ),
          );
          expect(leftInEnglish, `${language} ${screen}: English`).toEqual([]);
        }
        // Polled: charts follow a new window size a frame later (their ResizeObserver).
        await expect
          .poll(() => overflowsSideways(page), { message: `${language} ${screen} at 1366x768` })
          .toEqual([]);
        await page.setViewportSize(zoomed);
        await expect
          .poll(() => overflowsSideways(page), { message: `${language} ${screen} at 200%` })
          .toEqual([]);
        await page.setViewportSize(laptopScreen);
      }
    },
  );

  it('ar: keeps a serial that starts with digits left to right inside the Arabic list', async () => {
    const { page } = session;
    const serial = '4411-AB/7';
    await page.evaluate(async (text) => {
      const api = window.api!;
      const draft = await api.newIntakeDraft();
      if (!draft.ok) throw new Error('newIntakeDraft failed');
      const weapons = [{ id: crypto.randomUUID(), serialNumber: text, markings: [], photos: [] }];
      const saved = await api.saveIntakeDraft({
        draft: { ...draft.value, weapons },
        expectedRevision: null,
      });
      if (!saved.ok) throw new Error('saveIntakeDraft failed');
      await api.updateSettings({ language: 'ar' });
    }, serial);
    await page.reload();
    await page.evaluate(() => (window.location.hash = '#/records'));
    const cell = page.locator('.serials .mono', { hasText: serial });
    await cell.waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    // Laid out as typed: its first character (the 4) is the leftmost one drawn.
    const order = await cell.evaluate((element) => {
      const text = element.firstChild!;
      const range = document.createRange();
      const leftOf = (index: number) => {
        range.setStart(text, index);
        range.setEnd(text, index + 1);
        return range.getBoundingClientRect().left;
      };
      return { first: leftOf(0), last: leftOf((text.textContent ?? '').length - 1) };
    });
    expect(order.first).toBeLessThan(order.last);
  });

  it('ar: mirrors a chart, names on the right of their bars', async () => {
    const { page } = session;
    await page.evaluate(() => (window.location.hash = '#/dashboard'));
    const chart = page.locator('.recharts-wrapper').first();
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    const { bar, name } = await chart.evaluate((element) => ({
      bar: element.querySelector('.recharts-bar-rectangle')!.getBoundingClientRect().right,
      // The category's name: the one label that is not a number on the value axis.
      name: [...element.querySelectorAll('text')]
        .find((text) => /\p{L}/u.test(text.textContent ?? ''))!
        .getBoundingClientRect().left,
    }));
    expect(name).toBeGreaterThanOrEqual(bar);
  });
});
