import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toDraftPayload } from '../../../../../renderer/features/records/draft-payload.ts';
import {
  DraftSaver,
  type DraftSaverDeps,
  type SaveState,
} from '../../../../../renderer/features/records/draft-saver.ts';
import type { UnsavedBackup } from '../../../../../renderer/features/records/unsaved-backup.ts';
import { newIntakeEventDraft } from '../../../../../shared/domain/intake-event.ts';
import { IpcError, type IpcFailure } from '../../../../../shared/ipc/errors.ts';

const id = '01a2029a-2088-7527-baa6-5fcd635c7c8a';
const campaignId = '01a2029a-2088-7527-baa6-5fcd635c7c8c';

function failure(code: IpcFailure['code'], issues?: IpcFailure['issues']): IpcError {
  return new IpcError({ code, message: code, ...(issues === undefined ? {} : { issues }) });
}

function harness(overrides: Partial<DraftSaverDeps> = {}) {
  const saves: Array<{ draft: unknown; expectedRevision: number | null }> = [];
  const states: SaveState[] = [];
  const backups = new Map<string, UnsavedBackup>();
  let revision = 0;
  let fail: IpcError | null = null;
  const saver = new DraftSaver({
    id,
    revision: null,
    initialValues: newIntakeEventDraft(id),
    toPayload: toDraftPayload,
    save: async (draft, expectedRevision) => {
      saves.push({ draft, expectedRevision });
      if (fail !== null) throw fail;
      revision += 1;
      return { revision };
    },
    writeBackup: (backup) => backups.set(backup.id, backup),
    clearBackup: (key) => backups.delete(key),
    onState: (state) => states.push(state),
    delayMs: 800,
    retryMs: 5000,
    ...overrides,
  });
  saver.attach();
  return {
    saver,
    saves,
    states,
    backups,
    failWith: (error: IpcError | null) => {
      fail = error;
    },
  };
}

const typed = (notes: string) => ({ ...newIntakeEventDraft(id), notes });

describe('DraftSaver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once typing pauses, not at every keystroke, and says when', async () => {
    const { saver, saves, states, backups } = harness();
    saver.change(typed('A'));
    saver.change(typed('AK'));
    saver.change(typed('AK-47'));
    expect(backups.get(id)?.values).toStrictEqual(typed('AK-47'));
    await vi.advanceTimersByTimeAsync(799);
    expect(saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves).toHaveLength(1);
    expect(saves[0]).toMatchObject({ draft: { notes: 'AK-47' }, expectedRevision: null });
    expect(states.at(-1)?.kind).toBe('saved');
    expect(backups.has(id)).toBe(false);
  });

  it('bases every save on the revision the previous one returned', async () => {
    const { saver, saves } = harness();
    saver.change(typed('one'));
    await saver.flush();
    saver.change(typed('two'));
    await saver.flush();
    expect(saves.map((save) => save.expectedRevision)).toStrictEqual([null, 1]);
    expect(saver.revision).toBe(2);
  });

  it('ignores change events that change nothing (focus, validation)', async () => {
    const { saver, saves } = harness();
    saver.change(newIntakeEventDraft(id));
    await vi.advanceTimersByTimeAsync(2000);
    expect(saves).toHaveLength(0);
    expect(saver.hasUnsaved).toBe(false);
  });

  it('keeps what was typed while locked, and saves it after the unlock', async () => {
    const { saver, saves, states, backups, failWith } = harness();
    failWith(failure('LOCKED'));
    saver.change(typed('kept'));
    expect(await saver.flush()).toBe(false);
    expect(states.at(-1)?.kind).toBe('locked');
    expect(backups.get(id)?.values).toStrictEqual(typed('kept'));
    // Locked: no retry storm while nobody can unlock.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(saves).toHaveLength(1);
    failWith(null);
    expect(await saver.retry()).toBe(true);
    expect(saves.at(-1)?.draft).toMatchObject({ notes: 'kept' });
    expect(backups.has(id)).toBe(false);
  });

  it('stops on a conflict until the person chooses, then overwrites from the newer revision', async () => {
    const { saver, saves, states, failWith } = harness();
    failWith(failure('CONFLICT'));
    saver.change(typed('mine'));
    await saver.flush();
    expect(states.at(-1)?.kind).toBe('conflict');
    saver.change(typed('mine, still'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saves).toHaveLength(1);
    failWith(null);
    expect(await saver.overwrite(7)).toBe(true);
    expect(saves.at(-1)).toMatchObject({ expectedRevision: 7, draft: { notes: 'mine, still' } });
  });

  it('retries by itself after a failure that may pass (the host was unreachable)', async () => {
    const { saver, saves, states, failWith } = harness();
    failWith(failure('UNAVAILABLE'));
    saver.change(typed('later'));
    await saver.flush();
    expect(states.at(-1)?.kind).toBe('failed');
    failWith(null);
    await vi.advanceTimersByTimeAsync(5000);
    expect(saves).toHaveLength(2);
    expect(states.at(-1)?.kind).toBe('saved');
  });

  it('leaves out a value main refuses, saves the rest, and reports it by path', async () => {
    const refused: unknown[] = [];
    const { saver, saves, failWith } = harness({ onRefused: (issues) => refused.push(issues) });
    failWith(
      failure('VALIDATION_ERROR', [
        { path: 'campaignId', message: 'invalidOption', code: 'custom' },
      ]),
    );
    saver.change({ ...typed('rest'), campaignId });
    // The refused save, then the same draft without the campaign.
    const done = saver.flush();
    failWith(null);
    expect(await done).toBe(true);
    expect(saves).toHaveLength(2);
    expect(saves[1]?.draft).not.toHaveProperty('campaignId');
    expect(saves[1]?.draft).toMatchObject({ notes: 'rest' });
    expect(refused.at(-1)).toStrictEqual([
      { path: 'campaignId', message: 'invalidOption', code: 'custom' },
    ]);
  });

  it('re-bases the page backup on the new revision when typing went on during a save', async () => {
    let release: () => void = () => undefined;
    const seen: Array<UnsavedBackup | undefined> = [];
    const { saver, backups } = harness({
      // The first save waits for the test; later ones answer at once.
      save: (_draft, expectedRevision) =>
        expectedRevision === null
          ? new Promise((resolve) => {
              release = () => {
                resolve({ revision: 4 });
                queueMicrotask(() => seen.push(backups.get(id)));
              };
            })
          : Promise.resolve({ revision: expectedRevision + 1 }),
    });
    saver.change(typed('first'));
    const flushing = saver.flush();
    saver.change(typed('first and more'));
    release();
    expect(await flushing).toBe(true);
    // Right after the first save, the backup held the newer text, based on revision 4.
    expect(seen[0]?.baseRevision).toBe(4);
    expect(seen[0]?.values).toStrictEqual(typed('first and more'));
    // The flush went on to save the newer text too, so nothing is left unsaved.
    expect(saver.revision).toBe(5);
    expect(backups.has(id)).toBe(false);
  });
});
