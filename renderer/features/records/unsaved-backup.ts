import type { UnsavedBackup as StoredBackup } from '../../../shared/ipc/procedures/unsaved.ts';
import { api } from '../../api.ts';
import { nextWriteOrder } from './write-order.ts';

/**
 * The editor's safety net: every change is also sent to main as a backup, per record, until main
 * has saved it. Main keeps it in memory for the person who typed it (never on disk, never for
 * anyone else); it survives a reload, a renderer crash and the app locking itself, and is gone
 * when the app quits. Nothing is kept in the page: in the browser preview Chromium would write
 * sessionStorage to its profile on disk in clear (issue 12).
 */
export type UnsavedBackup = Omit<StoredBackup, 'valuesJson'> & { readonly values: unknown };

/**
 * Writes are sent without waiting: the saver keeps the values and saves them to main anyway, so
 * a refused backup (TOO_LARGE, or the host gone) costs only the second line, never the typing.
 */
function sent(call: Promise<null>): void {
  call.catch(() => undefined);
}

export function writeBackup(backup: UnsavedBackup): void {
  const { values, ...rest } = backup;
  sent(
    api().putUnsavedBackup({
      backup: { ...rest, valuesJson: JSON.stringify(values) },
      order: nextWriteOrder(),
    }),
  );
}

export function clearBackup(id: string): void {
  sent(api().clearUnsavedBackup({ id, order: nextWriteOrder() }));
}

function fromStored(stored: StoredBackup | null): UnsavedBackup | null {
  if (stored === null) return null;
  const { valuesJson, ...rest } = stored;
  try {
    return { ...rest, values: JSON.parse(valuesJson) as unknown };
  } catch {
    return null;
  }
}

export async function readBackup(id: string): Promise<UnsavedBackup | null> {
  return fromStored(await api().getUnsavedBackup({ id }));
}

/**
 * A new record has an id before its first save; if the page reloads in between, `#/records/new`
 * picks the same record (and its backup) up again instead of starting another: the newest backup
 * of a record never saved.
 */
export async function readUnsavedNew(): Promise<UnsavedBackup | null> {
  return fromStored(await api().getUnsavedNewRecord());
}
