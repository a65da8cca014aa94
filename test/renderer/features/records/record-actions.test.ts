import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageInfo } from '../../../../shared/i18n/languages.ts';
import { supportedLanguages } from '../../../../shared/settings/settings.ts';
import { pdfText } from '../../../support/pdf-text.ts';
import { RendererSession } from '../../../support/renderer-session.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

/**
 * The record page's actions in the browser preview: the receipt of a final surrender (downloaded,
 * as the preview's port hands it over), in the screen's language or another one asked for,
 * amending the record with a reason, deleting a draft.
 */

const serials = ['M70-ČĆ 4411', 'CZ99-0417'] as const;

describe('a record page: receipt, amendment, deleting a draft', () => {
  let session: RendererSession;
  let finalId: string;
  let draftId: string;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    const png = tinyPng([200, 30, 30], 4).toString('base64');
    // The records are made through window.api: the editor has tests of its own.
    const made = await session.page.evaluate(
      async ({ png, serials }) => {
        const api = window.api!;
        const must = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
          if (!result.ok) throw new Error(JSON.stringify(result.error));
          return result.value;
        };
        const place = {
          id: crypto.randomUUID(),
          locationType: 'collection_point_fixed' as const,
          name: 'Sabirno mesto Čačak',
          jurisdiction: 'RS' as const,
        };
        must(await api.saveLocation(place));
        const photo = must(await api.addPhoto({ dataBase64: png, kind: 'whole_weapon' }));
        const draft = must(await api.newIntakeDraft());
        const weapon = (serialNumber: string, pistol: boolean) => ({
          id: crypto.randomUUID(),
          category: 'small_arm' as const,
          weaponType: pistol ? ('self_loading_pistol' as const) : ('assault_rifle' as const),
          manufacturer: pistol ? 'CZ' : 'Zastava',
          model: pistol ? '99' : 'M70',
          calibre: pistol ? '9x19' : '7.62x39',
          serialNumber,
          serialStatus: 'present' as const,
          markingCondition: 'intact' as const,
          lifecycleStatus: 'in_custody' as const,
          traceStatus: 'not_attempted' as const,
          markings: [],
          photos: [photo],
        });
        const saved = must(
          await api.saveIntakeDraft({
            draft: {
              ...draft,
              context: 'surrendered',
              occurredAt: '2024-03-01',
              locationId: place.id,
              recordingAgency: 'PU Čačak',
              recordingOfficer: 'Ana Petrović',
              collection: {
                collectionMethod: 'walk_in_station',
                surrenderingPartyType: 'household',
                anonymous: false,
                campaignBased: false,
                dispositionRequested: 'surrender_for_destruction',
              },
              weapons: [weapon(serials[0], false), weapon(serials[1], true)],
              ammunition: [
                {
                  id: crypto.randomUUID(),
                  ammoClass: 'small_arms_cartridge',
                  calibre: '7.62x39',
                  quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 },
                  photos: [],
                },
              ],
              explosives: [
                {
                  id: crypto.randomUUID(),
                  eoType: 'hand_grenade',
                  quantity: { kind: 'explosives', unit: 'pieces', amount: 2 },
                  safetyStatus: 'safe_to_store',
                  photos: [],
                },
              ],
            },
            expectedRevision: null,
          }),
        );
        must(await api.finaliseIntake({ id: draft.id, expectedRevision: saved.revision }));
        const other = must(await api.newIntakeDraft());
        must(
          await api.saveIntakeDraft({
            draft: { ...other, context: 'found', notes: 'Napušteno u šumi' },
            expectedRevision: null,
          }),
        );
        return { finalId: draft.id, draftId: other.id };
      },
      { png, serials },
    );
    finalId = made.finalId;
    draftId = made.draftId;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('makes the surrender receipt of a final record, listing every serial', async () => {
    const { page } = session;
    await page.goto(`${session.preview.url}#/records/${finalId}`);
    const button = page.getByRole('button', { name: 'Make the surrender receipt (PDF)' });
    const downloading = page.waitForEvent('download');
    await button.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^surrender-receipt-.+\.pdf$/);
    const path = await download.path();
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await pdfText(bytes)).text.replace(/\s+/g, ' ');
    for (const expected of [...serials, '500 rounds', 'Hand grenade', '2 pieces'])
      expect(text).toContain(expected);
    await expect
      .poll(() => page.getByTestId('receipt-outcome').textContent())
      .toContain('Downloaded surrender-receipt-');
    // A final record is never deleted: no such button.
    expect(await page.getByRole('button', { name: 'Delete draft' }).count()).toBe(0);
  });

  it('makes the receipt in French from an English screen, the language chosen beside the button', async () => {
    const { page } = session;
    await page.goto(`${session.preview.url}#/records/${finalId}`);
    const language = page.getByLabel('Document language');
    // The screen's language unless another is chosen; every language, each by its own name.
    expect(await language.inputValue()).toBe('en');
    const options = await language
      .locator('option')
      .evaluateAll((all) =>
        (all as HTMLOptionElement[]).map((option) => [option.value, option.lang, option.text]),
      );
    expect(options).toEqual(
      supportedLanguages.map((tag) => [tag, tag, languageInfo[tag].nativeName]),
    );
    await language.selectOption('fr');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Make the surrender receipt (PDF)' }).click();
    const download = await downloading;
    const text = (await pdfText(await readFile(await download.path()))).text.replace(/\s+/g, ' ');
    for (const expected of ['Récépissé de remise', '500 cartouches', ...serials]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Surrender receipt');
    // Only the document changed language: the screen still speaks English.
    await expect
      .poll(() => page.getByTestId('receipt-outcome').textContent())
      .toContain('Downloaded surrender-receipt-');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    // A Serbian screen: the next receipt is in Serbian unless another language is chosen.
    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.reload();
    const jezik = page.getByLabel('Jezik dokumenta');
    await jezik.waitFor();
    try {
      expect(await jezik.inputValue()).toBe('sr-Latn');
    } finally {
      await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
    }
    await page.getByLabel('Document language').waitFor();
  });

  it('amends the final record: a reason is required, the history shows it, the record stays final', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Amend' }).click();
    await page.getByRole('heading', { level: 1, name: 'Amend a final record' }).waitFor();
    await page.getByLabel('Recording officer').fill('Marko Petrović');
    await page.getByRole('button', { name: 'Save the amendment' }).click();
    await page.getByText('Give the reason for the amendment.').waitFor();
    const reason = page.getByLabel('Reason for the amendment');
    expect(await reason.evaluate((element) => element === document.activeElement)).toBe(true);
    await reason.fill('Pogrešno upisano ime službenog lica');
    await page.getByRole('button', { name: 'Save the amendment' }).click();

    await page.getByRole('heading', { level: 1, name: /Surrendered/ }).waitFor();
    const history = page.getByTestId('history');
    await history.getByText('Amended', { exact: true }).waitFor();
    expect(await page.getByTestId('history-reason').textContent()).toBe(
      'Reason: Pogrešno upisano ime službenog lica',
    );
    expect(await page.getByText('Marko Petrović').count()).toBeGreaterThan(0);
    // Still final: the receipt is offered, editing is not.
    await page.getByRole('button', { name: 'Make the surrender receipt (PDF)' }).waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
  });

  it('deletes a draft after asking, and it leaves the list', async () => {
    const { page } = session;
    await page.goto(`${session.preview.url}#/records/${draftId}`);
    await page.getByRole('button', { name: 'Delete draft' }).click();
    const keep = page.getByRole('button', { name: 'Keep it' });
    await keep.click();
    // Asked, then kept: the draft is still there and the focus is back on the button.
    const again = page.getByRole('button', { name: 'Delete draft' });
    await expect
      .poll(() => again.evaluate((element) => element === document.activeElement))
      .toBe(true);
    await again.click();
    await expect
      .poll(() =>
        page
          .getByRole('button', { name: 'Delete', exact: true })
          .evaluate((element) => element === document.activeElement),
      )
      .toBe(true);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.waitForURL(/#\/records$/);
    const gone = await page.evaluate((id) => window.api!.getIntake({ id }), draftId);
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND');
    expect(await session.cspViolations()).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
