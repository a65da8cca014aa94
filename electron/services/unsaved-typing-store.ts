import {
  unsavedTypingLimits,
  type ListFilters,
  type UnsavedBackup,
  type WriteOrder,
} from '../../shared/ipc/procedures/unsaved.ts';
import { AppError } from '../ipc/app-error.ts';

export type UnsavedTypingLimits = { readonly [K in keyof typeof unsavedTypingLimits]: number };

/** Write orders remembered per person, so a late write cannot bring back what was cleared. */
const rememberedWrites = 512;

interface PersonTyping {
  /** By record id; iteration order is the order of the last write (oldest first). */
  readonly backups: Map<string, UnsavedBackup>;
  chars: number;
  filters: ListFilters;
  /** The last write applied per key (`backup:<id>`, `filters`), oldest first. */
  readonly lastWrites: Map<string, WriteOrder>;
}

/**
 * Unsaved typing (the editor's backups, the list's filters) per person, in this process's memory
 * only. Threats it answers: typed record text on disk in clear (it never touches the disk, and
 * clear() drops it when the app quits), and a shared laptop handing one person's unsaved typing
 * to the next (everything is filed under the person who typed it and read back only for them).
 * Bounded: a backup or a person's backups past `limits` are refused with TOO_LARGE.
 */
export class UnsavedTypingStore {
  readonly #people = new Map<string, PersonTyping>();
  readonly #limits: UnsavedTypingLimits;

  constructor(limits: UnsavedTypingLimits = unsavedTypingLimits) {
    this.#limits = limits;
  }

  getBackup(personId: string, id: string): UnsavedBackup | null {
    return this.#people.get(personId)?.backups.get(id) ?? null;
  }

  /** The person's most recently written backup of a record never saved, if any. */
  newestNeverSaved(personId: string): UnsavedBackup | null {
    const backups = [...(this.#people.get(personId)?.backups.values() ?? [])];
    return backups.reverse().find((backup) => backup.baseRevision === null) ?? null;
  }

  putBackup(personId: string, backup: UnsavedBackup, order: WriteOrder): void {
    const person = this.#person(personId);
    const key = `backup:${backup.id}`;
    if (this.#isStale(person, key, order)) return;
    const size = backup.valuesJson.length;
    if (size > this.#limits.backupChars) {
      throw new AppError(
        'TOO_LARGE',
        `An unsaved backup may hold ${this.#limits.backupChars} characters; this one has ${size}.`,
        [{ path: 'backup.valuesJson', message: 'tooLarge', code: 'too_big' }],
      );
    }
    const previous = person.backups.get(backup.id);
    const chars = person.chars - (previous?.valuesJson.length ?? 0) + size;
    const count = person.backups.size + (previous === undefined ? 1 : 0);
    if (chars > this.#limits.personChars || count > this.#limits.personBackups) {
      throw new AppError(
        'TOO_LARGE',
        'There is more unsaved typing than SALW Field keeps; it is kept for the records already backed up.',
      );
    }
    this.#applied(person, key, order);
    person.backups.delete(backup.id);
    person.backups.set(backup.id, { ...backup });
    person.chars = chars;
  }

  clearBackup(personId: string, id: string, order: WriteOrder): void {
    const person = this.#person(personId);
    const key = `backup:${id}`;
    if (this.#isStale(person, key, order)) return;
    this.#applied(person, key, order);
    const previous = person.backups.get(id);
    if (previous === undefined) return;
    person.backups.delete(id);
    person.chars -= previous.valuesJson.length;
  }

  getFilters(personId: string): ListFilters {
    return this.#people.get(personId)?.filters ?? {};
  }

  putFilters(personId: string, filters: ListFilters, order: WriteOrder): void {
    const person = this.#person(personId);
    if (this.#isStale(person, 'filters', order)) return;
    this.#applied(person, 'filters', order);
    person.filters = { ...filters };
  }

  /** The app is quitting: nobody's unsaved typing outlives it. */
  clear(): void {
    this.#people.clear();
  }

  #person(personId: string): PersonTyping {
    let person = this.#people.get(personId);
    if (person === undefined) {
      person = { backups: new Map(), chars: 0, filters: {}, lastWrites: new Map() };
      this.#people.set(personId, person);
    }
    return person;
  }

  /** Older than the last write applied from the same page: overtaken, so ignored. */
  #isStale(person: PersonTyping, key: string, order: WriteOrder): boolean {
    const last = person.lastWrites.get(key);
    return last !== undefined && last.writer === order.writer && order.seq <= last.seq;
  }

  #applied(person: PersonTyping, key: string, order: WriteOrder): void {
    person.lastWrites.delete(key);
    person.lastWrites.set(key, order);
    if (person.lastWrites.size > rememberedWrites) {
      const oldest = person.lastWrites.keys().next();
      if (oldest.done !== true) person.lastWrites.delete(oldest.value);
    }
  }
}
