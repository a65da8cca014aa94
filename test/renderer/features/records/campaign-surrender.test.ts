import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RendererSession } from '../../../support/renderer-session.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

/**
 * The second example: a surrender during a collection campaign. The campaign does not
 * exist yet, so the person adds it from the record, as they would in the field, then finalises.
 */
describe('recording a surrender during a collection campaign', () => {
  let session: RendererSession;
  let photos: { dir: string; remove: () => Promise<void> };

  beforeAll(async () => {
    photos = await makeTempDir('campaign-photos');
    await writeFile(path.join(photos.dir, 'rifle.png'), tinyPng([90, 90, 160], 8));
    session = await RendererSession.openUnlocked();
  });

  afterAll(async () => {
    await session?.close();
    await photos?.remove();
  });

  it('adds the campaign from the record, and the finalised record names it', async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByRole('heading', { level: 1, name: 'New record' }).waitFor();

    await page.getByRole('radio', { name: 'Surrendered' }).check();
    await page.getByLabel('Date', { exact: true }).fill('2026-10-03');
    await page.getByRole('button', { name: 'New location' }).click();
    await page.getByLabel('Name', { exact: true }).fill('PS Kragujevac');
    await page.getByLabel('Type', { exact: true }).selectOption('inland_police_station');
    await page.getByLabel('Jurisdiction (country)').selectOption('RS');
    await page.getByRole('button', { name: 'Save location' }).click();
    await page.getByText('Location “PS Kragujevac” added and chosen.').waitFor();
    await page.getByLabel('Recording agency').fill('Policijska uprava Kragujevac');

    await page.getByLabel('Collection method').selectOption('walk_in_station');
    await page.getByLabel('Surrendered by').selectOption('individual');
    await page
      .getByRole('group', { name: 'Anonymous surrender?' })
      .getByRole('radio', { name: 'Yes' })
      .check();
    await page.getByLabel('What the person asked for').selectOption('surrender_for_destruction');
    await page
      .getByRole('group', { name: 'Part of a collection campaign?' })
      .getByRole('radio', { name: 'Yes' })
      .check();

    // No campaign is recorded yet: the person adds it here, and it is chosen for the record.
    await page.getByRole('button', { name: 'New campaign' }).click();
    const form = page.getByRole('form', { name: 'New collection campaign' });
    await form.getByRole('button', { name: 'Save campaign' }).click();
    expect(await form.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Name').fill('Amnesty 2026');
    await form.getByLabel('Type of campaign').selectOption('voluntary_surrender_amnesty');
    await form.getByLabel('Country').selectOption('RS');
    await form.getByLabel('Start date').fill('2026-09-01');
    await form.getByLabel('Lead agency').fill('Ministarstvo unutrašnjih poslova');
    await form.getByRole('button', { name: 'Save campaign' }).click();
    await page.getByText('Campaign “Amnesty 2026” added and chosen.').waitFor();

    await page.getByRole('button', { name: 'Add weapon' }).click();
    const card = page.getByRole('article', { name: 'Weapon 1' });
    await card.getByLabel('Weapon type').selectOption('rifle_carbine');
    await card.getByLabel('Manufacturer', { exact: true }).fill('Zastava');
    await card.getByRole('button', { name: 'Model: unknown' }).click();
    await card.getByLabel('Calibre', { exact: true }).fill('7.92x57mm');
    await card.getByRole('radio', { name: 'Present', exact: true }).check();
    await card.getByLabel('Serial number as read').fill('M48 77812');
    await card.getByLabel('Where the serial is').selectOption('frame_receiver');
    await card.getByLabel('Condition of markings').selectOption('partially_legible');
    await card.getByLabel('Trace', { exact: true }).selectOption('not_attempted');
    await card.locator('input[type=file]').setInputFiles(path.join(photos.dir, 'rifle.png'));
    await card.getByRole('img').first().waitFor();
    await page
      .getByTestId('save-status')
      .getByText(/^Saved/)
      .waitFor();

    await page.getByRole('button', { name: 'Finalise record' }).click();
    await page.getByRole('button', { name: 'Finalise', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Surrendered · / }).waitFor();
    expect(await page.locator('.page-head .badge').textContent()).toBe('Final');

    const id = /#\/records\/([^/]+)$/.exec(page.url())?.[1] ?? '';
    const record = await page.evaluate((recordId) => window.api?.getIntake({ id: recordId }), id);
    const campaigns = await page.evaluate(() => window.api?.listCampaigns());
    expect(campaigns).toMatchObject({
      ok: true,
      value: [{ name: 'Amnesty 2026', status: 'active' }],
    });
    const campaignId = campaigns?.ok === true ? campaigns.value[0]?.id : undefined;
    expect(record).toMatchObject({ ok: true, value: { status: 'final', event: { campaignId } } });
    expect(session.pageErrors).toEqual([]);
  });
});
