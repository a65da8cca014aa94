import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { itemRefKindOf, lotQuantityKindOf } from '../../../shared/custody/item-custody.ts';
import type { AttachmentRef } from '../../../shared/domain/attachment.ts';
import type { ItemRef } from '../../../shared/domain/item-ref.ts';
import type { CustodyItem } from '../../../shared/ipc/procedures/custody.ts';

/**
 * The transfer and decision forms hold what is typed, as text; these turn it into the record the
 * shared schema checks (blank is "not recorded"), and put the schema's issues back on the fields
 * they belong to. Checks of the form's own (a part of a lot larger than what is here) use message
 * keys of the custody namespace, prefixed `custody:`; every other key is shared/domain's.
 */

export const blank = (value: string | undefined): string | undefined => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

/** Serbian writes 12,5; a typed comma is the decimal separator. Non-numbers stay NaN (refused). */
export const decimal = (value: string | undefined): number | undefined => {
  const text = blank(value);
  return text === undefined ? undefined : Number(text.replace(',', '.'));
};

/** An item chosen for a transfer or a decision; a lot may move only in part. */
export interface ChosenItem {
  readonly item: CustodyItem;
  /** Move only part of the lot (never a weapon). */
  part: boolean;
  /** The part's amount as typed, in the lot's own unit. */
  amount: string;
}

export function chosen(item: CustodyItem): ChosenItem {
  return { item, part: false, amount: '' };
}

/** An item as a corrected record named it: the part of a lot it named, or the whole item. */
export function chosenAsIn(item: CustodyItem, refs: readonly ItemRef[] | undefined): ChosenItem {
  const ref = refs?.find((candidate) => 'id' in candidate && candidate.id === item.id);
  const quantity = ref !== undefined && 'quantity' in ref ? ref.quantity : undefined;
  return quantity === undefined
    ? chosen(item)
    : { item, part: true, amount: String(quantity.amount) };
}

/** A weapon always moves whole; parts, lots and explosive items may move in part. */
export function mayMoveInPart(item: Pick<CustodyItem, 'kind' | 'quantityUnit'>): boolean {
  return item.kind !== 'weapon' && item.quantityUnit !== null;
}

/** The ItemRef a chosen item becomes: whole, or a quantity of its own kind in the lot's unit. */
export function itemRefOf(entry: ChosenItem): Record<string, unknown> {
  const { item } = entry;
  if (item.kind === 'weapon' || !entry.part || !mayMoveInPart(item)) {
    return { kind: itemRefKindOf[item.kind], id: item.id };
  }
  return {
    kind: itemRefKindOf[item.kind],
    id: item.id,
    quantity: {
      kind: lotQuantityKindOf[itemRefKindOf[item.kind]],
      unit: item.quantityUnit ?? undefined,
      amount: decimal(entry.amount),
    },
  };
}

/** The form's own checks of a part to move: there, positive, and no more than is here. */
export function partIssues(items: readonly ChosenItem[]): FormIssue[] {
  return items.flatMap((entry, index) => {
    if (!entry.part || !mayMoveInPart(entry.item)) return [];
    const field = `items.${index}.amount`;
    const amount = decimal(entry.amount);
    if (amount === undefined) return [{ field, message: 'required' }];
    if (Number.isNaN(amount)) return [{ field, message: 'invalidNumber' }];
    if (amount <= 0) return [{ field, message: 'amountMustBePositive' }];
    const here = entry.item.amountHere ?? entry.item.quantityAmount;
    if (here !== null && amount > here) return [{ field, message: 'custody:moreThanHere' }];
    return [];
  });
}

export interface FormIssue {
  readonly field: string;
  readonly message: string;
}

/** Where a transfer's or decision's schema issue is shown. */
export function custodyFieldOfPath(path: ReadonlyArray<PropertyKey>): string {
  const [first, second, third] = path.map(String);
  switch (first) {
    case 'items':
      return second !== undefined && third === 'quantity' ? `items.${second}.amount` : 'items';
    case 'fromHolder':
    case 'toHolder': {
      const side = first === 'fromHolder' ? 'from' : 'to';
      if (second === 'unit') return `${side}Unit`;
      if (second === 'locationId') return `${side}LocationId`;
      return `${side}Name`;
    }
    case 'handoverSignature':
    case 'receiptSignature': {
      const side = first === 'handoverSignature' ? 'handover' : 'receipt';
      if (second === 'signedBy') return `${side}.name`;
      if (second === 'signedAt') return `${side}.at`;
      return `${side}.drawn`;
    }
    case 'discrepancies':
      return second === 'countDifference' ? 'countDifference' : 'discrepancyNote';
    case 'sealNumbers':
      return 'sealNumbers';
    case 'correction':
      return 'correctionReason';
    case undefined:
    case '':
      return 'root.server';
    default:
      return first;
  }
}

/** Puts an error at a dotted path of the errors object, keeping the first one found there. */
function setError(errors: Record<string, unknown>, field: string, error: object): void {
  const parts = field.split('.');
  let node: Record<string, unknown> = errors;
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1) {
      node[part] ??= error;
      return;
    }
    const next = node[part];
    if (typeof next !== 'object' || next === null || 'message' in next) {
      if (next !== undefined) return;
      node[part] = /^\d+$/.test(parts[index + 1] ?? '') ? [] : {};
    }
    node = node[part] as Record<string, unknown>;
  }
}

/**
 * A react-hook-form resolver from the form's text to a shared schema: the form keeps its text,
 * the issues (message keys) land on the fields, with the form's own checks beside them.
 */
export function custodyResolver<V extends FieldValues>(
  schema: z.ZodType,
  toRecord: (values: V) => unknown,
  ownIssues: (values: V) => FormIssue[],
): Resolver<V> {
  return (values) => {
    const parsed = schema.safeParse(toRecord(values));
    const issues = [
      ...ownIssues(values),
      ...(parsed.success
        ? []
        : parsed.error.issues.map((issue) => ({
            field: custodyFieldOfPath(issue.path),
            message: issue.message,
          }))),
    ];
    if (issues.length === 0) return { values, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const issue of issues)
      setError(errors, issue.field, { type: 'schema', message: issue.message });
    return { values: {}, errors: errors as FieldErrors<V> };
  };
}

/** What a signature stands for before it is stored: a drawn (or typed) image, or one kept. */
export interface SignatureValues {
  name: string;
  /** When it was signed, as an ISO timestamp with the laptop's offset (or text being typed). */
  at: string;
  /** Something is drawn on the pad. */
  drawn: boolean;
  /** A correction keeps the corrected record's signature until someone signs again. */
  kept: AttachmentRef | null;
}

export function emptySignature(): SignatureValues {
  return { name: '', at: '', drawn: false, kept: null };
}

/** Stands in for an image not stored yet, so the schema checks everything else before saving. */
export const pendingImage: AttachmentRef = {
  sha256: '0'.repeat(64),
  mime: 'image/png',
  size: 1,
  kind: 'signature',
};

export function signatureOf(
  values: SignatureValues,
  image: AttachmentRef | undefined,
): Record<string, unknown> {
  return {
    signedBy: blank(values.name),
    signedAt: blank(values.at),
    image: values.kept ?? image ?? (values.drawn ? pendingImage : undefined),
  };
}

export interface TransferFormValues {
  items: ChosenItem[];
  fromName: string;
  fromUnit: string;
  fromLocationId: string;
  toName: string;
  toUnit: string;
  toLocationId: string;
  purpose: string;
  transferredAt: string;
  sealNumbers: string[];
  transportMode: string;
  escort: string;
  hasDiscrepancy: boolean;
  discrepancyNote: string;
  countDifference: string;
  handover: SignatureValues;
  receipt: SignatureValues;
  correctionReason: string;
}

function numberOrText(value: string): number | string | undefined {
  const text = blank(value);
  if (text === undefined) return undefined;
  const number = Number(text.replace(',', '.').replace('−', '-'));
  return Number.isNaN(number) ? text : number;
}

/** The transfer as typed; the schema decides whether it is acceptable. */
export function transferFromForm(
  id: string,
  values: TransferFormValues,
  correctsId: string | null,
  images: { handover?: AttachmentRef; receipt?: AttachmentRef } = {},
): Record<string, unknown> {
  const seals = values.sealNumbers.map((seal) => seal.trim()).filter((seal) => seal !== '');
  return {
    id,
    items: values.items.map(itemRefOf),
    fromHolder: {
      name: blank(values.fromName),
      unit: blank(values.fromUnit),
      locationId: blank(values.fromLocationId),
    },
    toHolder: {
      name: blank(values.toName),
      unit: blank(values.toUnit),
      locationId: blank(values.toLocationId),
    },
    transferredAt: blank(values.transferredAt),
    purpose: blank(values.purpose),
    sealNumbers: seals.length === 0 ? undefined : seals,
    transportMode: blank(values.transportMode),
    escort: blank(values.escort),
    discrepancies: values.hasDiscrepancy
      ? {
          note: blank(values.discrepancyNote),
          countDifference: numberOrText(values.countDifference),
        }
      : undefined,
    handoverSignature: signatureOf(values.handover, images.handover),
    receiptSignature: signatureOf(values.receipt, images.receipt),
    correction:
      correctsId === null ? undefined : { correctsId, reason: blank(values.correctionReason) },
  };
}

export interface DecisionFormValues {
  items: ChosenItem[];
  decision: string;
  decidedAt: string;
  decidedBy: string;
  authorityReference: string;
  reason: string;
  correctionReason: string;
}

export function decisionFromForm(
  id: string,
  values: DecisionFormValues,
  correctsId: string | null,
): Record<string, unknown> {
  return {
    id,
    // A decision is about whole items: a lot is for destruction, not some of its rounds.
    items: values.items.map((entry) => itemRefOf({ ...entry, part: false })),
    decision: blank(values.decision),
    decidedAt: blank(values.decidedAt),
    decidedBy: blank(values.decidedBy),
    authorityReference: blank(values.authorityReference),
    reason: blank(values.reason),
    correction:
      correctsId === null ? undefined : { correctsId, reason: blank(values.correctionReason) },
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A moment as an ISO timestamp with the laptop's own offset (`2025-03-01T10:15:00+01:00`), so a
 * record keeps the local reading of the place it was made.
 */
export function localTimestamp(moment: Date): string {
  const offset = -moment.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const hours = pad(Math.floor(Math.abs(offset) / 60));
  const minutes = pad(Math.abs(offset) % 60);
  return (
    `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}` +
    `T${pad(moment.getHours())}:${pad(moment.getMinutes())}:${pad(moment.getSeconds())}` +
    `${sign}${hours}:${minutes}`
  );
}

/** The local date (YYYY-MM-DD) and time (HH:MM) of a timestamp; blanks for anything else. */
export function momentParts(value: string): { date: string | undefined; time: string } {
  const moment = new Date(value);
  if (value === '' || Number.isNaN(moment.getTime())) return { date: undefined, time: '' };
  return {
    date: `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`,
    time: `${pad(moment.getHours())}:${pad(moment.getMinutes())}`,
  };
}

/** The timestamp of a local date and time; undefined until both read as one. */
export function momentOfParts(date: string | undefined, time: string): string | undefined {
  if (date === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  if (!/^\d{2}:\d{2}$/.test(time)) return undefined;
  const moment = new Date(`${date}T${time}`);
  return Number.isNaN(moment.getTime()) ? undefined : localTimestamp(moment);
}
