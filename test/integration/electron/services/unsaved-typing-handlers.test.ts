import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { unsavedTypingLimits } from '../../../../shared/ipc/procedures/unsaved.ts';
import {
  goodPassphrase,
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { findPlaintext } from '../../../support/plaintext-scan.ts';

/**
 * The unsaved-typing procedures as the renderer calls them, through the real dispatcher into the
 * real Session: typing is kept for the person who typed it across the app locking itself,
 * refused to anyone else and to a locked laptop, bounded, and gone (never on disk) after a quit.
 */

const apps: DispatchedApp[] = [];

async function newApp(dataDir?: string): Promise<DispatchedApp> {
  const app = await startDispatchedApp({ prefix: 'unsaved', ...(dataDir ? { dataDir } : {}) });
  apps.push(app);
  return app;
}

afterEach(async () => {
  for (const app of apps.splice(0).reverse()) await app.close();
});

const recordId = '0190f0e0-0000-7000-8000-000000000001';
/** One renderer page: its writer id and a counter, as renderer/features/records/write-order.ts. */
function page() {
  const writer = randomUUID();
  let seq = 0;
  return () => ({ writer, seq: (seq += 1) });
}

function backupOf(notes: string, baseRevision: number | null = 3) {
  return {
    id: recordId,
    baseRevision,
    changedAt: '2026-05-04T10:20:30.000Z',
    valuesJson: JSON.stringify({ notes }),
  };
}

async function notesKept(app: DispatchedApp): Promise<string | null> {
  const kept = await app.ok('getUnsavedBackup', { id: recordId });
  return kept === null ? null : (JSON.parse(kept.valuesJson) as { notes: string }).notes;
}

describe('unsaved typing through the dispatcher', () => {
  it("gives the signed-in person back what they typed, and a new record's backup to pick up", async () => {
    const app = await newApp();
    await setUpFirstPerson(app);
    const order = page();
    expect(await app.ok('getUnsavedBackup', { id: recordId })).toBeNull();
    expect(await app.ok('getListFilters')).toEqual({});

    await app.ok('putUnsavedBackup', { backup: backupOf('Spare wheel', null), order: order() });
    await app.ok('putListFilters', {
      filters: { serial: 'AK 47', status: 'draft' },
      order: order(),
    });
    expect(await notesKept(app)).toBe('Spare wheel');
    expect((await app.ok('getUnsavedNewRecord'))?.id).toBe(recordId);
    expect(await app.ok('getListFilters')).toEqual({ serial: 'AK 47', status: 'draft' });

    await app.ok('clearUnsavedBackup', { id: recordId, order: order() });
    expect(await app.ok('getUnsavedBackup', { id: recordId })).toBeNull();
    expect(await app.ok('getUnsavedNewRecord')).toBeNull();
  });

  it('refuses malformed input with VALIDATION_ERROR and an oversized backup with TOO_LARGE', async () => {
    const app = await newApp();
    await setUpFirstPerson(app);
    const order = page();
    const noOrder = await app.fail('putUnsavedBackup', { backup: backupOf('x') });
    expect(noOrder.code).toBe('VALIDATION_ERROR');
    expect(noOrder.issues?.map((issue) => issue.path)).toEqual(['order']);
    const badId = await app.fail('getUnsavedBackup', { id: 'not-a-record' });
    expect(badId.code).toBe('VALIDATION_ERROR');
    const longSearch = await app.fail('putListFilters', {
      filters: { serial: 'x'.repeat(101) },
      order: order(),
    });
    expect(longSearch.issues?.map((issue) => issue.path)).toEqual(['filters.serial']);

    await app.ok('putUnsavedBackup', { backup: backupOf('kept'), order: order() });
    const tooLarge = await app.fail('putUnsavedBackup', {
      backup: { ...backupOf('x'), valuesJson: 'x'.repeat(unsavedTypingLimits.backupChars + 1) },
      order: order(),
    });
    expect(tooLarge.code).toBe('TOO_LARGE');
    expect(tooLarge.issues?.map((issue) => issue.path)).toEqual(['backup.valuesJson']);
    expect(await notesKept(app)).toBe('kept');
  });

  it('keeps typing through a lock, takes what arrives while locked, and shows nothing while locked', async () => {
    const app = await newApp();
    const { user, passphrase } = await setUpFirstPerson(app);
    const order = page();
    await app.ok('putUnsavedBackup', { backup: backupOf('typed before the lock'), order: order() });
    app.services.session.lock('idle');

    // The keystroke sent as the app locked: taken for the person the session was locked for.
    await app.ok('putUnsavedBackup', { backup: backupOf('typed as it locked'), order: order() });
    await app.ok('putListFilters', { filters: { serial: 'CZ 99' }, order: order() });
    // Whoever is at the locked laptop reads nothing.
    expect((await app.fail('getUnsavedBackup', { id: recordId })).code).toBe('LOCKED');
    expect((await app.fail('getUnsavedNewRecord')).code).toBe('LOCKED');
    expect((await app.fail('getListFilters')).code).toBe('LOCKED');

    await app.ok('unlock', { userId: user.id, passphrase });
    expect(await notesKept(app)).toBe('typed as it locked');
    expect(await app.ok('getListFilters')).toEqual({ serial: 'CZ 99' });
  });

  it("never gives one person's unsaved typing to another who signs in, and keeps it for its owner", async () => {
    const app = await newApp();
    const ana = await setUpFirstPerson(app, { name: 'Ana Petrović' });
    const borisPassphrase = goodPassphrase('boris');
    const boris = await app.ok('addPerson', {
      name: 'Boris Jovanović',
      role: 'field_officer',
      passphrase: borisPassphrase,
    });
    const anaPage = page();
    await app.ok('putUnsavedBackup', {
      backup: backupOf('Ana: found under the seat', null),
      order: anaPage(),
    });
    await app.ok('putListFilters', { filters: { serial: 'ANA-SEARCH' }, order: anaPage() });
    await app.ok('lock');

    await app.ok('unlock', { userId: boris.id, passphrase: borisPassphrase });
    expect(await app.ok('getUnsavedBackup', { id: recordId })).toBeNull();
    expect(await app.ok('getUnsavedNewRecord')).toBeNull();
    expect(await app.ok('getListFilters')).toEqual({});
    // Boris types on the same record (same window, so the same page as a writer).
    await app.ok('putUnsavedBackup', { backup: backupOf('Boris: in the boot'), order: anaPage() });
    await app.ok('lock');

    await app.ok('unlock', { userId: ana.user.id, passphrase: ana.passphrase });
    expect(await notesKept(app)).toBe('Ana: found under the seat');
    expect(await app.ok('getListFilters')).toEqual({ serial: 'ANA-SEARCH' });
  });

  it('refuses writes while locked before anyone has unlocked since the app started', async () => {
    const first = await newApp();
    await setUpFirstPerson(first);
    first.dispose();
    const app = await newApp(first.dir);
    const refused = await app.fail('putUnsavedBackup', {
      backup: backupOf('nobody to keep it for'),
      order: page()(),
    });
    expect(refused.code).toBe('LOCKED');
  });

  it('is gone after the app quits, and was never written to the data folder', async () => {
    const canary = `UNSAVEDCANARY${randomBytes(6).toString('hex')}`;
    const startedAt = Date.now();
    const first = await newApp();
    const { user, passphrase } = await setUpFirstPerson(first);
    const order = page();
    await first.ok('putUnsavedBackup', { backup: backupOf(canary, null), order: order() });
    await first.ok('putListFilters', { filters: { serial: canary }, order: order() });
    first.dispose();

    const app = await newApp(first.dir);
    await app.ok('unlock', { userId: user.id, passphrase });
    expect(await app.ok('getUnsavedBackup', { id: recordId })).toBeNull();
    expect(await app.ok('getUnsavedNewRecord')).toBeNull();
    expect(await app.ok('getListFilters')).toEqual({});
    const scan = await findPlaintext([first.dir], [canary], { sinceMs: startedAt - 1000 });
    expect(scan.scanned).toBeGreaterThan(0);
    expect(scan.hits).toEqual([]);
  });
});
