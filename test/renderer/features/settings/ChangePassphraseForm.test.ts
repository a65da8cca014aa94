import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RendererSession } from '../../../support/renderer-session.ts';

const form = (page: Page) => page.getByRole('form', { name: 'Change my passphrase' });
const newPassphrase = 'Signal-Orchard-58?';

async function fillForm(page: Page, current: string, next: string, confirm = next): Promise<void> {
  await form(page).getByLabel('Current passphrase', { exact: true }).fill(current);
  await form(page).getByLabel('New passphrase', { exact: true }).fill(next);
  await form(page).getByLabel('Repeat the new passphrase', { exact: true }).fill(confirm);
  await form(page).getByRole('button', { name: 'Change the passphrase' }).click();
}

async function lockAndUnlock(page: Page, passphrase: string): Promise<void> {
  await page.getByRole('button', { name: 'Lock SALW Field now' }).click();
  await page.getByRole('heading', { level: 1, name: 'Unlock SALW Field' }).waitFor();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
}

describe('Change my passphrase, in Settings', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    await session.goTo('Settings');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('refuses a new passphrase typed differently twice', async () => {
    const { page } = session;
    await fillForm(page, session.person!.passphrase, newPassphrase, `${newPassphrase}!`);
    await form(page).getByText('The two passphrases are not the same.', { exact: false }).waitFor();
  });

  it('says so at the field when the current passphrase is wrong', async () => {
    const { page } = session;
    await fillForm(page, 'Not-My-Passphrase-1', newPassphrase);
    await form(page).getByText('This is not your current passphrase.').waitFor();
    expect(
      await form(page)
        .getByLabel('Current passphrase', { exact: true })
        .getAttribute('aria-invalid'),
    ).toBe('true');
  });

  it('changes it; after locking, the old passphrase is refused and the new one unlocks', async () => {
    const { page } = session;
    await fillForm(page, session.person!.passphrase, newPassphrase);
    await form(page)
      .getByText('Your passphrase was changed. Use the new one from now on.')
      .waitFor();
    expect(await form(page).getByLabel('New passphrase', { exact: true }).inputValue()).toBe('');

    await lockAndUnlock(page, session.person!.passphrase);
    await page.getByText('That passphrase is not right.', { exact: false }).waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill(newPassphrase);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('navigation').waitFor();
  });

  it('ran without a script error or a CSP violation', async () => {
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});
