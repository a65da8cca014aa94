import { describe, expect, it } from 'vitest';
import {
  describeValue,
  JSON_PREVIEW_LIMIT,
  navBadge,
  relativeTime,
  syncHeadline,
} from '../../../../../renderer/features/sync/sync-words.ts';
import { SyncStatusSchema, type SyncStatus } from '../../../../../shared/ipc/procedures/sync.ts';

const idle: SyncStatus = SyncStatusSchema.parse({
  phase: 'idle',
  serverUrl: 'https://salw.example.org',
  deviceName: 'Team 3 laptop',
  deviceId: '0190f4d2-0000-7000-8000-000000000001',
  progress: null,
  lastSuccessAt: '2025-03-12T10:00:00Z',
  lastAttemptAt: '2025-03-12T10:00:00Z',
  lastError: null,
  nextAttemptAt: null,
  pendingChanges: 0,
  pendingRecords: 0,
  oldestPendingAt: null,
  staleWarning: false,
  pendingPhotos: 0,
  openConflicts: 0,
  openRejections: 0,
});

describe('syncHeadline', () => {
  it.each([
    ['not_enrolled', 'notEnrolled'],
    ['revoked', 'revoked'],
    ['syncing', 'syncing'],
    ['offline', 'offline'],
    ['error', 'error'],
  ] as const)('says %s as %s, whatever is waiting', (phase, headline) => {
    expect(syncHeadline({ ...idle, phase, pendingChanges: 5, openConflicts: 2 })).toBe(headline);
  });

  it('puts a decision the person must make before waiting changes', () => {
    expect(syncHeadline({ ...idle, openRejections: 1, pendingChanges: 3 })).toBe('needsDecision');
  });

  it('says changes are waiting while changes or photos are unsent', () => {
    expect(syncHeadline({ ...idle, pendingChanges: 1 })).toBe('waiting');
    expect(syncHeadline({ ...idle, pendingPhotos: 2 })).toBe('waiting');
  });

  it('is up to date only after a successful sync with nothing waiting', () => {
    expect(syncHeadline(idle)).toBe('upToDate');
    expect(syncHeadline({ ...idle, lastSuccessAt: null })).toBe('neverSynced');
  });
});

describe('navBadge', () => {
  it('shows nothing when nothing needs attention', () => {
    expect(navBadge(null)).toBeNull();
    expect(navBadge({ ...idle, pendingChanges: 10 })).toBeNull();
  });

  it('counts conflicts and rejections together, capped at 99+', () => {
    expect(navBadge({ ...idle, openConflicts: 2, openRejections: 1 })).toEqual({
      text: '3',
      reason: 'issues',
      count: 3,
    });
    expect(navBadge({ ...idle, openConflicts: 150 })?.text).toBe('99+');
  });

  it('flags old unsent changes and a revoked laptop', () => {
    expect(navBadge({ ...idle, staleWarning: true })?.reason).toBe('stale');
    expect(navBadge({ ...idle, phase: 'revoked', openConflicts: 4 })?.reason).toBe('revoked');
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2025-03-12T12:00:00Z');
  it('says "just now" for under a minute and for a clock ahead of ours', () => {
    expect(relativeTime('2025-03-12T11:59:30Z', now)).toBeNull();
    expect(relativeTime('2025-03-12T12:05:00Z', now)).toBeNull();
  });

  it('counts minutes, then hours up to two days, then days', () => {
    expect(relativeTime('2025-03-12T11:55:00Z', now)).toEqual({ value: -5, unit: 'minute' });
    expect(relativeTime('2025-03-12T09:00:00Z', now)).toEqual({ value: -3, unit: 'hour' });
    expect(relativeTime('2025-03-11T10:00:00Z', now)).toEqual({ value: -26, unit: 'hour' });
    expect(relativeTime('2025-03-09T12:00:00Z', now)).toEqual({ value: -3, unit: 'day' });
  });

  it('gives up on something that is not a time', () => {
    expect(relativeTime('yesterday', now)).toBeNull();
  });
});

describe('describeValue', () => {
  it('treats missing, empty text and empty lists as empty', () => {
    for (const value of [null, undefined, '', []])
      expect(describeValue('notes', value)).toEqual({ kind: 'empty' });
  });

  it('reads calendar dates and instants as dates, not text', () => {
    expect(describeValue('occurredAt', '2025-03-12')).toEqual({ kind: 'date', iso: '2025-03-12' });
    expect(describeValue('receivedAt', '2025-03-12T10:15:00.000Z')).toEqual({
      kind: 'dateTime',
      iso: '2025-03-12T10:15:00.000Z',
    });
    expect(describeValue('notes', 'Found 2025-03-12 at the border')).toEqual({
      kind: 'text',
      text: 'Found 2025-03-12 at the border',
    });
  });

  it('labels enumeration fields and names a location by id', () => {
    expect(describeValue('context', 'seized')).toEqual({
      kind: 'enum',
      name: 'intakeContext',
      value: 'seized',
    });
    expect(describeValue('locationId', 'abc')).toEqual({ kind: 'location', id: 'abc' });
  });

  it('summarises weapons by type and serial number', () => {
    expect(
      describeValue('weapons', [
        { id: 'w1', weaponType: 'revolver', serialNumber: 'AB 123', markings: [] },
        { id: 'w2', serialNumber: '  ' },
        'not a weapon',
      ]),
    ).toEqual({
      kind: 'weapons',
      items: [
        { type: 'revolver', serial: 'AB 123' },
        { type: null, serial: null },
        { type: null, serial: null },
      ],
    });
  });

  it('counts other lists', () => {
    expect(describeValue('parts', [{}, {}])).toEqual({ kind: 'list', count: 2 });
  });

  it('reads a details object as labelled entries, enumerations by their own key', () => {
    expect(
      describeValue('seizure', { legalJustification: 'illicit_trafficking', iarmsChecked: true }),
    ).toEqual({
      kind: 'object',
      entries: [
        {
          key: 'legalJustification',
          value: { kind: 'enum', name: 'legalJustification', value: 'illicit_trafficking' },
        },
        { key: 'iarmsChecked', value: { kind: 'boolean', value: true } },
      ],
    });
  });

  it('falls back to short JSON for nested shapes', () => {
    const nested = describeValue('extra', { a: { b: 'x'.repeat(1000) } });
    expect(nested.kind).toBe('json');
    expect(nested.kind === 'json' && nested.text.length).toBe(JSON_PREVIEW_LIMIT);
    expect(describeValue('extra', { a: { b: 1 } })).toEqual({
      kind: 'json',
      text: '{ "a": { "b": 1 } }',
    });
  });
});
