import type { WriteOrder } from '../../../shared/ipc/procedures/unsaved.ts';

/** This page load's name as a writer of unsaved typing; a reload is a new writer. */
const writer = crypto.randomUUID();
let seq = 0;

/**
 * Stamps a write of unsaved typing that is sent without waiting for the answer: main ignores a
 * write overtaken by a later one from this page (the preview's bridge may deliver them out of
 * order), so what main keeps is always the last thing typed.
 */
export function nextWriteOrder(): WriteOrder {
  seq += 1;
  return { writer, seq };
}
