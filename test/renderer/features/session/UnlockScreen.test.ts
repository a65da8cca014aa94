import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { RendererSession, type SetUpPerson } from '../../../support/renderer-session.ts';
import { startSyncServer, type SyncServerHandle } from '../../../support/sync-server.ts';

const passphraseField = (page: Page) => page.getByLabel('Passphrase', { exact: true });
const unlockButton = (page: Page) => page.getByRole('button', { name: 'Unlock', exact: true });
const unlockHeading = (page: Page) =>
  page.getByRole('heading', { level: 1, name: 'Unlock SALW Field' });
const wrongMessage =
  'That passphrase is not right. Check the keyboard layout and Caps Lock, and try again.';

async function lockWithButton(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lock SALW Field now' }).click();
  await unlockHeading(page).waitFor();
}

async function unlockWith(page: Page, passphrase: string): Promise<void> {
  await passphraseField(page).fill(passphrase);
  await unlockButton(page).click();
}

describe('the unlock screen in the browser preview', () => {
  let session: RendererSession;
  let person: SetUpPerson;

  beforeAll(async () => {
    session = await RendererSession.open();
    person = await session.setUpPerson();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('Lock in the sidebar locks at once: the unlock screen names the app and the person, chosen already', async () => {
    const { page } = session;
    await lockWithButton(page);
    await page.getByRole('banner').getByText('SALW Field', { exact: true }).waitFor();
    const radio = page.getByRole('radio', { name: 'Ana Petrović' });
    expect(await radio.isChecked()).toBe(true);
    // Typing can start at once.
    expect(await passphraseField(page).evaluate((input) => input === document.activeElement)).toBe(
      true,
    );
    // The person locked it: no talk of inactivity.
    expect(await page.getByText('locked itself').count()).toBe(0);
    expect(await page.title()).toBe('Unlock SALW Field · SALW Field');
  });

  it('has no serious accessibility violations, in light and dark themes', async () => {
    const { page } = session;
    for (const theme of ['dark', 'light'] as const) {
      await page.evaluate((value) => window.api?.updateSettings({ theme: value }), theme);
      await page.waitForFunction(
        (value) => document.documentElement.dataset.theme === value,
        theme,
      );
      expect(await seriousAxeViolations(page), theme).toEqual([]);
    }
  });

  it('shows and hides the passphrase on request', async () => {
    const { page } = session;
    await passphraseField(page).fill('visible?');
    await page.getByRole('button', { name: 'Show the passphrase' }).click();
    expect(await passphraseField(page).getAttribute('type')).toBe('text');
    await page.getByRole('button', { name: 'Hide the passphrase' }).click();
    expect(await passphraseField(page).getAttribute('type')).toBe('password');
  });

  it('answers a wrong passphrase plainly and empties the field', async () => {
    const { page } = session;
    await unlockWith(page, 'Not-The-Passphrase-1');
    await expect(page.getByRole('alert').textContent()).resolves.toBe(wrongMessage);
    expect(await passphraseField(page).inputValue()).toBe('');
    expect(await page.getByRole('navigation').count()).toBe(0);
  });

  it('opens the app with the right passphrase', async () => {
    const { page } = session;
    await unlockWith(page, person.passphrase);
    await page.getByRole('navigation').waitFor();
    await expect(page.getByTestId('signed-in-name').textContent()).resolves.toBe('Ana Petrović');
  });

  it('after the preview restarts, lists the person and unlocks', async () => {
    await session.restart();
    const { page } = session;
    await unlockHeading(page).waitFor();
    expect(await page.locator('.people-choice__person').allTextContents()).toEqual([
      'Ana Petrović',
    ]);
    expect(await page.getByRole('radio', { name: 'Ana Petrović' }).isChecked()).toBe(true);
    // From the keyboard alone: the field has focus, Enter unlocks.
    expect(await passphraseField(page).evaluate((input) => input === document.activeElement)).toBe(
      true,
    );
    await page.keyboard.type(person.passphrase);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation').waitFor();
  });

  it('after three wrong passphrases counts down a wait with Unlock disabled, also across a reload, then lets the person in', async () => {
    const { page } = session;
    await lockWithButton(page);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await unlockWith(page, `Wrong-Guess-${attempt}!`);
      // Each refusal is shown before the next try (the field is emptied when it arrives).
      await page.getByRole('alert').filter({ hasText: wrongMessage }).waitFor();
      await page.waitForFunction(
        () => (document.querySelector('input[type=password]') as HTMLInputElement).value === '',
      );
    }
    const countdown = page.getByTestId('retry-countdown');
    await countdown.waitFor();
    expect(await countdown.textContent()).toMatch(/^Try again in [1-5] seconds?\.$/);
    expect(await unlockButton(page).isDisabled()).toBe(true);

    // The wait is main's, not the page's: a reload shows it again from the session status.
    await page.reload();
    await unlockHeading(page).waitFor();
    const status = await page.evaluate(() => window.api!.getSession());
    expect(status.ok && status.value.retryAfterSeconds).toBeGreaterThan(0);
    await countdown.waitFor();
    expect(await unlockButton(page).isDisabled()).toBe(true);

    await page.getByText('You can try again now.').waitFor({ timeout: 10_000 });
    expect(await countdown.count()).toBe(0);
    expect(await unlockButton(page).isEnabled()).toBe(true);
    await unlockWith(page, person.passphrase);
    await page.getByRole('navigation').waitFor();
  });

  it('resets a forgotten passphrase with the recovery code; the new passphrase works after locking', async () => {
    const { page } = session;
    const newPassphrase = 'Lantern-Quarry-91#';
    await lockWithButton(page);
    await page
      .getByRole('button', { name: 'Forgot your passphrase? Use the recovery code' })
      .click();
    await page
      .getByRole('heading', { name: 'Set a new passphrase with the recovery code' })
      .waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A code with a missing group is caught before it costs an attempt.
    const codeField = page.getByLabel('Recovery code');
    await codeField.fill(person.recoveryCode.slice(0, 30));
    await page.getByLabel('New passphrase', { exact: true }).fill(newPassphrase);
    await page.getByLabel('Repeat the new passphrase', { exact: true }).fill(newPassphrase);
    await page.getByRole('button', { name: 'Set the new passphrase and unlock' }).click();
    await page.getByText('A recovery code has 32 letters and digits').waitFor();

    // A wrong code is refused at the field.
    const wrongCode = person.recoveryCode.replace(/^./, (first) => (first === 'A' ? 'B' : 'A'));
    await codeField.fill(wrongCode);
    await page.getByRole('button', { name: 'Set the new passphrase and unlock' }).click();
    await page.getByText('That recovery code is not right.', { exact: false }).waitFor();
    expect(await codeField.getAttribute('aria-invalid')).toBe('true');

    // Typed as a person copies it off paper: small letters, spaces instead of dashes.
    await codeField.fill(person.recoveryCode.toLowerCase().replaceAll('-', ' '));
    await page.getByRole('button', { name: 'Set the new passphrase and unlock' }).click();
    await page.getByRole('navigation').waitFor();

    await lockWithButton(page);
    await unlockWith(page, person.passphrase);
    await page.getByRole('alert').filter({ hasText: wrongMessage }).waitFor();
    await unlockWith(page, newPassphrase);
    await page.getByRole('navigation').waitFor();
  });

  it('ran without a script error or a CSP violation', async () => {
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});

describe('the unlock screen when the centre deactivated the person', () => {
  let server: SyncServerHandle;
  let session: RendererSession;

  beforeAll(async () => {
    [server, session] = await Promise.all([
      startSyncServer({ backend: 'pglite' }),
      RendererSession.openUnlocked(),
    ]);
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it('says the person was signed out, and refuses their unlock in plain words', async () => {
    const { page } = session;
    const person = session.person!;
    const code = await server.enroll('Preview laptop');
    const enrolled = await page.evaluate(async (input) => window.api!.enrollDevice(input), {
      serverUrl: server.url,
      code,
    });
    expect(enrolled.ok).toBe(true);
    await page.evaluate(async () => window.api!.syncNow());
    expect((await server.admin.people()).people.map((p) => p.id)).toContain(person.userId);

    await server.admin.deactivatePerson(person.userId);
    // The round that brings the decision signs them out (its answer is then LOCKED).
    await page.evaluate(async () => window.api!.syncNow());
    await unlockHeading(page).waitFor();
    await expect(page.getByTestId('signed-out-deactivated').textContent()).resolves.toBe(
      'You were signed out: an administrator at the centre deactivated you. Everything you recorded stays.',
    );

    await unlockWith(page, person.passphrase);
    await page.getByRole('alert').filter({ hasText: 'can no longer unlock' }).waitFor();
    await expect(
      page.getByRole('alert').filter({ hasText: 'can no longer unlock' }).textContent(),
    ).resolves.toBe(
      'An administrator at the centre deactivated this person, so they can no longer unlock SALW Field. Everything they recorded stays. Ask the centre if this is a mistake.',
    );
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });
});
