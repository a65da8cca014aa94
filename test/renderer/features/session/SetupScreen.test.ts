import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import enSession from '../../../../renderer/i18n/locales/en.session.json' with { type: 'json' };
import srLatnSession from '../../../../renderer/i18n/locales/sr-Latn.session.json' with { type: 'json' };
import { seriousAxeViolations } from '../../../support/axe.ts';
import { RendererSession } from '../../../support/renderer-session.ts';

const strong = 'Kestrel-Harbour-42';

const passphraseField = (page: Page) => page.getByLabel('Passphrase', { exact: true });
const confirmField = (page: Page) => page.getByLabel('Repeat the passphrase', { exact: true });
const createButton = (page: Page) =>
  page.getByRole('button', { name: 'Create the encrypted store' });

async function requirementsMet(page: Page): Promise<Record<string, boolean>> {
  const items = page.locator('[data-requirement]');
  const out: Record<string, boolean> = {};
  for (const item of await items.all())
    out[(await item.getAttribute('data-requirement')) ?? ''] =
      (await item.getAttribute('data-met')) === 'true';
  return out;
}

async function sessionState(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const result = await window.api!.getSession();
    return result.ok ? result.value.state : undefined;
  });
}

describe('first-run set-up in the browser preview', () => {
  let session: RendererSession;
  /** The recovery code the sheet showed first. */
  let shownCode = '';

  beforeAll(async () => {
    session = await RendererSession.open();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens on the set-up screen, which says in two sentences what is being set up', async () => {
    const { page } = session;
    await page.getByRole('heading', { level: 1, name: 'Set up SALW Field' }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    await page.getByText(enSession.setup.intro).waitFor();
    expect(enSession.setup.intro.split(/(?<=\.)\s/)).toHaveLength(2);
    expect(await page.title()).toBe('Set up SALW Field · SALW Field');
    await page.getByRole('banner').getByText('SALW Field', { exact: true }).waitFor();
  });

  it('says the first person is the administrator instead of offering roles', async () => {
    const { page } = session;
    expect(await page.getByRole('combobox', { name: 'Role' }).count()).toBe(0);
    await expect(page.getByTestId('fixed-role').textContent()).resolves.toBe('Administrator');
    await page.getByText('Your role', { exact: true }).waitFor();
    await page.getByText(enSession.setup.roleHint).waitFor();
    await page.getByText(/You will be its administrator/).waitFor();
  });

  it('ticks the passphrase requirements off while the person types, and says how many are met', async () => {
    const { page } = session;
    await passphraseField(page).fill('abc');
    expect(await requirementsMet(page)).toEqual({
      passphraseTooShort: false,
      passphraseHasSpaces: true,
      passphraseNeedsUpper: false,
      passphraseNeedsLower: true,
      passphraseNeedsDigit: false,
      passphraseNeedsSymbol: false,
    });
    await page.getByText('2 of 6 requirements met.').waitFor();
    const summary = page.getByText('2 of 6 requirements met.');
    expect(await summary.getAttribute('aria-live')).toBe('polite');

    await passphraseField(page).fill(strong);
    expect(Object.values(await requirementsMet(page)).every(Boolean)).toBe(true);
    await page.getByText('All requirements are met.').waitFor();
    // The checklist describes the field, so a screen reader reads it with the field.
    const checklistId = await page.locator('.checklist').getAttribute('id');
    expect(await passphraseField(page).getAttribute('aria-describedby')).toContain(checklistId);
    await passphraseField(page).fill('');
  });

  it('refuses a weak passphrase, naming every requirement still missing, and sets nothing up', async () => {
    const { page } = session;
    await page.getByLabel('Your name').fill('Ana Petrović');
    await passphraseField(page).fill('short pass');
    await confirmField(page).fill('short pass');
    await createButton(page).click();
    const error = page.getByRole('alert').filter({ hasText: 'does not meet' });
    await expect(error.textContent()).resolves.toBe(
      'This passphrase does not meet these requirements yet: at least 12 characters, no spaces, an upper-case letter, a digit and a symbol.',
    );
    expect(await passphraseField(page).getAttribute('aria-invalid')).toBe('true');
    expect(await sessionState(page)).toBe('needs_setup');
  });

  it('refuses two different passphrases', async () => {
    const { page } = session;
    await passphraseField(page).fill(strong);
    await confirmField(page).fill(`${strong}x`);
    await createButton(page).click();
    await page.getByText('The two passphrases are not the same.', { exact: false }).waitFor();
    expect(await confirmField(page).getAttribute('aria-invalid')).toBe('true');
    expect(await sessionState(page)).toBe('needs_setup');
  });

  it("shows main's validation issues next to their field, translated", async () => {
    const { page } = session;
    // The form checks what main checks, so main's refusal is staged here at the bridge.
    await page.route('**/__bridge/call/setUp', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          ok: false,
          error: {
            code: 'VALIDATION_ERROR',
            message: 'Some of the values are not valid.',
            issues: [
              { path: 'name', message: 'tooLong', code: 'too_big' },
              { path: 'passphrase', message: 'passphraseNeedsDigit', code: 'custom' },
              { path: 'passphrase', message: 'passphraseNeedsSymbol', code: 'custom' },
            ],
          },
        }),
      }),
    );
    try {
      await confirmField(page).fill(strong);
      await createButton(page).click();
      await page.getByText('This is too long.').waitFor();
      await page
        .getByText('This passphrase does not meet these requirements yet: a digit and a symbol.')
        .waitFor();
      expect(await page.getByLabel('Your name').getAttribute('aria-invalid')).toBe('true');
    } finally {
      await page.unroute('**/__bridge/call/setUp');
    }
  });

  it('has no serious accessibility violations, in light and dark themes', async () => {
    const { page } = session;
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((value) => window.api?.updateSettings({ theme: value }), theme);
      await page.waitForFunction(
        (value) => document.documentElement.dataset.theme === value,
        theme,
      );
      expect(await seriousAxeViolations(page), theme).toEqual([]);
    }
  });

  it('speaks Serbian when the language is switched on the set-up screen', async () => {
    const { page } = session;
    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByRole('heading', { level: 1, name: srLatnSession.setup.title }).waitFor();
    const text = await page.locator('body').innerText();
    const leftovers = [
      enSession.setup.intro,
      enSession.person.yourName,
      enSession.person.passphraseHint,
      enSession.passphrase.requirementsTitle,
      enSession.setup.submit,
      enSession.setup.roleHint,
    ].filter((english) => text.includes(english));
    await expect(page.getByTestId('fixed-role').textContent()).resolves.toBe(
      srLatnSession.roles.administrator,
    );
    expect(leftovers).toEqual([]);
    await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Set up SALW Field' }).waitFor();
  });

  it('with a strong, matching passphrase shows the recovery code, grouped as main returned it', async () => {
    const { page } = session;
    await page.getByLabel('Your name').fill('Ana Petrović');
    await passphraseField(page).fill(strong);
    await confirmField(page).fill(strong);
    // Set-up's answer carries no code; the sheet asks main for it, the one call that returns it.
    const setUpAnswer = page.waitForResponse('**/__bridge/call/setUp');
    const response = page.waitForResponse('**/__bridge/call/showRecoveryCode');
    await createButton(page).click();
    expect(JSON.stringify(await (await setUpAnswer).json())).not.toMatch(/recoveryCode"/);
    const returned = (await (await response).json()).value.recoveryCode as string;
    shownCode = returned;

    await page.getByRole('heading', { level: 1, name: 'Your recovery code' }).waitFor();
    const code = page.getByTestId('recovery-code');
    expect(await code.textContent()).toBe(returned);
    expect(returned).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    expect(await code.locator('.recovery-code__group').allTextContents()).toEqual(
      returned.split('-'),
    );
    const font = await code.evaluate((element) => getComputedStyle(element).fontFamily);
    expect(font).toMatch(/mono/i);
    for (const advice of [
      enSession.recoveryCode.writeItDown,
      enSession.recoveryCode.whatItDoes,
      enSession.recoveryCode.keepIt,
    ])
      await page.getByText(advice).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('prints only the code sheet', async () => {
    const { page } = session;
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.getByRole('button', { name: 'Print' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.getByTestId('recovery-code').isVisible()).toBe(true);
      expect(await page.getByText('SALW Field recovery code').isVisible()).toBe(true);
      expect(await page.getByText('Administrator: Ana Petrović').isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Continue' }).isVisible()).toBe(false);
      expect(await page.getByRole('banner').isVisible()).toBe(false);
      expect(await page.getByRole('heading', { name: 'Your recovery code' }).isVisible()).toBe(
        false,
      );
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('comes back after a reload, with the same code, while it is not confirmed', async () => {
    const { page } = session;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your recovery code' }).waitFor();
    await expect(page.getByTestId('recovery-code').textContent()).resolves.toBe(shownCode);
    expect(await page.getByRole('navigation').count()).toBe(0);
    // Ticking the box and reloading does not count as confirming.
    await page.getByLabel('I have written down or printed the recovery code').check();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your recovery code' }).waitFor();
    expect(
      await page.getByLabel('I have written down or printed the recovery code').isChecked(),
    ).toBe(false);
  });

  it('comes back at the next start of the app, after unlocking, with the same code', async () => {
    await session.restart();
    const { page } = session;
    await page.getByRole('heading', { level: 1, name: 'Unlock SALW Field' }).waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill(strong);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Your recovery code' }).waitFor();
    await expect(page.getByTestId('recovery-code').textContent()).resolves.toBe(shownCode);
    expect(await page.getByRole('navigation').count()).toBe(0);
  });

  it('keeps Continue disabled until the person confirms the code is kept, then opens the app as that person', async () => {
    const { page } = session;
    const continueButton = page.getByRole('button', { name: 'Continue' });
    expect(await continueButton.isDisabled()).toBe(true);
    // The store is already unlocked, but the app stays behind the code until it is confirmed.
    expect(await sessionState(page)).toBe('unlocked');
    expect(await page.getByRole('navigation').count()).toBe(0);

    await page.getByLabel('I have written down or printed the recovery code').check();
    expect(await continueButton.isEnabled()).toBe(true);
    await continueButton.click();
    await page.getByRole('navigation').waitFor();
    await expect(page.getByTestId('signed-in-name').textContent()).resolves.toBe('Ana Petrović');
    await expect(page.getByTestId('signed-in-role').textContent()).resolves.toBe('Administrator');
  });

  it('does not show the sheet again once confirmed: not after a reload, not after a restart', async () => {
    const { page } = session;
    await page.reload();
    await page.getByRole('navigation').waitFor();
    expect(await page.getByTestId('recovery-code').count()).toBe(0);
    await session.restart();
    await session.page.getByLabel('Passphrase', { exact: true }).fill(strong);
    await session.page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await session.page.getByRole('navigation').waitFor();
    expect(await session.page.getByTestId('recovery-code').count()).toBe(0);
    const answer = await session.page.evaluate(() => window.api!.showRecoveryCode());
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('ran without a script error or a CSP violation', async () => {
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});
