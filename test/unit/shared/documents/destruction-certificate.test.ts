import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../../electron/documents/render-pdf.ts';
import {
  buildDestructionCertificate,
  certificateWords,
  type CertificateItemLine,
  type DestructionCertificateInput,
} from '../../../../shared/documents/destruction-certificate.ts';
import type { DestructionToPrint } from '../../../../shared/domain/destruction-event.ts';
import type { Language } from '../../../../shared/settings/settings.ts';
import { pdfText } from '../../../support/pdf-text.ts';

const rifle = '0190f0e0-0000-7000-8000-000000000001';
const pistol = '0190f0e0-0000-7000-8000-000000000002';
const lot = '0190f0e0-0000-7000-8000-000000000003';
const grenade = '0190f0e0-0000-7000-8000-000000000004';

/** A destruction as printed to be signed: two weapons, a lot of rounds, a grenade and bulk counts. */
const record = {
  destructionDate: '2025-07-09',
  siteLocationId: '0190f0e0-0000-7000-8000-0000000000aa',
  organisingAuthority: 'MUP Srbije',
  method: 'smelting_melting',
  items: [
    { kind: 'weapon', id: rifle },
    { kind: 'weapon', id: pistol },
    { kind: 'ammunition', id: lot, quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 } },
    { kind: 'explosive', id: grenade },
  ],
  aggregateCounts: [
    { sourceContext: 'surplus', quantity: { kind: 'ammunition', unit: 'rounds', amount: 22 } },
    { sourceContext: 'seized', quantity: { kind: 'explosives', unit: 'kg', amount: 2.5 } },
  ],
  preDestructionVerification: {
    verifiedBy: 'Ana Petrović',
    countChecked: true,
    serialsChecked: true,
    itemsTicked: [rifle, pistol, lot, grenade],
    result: 'all_match',
  },
  witnesses: [{ name: 'Marko Marković', organisation: 'UNDP', role: 'Posmatrač' }],
  photos: [],
  certificateNumber: 'DC-2025-014',
  certificateSignatories: ['Ana Petrović'],
} as unknown as DestructionToPrint;

const line = (
  kind: CertificateItemLine['kind'],
  identifiers: string,
  amount: number,
  unit: string,
): CertificateItemLine => ({ kind, description: '', identifiers, amount, unit, ticked: true });

const input: DestructionCertificateInput = {
  record,
  siteName: 'Topionica Smederevo',
  items: [
    line('weapon', 'M70-4411', 1, 'pieces'),
    line('weapon', 'CZ-9901', 1, 'pieces'),
    line('ammunition', 'LOT-88', 500, 'rounds'),
    line('explosive', 'M75', 1, 'pieces'),
  ],
  seal: null,
  generatedAt: '2025-07-09T12:00:00Z',
  timeZone: 'Europe/Belgrade',
};

async function printed(language: Language): Promise<string> {
  const bytes = await renderPdf(buildDestructionCertificate(input, language));
  // pdf.js joins a table's cells with spaces and a cell's lines with a line break.
  return (await pdfText(bytes)).text;
}

describe('the destruction certificate', () => {
  it('puts each unit in the form its number needs, in Serbian', async () => {
    const text = (await printed('sr-Latn')).replace(/\s+/g, ' ');
    expect(text).toContain('M70-4411 1 komad');
    expect(text).toContain('LOT-88 500 metaka');
    // Counted without item records: 22 rounds, 2.5 kg.
    expect(text).toContain('22 metka');
    expect(text).toContain('2,5 kg');
    // Totals: 2 weapons, 522 rounds, 1 grenade (never added across kinds or units).
    expect(text).toMatch(/Oružje 2 2 komada/);
    expect(text).toMatch(/Municija 1 522 metka/);
    expect(text).toMatch(/Eksplozivno sredstvo 1 1 komad/);
    expect(text).not.toMatch(/komadi|metci/);
  });

  it('and in English', async () => {
    const text = (await printed('en')).replace(/\s+/g, ' ');
    expect(text).toContain('M70-4411 1 piece');
    expect(text).toContain('LOT-88 500 rounds');
    expect(text).toMatch(/Weapon 2 2 pieces/);
    expect(text).toMatch(/Ammunition 1 522 rounds/);
    expect(text).toMatch(/Explosive item 1 1 piece/);
  });

  it('reads right to left in Arabic: letters joined, copied in reading order, serials unchanged', async () => {
    const bytes = await renderPdf(buildDestructionCertificate(input, 'ar'));
    // Roboto has no Arabic letters: the Arabic font is embedded (pdfkit names the subset after it).
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+Vazirmatn/);
    // pdf.js reads a line's glyphs as drawn and turns right-to-left text back into reading
    // order: a word printed backwards, or a serial turned with it, would come out wrong here.
    const lines = (await pdfText(bytes)).text.split('\n');
    const words = certificateWords.ar;
    expect(lines[0]).toBe(words.title);
    expect(lines).toContain(`DC-2025-014 ${words.certificateNumber}`);
    const text = lines.join(' ');
    for (const serial of ['M70-4411', 'CZ-9901', 'LOT-88']) expect(text).toContain(serial);
    // A word kept whole across a space ("/" may not start a line) keeps its slash in place.
    expect(text).toContain(words.columnIdentifiers);
    // "سلاح" (weapon) is drawn with the lam-alef ligature, one glyph for two letters.
    expect(text).toContain(words.kind.weapon);
  });

  it('fits the "Checked" column header on one line', async () => {
    expect(await printed('sr-Latn')).toMatch(/Jedinica\s+Provereno\b/);
    expect(await printed('en')).toMatch(/Unit\s+Checked\b/);
  });
});
