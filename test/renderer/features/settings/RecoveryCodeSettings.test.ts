import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { RendererSession } from '../../../support/renderer-session.ts';

describe('making a new recovery code, in Settings', () => {
  let session: RendererSession;
  let oldCode = '';
  let newCode = '';

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    oldCode = session.person!.recoveryCode;
    await session.goTo('Settings');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('asks for the passphrase, and says so when it is wrong', async () => {
    const { page } = session;
    const form = page.getByRole('form', { name: 'Recovery code' });
    await form.getByRole('button', { name: 'Make a new recovery code' }).click();
    await form.getByText('Type the passphrase.').waitFor();
    await form.getByLabel('Your passphrase').fill('Not-My-Passphrase-1!');
    await form.getByRole('button', { name: 'Make a new recovery code' }).click();
    await form.getByText('This is not your current passphrase.').waitFor();
    expect(await page.getByRole('navigation').count()).toBe(1);
  });

  it('with the passphrase shows the new code on its sheet, in place of the app', async () => {
    const { page } = session;
    const form = page.getByRole('form', { name: 'Recovery code' });
    await form.getByLabel('Your passphrase').fill(session.person!.passphrase);
    await form.getByRole('button', { name: 'Make a new recovery code' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your new recovery code' }).waitFor();
    await page
      .getByText('This is the new recovery code of this computer. The old code no longer works:')
      .waitFor();
    newCode = (await page.getByTestId('recovery-code').textContent()) ?? '';
    expect(newCode).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    expect(newCode).not.toBe(oldCode);
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('comes back after a reload until confirmed, then returns to the app', async () => {
    const { page } = session;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your new recovery code' }).waitFor();
    await expect(page.getByTestId('recovery-code').textContent()).resolves.toBe(newCode);
    await page.getByLabel('I have written down or printed the recovery code').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('navigation').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  });

  it('the old code no longer resets a passphrase; the new one does', async () => {
    const { page } = session;
    const person = session.person!;
    const answers = await page.evaluate(
      async ({ userId, oldCode, newCode }) => {
        await window.api!.lock();
        const withOld = await window.api!.resetPassphrase({
          userId,
          recoveryCode: oldCode,
          newPassphrase: 'Harbour-Kestrel-43!',
        });
        const withNew = await window.api!.resetPassphrase({
          userId,
          recoveryCode: newCode,
          newPassphrase: 'Harbour-Kestrel-43!',
        });
        return { withOld, withNew };
      },
      { userId: person.userId, oldCode, newCode },
    );
    expect(answers.withOld).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect(answers.withNew).toMatchObject({ ok: true, value: { state: 'unlocked' } });
  });

  it('ran without a script error or a CSP violation', async () => {
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});
