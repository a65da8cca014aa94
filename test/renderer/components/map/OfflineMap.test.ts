import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { RendererSession } from '../../../support/renderer-session.ts';

const shots = process.env.SALW_SCREENSHOTS;

async function shoot(page: Page, name: string): Promise<void> {
  if (shots !== undefined) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

/** The map once drawn: which view it used and how many points its marks stand for. */
async function readyMap(page: Page, renderer: 'webgl' | 'svg') {
  const map = page.locator(`.offline-map[data-renderer="${renderer}"][data-state="ready"]`);
  await map.waitFor({ timeout: 30_000 });
  return map;
}

/** Switches WebGL off in every page the context opens, as on a computer without a usable GPU. */
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
 * Issue 16, item 2: the offline map. A site's page shows it and the places inside it with no
 * request leaving the app (MapLibre on WebGL here: the test Chromium has SwiftShader); where WebGL
 * is missing the plain SVG view shows the same points; and in the intake editor a click on the map
 * (or Enter at its centre cross) fills in the coordinates the person then sees in the fields.
 */
describe('the offline map', () => {
  let session: RendererSession;
  let gradinaId = '';
  const requests: string[] = [];

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    session.page.on('request', (request) => requests.push(request.url()));
    gradinaId = await session.page.evaluate(async () => {
      const id = crypto.randomUUID();
      await window.api?.saveLocation({
        id,
        locationType: 'border_crossing_road',
        name: 'GP Gradina',
        jurisdiction: 'RS',
        lat: 43.0342,
        lon: 22.8701,
      });
      await window.api?.saveLocation({
        id: crypto.randomUUID(),
        locationType: 'evidence_room',
        name: 'Magacin Gradina',
        jurisdiction: 'RS',
        parentLocationId: id,
        lat: 43.0361,
        lon: 22.8655,
      });
      await window.api?.saveLocation({
        id: crypto.randomUUID(),
        locationType: 'inland_police_station',
        name: 'Stanica Priština',
        jurisdiction: 'XK',
        lat: 42.6629,
        lon: 21.1655,
      });
      return id;
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  const openGradina = async () => {
    const { page } = session;
    await page.goto(`${session.preview.url}#/places/locations/${gradinaId}`);
    await page.getByRole('heading', { level: 1, name: 'GP Gradina' }).waitFor();
  };

  it('shows a site and the place inside it, with nothing fetched from outside the app', async () => {
    const { page } = session;
    requests.length = 0;
    const opened = performance.now();
    await openGradina();
    const map = await readyMap(page, 'webgl');
    console.log(
      `WebGL view: drawn ${(performance.now() - opened).toFixed(0)} ms after opening the page`,
    );
    await page.getByRole('heading', { name: 'On the map' }).waitFor();
    expect(await map.getAttribute('data-shown-points')).toBe('2');
    // The canvas is the keyboard's way in, named as the map it is.
    const canvas = map.locator('canvas');
    expect(await canvas.getAttribute('aria-label')).toBe('Map of GP Gradina');
    expect(await canvas.getAttribute('tabindex')).toBe('0');
    await map.getByText('Points on the map (2)').click();
    await map.getByRole('link', { name: 'Magacin Gradina' }).waitFor();
    await shoot(page, 'site-webgl-en');
    // Reached by the keyboard (Shift+Tab from the first button), it shows its focus ring.
    await map.getByRole('button', { name: 'Zoom in' }).focus();
    await page.keyboard.press('Shift+Tab');
    expect(await canvas.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await canvas.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe(
      'solid',
    );
    await shoot(page, 'site-webgl-focus-en');

    const origin = new URL(session.preview.url).origin;
    const outside = requests.filter(
      (url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url),
    );
    expect(outside).toEqual([]);
    expect(requests.some((url) => url.endsWith('/basemap/countries.json'))).toBe(true);
    expect(await session.cspViolations()).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('places the event on the map in the editor, by a click and by Enter', async () => {
    const { page } = session;
    await page.goto(`${session.preview.url}#/records/new`);
    await page.getByRole('heading', { level: 1, name: 'New record' }).waitFor();
    const map = await readyMap(page, 'webgl');
    expect(await page.getByLabel('Latitude').inputValue()).toBe('');

    // By keyboard: Enter places the point at the centre cross (the sites, fitted in view).
    const canvas = map.locator('canvas');
    await canvas.focus();
    await page.keyboard.press('Enter');
    await page.getByText(/^Placed on the map, good to about [\d,]+ m\.$/).waitFor();
    const centre = await degreesIn(page);
    expect(centre.lat).toBeGreaterThan(42);
    expect(centre.lat).toBeLessThan(44);
    expect(centre.lon).toBeGreaterThan(20);
    expect(centre.lon).toBeLessThan(23.5);
    expect(await page.getByLabel('Accuracy (metres)').inputValue()).not.toBe('');

    // A click up and right of the centre is north and east of it.
    const box = await canvas.boundingBox();
    if (box === null) throw new Error('the map has no size');
    await canvas.click({ position: { x: box.width / 2 + 60, y: box.height / 2 - 30 } });
    await expect.poll(async () => (await degreesIn(page)).lon).toBeGreaterThan(centre.lon);
    expect((await degreesIn(page)).lat).toBeGreaterThan(centre.lat);
    await shoot(page, 'editor-webgl-placed-en');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The arrows move the map: after ArrowLeft, the centre cross is west of where it was.
    await canvas.focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(600);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await degreesIn(page)).lon).toBeLessThan(centre.lon);

    // In Serbian, the WebGL view renames the countries in place (the map stays where it is).
    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByText(/^Postavljeno na mapi/).waitFor();
    await readyMap(page, 'webgl');
    await page.waitForTimeout(500);
    await shoot(page, 'editor-webgl-sr');
    await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
    await page.getByText(/^Placed on the map/).waitFor();
    expect(session.pageErrors).toEqual([]);
  });

  it('draws the same points in a plain SVG view where WebGL is not available', async () => {
    const { page } = session;
    await page.addInitScript(withoutWebGl);
    requests.length = 0;
    await page.reload();
    await page.getByRole('navigation').first().waitFor();
    const opened = performance.now();
    await openGradina();
    const map = await readyMap(page, 'svg');
    console.log(
      `SVG view: drawn ${(performance.now() - opened).toFixed(0)} ms after opening the page`,
    );
    expect(await map.getAttribute('data-shown-points')).toBe('2');
    expect(await map.locator('canvas').count()).toBe(0);
    // Two marks (or one cluster of two), and the land drawn from the shipped basemap.
    const marks = map.locator('[data-mark]');
    expect(await marks.count()).toBeGreaterThan(0);
    expect(await map.locator('path.offline-map__land').count()).toBeGreaterThan(200);
    await map.getByText(/Plain view/).waitFor();
    await shoot(page, 'site-svg-en');
    // The map is one tab stop, its marks the next ones. The two sites, 400 m apart, are one
    // cluster; Enter on it zooms in until they part (at the closest zoom nothing is clustered).
    const view = map.getByRole('application', { name: 'Map of GP Gradina' });
    await view.focus();
    await page.keyboard.press('Tab');
    const cluster = map.getByRole('button', { name: 'Sites: 2 here, zoom in' });
    expect(await cluster.evaluate((element) => element === document.activeElement)).toBe(true);
    await shoot(page, 'site-svg-cluster-focus-en');
    for (let press = 0; press < 3; press += 1) await page.keyboard.press('Enter');
    await map.getByRole('link', { name: 'Sites: Magacin Gradina' }).waitFor();
    expect(await map.locator('[data-mark]').count()).toBe(2);
    expect(await cluster.count()).toBe(0);
    // The focus stays on the map when the cluster it was on is gone.
    expect(await view.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    await shoot(page, 'site-svg-split-en');
    await view.focus();
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect.poll(() => map.getAttribute('data-shown-points')).toBe('2');
    await shoot(page, 'site-svg-zoomed-out-en');
    // Moving the plain view redraws the whole basemap: it stays quick enough to follow the keys.
    const started = performance.now();
    for (let pan = 0; pan < 5; pan += 1) {
      await page.keyboard.press('ArrowRight');
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
    }
    const perPanMs = (performance.now() - started) / 5;
    console.log(`SVG view: ${perPanMs.toFixed(0)} ms a pan`);
    expect(perPanMs).toBeLessThan(500);
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'site-svg-dark-en');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Tab');
    await shoot(page, 'site-svg-mark-focus-en');

    const origin = new URL(session.preview.url).origin;
    expect(
      requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url)),
    ).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The editor's map in the SVG view: a click fills the fields, Enter places at the centre.
    await page.goto(`${session.preview.url}#/records/new`);
    await page.getByRole('heading', { level: 1, name: 'New record' }).waitFor();
    const editorMap = await readyMap(page, 'svg');
    const svg = editorMap.locator('svg.offline-map__svg');
    const box = await svg.boundingBox();
    if (box === null) throw new Error('the map has no size');
    await editorMap.getByRole('application').focus();
    await page.keyboard.press('Enter');
    await page.getByText(/^Placed on the map, good to about [\d,]+ m\.$/).waitFor();
    const centre = await degreesIn(page);
    await svg.click({ position: { x: box.width / 2 - 80, y: box.height / 2 + 40 } });
    await expect.poll(async () => (await degreesIn(page)).lon).toBeLessThan(centre.lon);
    expect((await degreesIn(page)).lat).toBeLessThan(centre.lat);
    await editorMap.locator('.offline-map__picked').waitFor();
    await editorMap.getByRole('application').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await degreesIn(page)).lon).toBeGreaterThan(centre.lon);
    expect((await degreesIn(page)).lat).toBeCloseTo(centre.lat, 4);
    await shoot(page, 'editor-svg-en');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // In Serbian: the map's words, and the country names in the app's own language.
    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await editorMap.getByText(/Jednostavan prikaz/).waitFor();
    await page.getByText(/^Postavljeno na mapi/).waitFor();
    await editorMap.locator('text.offline-map__name', { hasText: 'Srbija' }).waitFor();
    await editorMap.locator('text.offline-map__name', { hasText: 'Kosovo' }).waitFor();
    await shoot(page, 'editor-svg-sr');
    await openGradinaInSerbian(page, session.preview.url, gradinaId);
    await shoot(page, 'site-svg-sr');
    expect(session.pageErrors).toEqual([]);
  });
});

/** The coordinates the person sees in the editor's fields, as numbers. */
async function degreesIn(page: Page): Promise<{ lat: number; lon: number }> {
  const read = async (label: string) =>
    Number((await page.getByLabel(label).inputValue()).replace(',', '.'));
  return { lat: await read('Latitude'), lon: await read('Longitude') };
}

async function openGradinaInSerbian(page: Page, url: string, id: string): Promise<void> {
  await page.goto(`${url}#/places/locations/${id}`);
  await page.getByRole('heading', { name: 'Na mapi' }).waitFor();
  await page.locator('.offline-map[data-state="ready"]').waitFor();
}
