import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RendererSession } from '../../../support/renderer-session.ts';

const people = (page: Page) => page.getByRole('region', { name: 'People on this computer' });
const marko = { name: 'Marko Jovanović', passphrase: 'Depot-Ledger-2024!' };

describe('People on this computer, in Settings', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    await session.goTo('Settings');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lists the people who can unlock here, marking the signed-in one', async () => {
    const list = session.page.getByTestId('people-list');
    await expect(list.locator('li').allInnerTexts()).resolves.toEqual(['Ana Petrović\n(you)']);
  });

  it('refuses a weak passphrase for a new person, naming what is missing', async () => {
    const region = people(session.page);
    await region.getByLabel('Name', { exact: true }).fill(marko.name);
    await region.getByLabel('Role').selectOption({ label: 'Custody officer' });
    await region.getByLabel('Passphrase', { exact: true }).fill('depotledger');
    await region.getByLabel('Repeat the passphrase', { exact: true }).fill('depotledger');
    await region.getByRole('button', { name: 'Add the person' }).click();
    await region
      .getByText(
        'This passphrase does not meet these requirements yet: at least 12 characters, an upper-case letter, a digit, and a symbol.',
      )
      .waitFor();
    expect(await session.page.getByTestId('people-list').locator('li').count()).toBe(1);
  });

  it('adds a person, who then appears in the list', async () => {
    const region = people(session.page);
    await region.getByLabel('Passphrase', { exact: true }).fill(marko.passphrase);
    await region.getByLabel('Repeat the passphrase', { exact: true }).fill(marko.passphrase);
    await region.getByRole('button', { name: 'Add the person' }).click();
    await region.getByText(`${marko.name} can now unlock SALW Field on this computer.`).waitFor();
    await expect(
      session.page.getByTestId('people-list').locator('.people-list__name').allTextContents(),
    ).resolves.toEqual(['Ana Petrović', marko.name]);
    // The form is empty again, ready for the next person.
    expect(await region.getByLabel('Name', { exact: true }).inputValue()).toBe('');
  });

  it('the new person can unlock after a lock, and is then the one signed in', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Lock SALW Field now' }).click();
    await page.getByRole('heading', { level: 1, name: 'Unlock SALW Field' }).waitFor();
    // Two people: nobody is chosen for them.
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
    await page.getByLabel('Passphrase', { exact: true }).fill(marko.passphrase);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByText('Choose who is unlocking.').waitFor();

    await page.getByRole('radio', { name: marko.name }).check();
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('navigation').waitFor();
    await expect(page.getByTestId('signed-in-name').textContent()).resolves.toBe(marko.name);
    await expect(page.getByTestId('signed-in-role').textContent()).resolves.toBe('Custody officer');
  });

  it('ran without a script error or a CSP violation', async () => {
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});
