import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RendererSession } from '../../../support/renderer-session.ts';

/**
 * The Items area and the records list's search and sort, as a person uses them: items of every
 * kind listed across records and filtered by kind, an item's page with its record linked, a
 * record found by its number, and the list sorted from its column headers.
 */
const shots = process.env.SALW_SCREENSHOTS;

/** Two records made through window.api (the editor has its own tests): a seizure and a surrender. */
async function seed(page: Page): Promise<Array<{ id: string; number: string }>> {
  return page.evaluate(async () => {
    const api = window.api!;
    const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value;
    };
    const places = [
      {
        id: crypto.randomUUID(),
        name: 'Granični prelaz Horgoš',
        locationType: 'border_crossing_road',
      },
      {
        id: crypto.randomUUID(),
        name: 'Sabirno mesto Bor',
        locationType: 'collection_point_fixed',
      },
    ] as const;
    for (const place of places) unwrap(await api.saveLocation({ ...place, jurisdiction: 'RS' }));
    const made: Array<{ id: string; number: string }> = [];
    const save = async (patch: Record<string, unknown>) => {
      const draft = unwrap(await api.newIntakeDraft());
      const saved = unwrap(
        await api.saveIntakeDraft({ draft: { ...draft, ...patch }, expectedRevision: null }),
      );
      made.push({ id: saved.event.id, number: saved.event.recordNumber ?? '' });
    };
    await save({
      context: 'seized',
      occurredAt: '2025-03-01',
      locationId: places[0].id,
      agencyCaseRef: 'KT 114/2025',
      weapons: [
        {
          id: crypto.randomUUID(),
          category: 'small_arm',
          weaponType: 'assault_rifle',
          manufacturer: 'Zastava Arms',
          model: 'M70AB2',
          calibre: '7.62x39mm',
          serialNumber: 'AK-47 998877',
          lifecycleStatus: 'evidence_hold',
          markings: [],
          photos: [],
        },
      ],
    });
    await save({
      context: 'surrendered',
      occurredAt: '2025-06-10',
      locationId: places[1].id,
      collection: { receiptNumber: 'PRZ-0071' },
      weapons: [
        {
          id: crypto.randomUUID(),
          category: 'small_arm',
          weaponType: 'rifle_carbine',
          manufacturer: 'Crvena Zastava',
          model: 'M48',
          serialNumber: 'Č-5521',
          markings: [],
          photos: [],
        },
      ],
      ammunition: [
        {
          id: crypto.randomUUID(),
          ammoClass: 'small_arms_cartridge',
          calibre: '7.62x39mm',
          lotBatchNumber: 'L-22',
          quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 },
          photos: [],
        },
      ],
      explosives: [
        {
          id: crypto.randomUUID(),
          eoType: 'hand_grenade',
          quantity: { kind: 'explosives', unit: 'pieces', amount: 2 },
          photos: [],
        },
      ],
    });
    return made;
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  if (shots !== undefined) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

describe('the Items area and the records list search', () => {
  let session: RendererSession;
  let records: Array<{ id: string; number: string }>;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    records = await seed(session.page);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('lists items of every kind, each with its own quantity, and filters them by kind', async () => {
    const { page } = session;
    await session.goTo('Items');
    await page.getByText('Items found: 4').waitFor();
    const rows = await page.getByRole('table').locator('tbody tr').allInnerTexts();
    expect(rows.join('\n')).toContain('500 rounds');
    expect(rows.join('\n')).toContain('2 pieces');
    await shoot(page, 'items-list-en');
    await page.getByLabel('Kind').selectOption('ammunition');
    await page.getByText('Items found: 1').waitFor();
    await page.getByLabel('Kind').selectOption('');
    await page.getByLabel('Status').selectOption('evidence_hold');
    await page.getByText('Items found: 1').waitFor();
    expect(await page.getByRole('table').locator('tbody tr').innerText()).toContain('AK-47 998877');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    // Every item again before the next filter: "Items found: 1" must be the serial's answer, not
    // the status filter's still on screen.
    await page.getByText('Items found: 4').waitFor();
    await page.getByLabel('Serial number or marking').fill('l22');
    await page.getByText('Items found: 1').waitFor();
    expect(await page.getByRole('table').locator('tbody tr').innerText()).toContain('7.62x39mm');
  });

  it("opens an item's page with its record linked", async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Small arms cartridge' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const surrender = records[1];
    const recordLink = page.getByRole('link', { name: `Open record ${surrender?.number ?? ''}` });
    await recordLink.waitFor();
    expect(await page.locator('.item-page').innerText()).toContain('500 rounds');
    await shoot(page, 'item-page-en');
    await recordLink.click();
    await page.waitForURL(`**/#/records/${surrender?.id ?? ''}`);
    await page
      .getByText(surrender?.number ?? '-')
      .first()
      .waitFor();
    await shoot(page, 'record-view-number-en');
  });

  it('finds a record by its number, case reference, receipt, make or model', async () => {
    const { page } = session;
    await session.goTo('Records');
    const search = page.getByLabel('Search', { exact: true });
    const seizure = records[0];
    for (const [text, expected] of [
      [seizure?.number.toLowerCase() ?? '', 1],
      ['kt 114', 1],
      ['PRZ-0071', 1],
      ['zastava', 2],
      ['M48', 1],
    ] as const) {
      await search.fill(text);
      await page.getByText(`Records found: ${expected}`).waitFor();
    }
    await search.fill(seizure?.number ?? '');
    await expect
      .poll(() => page.getByRole('table').locator('tbody tr').allInnerTexts())
      .toEqual([expect.stringContaining('Horgoš')]);
    await search.fill('');
    await page.getByText('Records found: 2').waitFor();
  });

  it('sorts from the column headers, saying how it is sorted', async () => {
    const { page } = session;
    const header = (name: string) => page.getByRole('columnheader', { name });
    expect(await header('Date').getAttribute('aria-sort')).toBe('descending');
    await header('Record number').getByRole('button').click();
    await page.waitForFunction(() =>
      document.querySelector('th[aria-sort="ascending"]')?.textContent?.includes('Record number'),
    );
    expect(await header('Date').getAttribute('aria-sort')).toBeNull();
    const firstRow = () => page.getByRole('table').locator('tbody tr').first().innerText();
    await expect.poll(firstRow).toContain(records[0]?.number ?? '-');
    // Keyboard: the header's button takes Enter.
    await header('Record number').getByRole('button').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      document.querySelector('th[aria-sort="descending"]')?.textContent?.includes('Record number'),
    );
    await expect.poll(firstRow).toContain(records[1]?.number ?? '-');
    await header('Items').getByRole('button').click();
    await page.waitForFunction(() =>
      document.querySelector('th[aria-sort="descending"]')?.textContent?.includes('Items'),
    );
    await expect.poll(firstRow).toContain('Ammunition lots: 1');
    await shoot(page, 'records-list-en');
  });

  it('reads in Serbian', async () => {
    const { page } = session;
    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByRole('columnheader', { name: 'Broj zapisa' }).waitFor();
    await shoot(page, 'records-list-sr');
    await page.getByRole('navigation').getByRole('link', { name: 'Predmeti' }).click();
    await page.getByText('Pronađeno predmeta: 4').waitFor();
    await shoot(page, 'items-list-sr');
    await page.getByRole('link', { name: 'Ručna bomba' }).click();
    await page.getByText('Hronologija').waitFor();
    await shoot(page, 'item-page-sr');
  });
});
