import { IpcError, type IpcIssue } from '../../../shared/ipc/errors.ts';
import { valueAt, type Payload, type PayloadResult } from './draft-payload.ts';
import type { UnsavedBackup } from './unsaved-backup.ts';

/** Failures that can pass without the person doing anything: worth retrying on a timer. */
const transientCodes: ReadonlySet<string> = new Set([
  'UNAVAILABLE',
  'INTERNAL',
  'STORAGE_FULL',
  'STORAGE_READ_ONLY',
]);

/** What the person sees next to the editor's title. */
export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly at: Date; readonly leftOut: number }
  /** The app locked itself (or was locked): the changes wait here and in main's backup. */
  | { readonly kind: 'locked' }
  /** Someone else saved this record since it was opened. */
  | { readonly kind: 'conflict' }
  /** The record was finalised elsewhere; it cannot take drafts any more. */
  | { readonly kind: 'final' }
  | { readonly kind: 'failed'; readonly error: unknown };

export interface DraftSaverDeps {
  readonly id: string;
  /** The revision the form is based on; null for a record never saved. */
  readonly revision: number | null;
  /** The values as loaded: a change event that leaves them as they are saves nothing. */
  readonly initialValues?: unknown;
  /** What can be saved of the form's values (computed when saving, not on every keystroke). */
  toPayload(values: unknown, refused: ReadonlyMap<string, string>): PayloadResult;
  save(draft: Payload, expectedRevision: number | null): Promise<{ revision: number }>;
  writeBackup(backup: UnsavedBackup): void;
  clearBackup(id: string): void;
  onState(state: SaveState): void;
  /** After every successful save, with the new revision (the first one creates the record). */
  onSaved?(revision: number): void;
  /** Values main refused and that are left out of saves until changed, by path (message key). */
  onRefused?(issues: readonly IpcIssue[]): void;
  now?(): Date;
  /** Quiet time after the last change before saving (ms). */
  delayMs?: number;
  /** Wait before retrying after a failure that may pass (ms). */
  retryMs?: number;
}

/**
 * Saves the editor's draft through main: debounced after each change, at once on flush (blur,
 * route change, leaving the page, finalising). One save at a time, each based on the revision the
 * previous one returned, so saves never race and a conflict is always a real one. Until a change
 * is saved it is also in the unsaved backup main keeps in memory (unsaved-backup.ts), which is
 * cleared once main has saved it.
 */
export class DraftSaver {
  revision: number | null;
  #latest: { values: unknown } | null = null;
  #latestJson: string | undefined;
  #changeSeq = 0;
  #savedSeq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: Promise<void> | null = null;
  #blocked: 'locked' | 'conflict' | 'final' | null = null;
  #lastError: unknown = null;
  #state: SaveState = { kind: 'idle' };
  /** Values main refused (path → JSON of the refused value), with main's message key. */
  readonly #refused = new Map<string, { json: string; message: string }>();
  #disposed = false;
  readonly #deps: DraftSaverDeps;

  constructor(deps: DraftSaverDeps) {
    this.#deps = deps;
    this.revision = deps.revision;
    this.#latestJson =
      deps.initialValues === undefined ? undefined : JSON.stringify(deps.initialValues);
  }

  get state(): SaveState {
    return this.#state;
  }

  /** True while something typed is not in main yet. */
  get hasUnsaved(): boolean {
    return this.#savedSeq !== this.#changeSeq;
  }

  #now(): Date {
    return this.#deps.now?.() ?? new Date();
  }

  #setState(state: SaveState): void {
    this.#state = state;
    if (!this.#disposed) this.#deps.onState(state);
  }

  #writeBackup(): void {
    if (this.#latest === null) return;
    this.#deps.writeBackup({
      id: this.#deps.id,
      baseRevision: this.revision,
      changedAt: this.#now().toISOString(),
      values: this.#latest.values,
    });
  }

  /** A change in the form: `values` is everything typed so far. */
  change(values: unknown): void {
    // Focus and validation events reach here too; only a real difference is a change.
    const json = JSON.stringify(values);
    if (json === this.#latestJson) return;
    this.#latestJson = json;
    this.#changeSeq += 1;
    this.#latest = { values };
    this.#writeBackup();
    if (this.#blocked !== null) return;
    this.#setState({ kind: 'pending' });
    this.#schedule(this.#deps.delayMs ?? 800);
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), ms);
  }

  /** Saves now whatever is unsaved; resolves true once main has everything typed so far. */
  async flush(): Promise<boolean> {
    clearTimeout(this.#timer);
    for (;;) {
      if (this.#inFlight !== null) {
        await this.#inFlight;
        continue;
      }
      if (!this.hasUnsaved) return true;
      if (this.#blocked !== null || this.#latest === null) return false;
      this.#inFlight = this.#saveOnce();
      await this.#inFlight;
      this.#inFlight = null;
      if (this.#lastError !== null) return false;
    }
  }

  async #saveOnce(): Promise<void> {
    const latest = this.#latest;
    if (latest === null) return;
    const seq = this.#changeSeq;
    const { draft, leftOut } = this.#deps.toPayload(
      latest.values,
      new Map([...this.#refused].map(([path, { json }]) => [path, json])),
    );
    this.#reportRefused(leftOut);
    if (draft === null) {
      this.#lastError = new Error('The draft cannot be formed from the form values.');
      this.#setState({ kind: 'failed', error: this.#lastError });
      return;
    }
    this.#setState({ kind: 'saving' });
    try {
      const { revision } = await this.#deps.save(draft, this.revision);
      this.revision = revision;
      this.#savedSeq = seq;
      this.#lastError = null;
      this.#deps.onSaved?.(revision);
      if (this.hasUnsaved) {
        // Typed while saving: the backup must now be based on the new revision.
        this.#writeBackup();
        this.#setState({ kind: 'pending' });
        this.#schedule(this.#deps.delayMs ?? 800);
      } else {
        this.#deps.clearBackup(this.#deps.id);
        this.#setState({ kind: 'saved', at: this.#now(), leftOut: leftOut.length });
      }
    } catch (error) {
      if (this.#refuse(error, draft)) return this.#saveOnce();
      this.#lastError = error;
      const code = error instanceof IpcError ? error.code : null;
      if (code === 'LOCKED') {
        this.#blocked = 'locked';
        this.#setState({ kind: 'locked' });
      } else if (code === 'CONFLICT') {
        this.#blocked = 'conflict';
        this.#setState({ kind: 'conflict' });
      } else if (code === 'RECORD_FINAL') {
        this.#blocked = 'final';
        this.#setState({ kind: 'final' });
      } else {
        this.#setState({ kind: 'failed', error });
        // The disk, the bridge or the host may come back: try again by itself. A refusal that
        // will not change on its own (invalid input, a record that is gone) waits for the person.
        const transient = code === null || transientCodes.has(code);
        if (transient && !this.#disposed) this.#schedule(this.#deps.retryMs ?? 5000);
      }
    }
  }

  /**
   * A draft main refuses for a value it checks against its own data (an unknown location or
   * campaign, a photo it does not have): that value is left out and the rest saved. True when
   * something new was left out, so saving again can succeed.
   */
  #refuse(error: unknown, draft: Payload): boolean {
    if (!(error instanceof IpcError) || error.code !== 'VALIDATION_ERROR') return false;
    let added = false;
    for (const issue of error.issues) {
      // Issues from the input check name the procedure's argument first ('draft.weapons.0.id').
      const path = issue.path.startsWith('draft.') ? issue.path.slice('draft.'.length) : issue.path;
      if (path === '' || this.#refused.has(path)) continue;
      const value = valueAt(draft, path.split('.'));
      if (value === undefined || Array.isArray(value)) continue;
      this.#refused.set(path, { json: JSON.stringify(value), message: issue.message });
      added = true;
    }
    return added;
  }

  #reportRefused(leftOut: readonly string[]): void {
    const applied = new Set(leftOut);
    for (const path of this.#refused.keys()) if (!applied.has(path)) this.#refused.delete(path);
    if (this.#disposed) return;
    this.#deps.onRefused?.(
      [...this.#refused].map(([path, { message }]) => ({ path, message, code: 'custom' })),
    );
  }

  /** After an unlock, or when the person presses "Try again". */
  retry(): Promise<boolean> {
    if (this.#blocked === 'locked') this.#blocked = null;
    this.#lastError = null;
    return this.flush();
  }

  /** The person chose to keep their version over the one saved elsewhere (`revision`). */
  overwrite(revision: number): Promise<boolean> {
    this.revision = revision;
    this.#blocked = null;
    this.#lastError = null;
    return this.flush();
  }

  /** The form was replaced by main's version at `revision`: nothing is unsaved any more. */
  reset(revision: number | null): void {
    clearTimeout(this.#timer);
    this.revision = revision;
    this.#blocked = null;
    this.#lastError = null;
    this.#latest = null;
    this.#latestJson = undefined;
    this.#savedSeq = this.#changeSeq;
    this.#deps.clearBackup(this.#deps.id);
    this.#setState({ kind: 'idle' });
  }

  /** The editor is on screen: state changes are reported. */
  attach(): void {
    this.#disposed = false;
  }

  /** The editor unmounted: pending work still runs (and is saved), but nobody is told. */
  detach(): void {
    this.#disposed = true;
  }
}
