import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../../../support/axe.ts';
import { RendererSession } from '../../../../support/renderer-session.ts';

/**
 * Typed text is never dropped silently (issue 13): Notes state their limit as the person types,
 * and leaving the record with a value that is not valid (so not saved) asks first. A new record
 * starts on today's date with the agency and officer of the person's last record.
 */
describe('the intake editor keeps what was typed, and starts where the last record left off', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
  });

  afterAll(async () => {
    await session?.close();
  });

  it("starts a new record on today's date, with the officer signed in", async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByRole('heading', { level: 1, name: 'New record' }).waitFor();
    // The laptop's own calendar date (main runs in this process, in its time zone).
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toBe(today);
    expect(await page.getByLabel('Recording officer').inputValue()).toBe('Ana Petrović');
    expect(await page.getByLabel('Recording agency').inputValue()).toBe('');
  });

  it('counts the characters of Notes against their limit, and says when the text is too long', async () => {
    const { page } = session;
    await page.getByLabel('Recording agency').fill('Uprava granične policije');
    const notes = page.getByLabel('Notes');
    await notes.fill('Predato na punktu.');
    await page.getByText('18 of 2,000 characters').waitFor();
    await notes.fill('x'.repeat(2_001));
    await page.getByText('2,001 of 2,000 characters').waitFor();
    await page.getByText('This text is too long.').waitFor();
    // The text stays on screen, all of it: no maxLength cut it short.
    expect((await notes.inputValue()).length).toBe(2_001);
  });

  it('asks before leaving with a value that is not saved, naming it; staying focuses it', async () => {
    const { page } = session;
    await page.getByRole('navigation').getByRole('link', { name: 'Records' }).click();
    const question = page.getByRole('alertdialog');
    await question
      .getByText('1 value is not valid and is not saved: Notes. Leave this record anyway?')
      .waitFor();
    expect(page.url()).toMatch(/#\/records\/[^/]+\/edit$/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stay and correct');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await question.getByRole('button', { name: 'Stay and correct' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-notes');
    expect(await question.count()).toBe(0);
  });

  it('asks in Serbian too, and leaves without asking once the value is corrected', async () => {
    const { page } = session;
    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByRole('navigation').getByRole('link', { name: 'Evidencija' }).click();
    await page
      .getByRole('alertdialog')
      .getByText('1 vrednost nije ispravna i nije sačuvana: Napomene. Ipak napustiti zapis?')
      .waitFor();
    await page.getByRole('button', { name: 'Ostani i ispravi' }).click();
    await page.getByLabel('Napomene').fill('Predato na punktu.');
    await page.getByText('18 od 2.000 znakova').waitFor();
    await page
      .getByTestId('save-status')
      .getByText(/^Sačuvano/)
      .waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Evidencija' }).click();
    await page.getByRole('heading', { level: 1, name: 'Evidencija' }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
  });

  it("starts the next record with the agency and officer of the person's last one", async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByRole('heading', { level: 1, name: 'New record' }).waitFor();
    await page.getByLabel('Recording agency').waitFor();
    expect(await page.getByLabel('Recording agency').inputValue()).toBe('Uprava granične policije');
    expect(await page.getByLabel('Recording officer').inputValue()).toBe('Ana Petrović');
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});
