import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../electron/store/encrypted-database.ts';
import {
  deleteIntakeDraft,
  readIntake,
  writeIntake,
} from '../../../../electron/store/intake-repository.ts';
import {
  computeMeasures,
  listMeasureRecords,
  quantityFigurePlan,
  UnknownDimensionError,
} from '../../../../electron/store/measures/measures-queries.ts';
import {
  calendarYear,
  halfYear,
  MeasureFilterSchema,
  type MeasureFilterInput,
} from '../../../../shared/measures/measure-filter.ts';
import type { WeaponType } from '../../../../shared/domain/enums.ts';
import type { Measures } from '../../../../shared/measures/measure-results.ts';
import {
  barrelClassOf,
  registerCategoryOf,
  unodcTypeOf,
} from '../../../../shared/measures/weapon-crosswalks.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import {
  campaignId,
  destructions,
  events,
  losses,
  sites,
  stockChecks,
  w,
  writeFixture,
  type EventSpec,
  type ItemSpec,
} from './measures-fixture.ts';

/**
 * Every measure over a real encrypted store holding the fixture (measures-fixture.ts), checked
 * against figures worked out HERE from the fixture's own specs (plain loops over the rows as
 * written), never by running the store's SQL again. The fixture holds unknowns, mixed units, a
 * draft, an amended record, a corrected destruction and stock check, a weapon destroyed twice, and
 * items taken in one year and destroyed the next.
 */
let app: DispatchedApp;
let db: Db;

beforeAll(async () => {
  app = await startDispatchedApp({ prefix: 'measures' });
  const { user } = await setUpFirstPerson(app);
  db = app.services.session.requireUnlocked().db;
  writeFixture(db, user.id);
});

afterAll(async () => {
  await app.close();
});

const year2025 = calendarYear(2025);

function measures(filter: MeasureFilterInput): Measures {
  return computeMeasures(db, MeasureFilterSchema.parse(filter));
}

// ---- The expectations' side: the fixture's rows, flattened, and grouped by hand. ----

interface Flat extends ItemSpec {
  readonly event: EventSpec;
}

const flat: Flat[] = events.flatMap((event) => event.items.map((item) => ({ ...item, event })));

interface Scope {
  readonly from: string;
  readonly to: string;
  readonly finalOnly: boolean;
  readonly where?: (item: Flat) => boolean;
}

function taken(scope: Scope): Flat[] {
  return flat.filter(
    (item) =>
      item.event.date >= scope.from &&
      item.event.date <= scope.to &&
      (!scope.finalOnly || item.event.status === 'final') &&
      (scope.where?.(item) ?? true),
  );
}

interface Expected {
  by: Record<string, string>;
  kind: string;
  unit: string;
  amount: number;
  entries: number;
  unknownAmount: number;
  records: number;
}

/** Groups rows by kind, unit and the given dimensions, as a person would tally them. */
function tally<T>(
  rows: readonly T[],
  of: (row: T) => {
    kind: string;
    unit?: string | undefined;
    amount?: number | undefined;
    record: string;
  },
  by: (row: T) => Record<string, string>,
): Expected[] {
  const groups = new Map<string, Expected & { recordSet: Set<string> }>();
  for (const row of rows) {
    const { kind, unit, amount, record } = of(row);
    const dims = by(row);
    const key = JSON.stringify([kind, unit ?? 'unknown', dims]);
    const group = groups.get(key) ?? {
      by: dims,
      kind,
      unit: unit ?? 'unknown',
      amount: 0,
      entries: 0,
      unknownAmount: 0,
      records: 0,
      recordSet: new Set<string>(),
    };
    group.entries += 1;
    if (amount === undefined) group.unknownAmount += 1;
    else group.amount += amount;
    group.recordSet.add(record);
    group.records = group.recordSet.size;
    groups.set(key, group);
  }
  return sorted([...groups.values()].map(({ recordSet: _, ...group }) => group));
}

const ofItem = (item: Flat) => ({
  kind: item.kind,
  unit: item.unit,
  amount: item.amount,
  record: item.event.id,
});

function sorted<T>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** A figure's rows without their drill-down keys, in a stable order. */
function actual(rows: ReadonlyArray<Expected & { drill: unknown }>): Expected[] {
  return sorted(
    rows.map(({ drill: _, ...row }) => ({ ...row, amount: Math.round(row.amount * 1e6) / 1e6 })),
  );
}

const u = (value: string | undefined) => value ?? 'unknown';

/** A weapon counts in 16.4.2 if found, surrendered, or seized for a criminal offence. */
const inSdg = (item: Flat) =>
  item.kind === 'weapon' &&
  (item.event.context !== 'seized' ||
    (item.event.justification !== undefined &&
      item.event.justification !== 'administrative_violation'));

/** Destruction records no other corrects. */
const validDestructions = destructions.filter(
  (d) => !destructions.some((other) => other.corrects === d.id),
);

/** Each weapon's first valid destruction (date, then id), as the custody model orders them. */
function firstDestruction(itemId: string) {
  return validDestructions
    .filter((d) => d.items.some((ref) => ref.id === itemId))
    .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1))[0];
}

/** What was destroyed in a period: weapons once, lots in each part destroyed. */
function destroyedIn(from: string, to: string, finalOnly: boolean) {
  return validDestructions
    .filter((d) => d.date >= from && d.date <= to)
    .flatMap((d) =>
      d.items.flatMap((ref) => {
        const item = flat.find((candidate) => candidate.id === ref.id)!;
        if (finalOnly && item.event.status !== 'final') return [];
        if (item.kind === 'weapon' && firstDestruction(item.id) !== d) return [];
        return [{ item, destruction: d, amount: ref.amount ?? item.amount }];
      }),
    );
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

// ---- The measures ----

describe('intake measures (K1-K7) for 2025, final records only', () => {
  const scope = { ...year2025, finalOnly: true };

  it('K1 counts weapons by context; the amended record counts as amended (seized, not found)', () => {
    const result = measures(year2025).k1;
    const weapons = taken({ ...scope, where: (item) => item.kind === 'weapon' });
    expect(actual(result.byContext)).toStrictEqual(
      tally(weapons, ofItem, (item) => ({ context: item.event.context })),
    );
    expect(actual(result.total)).toStrictEqual(tally(weapons, ofItem, () => ({})));
    // Guards against a fixture that proves nothing: the amendment moved a weapon.
    expect(result.byContext.find((row) => row.by.context === 'found')?.entries).toBe(1);
  });

  it('K2 keeps administrative violations out and shows every justification', () => {
    const result = measures(year2025).k2;
    const seized = taken({
      ...scope,
      where: (item) => item.kind === 'weapon' && item.event.context === 'seized',
    });
    expect(actual(result.byJustification)).toStrictEqual(
      tally(seized, ofItem, (item) => ({ legalJustification: u(item.event.justification) })),
    );
    const criminal = seized.filter(
      (item) =>
        item.event.justification !== undefined &&
        item.event.justification !== 'administrative_violation',
    );
    expect(actual(result.total)).toStrictEqual(tally(criminal, ofItem, () => ({})));
  });

  it('K3 by category and type, K4 by identifiability and marking', () => {
    const result = measures(year2025);
    const weapons = taken({ ...scope, where: (item) => item.kind === 'weapon' });
    expect(actual(result.k3.byType)).toStrictEqual(
      tally(weapons, ofItem, (item) => ({
        category: u(item.category),
        weaponType: u(item.type),
      })),
    );
    expect(actual(result.k3.byCategory)).toStrictEqual(
      tally(weapons, ofItem, (item) => ({ category: u(item.category) })),
    );
    expect(actual(result.k4.byIdentifiableAndMarking)).toStrictEqual(
      tally(weapons, ofItem, (item) => ({
        uniquelyIdentifiable: item.identifiable === true ? 'yes' : 'no',
        markingCondition: u(item.marking),
      })),
    );
  });

  it('K3 cross-walks each type to UNODC firearm types, UN Register lines and barrel length', () => {
    const result = measures(year2025).k3;
    const weapons = taken({ ...scope, where: (item) => item.kind === 'weapon' });
    const walk = <V extends string>(map: Readonly<Record<WeaponType, V>>, item: Flat) =>
      item.type === undefined ? 'unknown' : map[item.type as WeaponType];
    expect(actual(result.byUnodcType)).toStrictEqual(
      tally(weapons, ofItem, (item) => ({ unodcType: walk(unodcTypeOf, item) })),
    );
    expect(actual(result.byRegisterCategory)).toStrictEqual(
      tally(weapons, ofItem, (item) => ({ registerCategory: walk(registerCategoryOf, item) })),
    );
    expect(actual(result.byBarrel)).toStrictEqual(
      tally(weapons, ofItem, (item) => ({ barrel: walk(barrelClassOf, item) })),
    );
    // The fixture's weapons fall in more than one line of each.
    expect(new Set(result.byUnodcType.map((row) => row.by.unodcType)).size).toBeGreaterThan(2);
    expect(new Set(result.byBarrel.map((row) => row.by.barrel)).size).toBeGreaterThan(1);
  });

  it('K5-K7 count parts, ammunition and explosives by unit, never across units', () => {
    const result = measures(year2025);
    const of = (kind: string) => taken({ ...scope, where: (item) => item.kind === kind });
    expect(actual(result.k5.byPartType)).toStrictEqual(
      tally(of('part'), ofItem, (item) => ({ partType: u(item.type) })),
    );
    expect(actual(result.k6.byUnit)).toStrictEqual(tally(of('ammunition'), ofItem, () => ({})));
    expect(actual(result.k6.byClass)).toStrictEqual(
      tally(of('ammunition'), ofItem, (item) => ({ ammoClass: u(item.type) })),
    );
    expect(actual(result.k7.byType)).toStrictEqual(
      tally(of('explosive'), ofItem, (item) => ({ eoType: u(item.type) })),
    );
    // Rounds, tonnes and kg stay three figures.
    expect(result.k6.byUnit.map((row) => row.unit).sort()).toStrictEqual([
      'kg',
      'rounds',
      'tonnes',
    ]);
  });
});

describe('drafts', () => {
  it('finalOnly leaves the draft out and says so; without it the draft counts, unknowns kept', () => {
    const finals = measures(year2025);
    const all = measures({ ...year2025, finalOnly: false });
    const drafts = events.filter(
      (event) =>
        event.status === 'draft' && event.date >= year2025.from && event.date <= year2025.to,
    );
    expect(finals.draftsLeftOut).toBe(drafts.length);
    expect(finals.draftsLeftOut).toBeGreaterThan(0);
    expect(all.draftsLeftOut).toBe(0);
    const scope = { ...year2025, finalOnly: false };
    const weapons = taken({ ...scope, where: (item) => item.kind === 'weapon' });
    expect(actual(all.k3.byType)).toStrictEqual(
      tally(weapons, ofItem, (item) => ({
        category: u(item.category),
        weaponType: u(item.type),
      })),
    );
    expect(actual(all.k6.byUnit)).toStrictEqual(
      tally(taken({ ...scope, where: (item) => item.kind === 'ammunition' }), ofItem, () => ({})),
    );
    // The draft's lot with no unit is its own row, `unknown`, counted without an amount.
    expect(all.k6.byUnit.find((row) => row.unit === 'unknown')).toMatchObject({
      entries: 1,
      unknownAmount: 1,
      amount: 0,
    });
    expect(all.k2.byJustification.some((row) => row.by.legalJustification === 'unknown')).toBe(
      true,
    );
  });
});

describe('destruction measures (K8, K9, K11) by destruction date', () => {
  it('K8 counts each weapon once, by its destruction date, method and source context', () => {
    const result = measures(year2025).k8;
    const destroyed = destroyedIn(year2025.from, year2025.to, true).filter(
      (entry) => entry.item.kind === 'weapon',
    );
    const of = (entry: (typeof destroyed)[number]) => ({
      kind: entry.item.kind,
      unit: entry.item.unit,
      amount: entry.amount,
      record: entry.destruction.id,
    });
    expect(actual(result.total)).toStrictEqual(tally(destroyed, of, () => ({})));
    expect(actual(result.byMethod)).toStrictEqual(
      tally(destroyed, of, (entry) => ({ method: entry.destruction.method })),
    );
    expect(actual(result.bySourceContext)).toStrictEqual(
      tally(destroyed, of, (entry) => ({ sourceContext: entry.item.event.context })),
    );
    // Taken in 2024, destroyed in 2025: counted here. The corrected destruction's method is gone.
    const ids = destroyed.map((entry) => entry.item.id);
    expect(ids).toContain(w.w9.id);
    expect(result.byMethod.some((row) => row.by.method === 'cutting_torch')).toBe(false);
    expect(result.byMethod.some((row) => row.by.method === 'shredding')).toBe(false);
    expect(result.countsWithoutItems.map(({ drill: _, ...row }) => row)).toStrictEqual([
      {
        by: { sourceContext: 'surplus', method: 'smelting_melting' },
        kind: 'weapon',
        unit: 'pieces',
        amount: 50,
        entries: 1,
        unknownAmount: 0,
        records: 1,
      },
    ]);
  });

  it('a weapon destroyed the next year counts in that year, not in its intake year', () => {
    const next = measures(calendarYear(2026)).k8;
    expect(next.total[0]?.entries).toBe(
      destroyedIn('2026-01-01', '2026-12-31', true).filter((entry) => entry.item.kind === 'weapon')
        .length,
    );
    expect(
      listMeasureRecords(db, MeasureFilterSchema.parse(calendarYear(2026)), next.total[0]!.drill, {
        limit: 10,
        offset: 0,
      }).ids,
    ).toStrictEqual([w.w6.id]);
  });

  it('K9 counts the part of a lot destroyed, in its unit; counts without items apart', () => {
    const result = measures(year2025).k9;
    const destroyed = destroyedIn(year2025.from, year2025.to, true).filter(
      (entry) => entry.item.kind === 'ammunition',
    );
    expect(actual(result.byUnit)).toStrictEqual(
      tally(
        destroyed,
        (entry) => ({
          kind: entry.item.kind,
          unit: entry.item.unit,
          amount: entry.amount,
          record: entry.destruction.id,
        }),
        () => ({}),
      ),
    );
    expect(result.byUnit[0]?.amount).toBe(400);
    expect(result.countsWithoutItems.map((row) => [row.unit, row.amount])).toStrictEqual([
      ['tonnes', 2],
    ]);
  });

  it('K11 is the median of days from intake to destruction, per kind', () => {
    const result = measures(year2025).k11;
    const destroyed = destroyedIn(year2025.from, year2025.to, true);
    const median = (values: number[]) => {
      const ordered = [...values].sort((a, b) => a - b);
      const middle = Math.floor((ordered.length - 1) / 2);
      return ordered.length % 2 === 1
        ? ordered[middle]!
        : (ordered[middle]! + ordered[middle + 1]!) / 2;
    };
    const kinds = [...new Set(destroyed.map((entry) => entry.item.kind))].sort();
    expect(result.byKind.map(({ drill: _, ...row }) => row)).toStrictEqual(
      kinds.map((kind) => {
        const of = destroyed.filter((entry) => entry.item.kind === kind);
        return {
          kind,
          items: of.length,
          medianDays: median(
            of.map((entry) => days(entry.item.event.date, entry.destruction.date)),
          ),
        };
      }),
    );
  });
});

describe('K10 backlog at the period end', () => {
  /** The day an item stopped being held: destroyed whole or lost (UTC day). */
  function goneOn(item: Flat): string | undefined {
    const lost = losses.find((loss) => loss.items.includes(item.id));
    const lostOn = lost === undefined ? undefined : new Date(lost.at).toISOString().slice(0, 10);
    const destroyedOn = item.kind === 'weapon' ? firstDestruction(item.id)?.date : undefined;
    return [lostOn, destroyedOn].filter((day) => day !== undefined).sort()[0];
  }

  // The ends of the buckets: 2024-11-20 + 365 days, 2025-02-10 + 90 days; a destruction's day.
  it.each([
    ['2025-12-31'],
    ['2025-06-30'],
    ['2025-03-10'],
    ['2025-03-09'],
    ['2025-11-20'],
    ['2025-11-21'],
    ['2025-05-11'],
  ])('at %s: held items by kind, unit and age', (asOf) => {
    const result = measures({ from: '2025-01-01', to: asOf }).k10;
    const held = flat.filter((item) => {
      const gone = goneOn(item);
      return (
        item.event.status === 'final' &&
        item.event.date <= asOf &&
        !(gone !== undefined && gone <= asOf)
      );
    });
    expect(actual(result.byAge)).toStrictEqual(
      tally(held, ofItem, (item) => {
        const age = days(item.event.date, asOf);
        return { age: age < 90 ? 'under_90_days' : age <= 365 ? '90_to_365_days' : 'over_1_year' };
      }),
    );
    expect(actual(result.total)).toStrictEqual(tally(held, ofItem, () => ({})));
  });

  it('the weapon destroyed in 2026 is in 2025s backlog; the lot destroyed in part stays whole', async () => {
    const result = measures(year2025).k10;
    const drill = result.total.find((row) => row.kind === 'weapon')!.drill;
    const { ids } = listMeasureRecords(db, MeasureFilterSchema.parse(year2025), drill, {
      limit: 100,
      offset: 0,
    });
    expect(ids).toContain(w.w6.id);
    expect(ids).not.toContain(w.w5.id);
    expect(result.total.find((row) => row.unit === 'rounds')?.amount).toBe(500 + 200 + 1000);
  });
});

describe('collection, border and people measures (K12-K14)', () => {
  const scope = { ...year2025, finalOnly: true };

  it('K12 by campaign and disposition', () => {
    const result = measures(year2025).k12;
    const surrendered = taken({ ...scope, where: (item) => item.event.context === 'surrendered' });
    expect(actual(result.byCampaign)).toStrictEqual(
      tally(surrendered, ofItem, (item) => ({
        campaignId: item.event.campaignId ?? 'none',
        disposition: u(item.event.disposition),
      })),
    );
  });

  it('K13 seizures at border points by type, direction, conveyance and route', () => {
    const result = measures(year2025).k13;
    const border = new Set<string>([sites.border.id]);
    const atBorder = taken({
      ...scope,
      where: (item) => item.event.context !== 'surrendered' && border.has(item.event.location),
    });
    expect(actual(result.byLocationType)).toStrictEqual(
      tally(atBorder, ofItem, () => ({ locationType: 'border_crossing_road' })),
    );
    expect(actual(result.byRoute)).toStrictEqual(
      tally(atBorder, ofItem, (item) => ({
        departure: u(item.event.departure),
        destination: u(item.event.destination),
      })),
    );
    expect(actual(result.byConveyance)).toStrictEqual(
      tally(atBorder, ofItem, (item) => ({ conveyance: u(item.event.conveyance) })),
    );
  });

  it.each([[true], [false]])(
    'K14 people by sex and age band, unknown kept (finalOnly %s)',
    (finalOnly) => {
      const result = measures({ ...year2025, finalOnly }).k14;
      const people = events
        .filter(
          (event) =>
            event.date >= year2025.from &&
            event.date <= year2025.to &&
            (!finalOnly || event.status === 'final'),
        )
        .flatMap((event) =>
          event.persons.map((person) => ({
            role: event.context === 'surrendered' ? 'surrenderer' : 'person_involved',
            sex: u(person.sex),
            ageBand: u(person.ageBand),
          })),
        );
      const counted = new Map<string, number>();
      for (const person of people) {
        const key = JSON.stringify({ role: person.role, sex: person.sex });
        counted.set(key, (counted.get(key) ?? 0) + 1);
      }
      expect(sorted(result.bySex.map(({ drill: _, ...row }) => row))).toStrictEqual(
        sorted(
          [...counted].map(([key, count]) => ({
            by: JSON.parse(key) as Record<string, string>,
            count,
          })),
        ),
      );
      const total = result.bySexAndAgeBand.reduce((sum, row) => sum + row.count, 0);
      expect(total).toBe(people.length);
      expect(
        result.bySex.find((row) => row.by.role === 'person_involved' && row.by.sex === 'unknown')
          ?.count,
      ).toBe(1);
    },
  );
});

describe('site measures (K15, K16)', () => {
  it('K15 counts checks, their discrepancies and losses; a corrected check counts nothing', () => {
    const result = measures(year2025).k15;
    const valid = stockChecks.filter((check) => !stockChecks.some((o) => o.corrects === check.id));
    expect(result.stockChecks.count).toBe(valid.length);
    const lines = valid.flatMap((check) => check.discrepancies);
    expect(
      sorted(result.discrepancies.map((row) => [row.by.discrepancyKind, row.count])),
    ).toStrictEqual(
      sorted(
        [...new Set(lines)].map((kind) => [kind, lines.filter((line) => line === kind).length]),
      ),
    );
    expect(result.incidents.map((row) => [row.by.incidentKind, row.count])).toStrictEqual([
      ['theft', 1],
    ]);
    expect(actual(result.itemsDiverted)).toStrictEqual(
      tally(
        flat.filter((item) => losses.some((loss) => loss.items.includes(item.id))),
        (item) => ({
          kind: item.kind,
          unit: item.unit,
          amount: item.amount,
          record: losses[0]!.id,
        }),
        () => ({ incidentKind: 'theft' }),
      ),
    );
  });

  it('K16 share of storage sites meeting the standard at the period end, unknown kept', () => {
    const result = measures(year2025).k16;
    const storage = Object.values(sites).filter(
      (site) => site.type === 'storage_site' || site.type === 'evidence_room',
    );
    const meets = (site: (typeof storage)[number]) =>
      'standard' in site && site.standard.assessedOn <= year2025.to
        ? site.standard.meets
          ? 'yes'
          : 'no'
        : 'unknown';
    const counts = new Map<string, number>();
    for (const site of storage) counts.set(meets(site), (counts.get(meets(site)) ?? 0) + 1);
    expect(sorted(result.bySite.map((row) => [row.by.meetsStandard, row.count]))).toStrictEqual(
      sorted([...counts]),
    );
    expect(result.share).toMatchObject({
      part: counts.get('yes'),
      whole: storage.length,
      proportion: (counts.get('yes') ?? 0) / storage.length,
    });
  });
});

describe('SDG 16.4.2', () => {
  it('the proportion with origin established, by context, outcome and how, and uniquely identifiable only', () => {
    const result = measures(year2025).sdg16_4_2;
    const weapons = taken({ ...year2025, finalOnly: true, where: inSdg });
    const established = weapons.filter((item) => item.outcome === 'established');
    expect(result.total).toMatchObject({
      part: established.length,
      whole: weapons.length,
      proportion: established.length / weapons.length,
    });
    for (const { context, value } of result.byContext) {
      const whole = weapons.filter((item) => item.event.context === context);
      expect(value, context).toMatchObject({
        whole: whole.length,
        part: whole.filter((item) => item.outcome === 'established').length,
      });
    }
    const outcomes = new Map<string, number>();
    for (const item of weapons) outcomes.set(item.outcome!, (outcomes.get(item.outcome!) ?? 0) + 1);
    expect(sorted(result.byTraceOutcome.map((row) => [row.by.outcome, row.count]))).toStrictEqual(
      sorted([...outcomes]),
    );
    expect(sorted(result.byEstablishedHow.map((row) => [row.by.how, row.count]))).toStrictEqual(
      sorted([
        ['trace', established.filter((item) => item.how === 'trace').length],
        ['other_means', established.filter((item) => item.how === 'other_means').length],
      ]),
    );
    const unique = weapons.filter((item) => item.identifiable === true);
    expect(result.uniquelyIdentifiable).toMatchObject({
      whole: unique.length,
      part: unique.filter((item) => item.outcome === 'established').length,
    });
    // The seizure for an administrative violation is not in the denominator.
    const { ids } = listMeasureRecords(
      db,
      MeasureFilterSchema.parse(year2025),
      result.total.wholeDrill,
      {
        limit: 100,
        offset: 0,
      },
    );
    expect(ids).not.toContain(w.w3.id);
    expect(ids.sort()).toStrictEqual(weapons.map((item) => item.id).sort());
  });
});

describe('filters', () => {
  const weaponsWhere = (where: (item: Flat) => boolean, scope = year2025) =>
    taken({ ...scope, finalOnly: true, where: (item) => item.kind === 'weapon' && where(item) });

  it.each<[string, Partial<MeasureFilterInput>, (item: Flat) => boolean]>([
    [
      'jurisdiction',
      { jurisdiction: 'ME' },
      (item) => item.event.location === sites.collectionMe.id,
    ],
    ['campaign', { campaignId }, (item) => item.event.campaignId === campaignId],
    // Typed with a trailing space on the record; found ignoring case and spaces.
    ['agency', { agency: 'border police' }, (item) => item.event.agency.trim() === 'Border Police'],
    [
      'location type',
      { locationType: 'inland_police_station' },
      (item) => item.event.location === sites.station.id,
    ],
    ['context', { context: 'found' }, (item) => item.event.context === 'found'],
  ])('%s narrows the figures to the matching records', (_, extra, where) => {
    const result = measures({ ...year2025, ...extra }).k1;
    const expected = weaponsWhere(where);
    expect(expected.length).toBeGreaterThan(0);
    expect(actual(result.byContext)).toStrictEqual(
      tally(expected, ofItem, (item) => ({ context: item.event.context })),
    );
  });

  it('the half-year preset is a period like any other', () => {
    const first = halfYear(2025, 1);
    const result = measures(first).k1;
    const expected = weaponsWhere(() => true, first);
    expect(result.total[0]?.entries).toBe(expected.length);
    expect(expected.length).toBeLessThan(weaponsWhere(() => true).length);
  });

  it('site measures take the site jurisdiction; a campaign filter leaves them empty', () => {
    expect(
      measures({ ...year2025, jurisdiction: 'ME' }).k16.bySite.map((row) => [
        row.by.meetsStandard,
        row.count,
      ]),
    ).toStrictEqual([['unknown', 1]]);
    expect(measures({ ...year2025, campaignId }).k15.stockChecks.count).toBe(0);
  });

  it('a period that ends before it starts is refused', () => {
    expect(MeasureFilterSchema.safeParse({ from: '2025-02-01', to: '2025-01-01' }).success).toBe(
      false,
    );
  });
});

describe('drill-down', () => {
  it('every item figure of K1 opens exactly the items it counts', () => {
    const filter = MeasureFilterSchema.parse(year2025);
    for (const row of measures(year2025).k1.byContext) {
      const { entity, ids, total } = listMeasureRecords(db, filter, row.drill, {
        limit: 100,
        offset: 0,
      });
      expect(entity).toBe('item');
      expect(total).toBe(row.entries);
      expect(ids.sort()).toStrictEqual(
        weaponsOf(row.by.context)
          .map((item) => item.id)
          .sort(),
      );
    }
    function weaponsOf(context: string) {
      return taken({
        ...year2025,
        finalOnly: true,
        where: (item) => item.kind === 'weapon' && item.event.context === context,
      });
    }
  });

  it('K8 by method opens the destroyed weapon; K14 opens intake records', () => {
    const filter = MeasureFilterSchema.parse(year2025);
    const result = measures(year2025);
    const crushing = result.k8.byMethod.find((row) => row.by.method === 'crushing')!;
    expect(
      listMeasureRecords(db, filter, crushing.drill, { limit: 10, offset: 0 }).ids,
    ).toStrictEqual([w.w5.id]);
    const unknownSex = result.k14.bySex.find(
      (row) => row.by.sex === 'unknown' && row.by.role === 'surrenderer',
    )!;
    const opened = listMeasureRecords(db, filter, unknownSex.drill, { limit: 10, offset: 0 });
    expect(opened.entity).toBe('intake_event');
    expect(opened.ids).toStrictEqual([events[4]!.id]);
  });

  it('a slice naming a dimension the measure lacks is refused with a typed error', () => {
    expect(() =>
      listMeasureRecords(
        db,
        MeasureFilterSchema.parse(year2025),
        { source: 'k1', slice: { nope: 'x' } },
        { limit: 1, offset: 0 },
      ),
    ).toThrow(UnknownDimensionError);
  });
});

describe('speed', () => {
  it.each([
    ['k1', ['context']],
    ['k2', ['legalJustification']],
    ['k3', ['category', 'weaponType']],
    ['k4', ['uniquelyIdentifiable', 'markingCondition']],
    ['k6', ['ammoClass']],
    ['k10', ['age']],
  ] as const)(
    "%s reads a period's items off items_for_measures alone, no row or record per item",
    (name, dims) => {
      const plan = quantityFigurePlan(db, MeasureFilterSchema.parse(year2025), name, dims);
      expect(plan[0]).toMatch(/^SEARCH i USING COVERING INDEX items_for_measures \(occurred_on/);
      expect(plan.filter((step) => /^(SEARCH|SCAN) /.test(step))).toHaveLength(1);
    },
  );
});

describe('facts follow their record', () => {
  it('a deleted draft takes its people with it; a record saved again replaces them', () => {
    const count = (id: string) =>
      db.prepare('SELECT count(*) FROM intake_persons WHERE intake_event_id = ?').pluck().get(id);
    const draft = events.find((event) => event.status === 'draft')!;
    expect(count(draft.id)).toBe(draft.persons.length);
    const row = readIntake(db, draft.id)!;
    db.transaction(() => {
      writeIntake(db, { ...row, event: row.event, revision: row.revision + 1 });
    })();
    expect(count(draft.id)).toBe(draft.persons.length);
    db.transaction(() => deleteIntakeDraft(db, draft.id))();
    expect(count(draft.id)).toBe(0);
    // Put back as it was, for the tests after this one.
    db.transaction(() => writeIntake(db, row))();
    expect(count(draft.id)).toBe(draft.persons.length);
  });
});

describe('over IPC', () => {
  it('getMeasures answers the same figures, checked against the contract', async () => {
    const viaIpc = await app.ok('getMeasures', year2025);
    expect(viaIpc).toStrictEqual(measures(year2025));
    const records = await app.ok('listMeasureRecords', {
      filter: year2025,
      drill: viaIpc.k1.total[0]!.drill,
    });
    expect(records.total).toBe(viaIpc.k1.total[0]!.entries);
    const failure = await app.fail('listMeasureRecords', {
      filter: year2025,
      drill: { source: 'k1', slice: { nope: 'x' } },
    });
    expect(failure.code).toBe('VALIDATION_ERROR');
  });

  it('is refused while the app is locked', async () => {
    await app.ok('lock');
    expect((await app.fail('getMeasures', year2025)).code).toBe('LOCKED');
  });
});
