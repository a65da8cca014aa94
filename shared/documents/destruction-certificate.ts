import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { DestructionToPrint } from '../domain/destruction-event.ts';
import type { QuantityUnit } from '../domain/quantity.ts';
import type { Language } from '../settings/settings.ts';
import { countedUnit, documentLabels } from './document-labels.ts';
import { fill } from './receipt-words.ts';
import { translatedWordsOf } from './words/translated.ts';
import { catalogueToCyrillic } from '../i18n/serbian-cyrillic.ts';
import { dateTimeFormat, numberFormat } from '../i18n/formats.ts';
import { forLanguage } from './right-to-left.ts';

/**
 * The destruction certificate (issue 14, A13): authority, site, date, method, witnesses, every item
 * with its serial and markings, lot quantities by unit, totals by kind and unit (never added across
 * kinds), the pre-destruction check, and lines to sign. Thousands of items print as a table whose
 * header repeats on every page. A pure function of what main read from its store.
 */
export interface CertificateItemLine {
  readonly kind: 'weapon' | 'part' | 'ammunition' | 'explosive';
  readonly description: string;
  /** Serial number and the texts read off it (markings, lot, headstamp). */
  readonly identifiers: string;
  readonly amount: number | null;
  readonly unit: string | null;
  readonly ticked: boolean;
}

export interface DestructionCertificateInput {
  /** As sealed, or as it will be sealed (a certificate printed to be signed before sealing). */
  readonly record: DestructionToPrint & { readonly id?: string };
  readonly siteName: string;
  readonly items: readonly CertificateItemLine[];
  /** The seal, once sealed: who sealed it, when, and its digest (to check a paper copy). */
  readonly seal: { readonly byName: string; readonly at: string; readonly digest: string } | null;
  readonly generatedAt: string;
  readonly timeZone?: string;
}

const words = {
  en: {
    title: 'Destruction certificate',
    certificateNumber: 'Certificate number',
    authority: 'Organising authority',
    site: 'Destruction site',
    date: 'Date of destruction',
    method: 'Method',
    funding: 'Funding',
    occasion: 'Public event',
    witnesses: 'Witnesses',
    witnessLine: '{name}, {role}, {organisation}',
    verification: 'Check before destruction',
    verifiedBy:
      'Checked by {name}{when}: {result}. Count checked: {count}. Serials checked: {serials}.',
    yes: 'yes',
    no: 'no',
    items: 'Items destroyed ({count})',
    columnNumber: 'No.',
    columnKind: 'Kind',
    columnDescription: 'Description',
    columnIdentifiers: 'Serial number / markings',
    columnQuantity: 'Quantity',
    columnUnit: 'Unit',
    columnTicked: 'Checked',
    kind: { weapon: 'Weapon', part: 'Part', ammunition: 'Ammunition', explosive: 'Explosive item' },
    aggregate: 'Counted without item records',
    columnSource: 'Source',
    totals: 'Totals (never added across kinds or units)',
    columnItems: 'Items',
    postCheck: 'Check after destruction',
    sealed: 'Sealed {when} by {name}. Seal digest (SHA-256): {digest}',
    notSealed: 'Not sealed yet: printed to be signed before the record is sealed.',
    signatures: 'Signatures',
    signatory: 'Signatory',
    name: 'Name',
    signature: 'Signature',
    printed: 'Printed {when} by SALW Field.',
    footer: '{title} {number} · page {page} of {pages}',
  },
  'sr-Latn': {
    title: 'Potvrda o uništenju',
    certificateNumber: 'Broj potvrde',
    authority: 'Organizator',
    site: 'Mesto uništavanja',
    date: 'Datum uništenja',
    method: 'Metod',
    funding: 'Finansiranje',
    occasion: 'Javni događaj',
    witnesses: 'Svedoci',
    witnessLine: '{name}, {role}, {organisation}',
    verification: 'Provera pre uništenja',
    verifiedBy:
      'Proverio/la {name}{when}: {result}. Brojno stanje provereno: {count}. Serijski brojevi provereni: {serials}.',
    yes: 'da',
    no: 'ne',
    items: 'Uništeni predmeti ({count})',
    columnNumber: 'Br.',
    columnKind: 'Vrsta',
    columnDescription: 'Opis',
    columnIdentifiers: 'Serijski broj / oznake',
    columnQuantity: 'Količina',
    columnUnit: 'Jedinica',
    columnTicked: 'Provereno',
    kind: {
      weapon: 'Oružje',
      part: 'Deo',
      ammunition: 'Municija',
      explosive: 'Eksplozivno sredstvo',
    },
    aggregate: 'Prebrojano bez zapisa o pojedinačnim predmetima',
    columnSource: 'Poreklo',
    totals: 'Ukupno (nikada se ne sabiraju različite vrste ni jedinice)',
    columnItems: 'Predmeta',
    postCheck: 'Provera posle uništenja',
    sealed: 'Zapečaćeno {when}, zapečatio/la {name}. Otisak pečata (SHA-256): {digest}',
    notSealed: 'Još nije zapečaćeno: odštampano za potpis pre pečaćenja zapisa.',
    signatures: 'Potpisi',
    signatory: 'Potpisnik',
    name: 'Ime i prezime',
    signature: 'Potpis',
    printed: 'Odštampano {when} u SALW Field.',
    footer: '{title} {number} · strana {page} od {pages}',
  },
} as const;

/** English's keys, any words (`as const` above made them literal types). */
type Worded<Words> = {
  readonly [Key in keyof Words]: Words[Key] extends string ? string : Worded<Words[Key]>;
};
export type CertificateWords = Worded<(typeof words)['en']>;
export const certificateWords: Readonly<Record<Language, CertificateWords>> = {
  ...words,
  'sr-Cyrl': catalogueToCyrillic(words['sr-Latn']),
  ...translatedWordsOf('certificate'),
} as never;

/** Totals by kind and unit over the items and the aggregate counts: never across kinds or units. */
export function certificateTotals(
  input: Pick<DestructionCertificateInput, 'items' | 'record'>,
): Array<{
  kind: CertificateItemLine['kind'];
  unit: string | null;
  items: number;
  amount: number;
}> {
  const totals = new Map<
    string,
    { kind: CertificateItemLine['kind']; unit: string | null; items: number; amount: number }
  >();
  const add = (
    kind: CertificateItemLine['kind'],
    unit: string | null,
    amount: number,
    items: number,
  ) => {
    const key = `${kind}|${unit ?? ''}`;
    const total = totals.get(key) ?? { kind, unit, items: 0, amount: 0 };
    totals.set(key, { ...total, items: total.items + items, amount: total.amount + amount });
  };
  for (const item of input.items) add(item.kind, item.unit, item.amount ?? 1, 1);
  const kindOf = {
    weapons: 'weapon',
    parts: 'part',
    ammunition: 'ammunition',
    explosives: 'explosive',
  } as const;
  for (const count of input.record.aggregateCounts) {
    add(kindOf[count.quantity.kind], count.quantity.unit, count.quantity.amount, 0);
  }
  const order = ['weapon', 'part', 'ammunition', 'explosive'];
  return [...totals.values()].sort(
    (a, b) =>
      order.indexOf(a.kind) - order.indexOf(b.kind) || String(a.unit).localeCompare(String(b.unit)),
  );
}

export function buildDestructionCertificate(
  input: DestructionCertificateInput,
  language: Language,
): TDocumentDefinitions {
  const w = certificateWords[language];
  const labels = documentLabels[language];
  const date = dateTimeFormat(language, {
    dateStyle: 'long',
    timeZone: 'UTC',
  });
  const instant = dateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(input.timeZone === undefined ? {} : { timeZone: input.timeZone }),
  });
  const number = numberFormat(language);
  // Beside its number the unit agrees with it ("500 | metaka", "1 | komad"); with no number it
  // is named on its own ("komadi").
  const unitText = (unit: string | null, amount: number | null) =>
    unit === null
      ? ''
      : amount === null
        ? (labels.quantityUnit[unit as QuantityUnit] ?? unit)
        : countedUnit(language, unit, amount);
  const { record } = input;
  const verification = record.preDestructionVerification;

  const facts: Array<[string, string | undefined]> = [
    [w.certificateNumber, record.certificateNumber],
    [w.authority, record.organisingAuthority],
    [w.site, input.siteName],
    [w.date, date.format(new Date(`${record.destructionDate}T00:00:00Z`))],
    [w.method, labels.destructionMethod[record.method]],
    [w.funding, record.fundingSource],
    [w.occasion, record.publicEvent === true ? (record.publicOccasion ?? w.yes) : undefined],
  ];
  const itemRows: TableCell[][] = input.items.map((item, index) => [
    { text: String(index + 1), alignment: 'right' },
    w.kind[item.kind],
    item.description,
    { text: item.identifiers, bold: true },
    { text: item.amount === null ? '' : number.format(item.amount), alignment: 'right' },
    unitText(item.unit, item.amount),
    { text: item.ticked ? w.yes : '', alignment: 'center' },
  ]);
  const content: Content[] = [
    { text: w.title, style: 'title' },
    {
      table: {
        widths: [130, '*'],
        body: facts
          .filter((fact): fact is [string, string] => fact[1] !== undefined && fact[1] !== '')
          .map(([label, value]) => [{ text: label, color: '#444444' }, { text: value }]),
      },
      layout: 'noBorders',
      margin: [0, 4, 0, 8],
    },
    { text: w.witnesses, style: 'heading' },
    {
      ul: record.witnesses.map((witness) =>
        fill(w.witnessLine, {
          name: witness.name,
          role: witness.role,
          organisation: witness.organisation,
        }),
      ),
    },
    { text: w.verification, style: 'heading' },
    {
      text: fill(w.verifiedBy, {
        name: verification.verifiedBy,
        when:
          verification.verifiedAt === undefined
            ? ''
            : ` (${instant.format(new Date(verification.verifiedAt))})`,
        result: labels.verificationResult[verification.result],
        count: verification.countChecked ? w.yes : w.no,
        serials: verification.serialsChecked ? w.yes : w.no,
      }),
    },
    ...(verification.note === undefined ? [] : [{ text: verification.note, italics: true }]),
  ];
  if (input.items.length > 0) {
    content.push(
      { text: fill(w.items, { count: number.format(input.items.length) }), style: 'heading' },
      {
        table: {
          headerRows: 1,
          // The last header, "Provereno" in bold 8 pt, takes 37 pt besides the cell's 4 pt of
          // padding: at 36 it wrapped as "Proveren / o".
          widths: [24, 52, '*', 140, 44, 40, 44],
          body: [
            [
              w.columnNumber,
              w.columnKind,
              w.columnDescription,
              w.columnIdentifiers,
              w.columnQuantity,
              w.columnUnit,
              w.columnTicked,
            ].map((text) => ({ text, bold: true })),
            ...itemRows,
          ],
        },
        layout: 'lightHorizontalLines',
        fontSize: 8,
      },
    );
  }
  if (record.aggregateCounts.length > 0) {
    content.push(
      { text: w.aggregate, style: 'heading' },
      {
        table: {
          headerRows: 1,
          widths: [100, 100, 60, 60],
          body: [
            [w.columnSource, w.columnKind, w.columnQuantity, w.columnUnit].map((text) => ({
              text,
              bold: true,
            })),
            ...record.aggregateCounts.map((count): TableCell[] => [
              labels.sourceContext[count.sourceContext],
              labels.quantityKind[count.quantity.kind],
              { text: number.format(count.quantity.amount), alignment: 'right' },
              unitText(count.quantity.unit, count.quantity.amount),
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
      },
    );
  }
  content.push(
    { text: w.totals, style: 'heading' },
    {
      table: {
        headerRows: 1,
        widths: [120, 60, 80, 60],
        body: [
          [w.columnKind, w.columnItems, w.columnQuantity, w.columnUnit].map((text) => ({
            text,
            bold: true,
          })),
          ...certificateTotals(input).map((total): TableCell[] => [
            w.kind[total.kind],
            { text: number.format(total.items), alignment: 'right' },
            { text: number.format(total.amount), alignment: 'right' },
            unitText(total.unit, total.amount),
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  );
  if (record.postDestructionCheck !== undefined) {
    content.push({ text: w.postCheck, style: 'heading' }, { text: record.postDestructionCheck });
  }
  content.push({
    text:
      input.seal === null
        ? w.notSealed
        : fill(w.sealed, {
            when: instant.format(new Date(input.seal.at)),
            name: input.seal.byName,
            digest: input.seal.digest,
          }),
    style: 'small',
    margin: [0, 12, 0, 0],
  });
  const signer = (name: string): Content => ({
    stack: [
      { text: `${w.signatory}: ${name}`, bold: true, margin: [0, 0, 0, 14] },
      { text: `${w.signature}: ____________________________`, margin: [0, 0, 0, 18] },
    ],
    unbreakable: true,
  });
  content.push(
    { text: w.signatures, style: 'heading' },
    ...record.certificateSignatories.map(signer),
    {
      text: fill(w.printed, { when: instant.format(new Date(input.generatedAt)) }),
      style: 'small',
      margin: [0, 16, 0, 0],
    },
  );
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [36, 44, 36, 48],
    info: {
      title: `${w.title} ${record.certificateNumber}`,
      creator: 'SALW Field',
      producer: 'SALW Field',
      creationDate: new Date(input.generatedAt),
    },
    language,
    content,
    footer: (page: number, pages: number) => ({
      text: fill(w.footer, { title: w.title, number: record.certificateNumber, page, pages }),
      style: 'small',
      alignment: 'center',
      margin: [36, 16, 36, 0],
    }),
    defaultStyle: { fontSize: 10, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 6] },
      heading: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      small: { fontSize: 8, color: '#444444' },
    },
  };
  return forLanguage(definition, language);
}
