import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RendererSession } from '../../../../support/renderer-session.ts';

const shots = process.env.SALW_SCREENSHOTS;

async function shoot(page: Page, name: string): Promise<void> {
  if (shots !== undefined)
    await page.locator('.offline-map').screenshot({ path: `${shots}/${name}.png` });
}

/** Holds every request matching `pattern` until `release()`; `requested` settles on the first. */
async function hold(page: Page, pattern: string) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let requested: () => void = () => undefined;
  const firstRequest = new Promise<void>((resolve) => {
    requested = resolve;
  });
  await page.route(pattern, async (route: Route) => {
    requested();
    await released;
    await route.continue();
  });
  return { release, requested: firstRequest };
}

/** Where an element is on the page (not in the viewport: scrolling is not moving). */
async function pagePosition(page: Page, name: string) {
  const button = page.getByRole('button', { name, exact: true });
  return button.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return { top: box.top + window.scrollY, left: box.left + window.scrollX };
  });
}

/**
 * The intake editor's map starts beside the form (the basemap, then MapLibre's chunk): what it
 * shows while loading takes the room the map then takes, controls included, so nothing below it
 * moves when it appears. A button under the map moved by the height of the map's zoom buttons
 * when the map appeared, and a click whose press and release fell on either side of that moment
 * (as Playwright's, right after typing) landed on nothing: "Add weapon" added no weapon.
 */
describe('the intake editor while its map loads', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('keeps the buttons below the map in place, so a click made as the map appears is not lost', async () => {
    const { page } = session;
    // Routing keeps these out of the HTTP cache: the map waits for them in every run.
    const basemap = await hold(page, '**/basemap/countries.json');
    const chunk = await hold(page, '**/assets/MapLibreView-*.js');
    // A fresh page: the basemap is loaded once per window.
    await page.reload();
    await page.getByRole('navigation').first().waitFor();
    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByLabel('Notes').fill('Found under the seat');

    const map = page.locator('.offline-map');
    await basemap.requested;
    await map.locator('.offline-map__placeholder').waitFor();
    const whileBasemapLoads = await pagePosition(page, 'Add weapon');
    await shoot(page, 'editor-map-loading');

    basemap.release();
    await chunk.requested;
    // The Suspense fallback while MapLibre's chunk loads.
    await map.locator('.offline-map__placeholder').waitFor();
    const whileMapLibreLoads = await pagePosition(page, 'Add weapon');
    expect(whileMapLibreLoads).toEqual(whileBasemapLoads);

    // Pressed while the map is still loading, released once it is there: one click.
    const button = page.getByRole('button', { name: 'Add weapon', exact: true });
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    if (box === null) throw new Error('"Add weapon" is not on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    chunk.release();
    await page.locator('.offline-map[data-renderer="webgl"][data-state="ready"]').waitFor();
    const onceDrawn = await pagePosition(page, 'Add weapon');
    await page.mouse.up();
    // (Not between the press and the release: the screenshot scrolls the map into view.)
    await shoot(page, 'editor-map-drawn');

    expect(onceDrawn).toEqual(whileBasemapLoads);
    await page.getByRole('article', { name: 'Weapon 1' }).waitFor({ timeout: 5_000 });
    expect(session.pageErrors).toEqual([]);
  });
});
