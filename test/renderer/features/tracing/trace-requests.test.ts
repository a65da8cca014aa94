import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { seedSurrender, type SeededSurrender } from '../../../support/custody-seed.ts';
import { pdfText } from '../../../support/pdf-text.ts';
import { RendererSession } from '../../../support/renderer-session.ts';

/**
 * ITI trace requests as a team uses them (issue 15): started from a weapon on a final record,
 * filled with what the ITI requires, marked as sent 40 days ago and so listed as overdue for an
 * answer, then answered with the point of diversion established, which the weapon's page shows
 * as its trace status. A missing required field is named at the field, which takes focus.
 */
const shots = process.env.SALW_SCREENSHOTS;

const serials = ['M70-ČĆ 4411', 'CZ99-0417', 'M48-7720'] as const;

async function shoot(page: Page, name: string): Promise<void> {
  if (shots !== undefined) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

/** A calendar day `days` before today, as the laptop reads it (YYYY-MM-DD, English's form). */
function daysAgo(days: number): string {
  const at = new Date();
  at.setDate(at.getDate() - days);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return active?.id ? document.querySelector(`label[for="${active.id}"]`)?.textContent : null;
  });

describe('trace requests', () => {
  let session: RendererSession;
  let seeded: SeededSurrender;
  let base = '';
  let requestHash = '';

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    seeded = await seedSurrender(session.page, {
      storageName: 'Centralno skladište Kraljevo',
      collectionName: 'Sabirno mesto Čačak',
      serials,
    });
    base = session.preview.url.split('#')[0] ?? '';
  });
  afterAll(async () => {
    await session?.close();
  });

  it("starts from the weapon's page, naming a missing required field at the field", async () => {
    const { page } = session;
    await session.goTo('Tracing');
    await page.getByText('No trace requests yet').waitFor();
    await page.getByText(/made from a weapon's page/).waitFor();

    await page.goto(`${base}#/items/${seeded.weaponIds[0] ?? ''}`);
    const section = page.getByTestId('item-traces');
    await section.getByText('No trace request has been made for this weapon.').waitFor();
    await section.getByRole('link', { name: 'Create trace request' }).click();
    await page.getByRole('heading', { level: 1, name: 'New trace request' }).waitFor();
    // The weapon is described by main, read-only; the requesting agency comes from its record.
    const weaponCard = page.getByRole('region', { name: 'Weapon traced' });
    expect(await weaponCard.innerText()).toContain(serials[0]);
    expect(await weaponCard.getByRole('textbox').count()).toBe(0);
    expect(await page.getByLabel('Requesting agency').inputValue()).toBe('PU Čačak');
    // Nothing is stored until it is saved.
    expect(
      await page.evaluate(async () => {
        const listed = await window.api!.listTraceRequests({});
        return listed.ok ? listed.value.requests.length : -1;
      }),
    ).toBe(0);

    await page.getByLabel('Our case reference').fill('KU-2026-311');
    await page.getByLabel('Why this state').selectOption('country_of_manufacture');
    await page.getByLabel('Addressed to (state)').selectOption('RS');
    await page.getByLabel('Authority addressed').fill('NCB Beograd');
    await page.getByLabel('Channel').selectOption('iarms');
    await page
      .getByLabel('Why the weapon is illicit, and the legal basis')
      .fill('Surrendered without papers; unregistered since 1992 (ZOO čl. 35).');
    await page
      .getByLabel('What the answer will be used for')
      .fill('Criminal investigation KU-2026-311.');
    await page.getByLabel('Priority').selectOption('urgent');
    await page.getByRole('button', { name: 'Save the trace request' }).click();
    const reason = page.getByLabel('Why it is urgent');
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedLabel(page)).toBe('Why it is urgent');
    await page.getByText('Fill this in.').waitFor();
    await shoot(page, 'trace-form-errors-en');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await reason.fill('The holder is in custody for 48 hours.');
    await page.getByRole('button', { name: 'Save the trace request' }).click();
    await page.waitForURL(/#\/tracing\/[0-9a-f-]{36}$/);
    requestHash = new URL(page.url()).hash;
    await page
      .getByRole('heading', { level: 1, name: `Trace request: Assault rifle · ${serials[0]}` })
      .waitFor();
    expect(await page.locator('.trace-status').innerText()).toContain('Draft (not sent)');
    const text = await page.locator('main').innerText();
    expect(text).toContain('NCB Beograd');
    expect(text).toContain('INTERPOL iARMS');
    expect(text).toContain('Serbia');
    await page.getByRole('link', { name: "Open the weapon's page" }).waitFor();
    await page.getByRole('link', { name: /^Open record / }).waitFor();
  });

  it('marks it as sent 40 days ago: it is listed as overdue for an answer', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Mark as sent' }).click();
    await page.getByRole('heading', { level: 1, name: /^Mark as sent: / }).waitFor();
    // A date still to come is refused at the field.
    const on = page.getByLabel('On', { exact: true });
    await on.fill(daysAgo(-3));
    await on.press('Tab');
    await page.getByRole('button', { name: 'Save as sent' }).click();
    await expect.poll(() => on.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedLabel(page)).toBe('On');

    await on.fill(daysAgo(40));
    await on.press('Tab');
    await page.getByLabel('Note').fill('Sent through iARMS by NCB Beograd.');
    await page.getByRole('button', { name: 'Save as sent' }).click();
    await page.waitForURL(`**/${requestHash}`);
    await page.getByText(/An answer was due on /).waitFor();
    expect(await page.locator('.trace-steps').innerText()).toContain('Sent through iARMS');
    await shoot(page, 'trace-request-en');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await session.goTo('Tracing');
    await page.getByRole('link', { name: 'Overdue for an answer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overdue for an answer' }).waitFor();
    await page.getByText(/no answer 30 days after the last word on them/).waitFor();
    const row = page.getByRole('row', { name: new RegExp(serials[0]) });
    await row.waitFor();
    const cells = await row.innerText();
    expect(cells).toContain('Overdue');
    expect(cells).toContain('Sent');
    expect(cells).toContain('Zastava M70, 7.62x39');
    await shoot(page, 'trace-list-overdue-en');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('records the answer: the point of diversion established, the origin is on the weapon', async () => {
    const { page } = session;
    await page.getByRole('link', { name: serials[0] }).click();
    await page.getByRole('link', { name: 'Answered', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Answered: / }).waitFor();
    await page.getByRole('button', { name: 'Save the answer' }).click();
    const summary = page.getByLabel('What the answer says');
    await expect.poll(() => summary.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedLabel(page)).toBe('What the answer says');
    expect(
      await page.getByLabel('Point of diversion established').getAttribute('aria-invalid'),
    ).toBe('true');
    await shoot(page, 'trace-answer-errors-en');

    await summary.fill('Exported to the Ministry of Interior in 1989; reported stolen in 1997.');
    await page.getByLabel('Last legal record').fill('MUP RS armoury, Kragujevac, inventory 1996');
    await page.getByLabel('Point of diversion established').selectOption('yes');
    await page.getByRole('button', { name: 'Save the answer' }).click();
    await page.waitForURL(`**/${requestHash}`);
    await page.getByRole('heading', { level: 2, name: 'Answer' }).waitFor();
    expect(await page.locator('.trace-status').innerText()).toContain('Answered');
    expect(await page.locator('main').innerText()).toContain('MUP RS armoury');

    // The request as a document: its PDF says what was asked and what came back, here in French
    // (the language asked beside the button) from this English screen.
    await page.getByLabel('Document language').selectOption('fr');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Print / save PDF' }).click();
    const printed = await download;
    expect(printed.suggestedFilename()).toMatch(/^trace-request-.*-fr\.pdf$/);
    const pdf = (await pdfText(await readFile((await printed.path())!))).text.replace(/\s+/g, ' ');
    expect(pdf).toContain(serials[0]);
    expect(pdf).toContain('MUP RS armoury');
    expect(pdf).toContain("Demande de traçage d'arme à feu");
    await page.getByText(`Downloaded ${printed.suggestedFilename()}.`).waitFor();

    await session.goTo('Tracing');
    await page.getByRole('link', { name: 'Overdue for an answer' }).click();
    await page.getByText('No request is overdue for an answer').waitFor();

    await page.goto(`${base}#/items/${seeded.weaponIds[0] ?? ''}`);
    await page.getByText('Origin established by trace').waitFor();
    const section = page.getByTestId('item-traces');
    await section.getByRole('link', { name: /^to Serbia, sent on / }).waitFor();
    expect(await section.innerText()).toContain('Answered');
    await shoot(page, 'trace-item-section-en');
  });

  it('explains a change saved meanwhile, and reloads the latest version', async () => {
    const { page } = session;
    await page.goto(`${base}${requestHash}/edit`);
    const theirs = page.getByLabel('Their reference');
    await theirs.waitFor();
    // Someone else saves the request while this form is open.
    await page.evaluate(
      async (id) => {
        const api = window.api!;
        const got = await api.getTraceRequest({ id });
        if (!got.ok) throw new Error(JSON.stringify(got.error));
        const saved = await api.saveTraceRequest({
          request: { ...got.value.request, theirReference: 'IP-2026/0457' },
          expectedRevision: got.value.revision,
        });
        if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      },
      requestHash.split('/').at(-1) ?? '',
    );
    await theirs.fill('IP-2026/9999');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByText(/Someone changed this trace request while you were working on it/)
      .waitFor();
    await shoot(page, 'trace-conflict-en');
    await page.getByRole('link', { name: 'Reload the latest version' }).click();
    await page.waitForURL(`**/${requestHash}`);
    await page.getByText('IP-2026/0457').waitFor();
  });

  it('sets the days an answer is due in, in Settings', async () => {
    const { page } = session;
    await session.goTo('Settings');
    const form = page.getByRole('form', { name: 'Trace requests' });
    const days = form.getByLabel('Days a state has to answer a trace request');
    expect(await days.inputValue()).toBe('30');
    await days.fill('0');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => days.getAttribute('aria-invalid')).toBe('true');
    await days.fill('45');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Settings saved.').waitFor();
    expect(
      await page.evaluate(async () => {
        const settings = await window.api!.getSettings();
        return settings.ok ? settings.value.traceAnswerDays : null;
      }),
    ).toBe(45);
    await shoot(page, 'trace-settings-en');
  });

  it('reads in Serbian', async () => {
    const { page } = session;
    // A second weapon's request, sent 50 days ago: overdue under the 45 days set above.
    await page.evaluate(
      async ({ itemId, sentOn }) => {
        const api = window.api!;
        const made = await api.newTraceRequest({ itemId });
        if (!made.ok) throw new Error(JSON.stringify(made.error));
        const saved = await api.saveTraceRequest({
          request: {
            ...made.value,
            addresseeBasis: 'country_of_manufacture',
            addresseeCountry: 'CZ',
            channel: 'diplomatic',
            illicitNature: 'Nađen bez dozvole u napuštenom objektu.',
            intendedUse: 'Krivična istraga KU-2026-412.',
            steps: [{ status: 'sent', on: sentOn }],
          },
          expectedRevision: null,
        });
        if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      },
      { itemId: seeded.weaponIds[1] ?? '', sentOn: daysAgo(50) },
    );
    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByRole('navigation').getByRole('link', { name: 'Praćenje' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zahtevi za praćenje' }).waitFor();
    await page.getByText('2 zahteva za praćenje').waitFor();
    await shoot(page, 'trace-list-sr');
    await page.getByRole('link', { name: serials[0] }).click();
    await page.getByText('Stigao odgovor', { exact: true }).first().waitFor();
    await shoot(page, 'trace-request-sr');
    await page.getByRole('link', { name: 'Izmeni' }).click();
    await page.getByLabel('Za šta će odgovor biti korišćen').fill('');
    await page.getByRole('button', { name: 'Sačuvaj', exact: true }).click();
    await expect.poll(() => focusedLabel(page)).toBe('Za šta će odgovor biti korišćen');
    await shoot(page, 'trace-form-errors-sr');
    await page.goto(`${base}#/items/${seeded.weaponIds[0] ?? ''}`);
    await page.getByTestId('item-traces').getByText('Stigao odgovor').waitFor();
    await shoot(page, 'trace-item-section-sr');
    await page.goto(`${base}#/tracing/overdue`);
    await page.getByText(/bez odgovora 45 dana/).waitFor();
    await page
      .getByRole('row', { name: new RegExp(serials[1]) })
      .getByText('Odgovor kasni')
      .waitFor();
    await shoot(page, 'trace-list-overdue-sr');
    await page.goto(`${base}#/settings`);
    await page.getByLabel('Broj dana koje država ima da odgovori na zahtev za praćenje').waitFor();
    await shoot(page, 'trace-settings-sr');
  });

  it('lets a destruction officer read the requests but offers no way to make or change one', async () => {
    const { page } = session;
    const officer = { name: 'Dragan Simić', passphrase: 'Osprey-Valley-58' };
    const added = await page.evaluate(async (person) => {
      await window.api!.updateSettings({ language: 'en' });
      return window.api!.addPerson({ ...person, role: 'destruction_officer' });
    }, officer);
    if (!added.ok) throw new Error(JSON.stringify(added.error));
    await session.signInAs({ userId: added.value.id, passphrase: officer.passphrase });

    await page.goto(`${base}${requestHash}`);
    await page.getByRole('heading', { level: 2, name: 'Answer' }).waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Close' }).count()).toBe(0);
    await page.goto(`${base}#/items/${seeded.weaponIds[2] ?? ''}`);
    await page.getByText('No trace request has been made for this weapon.').waitFor();
    expect(await page.getByRole('link', { name: 'Create trace request' }).count()).toBe(0);
    // Typed by hand, the form's address says why there is no form.
    await page.goto(`${base}#/tracing/new/${seeded.weaponIds[2] ?? ''}`);
    await page.getByRole('heading', { level: 1, name: 'New trace request' }).waitFor();
    await page
      .getByText('Your role may read trace requests but not make or change them.')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Save the trace request' }).count()).toBe(0);
  });

  it('ran without a script error or a CSP violation', async () => {
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});
