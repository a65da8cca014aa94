import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  moveIntoStore,
  seedSurrender,
  type SeededSurrender,
} from '../../../support/custody-seed.ts';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { pdfText } from '../../../support/pdf-text.ts';
import { defaultPerson, RendererSession } from '../../../support/renderer-session.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

/**
 * Stock check, loss and destruction in the Custody area: a surrender of three weapons and a lot
 * of 500 rounds moved into a storage site; a stock check finds one weapon missing, reported stolen
 * through the incident form; the rest are
 * marked for destruction and destroyed through the form, with two witnesses, every item ticked,
 * a photo and the scan of the signed certificate; the certificate lists every serial. A field
 * officer is offered no destruction, and main refuses a forged one.
 */
const storageName = 'Skladište Niš';
const collectionName = 'Sabirno mesto Leskovac';
const serials = ['M70-DX 1001', 'CZ99-2002', 'M48-3003'] as const;
type Seeded = SeededSurrender;

async function seed(page: Page): Promise<Seeded> {
  const seeded = await seedSurrender(page, { storageName, collectionName, serials });
  await moveIntoStore(page, seeded, defaultPerson.passphrase);
  return seeded;
}

/** What a control's aria-describedby says, as a screen reader reads it after the label. */
function describedBy(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim(),
  );
}

describe('stock check, loss and destruction in the Custody area', () => {
  let session: RendererSession;
  let seeded: Seeded;
  let base = '';
  let destructionId = '';

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    seeded = await seed(session.page);
    base = session.preview.url.split('#')[0] ?? '';
  }, 60_000);
  afterAll(async () => {
    await session?.close();
  });

  it('records a stock check that finds one weapon missing', async () => {
    const { page } = session;
    await page.goto(`${base}#/custody/sites/${seeded.storageId}`);
    await page.getByRole('link', { name: 'Record a stock check' }).click();
    await page.getByRole('heading', { level: 1, name: 'New stock check' }).waitFor();
    const scan = page.getByLabel('Serial number (type or scan)');
    // Ready for a scanner: the scan box has the focus.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe(await scan.getAttribute('id'));
    for (const serial of [serials[0], 'cz99 2002']) {
      await scan.fill(serial);
      await scan.press('Enter');
    }
    await page.getByLabel(/^Counted of .*LOT|^Counted of /).fill('500');
    const preview = page.getByTestId('discrepancy-preview');
    await expect.poll(() => preview.innerText()).toContain(serials[2]);
    expect(await preview.locator('li').count()).toBe(1);
    // Who counted starts as the person recording the check; emptied, the seal is refused at
    // the field itself, and nothing is sealed.
    const countedBy = page.getByLabel('Counted by');
    expect(await countedBy.inputValue()).toBe(defaultPerson.name);
    await countedBy.fill('');
    await page.getByRole('button', { name: 'Save and seal the stock check' }).click();
    await expect.poll(() => countedBy.getAttribute('aria-invalid')).toBe('true');
    await page.locator(`#${await countedBy.getAttribute('id')}-error`).waitFor();
    expect(await page.getByTestId('form-issues').innerText()).toContain('Counted by');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await countedBy.fill('Milan Kostić');
    // A wrong passphrase seals nothing, and the focus goes back to it.
    const passphrase = page.getByLabel(`Your passphrase (${defaultPerson.name})`);
    await passphrase.fill('Not-The-Right-One-1');
    await page.getByRole('button', { name: 'Save and seal the stock check' }).click();
    await expect.poll(() => passphrase.getAttribute('aria-invalid')).toBe('true');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe(await passphrase.getAttribute('id'));
    await passphrase.fill(defaultPerson.passphrase);
    await page.getByRole('button', { name: 'Save and seal the stock check' }).click();
    await page.waitForURL(/#\/custody\/records\//);
    const discrepancies = page.getByTestId('discrepancies');
    await discrepancies.waitFor();
    const text = await discrepancies.innerText();
    expect(text).toContain('Missing');
    expect(text).toContain(serials[2]);
    await page.getByRole('link', { name: 'Report these missing items' }).waitFor();

    // Corrected: the correction starts from the counts it corrects and says why.
    await page.getByRole('link', { name: 'Record a correction' }).click();
    await page.getByRole('heading', { level: 1, name: 'Correct a stock check' }).waitFor();
    expect(await page.getByLabel('Counted by').inputValue()).toBe('Milan Kostić');
    await page.getByLabel('Counted by').fill('Milan Kostić, Jelena Ilić');
    await page.getByLabel('Why it is corrected').fill('Two people counted; both are named.');
    await page.getByLabel(`Your passphrase (${defaultPerson.name})`).fill(defaultPerson.passphrase);
    await page.getByRole('button', { name: 'Save and seal the stock check' }).click();
    await page.getByText('This record corrects an earlier one.').waitFor();
    expect(await page.getByTestId('discrepancies').innerText()).toContain(serials[2]);
    await page.getByRole('link', { name: 'Report these missing items' }).waitFor();
  });

  it('reports the missing weapon as stolen, with iARMS notified', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Report these missing items' }).click();
    await page.getByRole('heading', { level: 1, name: 'Report a loss or theft' }).waitFor();
    await expect.poll(() => page.locator('main').innerText()).toContain(serials[2]);
    // Sealed with nothing filled in: each field says what it lacks.
    await page.getByLabel(`Your passphrase (${defaultPerson.name})`).fill(defaultPerson.passphrase);
    await page.getByRole('button', { name: 'Save and seal the incident' }).click();
    for (const label of ['Loss or theft', 'Circumstances']) {
      const field = page.getByLabel(label, { exact: true });
      await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel('Loss or theft', { exact: true }).selectOption('theft');
    await page.getByLabel('Circumstances').fill('The padlock of cage 3 was found cut.');
    await page.getByLabel('INTERPOL iARMS notified').check();
    // Notified, but not said when: asked for the date.
    await page.getByRole('button', { name: 'Save and seal the incident' }).click();
    const notifiedOn = page.getByLabel('Notified on', { exact: true });
    await expect.poll(() => notifiedOn.getAttribute('aria-invalid')).toBe('true');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe(await notifiedOn.getAttribute('id'));
    await notifiedOn.fill('2025-04-03');
    await page.getByLabel('iARMS reference').fill('IARMS-RS-2025-0042');
    await page.getByRole('button', { name: 'Save and seal the incident' }).click();
    await page.waitForURL(/#\/custody\/records\//);
    await page.goto(`${base}#/items/${seeded.weaponIds[2]}`);
    await expect.poll(() => page.locator('main').innerText()).toContain('Lost or stolen');
  });

  it('destroys the rest through the destruction form', async () => {
    const { page } = session;
    const destroyIds = [seeded.weaponIds[0] ?? '', seeded.weaponIds[1] ?? '', seeded.lotId];
    await page.evaluate(
      async ({ destroyIds, passphrase }) => {
        const result = await window.api!.recordCustodyDecision({
          decision: {
            items: destroyIds.map((id, index) => ({
              kind: index < 2 ? ('weapon' as const) : ('ammunition_lot' as const),
              id,
            })),
            decision: 'for_destruction',
            decidedAt: new Date().toISOString(),
            decidedBy: 'Tužilaštvo Niš',
            reason: 'Predato radi uništenja',
          },
          passphrase,
        });
        if (!result.ok) throw new Error(JSON.stringify(result.error));
      },
      { destroyIds, passphrase: defaultPerson.passphrase },
    );
    await page.goto(`${base}#/custody/sites/${seeded.storageId}`);
    await page.getByRole('link', { name: 'Record a destruction' }).click();
    await page.getByRole('heading', { level: 1, name: 'Record a destruction' }).waitFor();
    await page.getByText('Awaiting destruction here: 3 items').waitFor();
    // Sealed before anything is filled in: the fields say what they lack.
    await page.getByRole('button', { name: 'Save and seal the destruction' }).click();
    for (const label of ['Method', 'Organising authority', 'Certificate number']) {
      await expect.poll(() => page.getByLabel(label).getAttribute('aria-invalid')).toBe('true');
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Select all shown' }).click();
    const ticks = page.getByTestId('tick-list').getByRole('checkbox');
    await expect.poll(() => ticks.count()).toBe(3);
    for (let index = 0; index < 3; index += 1) await ticks.nth(index).check();
    await page.getByLabel('Count checked').check();
    await page.getByLabel('Serials checked').check();
    await page.getByLabel('Result').selectOption('all_match');
    await page.getByLabel('Checked by').fill('Milan Kostić');
    await page.getByLabel('Method').selectOption('cutting_torch');
    await page.getByLabel('Organising authority').fill('MUP Republike Srbije');
    const witness = (n: number) => page.getByRole('group', { name: `Witness ${n}` });
    await witness(1).getByLabel('Name').fill('Jelena Ilić');
    await witness(1).getByLabel('Organisation').fill('UNDP SEESAC');
    await witness(1).getByLabel('Role').fill('Observer');
    await page.getByRole('button', { name: 'Add a witness' }).click();
    // The new witness's name takes the focus.
    const secondName = witness(2).getByLabel('Name');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe(await secondName.getAttribute('id'));
    await witness(2).getByLabel('Name').fill('Petar Jović');
    await witness(2).getByLabel('Organisation').fill('OSCE');
    await witness(2).getByLabel('Role').fill('Observer');
    await page.getByLabel('Certificate number').fill('UN-2025-041');
    await page.getByLabel('Signatory 1').fill('Milan Kostić');
    // Printed to be signed on paper before any photo or scan exists; in Albanian, for the
    // signatories, from this English screen.
    await page.getByLabel('Document language').selectOption('sq');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Print the certificate to sign' }).click();
    const printed = await download;
    // Named for its language: the English copy, printed later, does not replace it in a folder.
    expect(printed.suggestedFilename()).toBe('destruction-certificate-UN-2025-041-to-sign-sq.pdf');
    const draftText = (await pdfText(await readFile((await printed.path())!))).text;
    expect(draftText.replace(/\s+/g, ' ')).toContain('UN-2025-041');
    expect(draftText.replace(/\s+/g, ' ')).toContain('Certifikatë asgjësimi');
    await page.getByText(`Certificate downloaded as ${printed.suggestedFilename()}.`).waitFor();
    // The photo the seal will insist on is asked for up front, at the field.
    const photosInput = page.getByLabel('Add photos of the destruction');
    expect(await describedBy(photosInput)).toContain(
      'At least one photo is needed before the destruction can be sealed',
    );
    await photosInput.setInputFiles({
      name: 'scene.png',
      mimeType: 'image/png',
      buffer: tinyPng([30, 120, 30]),
    });
    await page.getByText('Photos of the destruction (1)').waitFor();
    await page.getByLabel('Scan of the signed certificate').setInputFiles({
      name: 'certificate.png',
      mimeType: 'image/png',
      buffer: tinyPng([240, 240, 240]),
    });
    await page.getByText('The scan is attached', { exact: false }).waitFor();
    await page.getByLabel(`Your passphrase (${defaultPerson.name})`).fill(defaultPerson.passphrase);
    await page.getByRole('button', { name: 'Save and seal the destruction' }).click();
    await page.waitForURL(/#\/custody\/records\//);
    await page.getByRole('button', { name: 'Certificate (PDF)' }).waitFor();
    // Sealed: the sealed record's heading has the focus, not the page body.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    destructionId = decodeURIComponent(page.url().split('/').pop() ?? '');
    // The sealed certificate is printed from the record, in Macedonian asked there; the button
    // keeps the focus meanwhile.
    await page.getByLabel('Document language').selectOption('mk');
    const sealedPdf = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Certificate (PDF)' }).click();
    const sealed = await sealedPdf;
    expect(sealed.suggestedFilename()).toBe('destruction-certificate-UN-2025-041-mk.pdf');
    const sealedText = (await pdfText(await readFile((await sealed.path())!))).text;
    expect(sealedText.replace(/\s+/g, ' ')).toContain('Потврда за уништување');
    await page.getByTestId('certificate-outcome').getByText('Certificate downloaded as').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Certificate (PDF)',
    );

    await page.goto(`${base}#/items/${seeded.weaponIds[0]}`);
    await expect.poll(() => page.locator('main').innerText()).toContain('Destroyed');
  });

  it('prints a certificate that lists every destroyed serial', async () => {
    const { page } = session;
    const delivery = await page.evaluate(
      (id) => window.api!.makeDestructionCertificate({ id }),
      destructionId,
    );
    if (!delivery.ok || delivery.value.kind !== 'download') throw new Error('no certificate');
    const { text } = await pdfText(Buffer.from(delivery.value.dataBase64, 'base64'));
    const flat = text.replace(/\s+/g, ' ');
    for (const serial of [serials[0], serials[1]]) expect(flat).toContain(serial);
    expect(flat).not.toContain(serials[2]);
  });

  it('corrects the destruction by a new sealed record that starts from it and says why', async () => {
    const { page } = session;
    await page.goto(`${base}#/custody/records/${destructionId}`);
    await page.getByRole('link', { name: 'Record a correction' }).click();
    await page.getByRole('heading', { level: 1, name: 'Correct a destruction' }).waitFor();
    // Everything the corrected record said is there to change, its items included.
    expect(await page.getByLabel('Certificate number').inputValue()).toBe('UN-2025-041');
    await expect.poll(() => page.getByTestId('tick-list').getByRole('checkbox').count()).toBe(3);
    await page.getByLabel('Certificate number').fill('UN-2025-041/A');
    await page.getByLabel(`Your passphrase (${defaultPerson.name})`).fill(defaultPerson.passphrase);
    await page.getByRole('button', { name: 'Save and seal the destruction' }).click();
    // Without a reason, nothing is sealed.
    const reason = page.getByLabel('Why it is corrected');
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    await reason.fill('The certificate number was misread from the form.');
    await page.getByRole('button', { name: 'Save and seal the destruction' }).click();
    await page.waitForURL(
      (url) => !url.hash.includes(destructionId) && url.hash.includes('/records/'),
    );
    await page.getByText('This record corrects an earlier one.').waitFor();
    await page.getByText('Reason: The certificate number was misread from the form.').waitFor();
    await page.goto(`${base}#/custody/records/${destructionId}`);
    await page.getByTestId('corrected-by').waitFor();
    expect(await page.getByRole('link', { name: 'Record a correction' }).count()).toBe(0);
    // The weapons stay destroyed, now by the correction.
    await page.goto(`${base}#/items/${seeded.weaponIds[0]}`);
    await expect.poll(() => page.locator('main').innerText()).toContain('UN-2025-041/A');
  });

  it('offers a field officer no destruction, and main refuses a forged one', async () => {
    const { page } = session;
    const officer = { name: 'Marko Petrović', passphrase: 'Falcon-Ridge-73' };
    const added = await page.evaluate(
      (person) => window.api!.addPerson({ ...person, role: 'field_officer' }),
      officer,
    );
    if (!added.ok) throw new Error(JSON.stringify(added.error));
    await session.signInAs({ userId: added.value.id, passphrase: officer.passphrase });
    await page.goto(`${base}#/custody/sites/${seeded.storageId}`);
    await page.getByRole('heading', { level: 1, name: storageName }).waitFor();
    expect(await page.getByRole('link', { name: 'Record a destruction' }).count()).toBe(0);

    const refused = await page.evaluate(
      async ({ weaponId, storageId, passphrase, png }) => {
        const api = window.api!;
        const photo = await api.addPhoto({ dataBase64: png, kind: 'scene' });
        if (!photo.ok) return photo.error.code;
        const result = await api.recordDestruction({
          destruction: {
            destructionDate: '2025-07-09',
            siteLocationId: storageId,
            organisingAuthority: 'Nepoznat',
            method: 'crushing',
            items: [{ kind: 'weapon', id: weaponId }],
            aggregateCounts: [],
            preDestructionVerification: {
              verifiedBy: 'Marko Petrović',
              countChecked: true,
              serialsChecked: true,
              itemsTicked: [weaponId],
              result: 'all_match',
            },
            witnesses: [{ name: 'X', organisation: 'Y', role: 'Z' }],
            photos: [photo.value],
            certificateNumber: 'F-1',
            certificateSignatories: ['Marko Petrović'],
            certificateFile: photo.value,
          },
          passphrase,
        });
        return result.ok ? 'saved' : result.error.code;
      },
      {
        weaponId: seeded.weaponIds[2] ?? '',
        storageId: seeded.storageId,
        passphrase: officer.passphrase,
        png: tinyPng([1, 2, 3]).toString('base64'),
      },
    );
    expect(refused).toBe('FORBIDDEN');
    expect(session.pageErrors).toEqual([]);
  });
});
