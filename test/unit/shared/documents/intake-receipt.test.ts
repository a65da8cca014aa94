import { describe, expect, it } from 'vitest';
import type { IntakeEvent } from '../../../../shared/domain/intake-event.ts';
import {
  buildIntakeReceipt,
  receiptItemLines,
  receiptTitle,
  type IntakeReceiptInput,
} from '../../../../shared/documents/intake-receipt.ts';
import { renderPdf } from '../../../../electron/documents/render-pdf.ts';
import { pdfText } from '../../../support/pdf-text.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

const scenePhoto = 'a'.repeat(64);
const webpPhoto = 'b'.repeat(64);

/** A final surrender as the store holds it (the schema's output shape, trimmed to what matters). */
const event = {
  id: '0190f0e0-0000-7000-8000-000000000042',
  status: 'final',
  revision: 4,
  recordNumber: 'K7QX9-00042',
  context: 'surrendered',
  occurredAt: '2024-03-01',
  recordingAgency: 'PU Čačak',
  recordingOfficer: 'Đorđe Šćepanović',
  collection: { receiptNumber: 'R-2024-17' },
  weapons: [
    {
      id: 'w1',
      weaponType: 'assault_rifle',
      manufacturer: 'Zastava',
      model: 'M70',
      calibre: '7.62x39',
      serialNumber: 'M70-ČĆ 4411',
      serialStatus: 'present',
      markings: [{ id: 'm1', textAsRead: 'ZCZ 1984' }],
      photos: [],
    },
    {
      id: 'w2',
      weaponType: 'self_loading_pistol',
      manufacturer: 'CZ',
      model: '99',
      calibre: '9x19',
      serialStatus: 'illegible',
      markings: [],
      photos: [{ sha256: webpPhoto, mime: 'image/webp', size: 10, kind: 'whole_weapon' }],
    },
  ],
  parts: [
    {
      id: 'p1',
      partType: 'barrel',
      serialNumber: 'BRL-5521',
      quantity: { kind: 'parts', unit: 'pieces', amount: 3 },
      photos: [],
    },
  ],
  ammunition: [
    {
      id: 'a1',
      ammoClass: 'small_arms_cartridge',
      calibre: '7.62x39',
      lotBatchNumber: 'LOT-88/ŠĐ',
      headstampText: 'IK 84',
      quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 },
      photos: [],
    },
    {
      id: 'a2',
      ammoClass: 'mortar_bomb',
      calibre: '60 mm',
      quantity: { kind: 'ammunition', unit: 'kg', amount: 12.5 },
      photos: [],
    },
  ],
  explosives: [
    {
      id: 'e1',
      eoType: 'hand_grenade',
      quantity: { kind: 'explosives', unit: 'pieces', amount: 2 },
      safetyStatus: 'safe_to_store',
      photos: [],
    },
  ],
  photos: [{ sha256: scenePhoto, mime: 'image/png', size: 10, kind: 'scene', caption: 'Sto' }],
} as unknown as IntakeEvent;

const input: IntakeReceiptInput = {
  event,
  revision: 5,
  place: { name: 'Sabirno mesto Čačak', locationType: 'collection_point_fixed' },
  finalisedAt: '2024-03-01T09:30:00Z',
  finalisedByName: 'Amina Hadžić',
  amendments: [
    { at: '2024-03-02T08:00:00Z', byName: 'Amina Hadžić', reason: 'Serija ispravljena' },
  ],
  generatedAt: '2024-03-05T12:00:00Z',
  timeZone: 'Europe/Belgrade',
};

/** Everything a person checks on the paper: each serial, lot and quantity with its unit. */
const expectations = {
  en: [
    'Surrender receipt',
    'K7QX9-00042',
    'Sabirno mesto Čačak',
    'PU Čačak',
    'Đorđe Šćepanović',
    'R-2024-17',
    'M70-ČĆ 4411',
    'ZCZ 1984',
    'Illegible',
    'BRL-5521',
    'LOT-88/ŠĐ',
    'IK 84',
    '1 piece',
    '500 rounds',
    '12.5 kg',
    'Hand grenade',
    '2 pieces',
    '3 pieces',
    'Serija ispravljena',
    'Signature',
  ],
  'sr-Latn': [
    'Potvrda o predaji',
    'K7QX9-00042',
    'M70-ČĆ 4411',
    'Nečitljiv',
    'BRL-5521',
    'LOT-88/ŠĐ',
    '1 komad',
    '3 komada',
    '500 metaka',
    '12,5 kg',
    'Ručna bomba',
    '2 komada',
    'Potpis',
    'Predao',
  ],
} as const;

describe('the seizure report / surrender receipt', () => {
  it('is titled by the intake: a surrender is receipted, a seizure or a find is reported', () => {
    expect(receiptTitle({ context: 'surrendered' }, 'en')).toBe('Surrender receipt');
    expect(receiptTitle({ context: 'seized' }, 'en')).toBe('Seizure report');
    expect(receiptTitle({ context: 'seized' }, 'sr-Latn')).toBe('Zapisnik o zapleni');
    // A find is reported, not as a seizure: nobody had the items taken from them.
    expect(receiptTitle({ context: 'found' }, 'en')).toBe('Found items report');
    expect(receiptTitle({ context: 'found' }, 'sr-Latn')).toBe('Zapisnik o pronađenim predmetima');
    expect(receiptTitle({ context: 'found' }, 'sr-Cyrl')).toBe('Записник о пронађеним предметима');
  });

  it('lists every item with its serial or lot and its quantity with its unit', () => {
    const lines = receiptItemLines(event, 'en');
    expect(lines.map((line) => [line.kind, line.identifiers, line.amount, line.unit])).toEqual([
      ['weapon', 'M70-ČĆ 4411\nMarkings: ZCZ 1984', 1, 'piece'],
      ['weapon', 'Illegible', 1, 'piece'],
      ['part', 'BRL-5521', 3, 'pieces'],
      ['ammunition', 'Lot: LOT-88/ŠĐ\nHeadstamp: IK 84', 500, 'rounds'],
      ['ammunition', '', 12.5, 'kg'],
      ['explosive', '', 2, 'pieces'],
    ]);
  });

  it('agrees the unit with its amount, and names it on its own where a draft has no amount', () => {
    const draft = {
      ...event,
      weapons: [],
      parts: [{ id: 'p2', partType: 'barrel', photos: [] }],
      ammunition: [
        {
          id: 'a3',
          ammoClass: 'small_arms_cartridge',
          quantity: { kind: 'ammunition', unit: 'rounds', amount: 22 },
          photos: [],
        },
        {
          id: 'a4',
          ammoClass: 'small_arms_cartridge',
          quantity: { kind: 'ammunition', unit: 'rounds', amount: 21 },
          photos: [],
        },
      ],
      explosives: [
        { id: 'e2', quantity: { kind: 'explosives', unit: 'kg', amount: 2.5 }, photos: [] },
      ],
    } as unknown as IntakeEvent;
    expect(receiptItemLines(draft, 'sr-Latn').map((line) => [line.amount, line.unit])).toEqual([
      [null, 'komadi'],
      [22, 'metka'],
      [21, 'metak'],
      [2.5, 'kg'],
    ]);
  });

  for (const language of ['en', 'sr-Latn'] as const) {
    it(`renders a PDF whose text holds every serial and quantity (${language})`, async () => {
      const bytes = await renderPdf(buildIntakeReceipt(input, language));
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const { text } = await pdfText(bytes);
      // pdf.js joins a table's cells with spaces; compare with runs of white space folded.
      const flat = text.replace(/\s+/g, ' ');
      for (const expected of expectations[language]) expect(flat).toContain(expected);
    });
  }

  it('prints the photos when asked, and names the ones a PDF cannot hold', async () => {
    const png = `data:image/png;base64,${tinyPng([10, 120, 200], 4).toString('base64')}`;
    const photos = new Map([
      [scenePhoto, png],
      [webpPhoto, null],
    ]);
    const definition = buildIntakeReceipt({ ...input, photos }, 'en');
    const json = JSON.stringify(definition.content);
    expect(json).toContain(png);
    const bytes = await renderPdf(definition);
    const flat = (await pdfText(bytes)).text.replace(/\s+/g, ' ');
    expect(flat).toContain('Scene photo 1 · Scene · Sto');
    expect(flat).toContain(`Photo ${webpPhoto.slice(0, 12)} is not printed here`);
    // Without photos asked for, there is no photo section at all.
    const without = JSON.stringify(buildIntakeReceipt(input, 'en').content);
    expect(without).not.toContain('Scene photo');
  });

  it('gives the same bytes for the same record and time (uncompressed: the text is in the file)', async () => {
    const definition = buildIntakeReceipt(input, 'sr-Latn');
    const first = await renderPdf(definition, { compress: false });
    const second = await renderPdf(buildIntakeReceipt(input, 'sr-Latn'), { compress: false });
    expect(first.equals(second)).toBe(true);
    // The title is in the document's metadata as plain text.
    expect(first.toString('latin1')).toContain('K7QX9-00042');
  });
});
