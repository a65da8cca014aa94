import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleLock } from '../../../../electron/session/idle-lock.ts';
import type { ProcedureName } from '../../../../shared/ipc/contract.ts';
import { SessionStatusSchema } from '../../../../shared/ipc/procedures/session.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';

/**
 * The idle lock on the real Session, with a clock the test drives: a laptop left open at a
 * checkpoint must stop being readable after the idle minutes, and not a moment before.
 */

const minute = 60_000;

describe('IdleLock', () => {
  let app: DispatchedApp;
  let clock: number;
  let minutes: number;
  let idle: IdleLock;
  let userId: string;
  let passphrase: string;

  beforeEach(async () => {
    app = await startDispatchedApp({ prefix: 'idle' });
    ({
      user: { id: userId },
      passphrase,
    } = await setUpFirstPerson(app));
    clock = Date.parse('2024-06-14T03:00:00Z');
    minutes = 5;
    idle = new IdleLock(
      app.services.session,
      () => minutes,
      () => clock,
    );
  });

  afterEach(async () => {
    idle.stop();
    await app.close();
  });

  const state = () => app.services.session.state.kind;
  /**
   * What the renderer was told, in order. Setting up announces the new administrator with the
   * recovery code pending, and confirming the code announces it kept: two unlocked events before
   * anything this file does.
   */
  const announced = () =>
    app.events
      .filter((event) => event.event === 'sessionChanged')
      .map((event) => {
        const status = SessionStatusSchema.parse(event.payload);
        return { state: status.state, recoveryCodePending: status.recoveryCodePending };
      });
  const afterSetUp = [
    { state: 'unlocked', recoveryCodePending: true },
    { state: 'unlocked', recoveryCodePending: false },
  ];

  it('does not lock before the idle minutes have passed', () => {
    clock += 5 * minute - 1;
    expect(idle.check()).toBe(false);
    expect(state()).toBe('unlocked');
  });

  it('locks once the idle minutes have passed, with reason idle in the log', async () => {
    clock += 5 * minute;
    expect(idle.check()).toBe(true);
    expect(state()).toBe('locked');
    const locked = app.logLines
      .map((line) => JSON.parse(line) as { event: string; reason?: string })
      .filter((line) => line.event === 'session.locked');
    expect(locked).toEqual([expect.objectContaining({ reason: 'idle' })]);
    // The renderer is told, so it can show the unlock screen.
    await vi.waitFor(() =>
      expect(announced()).toEqual([...afterSetUp, { state: 'locked', recoveryCodePending: false }]),
    );
  });

  it('touch() postpones the lock by the full idle time', () => {
    clock += 4 * minute;
    idle.touch();
    clock += 4 * minute; // 8 minutes since start, 4 since the touch
    expect(idle.check()).toBe(false);
    expect(state()).toBe('unlocked');
    clock += minute - 1;
    expect(idle.check()).toBe(false);
    clock += 1; // 5 minutes since the touch
    expect(idle.check()).toBe(true);
    expect(state()).toBe('locked');
  });

  it('reads the idle minutes at every check, so a changed setting applies at once', () => {
    clock += 3 * minute;
    expect(idle.check()).toBe(false);
    minutes = 2;
    expect(idle.check()).toBe(true);
    expect(state()).toBe('locked');
  });

  it('check() does nothing when already locked (no second lock, no event)', async () => {
    await app.ok('lock');
    const lockedOnce = [...afterSetUp, { state: 'locked', recoveryCodePending: false }];
    await vi.waitFor(() => expect(announced()).toEqual(lockedOnce));
    const eventCount = app.events.length;
    const logged = app.logLines.length;
    clock += 60 * minute;
    expect(idle.check()).toBe(false);
    expect(idle.check()).toBe(false);
    expect(state()).toBe('locked');
    // Give a wrongly emitted event the chance to arrive before checking there is none.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(app.events).toHaveLength(eventCount);
    expect(announced()).toEqual(lockedOnce);
    expect(app.logLines).toHaveLength(logged);
    // Unlocking again works as usual; the clock then counts from the last activity.
    await app.ok('unlock', { userId, passphrase });
    idle.touch();
    expect(idle.check()).toBe(false);
  });

  it('after an idle lock the data key is zero-filled and record procedures answer LOCKED', async () => {
    const { dek, db } = app.services.session.requireUnlocked();
    expect(dek.equals(Buffer.alloc(32))).toBe(false);
    const saved = await app.ok('saveIntakeDraft', {
      draft: await app.ok('newIntakeDraft'),
      expectedRevision: null,
    });
    clock += 5 * minute;
    expect(idle.check()).toBe(true);
    expect(dek.equals(Buffer.alloc(32))).toBe(true);
    // The connection closes once the threads beside it have ended (Session.lock).
    await vi.waitFor(() => expect(db.open).toBe(false));
    const calls: Array<[ProcedureName, unknown]> = [
      ['listLocations', undefined],
      ['newIntakeDraft', undefined],
      ['getIntake', { id: saved.event.id }],
      ['listIntakes', {}],
      ['getIntakeHistory', { id: saved.event.id }],
      ['finaliseIntake', { id: saved.event.id, expectedRevision: 1 }],
      ['saveIntakeDraft', { draft: saved.event, expectedRevision: 1 }],
      ['verifyAuditLog', undefined],
    ];
    for (const [procedure, input] of calls) {
      expect((await app.fail(procedure, input)).code, procedure).toBe('LOCKED');
    }
    expect((await app.ok('getSession')).state).toBe('locked');
    // The person unlocks and finds the record as it was.
    await app.ok('unlock', { userId, passphrase });
    expect((await app.ok('getIntake', { id: saved.event.id })).revision).toBe(1);
  });

  it('never locks a folder that is not set up yet', async () => {
    const fresh = await startDispatchedApp({ prefix: 'idle-fresh' });
    try {
      const freshIdle = new IdleLock(
        fresh.services.session,
        () => 1,
        () => clock,
      );
      clock += 10 * minute;
      expect(freshIdle.check()).toBe(false);
      expect(fresh.services.session.state.kind).toBe('needs_setup');
    } finally {
      await fresh.close();
    }
  });
});
