import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../../../renderer/i18n/locales/en.json' with { type: 'json' };
import enSession from '../../../../renderer/i18n/locales/en.session.json' with { type: 'json' };
import srLatnSession from '../../../../renderer/i18n/locales/sr-Latn.session.json' with { type: 'json' };
import srLatn from '../../../../renderer/i18n/locales/sr-Latn.json' with { type: 'json' };
import enSync from '../../../../renderer/i18n/locales/en.sync.json' with { type: 'json' };
import srLatnSync from '../../../../renderer/i18n/locales/sr-Latn.sync.json' with { type: 'json' };
import { RendererSession } from '../../../support/renderer-session.ts';

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(name, value);
    else for (const [inner, text] of flatten(value, name)) out.set(inner, text);
  }
  return out;
}

/** English sentences that differ in Serbian, so finding one on a Serbian screen is a missed string. */
function englishOnlyStrings(): string[] {
  const english = new Map([
    ...flatten(en),
    ...prefixed('session', flatten(enSession)),
    ...prefixed('sync', flatten(enSync)),
  ]);
  const serbian = new Map([
    ...flatten(srLatn),
    ...prefixed('session', flatten(srLatnSession)),
    ...prefixed('sync', flatten(srLatnSync)),
  ]);
  return [...english]
    .filter(([key, text]) => serbian.get(key) !== text && !text.includes('{{'))
    .map(([, text]) => text)
    .filter((text) => text.length > 3);
}

function prefixed(namespace: string, catalogue: Map<string, string>): Map<string, string> {
  return new Map([...catalogue].map(([key, text]) => [`${namespace}:${key}`, text]));
}

const areasInSerbian = [
  'Evidencija',
  'Predmeti',
  'Lanac čuvanja',
  'Praćenje',
  'Lokacije i akcije',
  'Pregled',
  'Izveštaji',
  'Sinhronizacija',
  'Podešavanja',
  'O aplikaciji',
];

const enrollForm = (page: Page) => page.getByRole('form', { name: 'Enroll this laptop' });

describe('Settings in the browser preview', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('switching language changes every visible string, on every area', async () => {
    const { page } = session;
    await session.goTo('Settings');
    await page.getByRole('main').getByLabel('Language').selectOption('sr-Latn');
    await page.getByRole('heading', { level: 1, name: 'Podešavanja' }).waitFor();

    const leftovers: string[] = [];
    const english = englishOnlyStrings();
    for (const area of areasInSerbian) {
      await session.goTo(area);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      if (area === 'O aplikaciji') await page.getByTestId('about-version').waitFor();
      const text = await page.locator('body').innerText();
      for (const sentence of english) {
        // Whole words only: Serbian "Platforma" legitimately contains English "Platform".
        const escaped = sentence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        if (new RegExp(`(?<!\\p{L})${escaped}(?!\\p{L})`, 'u').test(text))
          leftovers.push(`${area}: ${sentence}`);
      }
    }
    expect(leftovers).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sr-Latn');
    expect(await page.title()).toBe('O aplikaciji · SALW Field');
  });

  it('keeps the language after the preview is restarted', async () => {
    await session.restartUnlocked();
    const { page } = session;
    const links = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(links).toEqual(areasInSerbian);
    const stored = JSON.parse(await readFile(path.join(session.dataDir, 'settings.json'), 'utf8'));
    expect(stored.language).toBe('sr-Latn');
  });

  it('switches back to English from the sidebar switcher', async () => {
    const { page } = session;
    await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
    await page.getByRole('navigation').getByRole('link', { name: 'Records' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('applies and keeps the chosen theme', async () => {
    const { page } = session;
    await session.goTo('Settings');
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await session.restartUnlocked();
    await session.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  });

  it("shows a server address error next to the field, in the person's language, and enrolls nothing", async () => {
    const { page } = session;
    await session.goTo('Settings');
    const field = page.getByLabel('Server address');
    await field.fill('salw.example.org');
    await page.getByLabel('Enrollment code').fill('ABCD-EFGH-JK23');
    await enrollForm(page).getByRole('button', { name: 'Enroll' }).click();
    const error = page.getByRole('alert');
    await expect(error.textContent()).resolves.toBe(
      'Enter a full web address that starts with https:// or http://.',
    );
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain(await error.getAttribute('id'));
    await expect(page.evaluate(() => document.activeElement?.getAttribute('type'))).resolves.toBe(
      'url',
    );
    const status = await page.evaluate(() => window.api!.getSyncStatus());
    expect(status.ok && status.value.phase).toBe('not_enrolled');
  });

  it('says what an enrollment code looks like when the typed one cannot be one', async () => {
    const { page } = session;
    await page.getByLabel('Server address').fill('https://salw.example.org');
    const code = page.getByLabel('Enrollment code');
    await code.fill('ABCD-EFGH');
    await enrollForm(page).getByRole('button', { name: 'Enroll' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'An enrollment code has 12 letters and digits' })
      .waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Server address').getAttribute('aria-invalid')).toBe('false');
  });

  it('ran without a script error or a CSP violation', async () => {
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});
