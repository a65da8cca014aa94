import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../../electron/documents/render-pdf.ts';
import {
  buildTraceRequest,
  traceRequestWords,
  type TraceRequestDocumentInput,
} from '../../../../shared/documents/trace-request.ts';
import { TraceRequestSchema, type TraceRequest } from '../../../../shared/domain/trace-request.ts';
import { getDocumentProxy } from 'unpdf';
import { pdfText } from '../../../support/pdf-text.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

const wholePhoto = 'a'.repeat(64);
const closeUp = 'b'.repeat(64);
const webpPhoto = 'c'.repeat(64);

/** An answered request, as the store holds it (parsed, so every rule of the record holds). */
const answered: TraceRequest = TraceRequestSchema.parse({
  id: '0190f0e0-0000-7000-8000-000000000042',
  itemId: '0190f0e0-0000-7000-8000-000000000043',
  intakeEventId: '0190f0e0-0000-7000-8000-000000000044',
  weapon: {
    id: '0190f0e0-0000-7000-8000-000000000043',
    weaponType: 'assault_rifle',
    manufacturer: 'Zastava',
    model: 'M70AB2',
    calibre: '7.62x39mm',
    serialNumber: 'M70-ČĆ 55821',
    serialStatus: 'present',
    serialLocation: 'frame_receiver',
    markingCondition: 'partially_legible',
    countryOfManufacture: 'RS',
    yearOfManufacture: 1984,
    importMarkingCountry: 'DE',
    importMarkingYear: 1992,
    serialChecks: [
      { against: 'iarms', on: '2026-09-30', result: 'no_match', reference: 'IQ-7781' },
    ],
    markings: [
      {
        id: '0190f0e0-0000-7000-8000-000000000045',
        component: 'barrel',
        markingKind: 'proof_mark',
        textAsRead: 'ZCZ 84',
        legibility: 'legible',
      },
      {
        id: '0190f0e0-0000-7000-8000-000000000046',
        component: 'frame_receiver',
        markingKind: 'import_mark',
        textAsRead: 'IMP-DE-92-WAFFEN-HANDEL-GMBH-HAMBURG-0000431',
        legibility: 'partially_legible',
        photoSha256: closeUp,
      },
    ],
    photos: [
      { sha256: wholePhoto, mime: 'image/png', size: 10, kind: 'whole_weapon' },
      { sha256: closeUp, mime: 'image/png', size: 10, kind: 'marking', caption: 'Levo' },
      { sha256: webpPhoto, mime: 'image/webp', size: 10, kind: 'whole_weapon' },
    ],
  },
  requestingAgency: 'Uprava granične policije, MUP Srbije',
  caseReference: 'KU-2026/118',
  addresseeBasis: 'last_legal_import',
  addresseeCountry: 'DE',
  addresseeAuthority: 'NCB INTERPOL Wiesbaden',
  channel: 'iarms',
  theirReference: 'BKA-ST-2026-77',
  illicitNature:
    'Seized at the Batrovci road crossing from a vehicle with a false floor. '.repeat(12) +
    'Criminal Code art. 348.',
  intendedUse: 'Criminal investigation and prosecution of the smuggling network.',
  priority: 'urgent',
  urgencyReason: 'Suspects in custody for 48 hours.',
  steps: [
    { status: 'sent', on: '2026-10-01', note: 'Through the NCB Belgrade.' },
    { status: 'acknowledged', on: '2026-10-03' },
    { status: 'answered', on: '2026-11-20', note: 'Answer by iARMS message.' },
  ],
  answer: {
    summary: 'Exported 1991 to a registered dealer in Hamburg; sold 1993.',
    lastLegalRecord: 'Waffen Handel GmbH, Hamburg, sale book 1993 no. 431',
    pointOfDiversionEstablished: true,
  },
});

const draft: TraceRequest = TraceRequestSchema.parse({
  ...answered,
  steps: [],
  answer: undefined,
  theirReference: undefined,
});

const input: TraceRequestDocumentInput = {
  request: answered,
  generatedAt: '2026-11-21T12:00:00Z',
  requestedBy: 'Marko Đorđević',
  timeZone: 'Europe/Belgrade',
};

/** The text a reader sees, white space folded (pdf.js joins a table's cells with spaces). */
async function printed(
  documentInput: TraceRequestDocumentInput,
  language: 'en' | 'sr-Latn',
): Promise<{ text: string; pages: number }> {
  const bytes = await renderPdf(buildTraceRequest(documentInput, language));
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const { text, pages } = await pdfText(bytes);
  return { text: text.replace(/\s+/g, ' '), pages };
}

describe('the trace request document', () => {
  it('holds what the ITI asks: the weapon as read, why it is illicit, what the answer is for', async () => {
    const { text } = await printed(input, 'en');
    for (const expected of [
      'Firearm trace request',
      'Uprava granične policije, MUP Srbije',
      'KU-2026/118',
      'Date sent 1 Oct 2026',
      // Addressee: by name, code beside it.
      'Country of last legal import',
      'Germany (DE)',
      'NCB INTERPOL Wiesbaden',
      'INTERPOL iARMS',
      'BKA-ST-2026-77',
      'Urgent',
      'Suspects in custody for 48 hours.',
      // ITI (b)
      'Assault rifle',
      'Zastava',
      'M70AB2',
      '7.62x39mm',
      'M70-ČĆ 55821',
      'Frame or receiver',
      'Partially legible',
      'Serbia (RS)',
      '1984',
      'Germany (DE), 1992',
      'Barrel Proof mark ZCZ 84',
      'Import mark',
      'Criminal Code art. 348.',
      'Criminal investigation and prosecution of the smuggling network.',
      // History and answer
      '1 Oct 2026 Sent Through the NCB Belgrade.',
      '3 Oct 2026 Receipt acknowledged',
      '20 Nov 2026 Answered Answer by iARMS message.',
      'Exported 1991 to a registered dealer in Hamburg; sold 1993.',
      'Waffen Handel GmbH, Hamburg, sale book 1993 no. 431',
      'Point of diversion established: yes',
      // iARMS is checked by hand: the addressee reads whether, when and with what answer.
      'Checked in INTERPOL iARMS 30 Sept 2026: no record found (query IQ-7781)',
      'Requesting officer',
      'Name: Marko Đorđević',
      'Signature',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Draft – not sent');
  });

  it('wraps long text without a break in it inside the page, nothing cut off', async () => {
    const marking = `IMP-DE-92-${'X'.repeat(120)}`;
    const url = `https://example.org/${'court-decision/'.repeat(12)}annex.pdf`;
    const long = TraceRequestSchema.parse({
      ...answered,
      weapon: {
        ...answered.weapon,
        markings: [{ ...answered.weapon.markings[0], textAsRead: marking }],
      },
      illicitNature: `See ${url} for the decision.`,
    });
    const bytes = await renderPdf(buildTraceRequest({ ...input, request: long }, 'en'));
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    // Every piece of text ends inside the right margin (A4 is 595 pt wide, the margin 40 pt).
    let text = '';
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const [, , pageWidth = 0] = page.view;
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const left = Number(item.transform[4]);
        expect(left + item.width, item.str).toBeLessThanOrEqual(pageWidth - 40 + 0.5);
        text += item.str;
      }
    }
    // And every character is there, however the lines were split.
    expect(text).toContain(marking);
    expect(text).toContain(url);
    // The legibility column beside the marking is whole, not pushed off the page.
    expect(text).toContain('Legible');
  });

  it('speaks Serbian Latin with its letters, labels and dates', async () => {
    const { text } = await printed(input, 'sr-Latn');
    for (const expected of [
      'Zahtev za praćenje vatrenog oružja',
      'Organ koji upućuje zahtev',
      'Broj predmeta KU-2026/118',
      'Datum slanja 1. 10. 2026.',
      'Zemlja poslednjeg zakonitog uvoza',
      'Nemačka (DE)',
      'Srbija (RS)',
      'Hitan',
      'Automatska puška',
      'Ram ili sanduk',
      'Cev Žig ispitivanja ZCZ 84',
      'Uvozna oznaka',
      'Potvrđen prijem',
      'Odgovoren',
      'Poslednji zakoniti zapis',
      'Utvrđeno mesto skretanja u nezakoniti promet: da',
      'Službeno lice koje upućuje zahtev',
      'Potpis',
    ]) {
      expect(text).toContain(expected);
    }
    for (const english of ['Requesting agency', 'Date sent', 'Signature', 'Germany']) {
      expect(text).not.toContain(english);
    }
  });

  it('says on a draft that it was not sent, and has no history or answer yet', async () => {
    const definition = buildTraceRequest({ ...input, request: draft }, 'en');
    expect(definition.watermark).toMatchObject({ text: 'Draft – not sent' });
    const { text } = await printed({ ...input, request: draft }, 'en');
    expect(text).toContain('Date sent Draft – not sent');
    expect(text).toContain('Status Draft');
    expect(text).toContain('Not sent yet.');
    expect(text).not.toContain('Answer');
    // Still the whole weapon: a draft is printed to be checked before it goes.
    expect(text).toContain('M70-ČĆ 55821');
    const serbian = await printed({ ...input, request: draft }, 'sr-Latn');
    expect(serbian.text).toContain('Nacrt – nije poslat');
  });

  it('prints the photos when asked, says which marking a close-up shows, and names the rest', async () => {
    const png = `data:image/png;base64,${tinyPng([10, 120, 200], 4).toString('base64')}`;
    const photos = new Map<string, string | null>([
      [wholePhoto, png],
      [closeUp, png],
      [webpPhoto, null],
    ]);
    const definition = buildTraceRequest({ ...input, photos }, 'en');
    expect(JSON.stringify(definition.content)).toContain(png);
    const { text } = await printed({ ...input, photos }, 'en');
    expect(text).toContain('Photos of the weapon');
    expect(text).toContain('Photo 1 · Whole weapon');
    expect(text).toContain('Photo 2 · Marking close-up · marking 2 · Levo');
    expect(text).toContain(`Photo ${webpPhoto.slice(0, 12)} is not printed here`);
    // Without photos asked for, there is no photo section at all.
    expect((await printed(input, 'en')).text).not.toContain('Photos of the weapon');
  });

  it('prints "unknown" in the language for what was recorded as not known', async () => {
    const unknownMake = TraceRequestSchema.parse({
      ...answered,
      weapon: { ...answered.weapon, manufacturer: 'unknown', model: 'Unknown' },
    });
    const { text } = await printed({ ...input, request: unknownMake }, 'sr-Latn');
    expect(text).toContain('Marka / proizvođač nepoznato');
    expect(text).toContain('Model nepoznato');
  });

  it('has the same words in every language, none left in English in Serbian', () => {
    const english = traceRequestWords.en;
    const serbian = traceRequestWords['sr-Latn'];
    const flatten = (words: object, prefix = ''): Record<string, string> =>
      Object.fromEntries(
        Object.entries(words).flatMap(([key, value]) =>
          typeof value === 'string'
            ? [[`${prefix}${key}`, value]]
            : Object.entries(flatten(value as object, `${prefix}${key}.`)),
        ),
      );
    const en = flatten(english);
    const sr = flatten(serbian);
    expect(Object.keys(sr).sort()).toEqual(Object.keys(en).sort());
    const same = Object.keys(en).filter((key) => en[key] === sr[key]);
    // Words that are the same in both, the name of a system, and a pattern of placeholders only.
    expect(same.sort()).toEqual([
      'channelValue.iarms',
      'columnStatus',
      'iarmsResult',
      'model',
      'status',
    ]);
  });
});
