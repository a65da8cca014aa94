import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { RendererSession } from '../../../support/renderer-session.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

const shots = process.env.SALW_SCREENSHOTS;

async function shoot(page: Page, name: string): Promise<void> {
  if (shots !== undefined) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

/** The top of the page, and each section on its own (the whole page is too long to read). */
async function shootSections(page: Page, name: string): Promise<void> {
  if (shots === undefined) return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/${name}-top.png` });
  for (const id of ['inflow', 'outflow', 'storage', 'sdg', 'map', 'roadmap']) {
    await page.locator(`#dashboard-${id}`).screenshot({ path: `${shots}/${name}-${id}.png` });
  }
}

/** One weapon as seeded: its id, the intake it came in with, and whether that is final. */
interface SeededWeapon {
  readonly id: string;
  readonly context: 'seized' | 'surrendered';
  readonly year: number;
  readonly type: string | null;
  readonly final: boolean;
}
interface SeededLot {
  readonly year: number;
  readonly unit: 'rounds' | 'kg';
  readonly amount: number;
  readonly final: boolean;
}
interface Seeded {
  readonly weapons: SeededWeapon[];
  readonly lots: SeededLot[];
  drafts: number;
  readonly surrenders: { year: number; sex: string | null; final: boolean }[];
}

/**
 * What the Dashboard counts, seeded through window.api: in 2025 a final surrender (2 weapons,
 * 500 rounds, the surrenderer's sex not given), a final seizure (1 weapon, 12.5 kg of
 * ammunition) and a draft seizure (a weapon whose type is not known yet); in 2024 a final
 * surrender of 1 weapon. The expected figures are computed below from this list, not read off
 * the store.
 */
async function seed(page: Page): Promise<Seeded> {
  const photoBase64 = tinyPng([200, 30, 30]).toString('base64');
  return page.evaluate(async (photoBase64) => {
    const api = window.api!;
    const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value;
    };
    const station = {
      id: crypto.randomUUID(),
      name: 'PS Čukarica',
      locationType: 'inland_police_station',
      jurisdiction: 'RS',
      lat: 44.78,
      lon: 20.41,
    } as const;
    const store = {
      id: crypto.randomUUID(),
      name: 'Magacin Batajnica',
      locationType: 'storage_site',
      jurisdiction: 'RS',
      lat: 44.9,
      lon: 20.28,
    } as const;
    unwrap(await api.saveLocation(station));
    unwrap(await api.saveLocation(store));
    const photo = unwrap(await api.addPhoto({ dataBase64: photoBase64, kind: 'whole_weapon' }));
    const seeded: Seeded = { weapons: [], lots: [], drafts: 0, surrenders: [] };
    const weapon = (serialNumber: string) => ({
      id: crypto.randomUUID(),
      category: 'small_arm' as const,
      weaponType: 'assault_rifle' as const,
      manufacturer: 'Zastava',
      model: 'M70',
      calibre: '7.62x39',
      serialNumber,
      serialStatus: 'present' as const,
      markingCondition: 'intact' as const,
      lifecycleStatus: 'in_custody' as const,
      traceStatus: 'not_attempted' as const,
      markings: [],
      photos: [photo],
    });
    const lot = (unit: 'rounds' | 'kg', amount: number) => ({
      id: crypto.randomUUID(),
      ammoClass: 'small_arms_cartridge' as const,
      calibre: '7.62x39',
      lotBatchNumber: `LOT-${unit}`,
      quantity: { kind: 'ammunition' as const, unit, amount },
      photos: [],
    });
    const base = {
      locationId: station.id,
      recordingAgency: 'PU Beograd',
      recordingOfficer: 'Ana Petrović',
    };
    const save = async (patch: Record<string, unknown>, final: boolean) => {
      const draft = unwrap(await api.newIntakeDraft());
      const saved = unwrap(
        await api.saveIntakeDraft({
          draft: { ...draft, ...base, ...patch } as typeof draft,
          expectedRevision: null,
        }),
      );
      if (final) {
        unwrap(await api.finaliseIntake({ id: draft.id, expectedRevision: saved.revision }));
      } else {
        seeded.drafts += 1;
      }
    };
    const surrender = async (year: number, serials: string[], rounds: number | null) => {
      const weapons = serials.map(weapon);
      const lots = rounds === null ? [] : [lot('rounds', rounds)];
      await save(
        {
          context: 'surrendered',
          occurredAt: `${year}-03-01`,
          collection: {
            collectionMethod: 'walk_in_station',
            surrenderingPartyType: 'individual',
            anonymous: false,
            campaignBased: false,
            dispositionRequested: 'surrender_for_destruction',
            receiptNumber: `R-${year}-${serials.length}`,
          },
          weapons,
          ammunition: lots,
        },
        true,
      );
      for (const entry of weapons) {
        seeded.weapons.push({
          id: entry.id,
          context: 'surrendered',
          year,
          type: entry.weaponType,
          final: true,
        });
      }
      if (rounds !== null) seeded.lots.push({ year, unit: 'rounds', amount: rounds, final: true });
      seeded.surrenders.push({ year, sex: null, final: true });
    };
    await surrender(2025, ['M70-1001', 'M70-1002'], 500);
    await surrender(2024, ['M70-2001'], null);

    const seized = weapon('CZ-3001');
    await save(
      {
        context: 'seized',
        occurredAt: '2025-05-10',
        agencyCaseRef: 'KT 114/2025',
        seizure: {
          seizingAgencyType: 'police',
          legalJustification: 'illicit_possession',
          detectionMethod: 'routine_check',
          personsInvolved: [],
        },
        weapons: [seized],
        ammunition: [lot('kg', 12.5)],
      },
      true,
    );
    seeded.weapons.push({
      id: seized.id,
      context: 'seized',
      year: 2025,
      type: 'assault_rifle',
      final: true,
    });
    seeded.lots.push({ year: 2025, unit: 'kg', amount: 12.5, final: true });

    // A draft: its weapon's type is not recorded yet.
    const untyped = { id: crypto.randomUUID(), category: 'small_arm', markings: [], photos: [] };
    await save({ context: 'seized', occurredAt: '2025-06-01', weapons: [untyped] }, false);
    seeded.weapons.push({
      id: untyped.id,
      context: 'seized',
      year: 2025,
      type: null,
      final: false,
    });
    return seeded;
  }, photoBase64);
}

/** The quantity column's text for an amount in a unit, as the app writes it in English. */
const pieces = (count: number) => (count === 1 ? '1 piece' : `${count} pieces`);

describe('the Dashboard', () => {
  let session: RendererSession;
  let seeded: Seeded;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    await session.page.setViewportSize({ width: 1366, height: 900 });
    seeded = await seed(session.page);
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  const weaponsIn = (year: number, finalOnly: boolean, context?: string) =>
    seeded.weapons.filter(
      (entry) =>
        entry.year === year &&
        (!finalOnly || entry.final) &&
        (context === undefined || entry.context === context),
    );

  it('shows the year’s figures by kind and unit, with drafts left out and said', async () => {
    const { page } = session;
    await page.evaluate(() => {
      window.location.hash = '#/dashboard/?year=2025';
    });
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const figures = page.getByTestId('dashboard-figures');
    await figures.waitFor();

    const drafts = seeded.weapons.filter((entry) => entry.year === 2025 && !entry.final).length;
    expect(drafts).toBe(1);
    await expect
      .poll(() => page.getByTestId('drafts-left-out').innerText())
      .toBe(`${seeded.drafts} draft left out`);

    // K1 by context: seized and surrendered weapons, in pieces.
    const k1 = page.getByRole('table', { name: 'K1 Weapons recovered, by context' });
    const k1Rows = await k1.locator('tbody tr').allInnerTexts();
    for (const context of ['seized', 'surrendered'] as const) {
      const count = weaponsIn(2025, true, context).length;
      const label = context === 'seized' ? 'Seized' : 'Surrendered';
      expect(k1Rows.some((row) => row.startsWith(`${label}\tWeapons\t${pieces(count)}\t`))).toBe(
        true,
      );
    }

    // K6: rounds and kg are separate rows, never added.
    const k6 = page.getByRole('table', { name: 'K6 Ammunition by unit' });
    const k6Rows = await k6.locator('tbody tr').allInnerTexts();
    const rounds = seeded.lots
      .filter((entry) => entry.year === 2025 && entry.unit === 'rounds')
      .reduce((sum, entry) => sum + entry.amount, 0);
    const kg = seeded.lots
      .filter((entry) => entry.year === 2025 && entry.unit === 'kg')
      .reduce((sum, entry) => sum + entry.amount, 0);
    expect(k6Rows).toHaveLength(2);
    expect(k6Rows.some((row) => row.startsWith(`Ammunition\t${rounds} rounds\t`))).toBe(true);
    expect(k6Rows.some((row) => row.startsWith(`Ammunition\t${kg} kg\t`))).toBe(true);

    // K14: the surrenderer's sex was not given: one unknown, shown as its own value.
    const k14 = page.getByRole('table', { name: 'K14 People by role and sex' });
    const unknownSex = seeded.surrenders.filter(
      (entry) => entry.year === 2025 && entry.final && entry.sex === null,
    ).length;
    expect(await k14.locator('tbody tr').allInnerTexts()).toContain(
      `Surrenderer\tunknown\t${unknownSex}`,
    );

    expect(await seriousAxeViolations(page)).toEqual([]);
    // The map: the period's final intake records (at their place, which has coordinates) and
    // the storage site; the draft is left out like everywhere else.
    const intakes2025 = 2;
    await page
      .locator('#dashboard-map')
      .getByText(`Points on the map (${intakes2025 + 1})`)
      .waitFor();
    // The page's contents take the keyboard to a section, which takes the focus.
    await page
      .getByRole('navigation', { name: 'On this page' })
      .getByRole('link', { name: 'Storage and losses' })
      .click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('dashboard-storage');
    // The charts load on their own (lazy) and draw as SVG.
    await page.locator('.figure-chart svg.recharts-surface').first().waitFor();
    await shoot(page, 'dashboard-2025-en');
    await shootSections(page, 'dashboard-en');
  });

  it('counts drafts when asked, showing the unknown weapon type', async () => {
    const { page } = session;
    await page.getByLabel('Final records only').uncheck();
    await expect
      .poll(() => page.getByTestId('drafts-left-out').innerText())
      .toBe('Drafts are counted like final records.');
    const k3 = page.getByRole('table', { name: 'K3 Weapons by category and type' });
    await expect
      .poll(() => k3.locator('tbody tr').allInnerTexts())
      .toContain(
        `Small arm\tunknown\tWeapons\t${pieces(
          seeded.weapons.filter((entry) => entry.year === 2025 && entry.type === null).length,
        )}\t1\t1`,
      );
    const k1 = page.getByRole('table', { name: 'K1 Weapons recovered, by context' });
    await expect
      .poll(() => k1.locator('tbody tr').first().innerText())
      .toMatch(
        new RegExp(`^Seized\\tWeapons\\t${pieces(weaponsIn(2025, false, 'seized').length)}`),
      );
    expect(page.url()).toContain('final=0');
    await page.getByLabel('Final records only').check();
    await expect
      .poll(() => page.getByTestId('drafts-left-out').innerText())
      .toBe('1 draft left out');
  });

  it('opens exactly the records behind a figure', async () => {
    const { page } = session;
    const k1 = page.getByRole('table', { name: 'K1 Weapons recovered, by context' });
    const expected = weaponsIn(2025, true, 'surrendered').map((entry) => entry.id);
    await k1
      .getByRole('row', { name: /^Surrendered/ })
      .getByRole('link')
      .focus();
    // By keyboard: the figure is a link; the new page's heading takes the focus.
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Records behind a figure' }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Records behind a figure');
    await expect
      .poll(() => page.getByTestId('drill-count').innerText())
      .toBe(`Items: ${expected.length}`);
    expect(await page.getByTestId('drill-figure').innerText()).toContain('Context: Surrendered');
    const hrefs = await page
      .getByTestId('drill-records')
      .locator('tbody tr td:first-child a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs.map((href) => decodeURIComponent(href!.replace('#/items/', ''))).sort()).toEqual(
      [...expected].sort(),
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shoot(page, 'dashboard-records-en');
    // Back to the same filtered dashboard.
    await page.getByRole('link', { name: 'Back to the dashboard' }).click();
    await page.getByTestId('dashboard-figures').waitFor();
    expect(await page.getByLabel('Calendar year').inputValue()).toBe('2025');
  });

  it('changes the figures with the year', async () => {
    const { page } = session;
    await page.getByLabel('Calendar year').selectOption('2024');
    const k1 = page.getByRole('table', { name: 'K1 Weapons recovered, by context' });
    // Under load a year's figures take more than a second to come (the default wait).
    await expect
      .poll(() => k1.locator('tbody tr').allInnerTexts(), { timeout: 15_000 })
      .toEqual([`Surrendered\tWeapons\t${pieces(weaponsIn(2024, true).length)}\t1\t1`]);
    await expect
      .poll(() => page.getByTestId('drafts-left-out').innerText(), { timeout: 15_000 })
      .toBe('0 drafts left out');
    expect(page.url()).toContain('year=2024');
    await page.getByLabel('Half-year').selectOption('2');
    await page.getByText('K1 Weapons recovered, by context: Nothing in this period.').waitFor();
    expect(page.url()).toContain('half=2');
    await page.getByLabel('Calendar year').selectOption('2025');
  });

  it('opens the records behind a figure in Serbian, saying what it is limited to', async () => {
    const { page } = session;
    await page.evaluate(() => {
      window.location.hash = '#/dashboard/?year=2025';
    });
    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByRole('heading', { level: 2, name: 'Šta je primljeno' }).waitFor();
    await expect
      .poll(() => page.getByTestId('drafts-left-out').innerText(), { timeout: 15_000 })
      .toBe('Izostavljen je 1 nacrt');
    await page
      .getByRole('table', { name: 'K1 Prikupljeno oružje, po kontekstu' })
      .getByRole('row', { name: /^Predato/ })
      .getByRole('link')
      .click();
    await page.getByRole('heading', { level: 1, name: 'Zapisi iza broja' }).waitFor();
    const surrendered = weaponsIn(2025, true, 'surrendered');
    await expect
      .poll(() => page.getByTestId('drill-count').innerText(), { timeout: 15_000 })
      .toBe(`Predmeti: ${surrendered.length}`);
    expect(await page.getByTestId('drill-figure').innerText()).toBe(
      'K1 · Kontekst: Predato · Oružje · komadi',
    );
    expect(await page.locator('.drill-facts').innerText()).toContain(
      'Period\n1. 1. 2025. – 31. 12. 2025.',
    );
    // Nothing else filtered: no "limited to".
    expect(await page.getByTestId('drill-limits').count()).toBe(0);
    const rows = await page.getByTestId('drill-records').locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(surrendered.length);
    for (const row of rows) {
      expect(row).toMatch(
        /^M70-100\d\tOružje · Automatska puška · 1 komad\t\S+\t1\. 3\. 2025\.\tPS Čukarica$/,
      );
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shoot(page, 'dashboard-records-sr');

    // A figure of one campaign, on a dashboard filtered by jurisdiction and campaign, with
    // drafts counted: the campaign by its name, never its id, and every limit said.
    const campaignId = await page.evaluate(async () => {
      const id = crypto.randomUUID();
      const saved = await window.api!.saveCampaign({
        id,
        name: 'Amnestija 2025 — Raški okrug',
        jurisdiction: 'RS',
        campaignType: 'voluntary_surrender_amnesty',
        startDate: '2025-01-01',
        leadAgency: 'MUP Srbije',
        status: 'active',
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      return id;
    });
    await page.evaluate((id) => {
      window.location.hash =
        `#/dashboard/records?year=2025&jurisdiction=RS&campaign=${id}&final=0` +
        `&source=k12&s.campaignId=${id}&s.disposition=legalization_registration&s.kind=weapon`;
    }, campaignId);
    await expect
      .poll(() => page.getByTestId('drill-figure').innerText())
      .toBe(
        'K12 · Akcija: Amnestija 2025 — Raški okrug · Tražena namena: Legalizacija i registracija · Oružje',
      );
    expect(await page.getByTestId('drill-limits').innerText()).toBe(
      'Nadležnost: Srbija · Akcija: Amnestija 2025 — Raški okrug · Nacrti se broje kao zaključeni zapisi.',
    );
    await expect.poll(() => page.getByTestId('drill-count').innerText()).toBe('Predmeti: 0');
    expect(await page.content()).not.toContain(`: ${campaignId}`);
    await shoot(page, 'dashboard-records-campaign-sr');
    // Back goes to the dashboard filtered as it was.
    expect(await page.getByRole('link', { name: 'Nazad na pregled' }).getAttribute('href')).toBe(
      `#/dashboard/?year=2025&jurisdiction=RS&campaign=${campaignId}&final=0`,
    );
    await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
    await page.evaluate(() => {
      window.location.hash = '#/dashboard/?year=2025';
    });
    await page.getByRole('heading', { level: 2, name: 'What came in' }).waitFor();
  });

  it('speaks Serbian, shows the Roadmap, and breaks no rule of the CSP', async () => {
    const { page } = session;
    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByRole('heading', { level: 2, name: 'Šta je primljeno' }).waitFor();
    await expect
      .poll(() => page.getByTestId('drafts-left-out').innerText())
      .toBe('Izostavljen je 1 nacrt');
    const k6 = page.getByRole('table', { name: 'K6 Municija po jedinici' });
    expect((await k6.locator('tbody tr').allInnerTexts()).join('\n')).toContain('12,5 kg');
    const roadmap = page.getByTestId('roadmap');
    expect(await roadmap.locator('tbody tr').count()).toBe(7);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shoot(page, 'dashboard-2025-sr');
    await shootSections(page, 'dashboard-sr');
    await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
    await page.getByRole('heading', { level: 2, name: 'What came in' }).waitFor();
    // A chart's tooltip, shown by hovering a bar, is drawn without inline style attributes.
    await page.locator('.figure-chart .recharts-bar-rectangle').first().hover();
    expect(await session.cspViolations()).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
