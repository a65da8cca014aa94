import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertCustodyRecord,
  refreshItemCustody,
} from '../../../../../electron/store/custody-repository.ts';
import type { Db } from '../../../../../electron/store/encrypted-database.ts';
import {
  deleteIntakeDraft,
  readIntake,
  writeIntake,
} from '../../../../../electron/store/intake-repository.ts';
import { writeLocation } from '../../../../../electron/store/locations-repository.ts';
import { computeMeasures } from '../../../../../electron/store/measures/measures-queries.ts';
import { LocationSchema } from '../../../../../shared/domain/location.ts';
import {
  calendarYear,
  halfYear,
  MeasureFilterSchema,
  type MeasureFilterInput,
} from '../../../../../shared/measures/measure-filter.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../../support/dispatched-app.ts';
import { campaignId, events, sites, w, writeFixture } from '../measures-fixture.ts';

/**
 * The month rollups (migration 160, measure-rollup.ts) against the rows they roll up: every
 * measure for every filter below must be the same read from the rollups as counted from the
 * rows (`rollups: false`), before and after each kind of write that changes what a month counts.
 * A write whose trigger is missing leaves a stale rollup, and the comparison fails.
 */
let app: DispatchedApp;
let db: Db;
let userId: string;

beforeAll(async () => {
  app = await startDispatchedApp({ prefix: 'measure-rollup' });
  const { user } = await setUpFirstPerson(app);
  userId = user.id;
  db = app.services.session.requireUnlocked().db;
  writeFixture(db, userId);
});

afterAll(async () => {
  await app.close();
});

const filters: MeasureFilterInput[] = [
  calendarYear(2025),
  calendarYear(2026),
  halfYear(2025, 1),
  halfYear(2025, 2),
  // Days around whole months: counted from the rows, the months between from the rollups.
  { from: '2025-02-11', to: '2025-10-15' },
  { from: '2024-12-15', to: '2026-02-03' },
  { from: '2025-03-05', to: '2025-03-20' },
  // K10's backlog at a month's end from the rollups, with months that straddle two ages.
  { from: '2025-02-11', to: '2025-10-31' },
  { from: '2025-01-01', to: '2025-04-30' },
  { from: '2025-01-01', to: '2026-03-31' },
  { ...calendarYear(2025), jurisdiction: 'RS' },
  { ...calendarYear(2025), jurisdiction: 'ME' },
  { ...calendarYear(2025), context: 'seized' },
  { ...calendarYear(2025), campaignId },
  { ...calendarYear(2025), agency: 'border police' },
  { ...calendarYear(2025), locationType: 'border_crossing_road' },
  { ...calendarYear(2025), finalOnly: false },
  { from: '2020-01-01', to: '2026-12-31', finalOnly: false },
];

const builtMonths = () =>
  db.prepare('SELECT DISTINCT month FROM measure_rollup_built ORDER BY month').pluck().all();

/** Every filter's measures, read twice (building, then reading the rollups), equal the rows'. */
function expectRollupsEqualRows(): void {
  for (const input of filters) {
    const filter = MeasureFilterSchema.parse(input);
    const fromRows = computeMeasures(db, filter, { rollups: false });
    expect(computeMeasures(db, filter), JSON.stringify(input)).toStrictEqual(fromRows);
    expect(computeMeasures(db, filter), JSON.stringify(input)).toStrictEqual(fromRows);
  }
}

const weaponsOf2025 = () =>
  computeMeasures(db, MeasureFilterSchema.parse(calendarYear(2025))).k1.total.reduce(
    (sum, row) => sum + row.entries,
    0,
  );

describe('month rollups of the figures', () => {
  it('give every figure of every filter as counting the rows does, and are kept', () => {
    expectRollupsEqualRows();
    expect(builtMonths()).toEqual(expect.arrayContaining(['2025-01', '2025-06', '2025-12']));
    const rows = db.prepare('SELECT count(*) FROM measure_rollup').pluck().get() as number;
    expect(rows).toBeGreaterThan(0);
  });

  it('an amended record forgets its month, and figures follow the amendment', () => {
    const first = events[0]!;
    const row = readIntake(db, first.id)!;
    const before = weaponsOf2025();
    const event = row.event as unknown as { weapons: Array<Record<string, unknown>> };
    const amended = {
      ...row,
      revision: row.revision + 1,
      event: {
        ...row.event,
        revision: row.revision + 1,
        // One weapon fewer and the other a pistol now.
        weapons: [{ ...event.weapons[1], weaponType: 'self_loading_pistol' }],
      },
    } as unknown as typeof row;
    db.transaction(() => writeIntake(db, amended))();
    expect(builtMonths()).not.toContain(first.date.slice(0, 7));
    expect(weaponsOf2025()).toBe(before - 1);
    expectRollupsEqualRows();
  });

  it('a destruction and its correction forget the months they count in', () => {
    const destruction = {
      id: randomUUID(),
      destructionDate: '2025-06-15',
      siteLocationId: sites.destruction.id,
      organisingAuthority: 'MUP',
      method: 'cutting_torch',
      items: [{ kind: 'weapon', id: w.w2.id }],
      aggregateCounts: [],
      certificateNumber: 'C-ROLLUP-1',
    };
    const at = new Date().toISOString();
    db.transaction(() => {
      insertCustodyRecord(db, 'destruction_event', destruction, {
        createdAt: at,
        createdBy: userId,
      });
      refreshItemCustody(db, [w.w2.id]);
    })();
    expect(builtMonths()).not.toContain('2025-06');
    expectRollupsEqualRows();
    // Corrected: destroyed in August instead, by smelting.
    db.transaction(() => {
      insertCustodyRecord(
        db,
        'destruction_event',
        {
          ...destruction,
          id: randomUUID(),
          destructionDate: '2025-08-20',
          method: 'smelting_melting',
          certificateNumber: 'C-ROLLUP-2',
          correction: { correctsId: destruction.id, reason: 'Wrong date and method' },
        },
        { createdAt: at, createdBy: userId },
      );
      refreshItemCustody(db, [w.w2.id]);
    })();
    expect(builtMonths()).not.toContain('2025-06');
    expect(builtMonths()).not.toContain('2025-08');
    expectRollupsEqualRows();
  });

  it('a trace answered later revises the month the weapon was taken in', () => {
    const weapon = w.w4;
    const month = events.find((event) => event.items.includes(weapon))!.date.slice(0, 7);
    // What the trace request repository derives for a weapon whose origin a trace established.
    db.prepare(
      `INSERT INTO item_traces (item_id, trace_status, origin_established_on) VALUES (?, ?, ?)
       ON CONFLICT (item_id) DO UPDATE SET trace_status = excluded.trace_status`,
    ).run(weapon.id, 'origin_established_by_trace', '2026-05-01');
    expect(builtMonths()).not.toContain(month);
    expectRollupsEqualRows();
  });

  it("a place's new type forgets every month; its jurisdiction is read when counted", () => {
    const at = new Date().toISOString();
    db.transaction(() =>
      writeLocation(
        db,
        LocationSchema.parse({
          id: sites.station.id,
          locationType: 'border_crossing_rail',
          name: 'station',
          jurisdiction: 'ME',
        }),
        at,
        userId,
        2,
      ),
    )();
    expect(builtMonths()).toEqual([]);
    expectRollupsEqualRows();
  });

  it('a deleted draft forgets its month', () => {
    const draft = events.find((event) => event.status === 'draft')!;
    db.transaction(() => deleteIntakeDraft(db, draft.id))();
    expect(builtMonths()).not.toContain(draft.date.slice(0, 7));
    expectRollupsEqualRows();
  });
});
