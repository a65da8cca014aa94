import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { z } from 'zod';
import {
  sentOnOf,
  traceStatusOf,
  type TraceAddresseeBasisSchema,
  type TraceChannelSchema,
  type TracePrioritySchema,
  type TraceRequest,
  type TraceRequestStatus,
} from '../domain/trace-request.ts';
import { isUnknownText } from '../domain/weapon-item.ts';
import type { SerialCheckMark } from '../domain/serial-check-mark.ts';
import type { Language } from '../settings/settings.ts';
import { countryName, documentLabels, type DocumentLabels } from './document-labels.ts';
import { formatsFor } from './intake-receipt.ts';
import { fill } from './receipt-words.ts';
import { translatedWordsOf } from './words/translated.ts';
import { catalogueToCyrillic } from '../i18n/serbian-cyrillic.ts';
import { forLanguage } from './right-to-left.ts';

/**
 * The ITI trace request as it goes to the other state (issue 15, salw-domain.md (c)): who asks and
 * about what case, whom it is addressed to and by which channel, the weapon's identification as
 * it stood when the request was made (ITI (b): type, make, calibre, serial, every marking as read
 * and where it sits), why the weapon is illicit (ITI (a)) and what the answer will be used for
 * (ITI (c)), the request's dated history, the answer if one came, and a line for the requesting
 * officer to sign. A pure function of what main read from its own store.
 */
export interface TraceRequestDocumentInput {
  readonly request: TraceRequest;
  /**
   * The weapon's photos by SHA-256, as data URLs (JPEG or PNG); null for one that cannot be
   * printed here. Undefined: the person did not ask for photos.
   */
  readonly photos?: ReadonlyMap<string, string | null>;
  /** When the document is made (ISO): printed on it and written as its creation date. */
  readonly generatedAt: string;
  /** For the printing instant; the laptop's own zone when left out. */
  readonly timeZone?: string;
  /** The person who made the request: printed on the signature's name line. */
  readonly requestedBy?: string;
}

/*
 * The request's own values (basis, channel, priority, status) have no screen yet, so no catalogue
 * entry to be checked against (document-labels.test.ts): their words live here with the
 * document's. When the trace request screen names them, they belong in document-labels.ts.
 */
const en = {
  title: 'Firearm trace request',
  subtitle: 'Under the International Tracing Instrument (ITI, UN A/60/88)',
  requestingAgency: 'Requesting agency',
  caseReference: 'Case reference',
  dateSent: 'Date sent',
  notSent: 'Draft – not sent',
  status: 'Status',
  addressee: 'Addressee',
  addresseeBasis: 'Addressed as',
  addresseeCountry: 'Country',
  addresseeAuthority: 'Authority',
  channel: 'Channel',
  theirReference: 'Their reference',
  priority: 'Priority',
  urgencyReason: 'Why urgent',
  weapon: 'Identification of the weapon (ITI (b))',
  weaponType: 'Type',
  manufacturer: 'Make / manufacturer',
  model: 'Model',
  calibre: 'Calibre',
  serialNumber: 'Serial number (as read)',
  serialLocation: 'Serial number on',
  markingCondition: 'Condition of the markings',
  countryOfManufacture: 'Country of manufacture',
  yearOfManufacture: 'Year of manufacture',
  importMarking: 'Import marking',
  iarmsCheck: 'Checked in INTERPOL iARMS',
  iarmsNotChecked: 'Not recorded as checked',
  iarmsResult: '{date}: {result}',
  iarmsReference: 'query {reference}',
  iarmsResultValue: { match: 'a record was found', no_match: 'no record found' },
  actionType: 'Action',
  condition: 'Condition of the weapon',
  unknown: 'unknown',
  markings: 'Markings as read',
  noMarkings: 'No markings were recorded.',
  columnNumber: 'No.',
  columnComponent: 'On',
  columnKind: 'Kind',
  columnText: 'Text as read',
  columnLegibility: 'Legibility',
  illicitNature: 'Why the weapon is illicit, and the legal basis of the request (ITI (a))',
  intendedUse: 'Intended use of the information sought (ITI (c))',
  notStated: 'Not stated.',
  history: 'Status history',
  noHistory: 'Not sent yet.',
  columnDate: 'Date',
  columnStatus: 'Status',
  columnNote: 'Note',
  answer: 'Answer',
  answerSummary: 'Summary',
  lastLegalRecord: 'Last legal record',
  pointOfDiversion: 'Point of diversion established',
  yes: 'yes',
  no: 'no',
  photos: 'Photos of the weapon',
  photo: 'Photo {n}',
  closeUpOf: 'marking {n}',
  photoUnavailable:
    'Photo {name} is not printed here (still on the server, or a format a PDF cannot hold).',
  signatures: 'Requesting officer',
  name: 'Name',
  signature: 'Signature',
  signedOn: 'Date',
  stamp: 'Official stamp',
  printed: 'Printed {when} from SALW Field.',
  footer: '{title} {reference} · page {page} of {pages}',
  addresseeBasisValue: {
    country_of_manufacture: 'Country of manufacture',
    last_legal_import: 'Country of last legal import',
    other: "Another country on the weapon's trail",
  } satisfies Record<z.infer<typeof TraceAddresseeBasisSchema>, string>,
  channelValue: {
    iarms: 'INTERPOL iARMS',
    diplomatic: 'Diplomatic channel',
    bilateral_police: 'Bilateral police cooperation',
    other: 'Other',
  } satisfies Record<z.infer<typeof TraceChannelSchema>, string>,
  priorityValue: {
    routine: 'Routine',
    urgent: 'Urgent',
  } satisfies Record<z.infer<typeof TracePrioritySchema>, string>,
  statusValue: {
    draft: 'Draft',
    sent: 'Sent',
    acknowledged: 'Receipt acknowledged',
    answered: 'Answered',
    partially_answered: 'Partially answered',
    refused: 'Refused',
    closed: 'Closed',
  } satisfies Record<TraceRequestStatus, string>,
};

export type TraceRequestWords = typeof en;

const srLatn: TraceRequestWords = {
  title: 'Zahtev za praćenje vatrenog oružja',
  subtitle: 'Prema Međunarodnom instrumentu za praćenje (ITI, UN A/60/88)',
  requestingAgency: 'Organ koji upućuje zahtev',
  caseReference: 'Broj predmeta',
  dateSent: 'Datum slanja',
  notSent: 'Nacrt – nije poslat',
  status: 'Status',
  addressee: 'Primalac',
  addresseeBasis: 'Upućeno kao',
  addresseeCountry: 'Država',
  addresseeAuthority: 'Organ',
  channel: 'Kanal',
  theirReference: 'Broj predmeta primaoca',
  priority: 'Prioritet',
  urgencyReason: 'Razlog hitnosti',
  weapon: 'Identifikacija oružja (ITI (b))',
  weaponType: 'Vrsta',
  manufacturer: 'Marka / proizvođač',
  model: 'Model',
  calibre: 'Kalibar',
  serialNumber: 'Serijski broj (kako je pročitan)',
  serialLocation: 'Serijski broj se nalazi na',
  markingCondition: 'Stanje oznaka',
  countryOfManufacture: 'Zemlja proizvodnje',
  yearOfManufacture: 'Godina proizvodnje',
  importMarking: 'Uvozna oznaka',
  iarmsCheck: 'Provereno u INTERPOL iARMS',
  iarmsNotChecked: 'Nije zabeleženo da je provereno',
  iarmsResult: '{date}: {result}',
  iarmsReference: 'upit {reference}',
  iarmsResultValue: { match: 'pronađen je zapis', no_match: 'zapis nije pronađen' },
  actionType: 'Način dejstva',
  condition: 'Stanje oružja',
  unknown: 'nepoznato',
  markings: 'Oznake kako su pročitane',
  noMarkings: 'Nije zabeležena nijedna oznaka.',
  columnNumber: 'Br.',
  columnComponent: 'Na',
  columnKind: 'Vrsta',
  columnText: 'Tekst kako je pročitan',
  columnLegibility: 'Čitljivost',
  illicitNature: 'Zašto je oružje nezakonito i pravni osnov zahteva (ITI (a))',
  intendedUse: 'Namena tražene informacije (ITI (c))',
  notStated: 'Nije navedeno.',
  history: 'Tok zahteva',
  noHistory: 'Zahtev još nije poslat.',
  columnDate: 'Datum',
  columnStatus: 'Status',
  columnNote: 'Napomena',
  answer: 'Odgovor',
  answerSummary: 'Sažetak',
  lastLegalRecord: 'Poslednji zakoniti zapis',
  pointOfDiversion: 'Utvrđeno mesto skretanja u nezakoniti promet',
  yes: 'da',
  no: 'ne',
  photos: 'Fotografije oružja',
  photo: 'Fotografija {n}',
  closeUpOf: 'oznaka {n}',
  photoUnavailable:
    'Fotografija {name} nije odštampana (još je na serveru ili je u formatu koji PDF ne prima).',
  signatures: 'Službeno lice koje upućuje zahtev',
  name: 'Ime i prezime',
  signature: 'Potpis',
  signedOn: 'Datum',
  stamp: 'M. P.',
  printed: 'Odštampano {when} iz aplikacije SALW Field.',
  footer: '{title} {reference} · strana {page} od {pages}',
  addresseeBasisValue: {
    country_of_manufacture: 'Zemlja proizvodnje',
    last_legal_import: 'Zemlja poslednjeg zakonitog uvoza',
    other: 'Druga zemlja na putu oružja',
  },
  channelValue: {
    iarms: 'INTERPOL iARMS',
    diplomatic: 'Diplomatskim putem',
    bilateral_police: 'Bilateralna policijska saradnja',
    other: 'Drugo',
  },
  priorityValue: {
    routine: 'Redovan',
    urgent: 'Hitan',
  },
  statusValue: {
    draft: 'Nacrt',
    sent: 'Poslat',
    acknowledged: 'Potvrđen prijem',
    answered: 'Odgovoren',
    partially_answered: 'Delimično odgovoren',
    refused: 'Odbijen',
    closed: 'Zatvoren',
  },
};

export const traceRequestWords: Readonly<Record<Language, TraceRequestWords>> = {
  en,
  'sr-Latn': srLatn,
  'sr-Cyrl': catalogueToCyrillic(srLatn),
  ...translatedWordsOf('traceRequest'),
};

/**
 * Text that never runs past its column: pdfmake breaks lines only where the language allows
 * (spaces, after hyphens), so a long run without one (a marking read as one string, a URL in a
 * legal basis) would widen its table column or spill past the margin, cut off on paper. Such a
 * run may break anywhere; ordinary words still break only between words.
 */
function wrappable(text: string): string | Content[] {
  const parts = text.split(/(\S{24,})/);
  if (parts.length === 1) return text;
  return parts
    .filter((part) => part !== '')
    .map((part) => (/^\S{24,}$/.test(part) ? { text: part, wordBreak: 'break-all' } : part));
}

/** Label and value rows; a value left out or blank prints no row at all. */
function factTable(facts: readonly [string, string | undefined][], labelWidth: number): Content {
  const rows: TableCell[][] = facts
    .filter((fact): fact is [string, string] => fact[1] !== undefined && fact[1].trim() !== '')
    .map(([label, value]) => [{ text: label, style: 'label' }, { text: wrappable(value) }]);
  if (rows.length === 0) return { text: '' };
  return { table: { widths: [labelWidth, '*'], body: rows }, layout: 'noBorders' };
}

/** A free-text section: its heading, and the text as typed (line breaks kept), or "not stated". */
function textSection(heading: string, text: string | undefined, words: TraceRequestWords) {
  const blank = text === undefined || text.trim() === '';
  return [
    { text: heading, style: 'heading', headlineLevel: 1 },
    blank ? { text: words.notStated, italics: true } : { text: wrappable(text) },
  ] satisfies Content[];
}

/** The pdfmake definition of the document; main renders it (electron/documents/render-pdf.ts). */
export function buildTraceRequest(
  input: TraceRequestDocumentInput,
  language: Language,
): TDocumentDefinitions {
  const words = traceRequestWords[language];
  const labels = documentLabels[language];
  const format = formatsFor(language, input.timeZone);
  const { request } = input;
  const { weapon } = request;
  const sentOn = sentOnOf(request);
  const status = traceStatusOf(request);
  const text = (value: string | undefined) =>
    value === undefined ? undefined : isUnknownText(value) ? words.unknown : value;
  const country = (code: string | undefined) =>
    code === undefined ? undefined : countryName(language, code);

  const requestFacts: [string, string | undefined][] = [
    [words.requestingAgency, request.requestingAgency],
    [words.caseReference, request.caseReference],
    [words.dateSent, sentOn === undefined ? words.notSent : format.date(sentOn)],
    [words.status, words.statusValue[status]],
    [words.priority, words.priorityValue[request.priority]],
    [words.urgencyReason, request.urgencyReason],
  ];
  const addresseeFacts: [string, string | undefined][] = [
    [
      words.addresseeBasis,
      request.addresseeBasis === undefined
        ? undefined
        : words.addresseeBasisValue[request.addresseeBasis],
    ],
    [words.addresseeCountry, country(request.addresseeCountry)],
    [words.addresseeAuthority, request.addresseeAuthority],
    [
      words.channel,
      request.channel === undefined ? undefined : words.channelValue[request.channel],
    ],
    [words.theirReference, request.theirReference],
  ];
  const importMarking = [country(weapon.importMarkingCountry), weapon.importMarkingYear]
    .filter((part) => part !== undefined)
    .join(', ');
  const weaponFacts: [string, string | undefined][] = [
    [
      words.weaponType,
      weapon.weaponType === undefined ? undefined : labels.weaponType[weapon.weaponType],
    ],
    [words.manufacturer, text(weapon.manufacturer)],
    [words.model, text(weapon.model)],
    [words.calibre, text(weapon.calibre)],
    [
      words.serialNumber,
      weapon.serialNumber ??
        (weapon.serialStatus === undefined ? undefined : labels.serialStatus[weapon.serialStatus]),
    ],
    [
      words.serialLocation,
      weapon.serialLocation === undefined
        ? undefined
        : labels.serialLocation[weapon.serialLocation],
    ],
    [
      words.markingCondition,
      weapon.markingCondition === undefined
        ? undefined
        : labels.markingCondition[weapon.markingCondition],
    ],
    [words.countryOfManufacture, country(weapon.countryOfManufacture)],
    [words.yearOfManufacture, weapon.yearOfManufacture?.toString()],
    [words.importMarking, importMarking],
    [
      words.actionType,
      weapon.actionType === undefined ? undefined : labels.actionType[weapon.actionType],
    ],
    [
      words.condition,
      weapon.condition === undefined ? undefined : labels.weaponCondition[weapon.condition],
    ],
    // iARMS is checked by hand (there is no public interface): the addressee sees whether it was.
    [words.iarmsCheck, iarmsText(weapon.serialChecks, words, format.date)],
  ];

  const markingRows: TableCell[][] = weapon.markings.map((marking, index) => [
    { text: String(index + 1), alignment: 'right' },
    marking.component === undefined ? '' : labels.markingComponent[marking.component],
    marking.markingKind === undefined ? '' : labels.markingKind[marking.markingKind],
    { text: wrappable(marking.textAsRead ?? ''), style: 'identifier' },
    marking.legibility === undefined ? '' : labels.legibility[marking.legibility],
  ]);

  const content: Content[] = [
    { text: words.title, style: 'title' },
    { text: words.subtitle, style: 'subtitle' },
    factTable(requestFacts, 150),
    { text: words.addressee, style: 'heading', headlineLevel: 1 },
    factTable(addresseeFacts, 150),
    { text: words.weapon, style: 'heading', headlineLevel: 1 },
    factTable(weaponFacts, 150),
    { text: words.markings, style: 'subheading', headlineLevel: 1 },
    markingRows.length === 0
      ? { text: words.noMarkings, italics: true }
      : {
          table: {
            headerRows: 1,
            keepWithHeaderRows: 1,
            dontBreakRows: true,
            widths: [20, 90, 90, '*', 80],
            body: [
              [
                { text: words.columnNumber, style: 'th', alignment: 'right' },
                { text: words.columnComponent, style: 'th' },
                { text: words.columnKind, style: 'th' },
                { text: words.columnText, style: 'th' },
                { text: words.columnLegibility, style: 'th' },
              ],
              ...markingRows,
            ],
          },
          layout: 'lightHorizontalLines',
        },
  ];
  if (input.photos !== undefined)
    content.push(...photoContent(request, input.photos, words, labels));
  content.push(
    ...textSection(words.illicitNature, request.illicitNature, words),
    ...textSection(words.intendedUse, request.intendedUse, words),
    { text: words.history, style: 'heading', headlineLevel: 1 },
    request.steps.length === 0
      ? { text: words.noHistory, italics: true }
      : {
          table: {
            headerRows: 1,
            keepWithHeaderRows: 1,
            dontBreakRows: true,
            widths: [80, 110, '*'],
            body: [
              [
                { text: words.columnDate, style: 'th' },
                { text: words.columnStatus, style: 'th' },
                { text: words.columnNote, style: 'th' },
              ],
              ...request.steps.map((step): TableCell[] => [
                format.date(step.on),
                words.statusValue[step.status],
                { text: wrappable(step.note ?? '') },
              ]),
            ],
          },
          layout: 'lightHorizontalLines',
        },
  );
  const { answer } = request;
  if (answer !== undefined) {
    content.push({ text: words.answer, style: 'heading', headlineLevel: 1 });
    for (const [label, value] of [
      [words.answerSummary, answer.summary],
      [words.lastLegalRecord, answer.lastLegalRecord],
    ] as const) {
      if (value === undefined || value.trim() === '') continue;
      // Label above the text: a summary runs to 4000 characters, too long beside a label column.
      content.push(
        { text: label, style: 'label', margin: [0, 4, 0, 0], headlineLevel: 1 },
        { text: wrappable(value) },
      );
    }
    if (answer.pointOfDiversionEstablished !== undefined) {
      content.push({
        text: [
          { text: `${words.pointOfDiversion}: `, style: 'label' },
          { text: answer.pointOfDiversionEstablished ? words.yes : words.no, bold: true },
        ],
        margin: [0, 4, 0, 0],
      });
    }
  }
  content.push(signatureBlock(words, input.requestedBy), {
    text: fill(words.printed, { when: format.instant(input.generatedAt) }),
    style: 'small',
    margin: [0, 16, 0, 0],
  });

  const reference = request.caseReference ?? '';
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 48],
    info: {
      title: reference === '' ? words.title : `${words.title} ${reference}`,
      creator: 'SALW Field',
      producer: 'SALW Field',
      creationDate: new Date(input.generatedAt),
    },
    language,
    // A draft printed to be checked is never mistaken for the request that went out.
    ...(sentOn === undefined
      ? { watermark: { text: words.notSent, opacity: 0.08, bold: true, fontSize: 56 } }
      : {}),
    content,
    // A heading (headlineLevel 1) never ends a page: it moves to the next with what it heads.
    // The page's footer counts as a node on it, so it is told apart by its style.
    pageBreakBefore: (node, { getFollowingNodesOnPage }) =>
      node.headlineLevel === 1 &&
      getFollowingNodesOnPage().every((following) => following.style === 'footer'),
    footer: (page: number, pages: number) => ({
      text: fill(words.footer, { title: words.title, reference, page, pages }).replace(
        /\s+·/,
        ' ·',
      ),
      style: 'footer',
      margin: [40, 16, 40, 0],
    }),
    defaultStyle: { fontSize: 10, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 2] },
      subtitle: { fontSize: 9, color: '#444444', margin: [0, 0, 0, 10] },
      heading: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      subheading: { fontSize: 10, bold: true, margin: [0, 8, 0, 2] },
      label: { color: '#444444' },
      th: { bold: true },
      identifier: { bold: true },
      small: { fontSize: 8, color: '#444444' },
      footer: { fontSize: 8, color: '#444444', alignment: 'center' },
    },
  };
  return forLanguage(definition, language);
}

function photoContent(
  request: TraceRequest,
  photos: ReadonlyMap<string, string | null>,
  words: TraceRequestWords,
  labels: DocumentLabels,
): Content[] {
  const { weapon } = request;
  if (weapon.photos.length === 0) return [];
  const blocks: Content[] = weapon.photos.map((photo, index) => {
    // A close-up says which of the markings above it shows, by its number in the table.
    const shows = weapon.markings
      .map((marking, m) => (marking.photoSha256 === photo.sha256 ? m + 1 : null))
      .filter((n): n is number => n !== null)
      .map((n) => fill(words.closeUpOf, { n }));
    const caption = [
      fill(words.photo, { n: index + 1 }),
      labels.attachmentKind[photo.kind],
      ...shows,
      photo.caption,
    ]
      .filter((part) => part !== undefined && part !== '')
      .join(' · ');
    const dataUrl = photos.get(photo.sha256) ?? null;
    if (dataUrl === null) {
      return {
        text: `${caption}: ${fill(words.photoUnavailable, { name: photo.sha256.slice(0, 12) })}`,
        style: 'small',
        margin: [0, 2, 0, 2],
      };
    }
    return {
      stack: [
        { image: dataUrl, fit: [240, 180] },
        { text: caption, style: 'small', margin: [0, 2, 0, 0] },
      ],
      unbreakable: true,
      margin: [0, 4, 0, 8],
    };
  });
  // The heading travels with the first photo: never alone at the foot of a page.
  const [first, ...rest] = blocks;
  return [
    { stack: [{ text: words.photos, style: 'subheading' }, first ?? ''], unbreakable: true },
    ...rest,
  ];
}

/** The weapon's iARMS mark as the addressee reads it: when, what came back, the query's number. */
function iarmsText(
  marks: readonly SerialCheckMark[] | undefined,
  words: TraceRequestWords,
  date: (iso: string) => string,
): string {
  const mark = marks?.find((entry) => entry.against === 'iarms');
  if (mark === undefined) return words.iarmsNotChecked;
  const result = fill(words.iarmsResult, {
    date: date(mark.on),
    result: words.iarmsResultValue[mark.result],
  });
  return mark.reference === undefined
    ? result
    : `${result} (${fill(words.iarmsReference, { reference: mark.reference })})`;
}

function signatureBlock(words: TraceRequestWords, requestedBy: string | undefined): Content {
  const blank = '____________________________';
  return {
    stack: [
      { text: words.signatures, style: 'heading' },
      {
        columns: [
          {
            stack: [
              // The person who made the request is named; another officer may sign instead.
              `${words.name}: ${requestedBy ?? blank}`,
              `${words.signature}: ${blank}`,
              `${words.signedOn}: ${blank}`,
            ].map((line): Content => ({ text: line, margin: [0, 8, 0, 8] })),
          },
          { text: words.stamp, alignment: 'center', margin: [0, 40, 0, 0], color: '#444444' },
        ],
        columnGap: 24,
      },
    ],
    unbreakable: true,
  };
}
