import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RendererSession } from '../../support/renderer-session.ts';

/** Where the focus goes when a page changes under a keyboard user. */
describe('focus after moving to another page', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
  });

  afterAll(async () => {
    await session?.close();
  });

  const focused = () =>
    session.page.evaluate(() => {
      const active = document.activeElement;
      return { tag: active?.tagName.toLowerCase(), text: active?.textContent, id: active?.id };
    });

  it('gives the new page heading the focus when the control used is gone (New record)', async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New record' }).waitFor();
    await expect.poll(focused).toMatchObject({ tag: 'h1', text: 'New record' });
    // Tab goes on from the heading into the form, not from the top of the window.
    await page.keyboard.press('Tab');
    expect((await focused()).tag).not.toBe('body');
  });

  it('leaves the focus in the field being typed in when the address changes after the first save', async () => {
    const { page } = session;
    const agency = page.getByLabel('Recording agency');
    await agency.focus();
    await page.keyboard.type('PU Niš');
    // The first save waits for the pause in typing; the editor's map may still be loading.
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/records\/[^/]+\/edit$/);
    await page.waitForTimeout(100);
    expect((await focused()).id).toBe('f-recordingAgency');
  });

  it('leaves the focus on a navigation link that was used', async () => {
    const { page } = session;
    const link = page.getByRole('navigation').first().getByRole('link', { name: 'Items' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Items' }).waitFor();
    expect(await focused()).toMatchObject({ tag: 'a', text: 'Items' });
    expect(session.pageErrors).toEqual([]);
  });
});
