/**
 * The editor's safety net: every change is also written to sessionStorage, keyed by record id,
 * until main has saved it. sessionStorage is page memory (it survives a reload, a renderer crash
 * and the app locking itself, and is gone when the window closes); it is never written to disk,
 * so nothing typed leaves the encrypted store's protection.
 */
const prefix = 'salw.records.unsaved.';
const pendingNewKey = 'salw.records.pendingNew';

export interface UnsavedBackup {
  readonly id: string;
  /** The revision the unsaved values were based on; null for a record never saved. */
  readonly baseRevision: number | null;
  /** When the last change was made (ISO). */
  readonly changedAt: string;
  readonly values: unknown;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function writeBackup(backup: UnsavedBackup): void {
  try {
    storage()?.setItem(prefix + backup.id, JSON.stringify(backup));
  } catch {
    // Quota or privacy mode: main's saves still happen; the backup is a second line only.
  }
}

export function readBackup(id: string): UnsavedBackup | null {
  const text = storage()?.getItem(prefix + id);
  if (text === null || text === undefined) return null;
  try {
    const parsed = JSON.parse(text) as Partial<UnsavedBackup>;
    if (parsed.id !== id || typeof parsed.changedAt !== 'string') return null;
    return {
      id,
      baseRevision: typeof parsed.baseRevision === 'number' ? parsed.baseRevision : null,
      changedAt: parsed.changedAt,
      values: parsed.values,
    };
  } catch {
    return null;
  }
}

export function clearBackup(id: string): void {
  storage()?.removeItem(prefix + id);
}

/**
 * A new record has an id before its first save; if the page reloads in between, `#/records/new`
 * must pick the same record (and its backup) up again instead of starting another.
 */
export function readPendingNew(): string | null {
  return storage()?.getItem(pendingNewKey) ?? null;
}

export function writePendingNew(id: string | null): void {
  if (id === null) storage()?.removeItem(pendingNewKey);
  else storage()?.setItem(pendingNewKey, id);
}
