import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../electron/ipc/app-error.ts';
import { UnsavedTypingStore } from '../../../../electron/services/unsaved-typing-store.ts';
import type { UnsavedBackup, WriteOrder } from '../../../../shared/ipc/procedures/unsaved.ts';

/**
 * The in-memory store of unsaved typing: what each person typed is theirs alone, a late write
 * never overwrites a newer one, and more than the limits is refused with TOO_LARGE while what
 * was kept stays.
 */

const ana = '0190f0e0-0000-7000-8000-00000000a0a0';
const boris = '0190f0e0-0000-7000-8000-00000000b0b0';
const recordA = '0190f0e0-0000-7000-8000-000000000001';
const recordB = '0190f0e0-0000-7000-8000-000000000002';
const recordC = '0190f0e0-0000-7000-8000-000000000003';
const pageOne = '0190f0e0-0000-4000-8000-000000000011';
const pageTwo = '0190f0e0-0000-4000-8000-000000000022';

function backup(id: string, notes: string, baseRevision: number | null = 1): UnsavedBackup {
  return {
    id,
    baseRevision,
    changedAt: '2026-05-04T10:20:30.000Z',
    valuesJson: JSON.stringify({ notes }),
  };
}

const order = (seq: number, writer = pageOne): WriteOrder => ({ writer, seq });

function notesOf(stored: UnsavedBackup | null): string | null {
  return stored === null ? null : (JSON.parse(stored.valuesJson) as { notes: string }).notes;
}

function refusal(action: () => void): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('UnsavedTypingStore', () => {
  it("keeps each person's backups and filters apart", () => {
    const store = new UnsavedTypingStore();
    store.putBackup(ana, backup(recordA, 'Ana typed this'), order(1));
    store.putFilters(ana, { serial: 'AK 47' }, order(2));

    expect(notesOf(store.getBackup(ana, recordA))).toBe('Ana typed this');
    expect(store.getFilters(ana)).toEqual({ serial: 'AK 47' });
    expect(store.getBackup(boris, recordA)).toBeNull();
    expect(store.newestNeverSaved(boris)).toBeNull();
    expect(store.getFilters(boris)).toEqual({});
  });

  it('replaces a backup on every write and forgets it when cleared', () => {
    const store = new UnsavedTypingStore();
    store.putBackup(ana, backup(recordA, 'first'), order(1));
    store.putBackup(ana, backup(recordA, 'first and second'), order(2));
    expect(notesOf(store.getBackup(ana, recordA))).toBe('first and second');
    store.clearBackup(ana, recordA, order(3));
    expect(store.getBackup(ana, recordA)).toBeNull();
  });

  it('finds the newest backup of a record never saved, passing over saved ones', () => {
    const store = new UnsavedTypingStore();
    store.putBackup(ana, backup(recordA, 'new A', null), order(1));
    store.putBackup(ana, backup(recordB, 'new B', null), order(2));
    store.putBackup(ana, backup(recordC, 'saved C', 4), order(3));
    expect(store.newestNeverSaved(ana)?.id).toBe(recordB);
    // Written again: now the newest.
    store.putBackup(ana, backup(recordA, 'new A again', null), order(4));
    expect(store.newestNeverSaved(ana)?.id).toBe(recordA);
    // Its first save went through: based on a revision now.
    store.putBackup(ana, backup(recordA, 'new A saved', 1), order(5));
    expect(store.newestNeverSaved(ana)?.id).toBe(recordB);
  });

  it('ignores a write overtaken by a later one from the same page, even after a clear', () => {
    const store = new UnsavedTypingStore();
    store.putBackup(ana, backup(recordA, 'second keystroke'), order(2));
    store.putBackup(ana, backup(recordA, 'first keystroke'), order(1));
    expect(notesOf(store.getBackup(ana, recordA))).toBe('second keystroke');

    store.clearBackup(ana, recordA, order(4));
    store.putBackup(ana, backup(recordA, 'sent before the clear'), order(3));
    expect(store.getBackup(ana, recordA)).toBeNull();

    store.putFilters(ana, { serial: 'newer' }, order(6));
    store.putFilters(ana, { serial: 'older' }, order(5));
    expect(store.getFilters(ana)).toEqual({ serial: 'newer' });
  });

  it('takes the first write of a reloaded page (a new writer) whatever its number', () => {
    const store = new UnsavedTypingStore();
    store.putBackup(ana, backup(recordA, 'before the reload'), order(40));
    store.putBackup(ana, backup(recordA, 'after the reload'), order(1, pageTwo));
    expect(notesOf(store.getBackup(ana, recordA))).toBe('after the reload');
  });

  it('refuses a backup over its size limit with TOO_LARGE, keeping the one before', () => {
    const store = new UnsavedTypingStore({ backupChars: 100, personChars: 1000, personBackups: 5 });
    store.putBackup(ana, backup(recordA, 'fits'), order(1));
    const failure = refusal(() => store.putBackup(ana, backup(recordA, 'x'.repeat(100)), order(2)));
    expect(failure.code).toBe('TOO_LARGE');
    expect(failure.issues.map((issue) => issue.path)).toEqual(['backup.valuesJson']);
    expect(notesOf(store.getBackup(ana, recordA))).toBe('fits');
    // The refused write did not count as applied: the next one from the page is taken.
    store.putBackup(ana, backup(recordA, 'fits again'), order(3));
    expect(notesOf(store.getBackup(ana, recordA))).toBe('fits again');
  });

  it("refuses more than a person's share, counting replaced and cleared backups out", () => {
    const store = new UnsavedTypingStore({ backupChars: 100, personChars: 150, personBackups: 2 });
    const sixty = 'x'.repeat(60 - JSON.stringify({ notes: '' }).length);
    store.putBackup(ana, backup(recordA, sixty), order(1));
    store.putBackup(ana, backup(recordB, sixty), order(2));
    // A third record: over the count (and the characters).
    expect(refusal(() => store.putBackup(ana, backup(recordC, 'c'), order(3))).code).toBe(
      'TOO_LARGE',
    );
    // Replacing one of the two is fine, up to the characters left.
    store.putBackup(ana, backup(recordB, `${sixty}${'y'.repeat(30)}`), order(4));
    expect(
      refusal(() => store.putBackup(ana, backup(recordB, `${sixty}${'y'.repeat(31)}`), order(5)))
        .code,
    ).toBe('TOO_LARGE');
    // Another person has a share of their own.
    store.putBackup(boris, backup(recordC, sixty), order(1));
    // A cleared backup frees its room.
    store.clearBackup(ana, recordA, order(6));
    store.putBackup(ana, backup(recordC, 'now it fits'), order(7));
    expect(notesOf(store.getBackup(ana, recordC))).toBe('now it fits');
  });

  it('keeps nothing once cleared for quitting', () => {
    const store = new UnsavedTypingStore();
    store.putBackup(ana, backup(recordA, 'typed', null), order(1));
    store.putFilters(ana, { serial: 'AK 47' }, order(2));
    store.clear();
    expect(store.getBackup(ana, recordA)).toBeNull();
    expect(store.newestNeverSaved(ana)).toBeNull();
    expect(store.getFilters(ana)).toEqual({});
  });

  it('does not let a backup be changed through the object it was given', () => {
    const store = new UnsavedTypingStore();
    const given = { ...backup(recordA, 'as sent') };
    store.putBackup(ana, given, order(1));
    given.valuesJson = JSON.stringify({ notes: 'changed afterwards' });
    expect(notesOf(store.getBackup(ana, recordA))).toBe('as sent');
  });
});
