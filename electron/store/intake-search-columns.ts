/**
 * The columns of intake_events a search and the list's sort read besides the record JSON
 * (migration 50): the record number as stored, the case reference and receipt number folded for
 * a search that ignores case, and how many items (entries of every kind) the record lists.
 * Rewritten from the record on every write, like the item rows.
 */
export interface IntakeSearchColumns {
  readonly record_number: string | null;
  readonly case_ref: string | null;
  readonly receipt_number: string | null;
  readonly item_count: number;
}

/** Text as a search compares it: composed the same way, lower case, trimmed. */
export function foldSearchText(text: string): string {
  return text.normalize('NFC').toLowerCase().trim();
}

function folded(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = foldSearchText(value);
  return text === '' ? null : text;
}

export function intakeSearchColumns(
  event: Record<string, unknown>,
  itemCount: number,
): IntakeSearchColumns {
  const collection = event.collection as Record<string, unknown> | undefined;
  return {
    record_number: typeof event.recordNumber === 'string' ? event.recordNumber : null,
    case_ref: folded(event.agencyCaseRef),
    receipt_number: folded(collection?.receiptNumber),
    item_count: itemCount,
  };
}
