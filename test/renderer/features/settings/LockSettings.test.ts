import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RendererSession } from '../../../support/renderer-session.ts';

const lockForm = (page: Page) => page.getByRole('form', { name: 'Automatic lock' });
const minutesField = (page: Page) =>
  lockForm(page).getByLabel('Lock after this many minutes without activity');

describe('Automatic lock and the system keychain, in Settings', () => {
  let session: RendererSession;

  const storedMinutes = async (): Promise<unknown> => {
    const file = path.join(session.dataDir, 'settings.json');
    const stored = JSON.parse(await readFile(file, 'utf8').catch(() => '{}'));
    return stored.idleLockMinutes;
  };

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    await session.goTo('Settings');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows the current idle minutes', async () => {
    expect(await minutesField(session.page).inputValue()).toBe('10');
  });

  it.each(['0', '241', '2.5', ''])(
    'refuses %j minutes at the field, and saves nothing',
    async (value) => {
      const { page } = session;
      await minutesField(page).fill(value);
      await lockForm(page).getByRole('button', { name: 'Save' }).click();
      const error = lockForm(page).getByRole('alert');
      await expect(error.textContent()).resolves.toBe(
        'Enter a whole number of minutes from 1 to 240.',
      );
      expect(await minutesField(page).getAttribute('aria-invalid')).toBe('true');
      expect(await minutesField(page).getAttribute('aria-describedby')).toContain(
        await error.getAttribute('id'),
      );
      expect(await storedMinutes()).not.toBe(Number(value));
    },
  );

  it('saves a valid number of minutes, which a restart keeps', async () => {
    const { page } = session;
    await minutesField(page).fill('15');
    await lockForm(page).getByRole('button', { name: 'Save' }).click();
    await lockForm(page).getByText('Settings saved.').waitFor();
    expect(await storedMinutes()).toBe(15);
    await session.restartUnlocked();
    await session.goTo('Settings');
    expect(await minutesField(session.page).inputValue()).toBe('15');
  });

  it('offers the system keychain only where there is one, and says why not here', async () => {
    const { page } = session;
    const checkbox = page.getByRole('checkbox', {
      name: 'Let the system keychain unlock SALW Field for me',
    });
    expect(await checkbox.isDisabled()).toBe(true);
    expect(await checkbox.isChecked()).toBe(false);
    const reason = page.getByText(
      'This computer has no usable system keychain, so SALW Field can only be unlocked with a passphrase.',
    );
    await reason.waitFor();
    expect(await checkbox.getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));
  });

  it('ran without a script error or a CSP violation', async () => {
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});
