import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { AttachmentRef } from '../domain/attachment.ts';
import type { LocationType } from '../domain/enums.ts';
import { intakeTotals, type IntakeEvent, type IntakeEventDraft } from '../domain/intake-event.ts';
import type { QuantityUnit } from '../domain/quantity.ts';
import { isUnknownText } from '../domain/weapon-item.ts';
import type { Language } from '../settings/settings.ts';
import { countedUnit, documentLabels, type DocumentLabels } from './document-labels.ts';
import { fill, receiptWords, type ReceiptWords } from './receipt-words.ts';
import { dateTimeFormat, numberFormat } from '../i18n/formats.ts';
import { forLanguage } from './right-to-left.ts';

/**
 * The seizure report / surrender receipt of an intake event (issue 13, item 6): what was taken in,
 * where, when and by whom, every item with its serial number or markings and its quantity with its
 * unit, the totals per kind and unit, optionally the photos, and lines to sign. A pure function of
 * what main read from its own store: the renderer only names the record.
 */
export interface IntakeReceiptInput {
  readonly event: IntakeEvent | IntakeEventDraft;
  readonly revision: number;
  /** The place's name as recorded on this laptop (null: none recorded, or not known here). */
  readonly place: { readonly name: string; readonly locationType: LocationType } | null;
  readonly finalisedAt: string | null;
  readonly finalisedByName: string | null;
  /** Each amendment of the final record, oldest first, with its reason. */
  readonly amendments: readonly {
    readonly at: string;
    readonly byName: string;
    readonly reason: string;
  }[];
  /**
   * The photos to print, by SHA-256, as data URLs (JPEG or PNG); null for a photo that cannot be
   * printed here. Undefined: the person did not ask for photos.
   */
  readonly photos?: ReadonlyMap<string, string | null>;
  /** When the document is made (ISO): printed on it and written as its creation date. */
  readonly generatedAt: string;
  /** For instants (finalised, amended, printed); the laptop's own zone when left out. */
  readonly timeZone?: string;
}

/** One line of the items table: what a person checks against the things on the table. */
export interface ReceiptItemLine {
  readonly kind: 'weapon' | 'part' | 'ammunition' | 'explosive';
  readonly kindLabel: string;
  readonly description: string;
  /** Serial number, lot, headstamp or markings, as read. */
  readonly identifiers: string;
  readonly amount: number | null;
  /** The unit in the form its amount needs ("1 piece", "3 pieces"), or its name with no amount. */
  readonly unit: string;
}

/**
 * Which title a record gets: a surrender is receipted; a seizure or a find is reported. A find
 * shares the seizure's section of the form (A4/A5: found by an agency) but is not a seizure, and
 * its report says so: nobody had the items taken from them.
 */
export function receiptTitle(event: Pick<IntakeEventDraft, 'context'>, language: Language): string {
  const words = receiptWords[language];
  if (event.context === 'surrendered') return words.surrenderTitle;
  return event.context === 'found' ? words.foundTitle : words.seizureTitle;
}

/** The record's human-readable number when it has one (assigned by the store on first save). */
export function recordNumberOf(event: object): string | null {
  const value = (event as { recordNumber?: unknown }).recordNumber;
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Every item of the record, weapons first, in the order they were recorded. */
export function receiptItemLines(
  event: IntakeEvent | IntakeEventDraft,
  language: Language,
): ReceiptItemLine[] {
  const words = receiptWords[language];
  const labels = documentLabels[language];
  const text = (value: string | undefined) =>
    value === undefined ? undefined : isUnknownText(value) ? words.unknown : value;
  const join = (parts: readonly (string | undefined)[], separator = ', ') =>
    parts.filter((part): part is string => part !== undefined && part !== '').join(separator);
  // The unit agrees with the amount printed before it ("3 | komada"); a draft's line with no
  // amount yet names the unit on its own ("komadi").
  const unitText = (unit: QuantityUnit, amount: number | undefined) =>
    amount === undefined ? labels.quantityUnit[unit] : countedUnit(language, unit, amount);
  return [
    ...event.weapons.map((weapon): ReceiptItemLine => {
      const makeModel = join([text(weapon.manufacturer), text(weapon.model)], ' ');
      const markings = weapon.markings
        .map((marking) => marking.textAsRead)
        .filter((value): value is string => value !== undefined && value !== '')
        .filter((value) => value !== weapon.serialNumber);
      const serial =
        weapon.serialNumber ??
        (weapon.serialStatus === undefined ? undefined : labels.serialStatus[weapon.serialStatus]);
      return {
        kind: 'weapon',
        kindLabel: words.kindWeapon,
        description: join([
          weapon.weaponType === undefined ? undefined : labels.weaponType[weapon.weaponType],
          makeModel,
          text(weapon.calibre),
        ]),
        identifiers: join(
          [serial, markings.length === 0 ? undefined : `${words.markings}: ${markings.join('; ')}`],
          '\n',
        ),
        amount: 1,
        unit: countedUnit(language, 'pieces', 1),
      };
    }),
    ...event.parts.map((part): ReceiptItemLine => ({
      kind: 'part',
      kindLabel: words.kindPart,
      description: join([
        part.partType === undefined ? undefined : labels.partType[part.partType],
        part.markingText === undefined ? undefined : `${words.markings}: ${part.markingText}`,
      ]),
      identifiers: part.serialNumber ?? '',
      amount: part.quantity?.amount ?? null,
      unit: unitText('pieces', part.quantity?.amount),
    })),
    ...event.ammunition.map((lot): ReceiptItemLine => ({
      kind: 'ammunition',
      kindLabel: words.kindAmmunition,
      description: join([
        lot.ammoClass === undefined ? undefined : labels.ammoClass[lot.ammoClass],
        text(lot.calibre),
      ]),
      identifiers: join(
        [
          lot.lotBatchNumber === undefined ? undefined : `${words.lot}: ${lot.lotBatchNumber}`,
          lot.headstampText === undefined ? undefined : `${words.headstamp}: ${lot.headstampText}`,
        ],
        '\n',
      ),
      amount: lot.quantity?.amount ?? null,
      unit:
        lot.quantity?.unit === undefined ? '' : unitText(lot.quantity.unit, lot.quantity.amount),
    })),
    ...event.explosives.map((item): ReceiptItemLine => ({
      kind: 'explosive',
      kindLabel: words.kindExplosive,
      description: join([
        item.eoType === undefined ? undefined : labels.explosiveType[item.eoType],
        item.description,
        item.safetyStatus === undefined
          ? undefined
          : labels.explosiveSafetyStatus[item.safetyStatus],
      ]),
      identifiers: '',
      amount: item.quantity?.amount ?? null,
      unit:
        item.quantity?.unit === undefined ? '' : unitText(item.quantity.unit, item.quantity.amount),
    })),
  ];
}

export interface Formats {
  date(isoDate: string): string;
  instant(iso: string): string;
  number(value: number): string;
}

/** How documents print dates, instants and numbers in a language (the trace request's too). */
export function formatsFor(language: Language, timeZone: string | undefined): Formats {
  // UTC for calendar dates: a stored YYYY-MM-DD is that day wherever the laptop is.
  const date = dateTimeFormat(language, {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });
  const instant = dateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone === undefined ? {} : { timeZone }),
  });
  const number = numberFormat(language);
  return {
    date: (isoDate) => {
      const moment = new Date(`${isoDate}T00:00:00Z`);
      return Number.isNaN(moment.getTime()) ? isoDate : date.format(moment);
    },
    instant: (iso) => {
      const moment = new Date(iso);
      return Number.isNaN(moment.getTime()) ? iso : instant.format(moment);
    },
    number: (value) => number.format(value),
  };
}

/** The pdfmake definition of the document; main renders it (electron/documents/render-pdf.ts). */
export function buildIntakeReceipt(
  input: IntakeReceiptInput,
  language: Language,
): TDocumentDefinitions {
  const words = receiptWords[language];
  const labels = documentLabels[language];
  const format = formatsFor(language, input.timeZone);
  const { event } = input;
  const title = receiptTitle(event, language);
  const number = recordNumberOf(event);
  const lines = receiptItemLines(event, language);

  const facts: [string, string | undefined][] = [
    [words.recordNumber, number ?? words.noRecordNumber],
    [words.context, event.context === undefined ? undefined : labels.intakeContext[event.context]],
    [words.date, event.occurredAt === undefined ? undefined : format.date(event.occurredAt)],
    [words.time, event.occurredTime],
    [
      words.place,
      input.place === null
        ? undefined
        : `${input.place.name} (${labels.locationType[input.place.locationType]})`,
    ],
    [words.agency, event.recordingAgency],
    [words.officer, event.recordingOfficer],
    [words.caseRef, event.agencyCaseRef],
    [words.receiptNumber, event.collection?.receiptNumber],
    [
      words.status,
      input.finalisedAt === null
        ? undefined
        : fill(words.statusFinal, {
            revision: input.revision,
            when: format.instant(input.finalisedAt),
            name: input.finalisedByName ?? '',
          }),
    ],
  ];
  const factRows: TableCell[][] = facts
    .filter((fact): fact is [string, string] => fact[1] !== undefined && fact[1] !== '')
    .map(([label, value]) => [
      { text: label, style: 'label' },
      { text: value, style: label === words.recordNumber ? 'recordNumber' : undefined },
    ]);

  const itemRows: TableCell[][] = lines.map((line, index) => [
    { text: String(index + 1), alignment: 'right' },
    line.kindLabel,
    line.description,
    { text: line.identifiers, style: 'identifier' },
    { text: line.amount === null ? '' : format.number(line.amount), alignment: 'right' },
    line.unit,
  ]);

  const totals = intakeTotals(event);
  const totalRows: TableCell[][] = [
    totals.weapons,
    totals.parts,
    ...totals.ammunition,
    ...totals.explosives,
  ]
    .filter((total) => total.amount > 0)
    .map((total) => [
      labels.quantityKind[total.kind],
      { text: format.number(total.amount), alignment: 'right' },
      countedUnit(language, total.unit, total.amount),
    ]);

  const content: Content[] = [
    { text: title, style: 'title' },
    {
      table: { widths: [130, '*'], body: factRows },
      layout: 'noBorders',
      margin: [0, 4, 0, 12],
    },
    { text: words.items, style: 'heading' },
    lines.length === 0
      ? { text: words.noItems, italics: true }
      : {
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths: [20, 62, '*', 130, 48, 48],
            body: [
              [
                { text: words.columnNumber, style: 'th' },
                { text: words.columnKind, style: 'th' },
                { text: words.columnDescription, style: 'th' },
                { text: words.columnIdentifiers, style: 'th' },
                { text: words.columnQuantity, style: 'th', alignment: 'right' },
                { text: words.columnUnit, style: 'th' },
              ],
              ...itemRows,
            ],
          },
          layout: 'lightHorizontalLines',
        },
  ];
  if (totalRows.length > 0) {
    content.push(
      { text: words.totals, style: 'heading' },
      {
        table: {
          headerRows: 1,
          widths: [160, 60, 60],
          body: [
            [
              { text: words.columnKind, style: 'th' },
              { text: words.columnQuantity, style: 'th', alignment: 'right' },
              { text: words.columnUnit, style: 'th' },
            ],
            ...totalRows,
          ],
        },
        layout: 'lightHorizontalLines',
      },
    );
  }
  if (input.amendments.length > 0) {
    content.push(
      { text: words.amendments, style: 'heading' },
      {
        ul: input.amendments.map((amendment) =>
          fill(words.amendment, {
            when: format.instant(amendment.at),
            name: amendment.byName,
            reason: amendment.reason,
          }),
        ),
      },
    );
  }
  if (input.photos !== undefined) content.push(...photoContent(event, input.photos, words, labels));
  content.push(signatureBlock(event.context, words), {
    text: fill(words.printed, { when: format.instant(input.generatedAt) }),
    style: 'small',
    margin: [0, 16, 0, 0],
  });

  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 48],
    info: {
      title: number === null ? title : `${title} ${number}`,
      creator: 'SALW Field',
      producer: 'SALW Field',
      creationDate: new Date(input.generatedAt),
    },
    language,
    content,
    footer: (page: number, pages: number) => ({
      text: fill(words.footer, { title, number: number ?? '', page, pages }).replace(/\s+·/, ' ·'),
      style: 'small',
      alignment: 'center',
      margin: [40, 16, 40, 0],
    }),
    defaultStyle: { fontSize: 10, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 6] },
      heading: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      label: { color: '#444444' },
      recordNumber: { bold: true, fontSize: 12 },
      th: { bold: true },
      identifier: { bold: true },
      small: { fontSize: 8, color: '#444444' },
    },
  };
  return forLanguage(definition, language);
}

function photoContent(
  event: IntakeEvent | IntakeEventDraft,
  photos: ReadonlyMap<string, string | null>,
  words: ReceiptWords,
  labels: DocumentLabels,
): Content[] {
  const entries: { label: string; photo: AttachmentRef }[] = [
    ...event.photos.map((photo, index) => ({
      label: fill(words.photoScene, { n: index + 1 }),
      photo,
    })),
    ...event.weapons.flatMap((weapon, w) =>
      weapon.photos.map((photo, index) => ({
        label: fill(words.photoOfItem, { item: `${words.kindWeapon} ${w + 1}`, n: index + 1 }),
        photo,
      })),
    ),
  ];
  if (entries.length === 0) return [];
  const blocks: Content[] = entries.map(({ label, photo }) => {
    const caption = [label, labels.attachmentKind[photo.kind], photo.caption]
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
    { stack: [{ text: words.photos, style: 'heading' }, first ?? ''], unbreakable: true },
    ...rest,
  ];
}

function signatureBlock(context: IntakeEventDraft['context'], words: ReceiptWords): Content {
  const other =
    context === 'surrendered'
      ? words.signSurrendered
      : context === 'found'
        ? words.signFound
        : words.signSeized;
  const column = (role: string): Content => ({
    stack: [
      { text: role, bold: true, margin: [0, 0, 0, 14] },
      ...[words.name, words.signature, words.signedOn].map((line): Content => ({
        text: `${line}: ____________________________`,
        margin: [0, 0, 0, 16],
      })),
    ],
  });
  return {
    stack: [
      { text: words.signatures, style: 'heading' },
      { columns: [column(words.signOfficer), column(other)], columnGap: 24 },
    ],
    unbreakable: true,
  };
}
