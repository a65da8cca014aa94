import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import srLatnSession from '../../../../renderer/i18n/locales/sr-Latn.session.json' with { type: 'json' };
import { seriousAxeViolations } from '../../../support/axe.ts';
import { RendererSession } from '../../../support/renderer-session.ts';

const people = (page: Page) => page.getByRole('region', { name: 'People on this computer' });
const marko = { name: 'Marko Jovanović', passphrase: 'Depot-Ledger-2024!' };

/** Each listed person as "name · role", in order. */
async function listed(page: Page): Promise<string[]> {
  const rows = page.getByTestId('people-list').getByTestId('person');
  const out: string[] = [];
  for (const row of await rows.all()) {
    const name = await row.locator('.people-list__name').textContent();
    const role = await row.getByTestId('person-role').textContent();
    out.push(`${name} · ${role}`);
  }
  return out;
}

const row = (page: Page, name: string) =>
  page.getByTestId('people-list').getByTestId('person').filter({ hasText: name });

describe('People on this computer, for an administrator', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    await session.goTo('Settings');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lists the people who can unlock here with their roles, marking the signed-in one', async () => {
    const { page } = session;
    await row(page, 'Ana Petrović').waitFor();
    expect(await listed(page)).toEqual(['Ana Petrović · Administrator']);
    await row(page, 'Ana Petrović').getByText('(you)').waitFor();
    // Nobody removes themselves: only "Change role" on one's own row.
    expect(
      await row(page, 'Ana Petrović')
        .getByRole('button', { name: 'Change role: Ana Petrović' })
        .count(),
    ).toBe(1);
    expect(
      await row(page, 'Ana Petrović')
        .getByRole('button', { name: /^Remove/ })
        .count(),
    ).toBe(0);
  });

  it('refuses a weak passphrase for a new person, naming what is missing', async () => {
    const region = people(session.page);
    await region.getByLabel('Name', { exact: true }).fill(marko.name);
    await region.getByLabel('Role', { exact: true }).selectOption({ label: 'Field officer' });
    await region.getByLabel('Passphrase', { exact: true }).fill('depotledger');
    await region.getByLabel('Repeat the passphrase', { exact: true }).fill('depotledger');
    await region.getByRole('button', { name: 'Add the person' }).click();
    await region
      .getByText(
        'This passphrase does not meet these requirements yet: at least 12 characters, an upper-case letter, a digit and a symbol.',
      )
      .waitFor();
    expect(await listed(session.page)).toEqual(['Ana Petrović · Administrator']);
  });

  it('adds a field officer, who then appears in the list with their role', async () => {
    const region = people(session.page);
    await region.getByLabel('Passphrase', { exact: true }).fill(marko.passphrase);
    await region.getByLabel('Repeat the passphrase', { exact: true }).fill(marko.passphrase);
    await region.getByRole('button', { name: 'Add the person' }).click();
    await region.getByText(`${marko.name} can now unlock SALW Field on this computer.`).waitFor();
    await row(session.page, marko.name).waitFor();
    expect(await listed(session.page)).toEqual([
      'Ana Petrović · Administrator',
      `${marko.name} · Field officer`,
    ]);
    // The form is empty again, ready for the next person.
    expect(await region.getByLabel('Name', { exact: true }).inputValue()).toBe('');
  });

  it("changes the person's role from the keyboard, and gives focus back to the button", async () => {
    const { page } = session;
    const change = page.getByRole('button', { name: `Change role: ${marko.name}` });
    await change.focus();
    await page.keyboard.press('Enter');
    const picker = page.getByLabel(`New role for ${marko.name}`);
    await expect(picker.evaluate((element) => element === document.activeElement)).resolves.toBe(
      true,
    );
    expect(await picker.inputValue()).toBe('field_officer');
    // Escape closes without a change.
    await page.keyboard.press('Escape');
    await expect(change.evaluate((element) => element === document.activeElement)).resolves.toBe(
      true,
    );
    await page.keyboard.press('Enter');
    await picker.selectOption('custody_officer');
    // The next stop is "Save the role".
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page
      .getByTestId('people-status')
      .getByText(`${marko.name} is now: Custody officer.`)
      .waitFor();
    expect(await listed(page)).toEqual([
      'Ana Petrović · Administrator',
      `${marko.name} · Custody officer`,
    ]);
    await expect(change.evaluate((element) => element === document.activeElement)).resolves.toBe(
      true,
    );
  });

  it('says in plain words why the only administrator cannot be given another role', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Change role: Ana Petrović' }).click();
    await page.getByLabel('New role for Ana Petrović').selectOption({ label: 'Team lead' });
    await page.getByRole('button', { name: 'Save the role' }).click();
    await row(page, 'Ana Petrović')
      .getByRole('alert')
      .getByText(
        'Ana Petrović is the only administrator on this computer. Make someone else an administrator first, so that somebody can still add and remove people.',
      )
      .waitFor();
    expect(await listed(page)).toEqual([
      'Ana Petrović · Administrator',
      `${marko.name} · Custody officer`,
    ]);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('has no serious accessibility violations with a removal question open', async () => {
    const { page } = session;
    await page.getByRole('button', { name: `Remove: ${marko.name}` }).click();
    await page.getByRole('group', { name: `Remove ${marko.name} from this computer?` }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Cancel keeps the person and gives focus back to "Remove".
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(
      page
        .getByRole('button', { name: `Remove: ${marko.name}` })
        .evaluate((element) => element === document.activeElement),
    ).resolves.toBe(true);
    expect(await listed(page)).toHaveLength(2);
  });

  it('removes a person after asking, saying what it means; they leave the unlock screen', async () => {
    const { page } = session;
    await page.getByRole('button', { name: `Remove: ${marko.name}` }).click();
    const question = page.getByRole('group', { name: `Remove ${marko.name} from this computer?` });
    await question
      .getByText('Everything they recorded stays, with their name.', { exact: false })
      .waitFor();
    await question.getByRole('button', { name: `Remove ${marko.name}` }).click();
    await page
      .getByTestId('people-status')
      .getByText(`${marko.name} was removed and can no longer unlock SALW Field on this computer.`)
      .waitFor();
    // The status can come before the list is read again: wait for the row to go, then compare.
    await row(page, marko.name).waitFor({ state: 'detached' });
    expect(await listed(page)).toEqual(['Ana Petrović · Administrator']);

    await page.getByRole('button', { name: 'Lock SALW Field now' }).click();
    await page.getByRole('heading', { level: 1, name: 'Unlock SALW Field' }).waitFor();
    expect(await page.getByText(marko.name).count()).toBe(0);
    await session.unlock();
  });

  it('speaks Serbian in the people section', async () => {
    const { page } = session;
    await session.goTo('Settings');
    await page.getByRole('combobox', { name: 'Language' }).first().selectOption('sr-Latn');
    const region = page.getByRole('region', { name: srLatnSession.settings.peopleSection });
    await region.getByRole('heading', { name: srLatnSession.settings.peopleSection }).waitFor();
    await region.getByText(srLatnSession.settings.peopleHint).waitFor();
    expect(await listed(page)).toEqual(['Ana Petrović · Administrator']);
    await region.getByRole('button', { name: 'Promeni ulogu: Ana Petrović' }).waitFor();
    await page.getByRole('heading', { name: srLatnSession.recoverySettings.title }).waitFor();
    await page.getByRole('combobox', { name: 'Jezik' }).first().selectOption('en');
    await page.getByRole('heading', { name: 'People on this computer' }).waitFor();
  });

  it('ran without a script error or a CSP violation', async () => {
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});

describe('People on this computer, for a field officer', () => {
  let session: RendererSession;
  let officerId = '';
  const officer = { name: 'Jovana Ilić', passphrase: 'Field-Notebook-77!' };

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    const added = await session.page.evaluate(
      (person) => window.api!.addPerson({ ...person, role: 'field_officer' }),
      officer,
    );
    if (!added.ok) throw new Error(JSON.stringify(added.error));
    officerId = added.value.id;
    await session.signInAs({ userId: officerId, passphrase: officer.passphrase });
    await session.goTo('Settings');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows the list and who may change it, but no add, change or remove controls', async () => {
    const { page } = session;
    await row(page, officer.name).waitFor();
    expect(await listed(page)).toEqual([
      'Ana Petrović · Administrator',
      `${officer.name} · Field officer`,
    ]);
    await people(page)
      .getByText(
        'Only an administrator can add people, change roles or remove someone. Ask an administrator if something here needs to change.',
      )
      .waitFor();
    expect(await people(page).getByRole('button').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Add a person' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Recovery code' }).count()).toBe(0);
  });

  it('gets FORBIDDEN from main for a forged call to add, change or remove someone', async () => {
    const { page } = session;
    const answers = await page.evaluate(async (me) => {
      const session = await window.api!.getSession();
      const admin = session.ok
        ? session.value.people.find((person) => person.id !== me)?.id
        : undefined;
      if (admin === undefined) throw new Error('no administrator listed');
      return Promise.all([
        window.api!.addPerson({
          name: 'Forged Person',
          role: 'administrator',
          passphrase: 'Forged-Passphrase-1!',
        }),
        window.api!.changeRole({ userId: me, role: 'administrator' }),
        window.api!.removePerson({ userId: admin }),
        window.api!.replaceRecoveryCode({ passphrase: 'Field-Notebook-77!' }),
      ]);
    }, officerId);
    for (const answer of answers) {
      expect(answer).toEqual({
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message: 'Only an administrator adds people, changes their roles or removes them.',
        },
      });
    }
    // Nothing changed.
    await page.reload();
    await row(page, officer.name).waitFor();
    expect(await listed(page)).toEqual([
      'Ana Petrović · Administrator',
      `${officer.name} · Field officer`,
    ]);
  });

  it('ran without a script error or a CSP violation', async () => {
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});
