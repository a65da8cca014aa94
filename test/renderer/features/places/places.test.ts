import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RendererSession } from '../../../support/renderer-session.ts';

/**
 * Locations and campaigns from their own pages, as a team lead and a field officer use them:
 * added, edited, named (never as an id) by the record that refers to them, and a campaign's
 * progress counted by kind and unit.
 */
describe('locations and campaigns', () => {
  let session: RendererSession;
  let locationId = '';
  let campaignId = '';

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('adds a location with every field, refusing it while incomplete, then edits it', async () => {
    const { page } = session;
    await session.goTo('Locations & campaigns');
    await page.getByRole('heading', { level: 1, name: 'Locations' }).waitFor();
    await page.getByText('No locations yet.').waitFor();

    await page.getByRole('link', { name: 'New location' }).click();
    await page.getByRole('heading', { level: 1, name: 'New location' }).waitFor();
    await page.getByRole('button', { name: 'Save location' }).click();
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Name').fill('Policijska stanica Kraljevo');
    await page.getByLabel('Type').selectOption('inland_police_station');
    await page.getByLabel('Country (jurisdiction)').selectOption('RS');
    await page.getByLabel('Region or district').fill('Raški okrug');
    await page.getByLabel('Municipality').fill('Kraljevo');
    // Half a coordinate places the site nowhere: refused at the other half.
    await page.getByLabel('Latitude').fill('43,7258');
    await page.getByRole('button', { name: 'Save location' }).click();
    expect(await page.getByLabel('Longitude').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Longitude').fill('20.6894');
    await page.getByLabel('Accuracy (metres)').fill('25');
    await page.getByRole('button', { name: 'Save location' }).click();

    await page.getByRole('heading', { level: 1, name: 'Policijska stanica Kraljevo' }).waitFor();
    locationId = /#\/places\/locations\/([^/]+)$/.exec(page.url())?.[1] ?? '';
    const facts = page.locator('.facts');
    await expect.poll(() => facts.first().textContent()).toContain('43.7258, 20.6894 (± 25 m)');
    expect(await facts.first().textContent()).toContain('Police station (inland)');

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit location' }).waitFor();
    expect(await page.getByLabel('Latitude').inputValue()).toBe('43.7258');
    await page.getByLabel('Municipality').fill('Grad Kraljevo');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Policijska stanica Kraljevo' }).waitFor();
    await page.getByText('Grad Kraljevo').waitFor();
    expect(await page.locator('.facts').last().textContent()).toContain('Revision2');

    await page.getByRole('link', { name: 'All locations' }).click();
    await page.getByRole('cell', { name: 'Policijska stanica Kraljevo' }).waitFor();
    await page.getByText('1 location', { exact: true }).waitFor();
  });

  it('adds a campaign with a target, and the record names it and counts towards it', async () => {
    const { page } = session;
    await session.goTo('Locations & campaigns');
    await page.getByRole('link', { name: 'Collection campaigns' }).click();
    await page.getByText('No collection campaigns yet.').waitFor();
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByRole('heading', { level: 1, name: 'New collection campaign' }).waitFor();

    await page.getByLabel('Name').fill('Amnestija 2026 — Raški okrug');
    await page.getByLabel('Type of campaign').selectOption('voluntary_surrender_amnesty');
    await page.getByLabel('Country (jurisdiction)').selectOption('RS');
    await page.getByLabel('Lead agency').fill('MUP Srbije');
    await page.getByLabel('Incentive').selectOption('none');
    await page.getByLabel('Partners and donors').fill('UNDP\nOEBS');
    await page.getByLabel('Start date').fill('2026-03-01');
    await page.getByLabel('End date', { exact: true }).fill('2026-02-01');
    await page.getByLabel('What is counted').selectOption('weapons');
    // Weapons are counted in pieces only: the unit follows.
    expect(await page.getByLabel('Unit').inputValue()).toBe('pieces');
    await page.getByLabel('Amount').fill('100');
    await page.getByRole('button', { name: 'Save campaign' }).click();
    expect(await page.getByLabel('End date', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await page.getByLabel('End date', { exact: true }).fill('2026-12-31');
    await page.getByRole('button', { name: 'Save campaign' }).click();

    await page.getByRole('heading', { level: 1, name: 'Amnestija 2026 — Raški okrug' }).waitFor();
    campaignId = /#\/places\/campaigns\/([^/]+)$/.exec(page.url())?.[1] ?? '';
    await page.getByText('No record names this campaign yet.', { exact: false }).waitFor();
    await page.getByText('UNDP, OEBS').waitFor();

    // A surrender in the campaign, as the editor saves it: two rifles and 500 rounds, a draft.
    const saved = await page.evaluate(
      async ({ location, campaign }) => {
        const draft = await window.api!.newIntakeDraft();
        if (!draft.ok) return draft;
        const rifle = () => ({
          id: crypto.randomUUID(),
          weaponType: 'assault_rifle' as const,
          markings: [],
          photos: [],
        });
        return window.api!.saveIntakeDraft({
          draft: {
            ...draft.value,
            context: 'surrendered',
            locationId: location,
            campaignId: campaign,
            weapons: [rifle(), rifle()],
            ammunition: [
              {
                id: crypto.randomUUID(),
                calibre: '7.62x39',
                quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 },
                photos: [],
              },
            ],
          } as never,
          expectedRevision: null,
        });
      },
      { location: locationId, campaign: campaignId },
    );
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    const recordId = saved.ok ? saved.value.event.id : '';

    await page.goto(`${session.preview.url}#/records/${recordId}`);
    const event = page.getByRole('region', { name: 'Intake', exact: true });
    await event.getByRole('link', { name: 'Amnestija 2026 — Raški okrug' }).waitFor();
    expect(await event.textContent()).not.toContain(campaignId);
    await event.getByRole('link', { name: /^Policijska stanica Kraljevo/ }).waitFor();

    await event.getByRole('link', { name: 'Amnestija 2026 — Raški okrug' }).click();
    await page.getByRole('heading', { level: 1, name: 'Amnestija 2026 — Raški okrug' }).waitFor();
    const progress = page.getByRole('region', { name: 'Collected so far' });
    await progress.getByText('Records in this campaign: 0 final, 1 still drafts.').waitFor();
    const rows = await progress.locator('tbody tr').allInnerTexts();
    expect(rows.map((row) => row.split('\t').map((cell) => cell.trim()))).toEqual([
      ['Weapons', 'pieces', '0', '2', '100'],
      ['Ammunition', 'rounds', '0', '500', ''],
    ]);
    expect(session.pageErrors).toEqual([]);
  });

  it('shows a field officer campaigns without the buttons to add or change them', async () => {
    const { page } = session;
    const officer = { name: 'Marko Petrović', passphrase: 'Falcon-Ridge-73' };
    const added = await page.evaluate(
      (person) => window.api!.addPerson({ ...person, role: 'field_officer' }),
      officer,
    );
    if (!added.ok) throw new Error(JSON.stringify(added.error));
    await session.signInAs({ userId: added.value.id, passphrase: officer.passphrase });

    await page.goto(`${session.preview.url}#/places/campaigns`);
    await page.getByRole('link', { name: 'Amnestija 2026 — Raški okrug' }).waitFor();
    await page.getByText('Only team leads and administrators add or change campaigns.').waitFor();
    expect(await page.getByRole('link', { name: 'New campaign' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Amnestija 2026 — Raški okrug' }).click();
    await page.getByRole('region', { name: 'Collected so far' }).waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);

    // Places are everyone's: the officer may still correct a location.
    await page.goto(`${session.preview.url}#/places/locations/${locationId}`);
    await page.getByRole('link', { name: 'Edit' }).waitFor();
    expect(session.pageErrors).toEqual([]);
  });
});
