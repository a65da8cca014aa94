import { randomUUID } from 'node:crypto';
import type { Db } from '../../../../electron/store/encrypted-database.ts';
import { writeCampaign } from '../../../../electron/store/campaigns-repository.ts';
import {
  insertCustodyRecord,
  refreshItemCustody,
} from '../../../../electron/store/custody-repository.ts';
import {
  writeIntake,
  type StoredIntakeEvent,
} from '../../../../electron/store/intake-repository.ts';
import { writeLocation } from '../../../../electron/store/locations-repository.ts';
import { writeTraceRequest } from '../../../../electron/store/trace-requests-repository.ts';
import { CampaignSchema } from '../../../../shared/domain/campaign.ts';
import type { CustodyEntity } from '../../../../shared/custody/item-custody.ts';
import { LocationSchema } from '../../../../shared/domain/location.ts';
import { TraceRequestSchema } from '../../../../shared/domain/trace-request.ts';

/**
 * A small store whose every figure the measures test works out by hand from the rows below: the
 * specs are the truth, written into a real encrypted store through the repositories, and the
 * test's expectations are computed from these specs, never from the store.
 */

export type Kind = 'weapon' | 'part' | 'ammunition' | 'explosive';

export interface ItemSpec {
  readonly id: string;
  readonly kind: Kind;
  readonly type?: string;
  readonly category?: string;
  /** Weapons and parts are pieces; lots their own unit (absent on a draft: unknown). */
  readonly unit?: string;
  readonly amount?: number;
  /** Weapons: serial read and manufacturer known. */
  readonly identifiable?: boolean;
  readonly marking?: string;
  readonly trace?: string;
  /** What the test expects of its SDG 16.4.2 trace outcome and how its origin was established. */
  readonly outcome?: 'established' | 'pending' | 'insufficient_information' | 'never_attempted';
  readonly how?: 'trace' | 'other_means';
}

export interface PersonSpec {
  readonly sex?: string;
  readonly ageBand?: string;
}

export interface EventSpec {
  readonly id: string;
  readonly status: 'draft' | 'final';
  readonly context: 'seized' | 'found' | 'surrendered';
  readonly date: string;
  readonly location: string;
  readonly campaignId?: string;
  readonly agency: string;
  readonly justification?: string;
  readonly disposition?: string;
  readonly direction?: string;
  readonly conveyance?: string;
  readonly departure?: string;
  readonly destination?: string;
  /** A surrender's surrenderer (one), or the persons involved in a seizure or find. */
  readonly persons: readonly PersonSpec[];
  readonly items: readonly ItemSpec[];
}

export interface SiteSpec {
  readonly id: string;
  readonly type: string;
  readonly jurisdiction: string;
  readonly standard?: { meets: boolean; assessedOn: string };
}

export interface DestructionSpec {
  readonly id: string;
  readonly date: string;
  readonly method: string;
  readonly items: ReadonlyArray<{ id: string; amount?: number }>;
  readonly counts?: ReadonlyArray<{
    sourceContext: string;
    kind: string;
    unit: string;
    amount: number;
  }>;
  readonly corrects?: string;
}

export interface StockCheckSpec {
  readonly id: string;
  readonly at: string;
  readonly site: string;
  readonly discrepancies: readonly string[];
  readonly corrects?: string;
}

export interface LossSpec {
  readonly id: string;
  readonly at: string;
  readonly site: string;
  readonly kind: 'loss' | 'theft';
  readonly items: readonly string[];
}

const id = () => randomUUID();

export const sites = {
  border: { id: id(), type: 'border_crossing_road', jurisdiction: 'RS' },
  station: { id: id(), type: 'inland_police_station', jurisdiction: 'RS' },
  collectionMe: { id: id(), type: 'collection_point_fixed', jurisdiction: 'ME' },
  storeMeets: {
    id: id(),
    type: 'storage_site',
    jurisdiction: 'RS',
    standard: { meets: true, assessedOn: '2025-03-01' },
  },
  storeFails: {
    id: id(),
    type: 'storage_site',
    jurisdiction: 'RS',
    standard: { meets: false, assessedOn: '2024-05-01' },
  },
  roomUnassessed: { id: id(), type: 'evidence_room', jurisdiction: 'ME' },
  storeAssessedLater: {
    id: id(),
    type: 'storage_site',
    jurisdiction: 'RS',
    standard: { meets: true, assessedOn: '2026-02-01' },
  },
  destruction: { id: id(), type: 'destruction_site', jurisdiction: 'RS' },
} as const satisfies Record<string, SiteSpec>;

export const campaignId = id();

const weapon = (spec: Omit<ItemSpec, 'id' | 'kind' | 'unit' | 'amount'>): ItemSpec => ({
  id: id(),
  kind: 'weapon',
  unit: 'pieces',
  amount: 1,
  marking: 'intact',
  outcome: 'never_attempted',
  ...spec,
});

export const w = {
  w1: weapon({
    type: 'assault_rifle',
    category: 'small_arm',
    identifiable: true,
    outcome: 'pending',
  }),
  w2: weapon({
    type: 'self_loading_pistol',
    category: 'small_arm',
    identifiable: false,
    marking: 'unmarked',
    trace: 'origin_established_other',
    outcome: 'established',
    how: 'other_means',
  }),
  w3: weapon({ type: 'shotgun', category: 'small_arm', identifiable: true }),
  w4: weapon({
    type: 'revolver',
    category: 'small_arm',
    identifiable: true,
    outcome: 'established',
    how: 'trace',
  }),
  w5: weapon({
    type: 'rifle_carbine',
    category: 'small_arm',
    identifiable: true,
    trace: 'national_check_done',
    outcome: 'insufficient_information',
  }),
  w6: weapon({ type: 'rifle_carbine', category: 'small_arm', identifiable: true }),
  w7: weapon({
    type: 'grenade_launcher',
    category: 'light_weapon',
    identifiable: false,
    marking: 'altered_obliterated',
  }),
  /** On a draft: no type, no category, nothing known. */
  w8: { id: id(), kind: 'weapon', unit: 'pieces', amount: 1, outcome: 'never_attempted' },
  w9: weapon({ type: 'assault_rifle', category: 'small_arm', identifiable: true }),
  w10: weapon({ type: 'assault_rifle', category: 'small_arm', identifiable: true }),
  /** Written as a found revolver, amended into a seized shotgun. */
  w11: weapon({ type: 'shotgun', category: 'small_arm', identifiable: true }),
  w12: weapon({ type: 'revolver', category: 'small_arm', identifiable: true }),
  /** Handed in at a border crossing: a surrender, not a border seizure (K13). */
  w13: weapon({
    type: 'revolver',
    category: 'small_arm',
    identifiable: false,
    marking: 'partially_legible',
  }),
} satisfies Record<string, ItemSpec>;

const lot = (kind: Kind, type: string, unit: string | undefined, amount: number | undefined) =>
  ({
    id: id(),
    kind,
    type,
    ...(unit === undefined ? {} : { unit }),
    ...(amount === undefined ? {} : { amount }),
  }) satisfies ItemSpec;

export const lots = {
  a1: lot('ammunition', 'small_arms_cartridge', 'rounds', 500),
  a2: lot('ammunition', 'mortar_bomb', 'tonnes', 0.5),
  a3: lot('ammunition', 'small_arms_cartridge', 'kg', 12),
  a4: lot('ammunition', 'shotgun_shell', 'rounds', 200),
  /** On a draft: unit and amount not yet known. */
  a5: lot('ammunition', 'small_arms_cartridge', undefined, undefined),
  a6: lot('ammunition', 'small_arms_cartridge', 'rounds', 1000),
  x1: lot('explosive', 'hand_grenade', 'pieces', 3),
  x2: lot('explosive', 'bulk_explosive_military', 'kg', 20),
  p1: lot('part', 'barrel', 'pieces', 2),
  p2: lot('part', 'magazine', 'pieces', 5),
};

const E = (spec: Omit<EventSpec, 'id'>): EventSpec => ({ id: id(), ...spec });

/** The amended record as first written (found, a revolver) before its amendment. */
export const e8Before = { context: 'found' as const, type: 'revolver' };

export const events: readonly EventSpec[] = [
  E({
    status: 'final',
    context: 'seized',
    date: '2025-02-10',
    location: sites.border.id,
    agency: 'Border Police ',
    justification: 'illicit_trafficking',
    direction: 'entry',
    conveyance: 'truck',
    departure: 'BG',
    destination: 'HR',
    persons: [{ sex: 'male', ageBand: '25_34' }, { sex: 'female' }, {}],
    items: [w.w1, w.w2, lots.a1, lots.a2, lots.a3, lots.x1, lots.x2],
  }),
  E({
    status: 'final',
    context: 'seized',
    date: '2025-03-05',
    location: sites.station.id,
    agency: 'PU Čačak',
    justification: 'administrative_violation',
    direction: 'inland',
    persons: [],
    items: [w.w3],
  }),
  E({
    status: 'final',
    context: 'found',
    date: '2025-04-01',
    location: sites.station.id,
    agency: 'PU Čačak',
    persons: [],
    items: [w.w4, lots.p1, lots.p2],
  }),
  E({
    status: 'final',
    context: 'surrendered',
    date: '2025-05-01',
    location: sites.collectionMe.id,
    campaignId,
    agency: 'UP Podgorica',
    disposition: 'surrender_for_destruction',
    persons: [{ sex: 'female', ageBand: '50_64' }],
    items: [w.w5, w.w6, lots.a4],
  }),
  E({
    status: 'final',
    context: 'surrendered',
    date: '2025-06-15',
    location: sites.station.id,
    agency: 'PU Čačak',
    disposition: 'legalization_registration',
    persons: [{}],
    items: [w.w7],
  }),
  E({
    status: 'draft',
    context: 'seized',
    date: '2025-07-01',
    location: sites.border.id,
    agency: 'Border Police',
    persons: [{ sex: 'male' }],
    items: [w.w8, lots.a5],
  }),
  E({
    status: 'final',
    context: 'seized',
    date: '2024-11-20',
    location: sites.station.id,
    agency: 'PU Čačak',
    justification: 'illicit_possession',
    persons: [],
    items: [w.w9, w.w10, lots.a6],
  }),
  E({
    status: 'final',
    context: 'seized',
    date: '2025-08-01',
    location: sites.station.id,
    agency: 'PU Čačak',
    justification: 'illicit_possession',
    persons: [],
    items: [w.w11],
  }),
  E({
    status: 'final',
    context: 'surrendered',
    date: '2023-06-01',
    location: sites.station.id,
    agency: 'PU Čačak',
    disposition: 'surrender_for_destruction',
    persons: [{ sex: 'male', ageBand: '65_plus' }],
    items: [w.w12],
  }),
  E({
    status: 'final',
    context: 'surrendered',
    date: '2025-09-10',
    location: sites.border.id,
    agency: 'Border Police',
    disposition: 'surrender_for_destruction',
    persons: [{ sex: 'male', ageBand: '18_24' }],
    items: [w.w13],
  }),
];

export const amendedEvent = events[7]!;

const D = (spec: Omit<DestructionSpec, 'id'>): DestructionSpec => ({ id: id(), ...spec });
const dx2 = D({ date: '2025-09-01', method: 'cutting_torch', items: [{ id: w.w5.id }] });
const dx5 = D({ date: '2025-10-01', method: 'cutting_mechanical', items: [{ id: w.w1.id }] });

export const destructions: readonly DestructionSpec[] = [
  D({
    date: '2025-03-10',
    method: 'smelting_melting',
    items: [{ id: w.w9.id }, { id: w.w3.id }, { id: lots.a6.id, amount: 400 }],
    counts: [
      { sourceContext: 'surplus', kind: 'weapons', unit: 'pieces', amount: 50 },
      { sourceContext: 'surplus', kind: 'ammunition', unit: 'tonnes', amount: 2 },
    ],
  }),
  dx2,
  // The correction of dx2: destroyed a day later, by crushing. Only this one counts.
  D({ date: '2025-09-02', method: 'crushing', items: [{ id: w.w5.id }], corrects: dx2.id }),
  // Taken in 2025, destroyed in 2026: in 2025's backlog, in 2026's destructions.
  D({ date: '2026-01-15', method: 'crushing', items: [{ id: w.w6.id }] }),
  dx5,
  // The same weapon destroyed again (a custody conflict): it is destroyed once.
  D({ date: '2025-11-01', method: 'shredding', items: [{ id: w.w1.id }] }),
];

const S = (spec: Omit<StockCheckSpec, 'id'>): StockCheckSpec => ({ id: id(), ...spec });
const sc4 = S({
  at: '2025-07-01T09:00:00Z',
  site: sites.storeMeets.id,
  discrepancies: ['count_differs'],
});
export const stockChecks: readonly StockCheckSpec[] = [
  S({
    at: '2025-05-20T09:00:00Z',
    site: sites.storeMeets.id,
    discrepancies: ['missing', 'not_on_record'],
  }),
  S({ at: '2025-06-20T09:00:00Z', site: sites.roomUnassessed.id, discrepancies: [] }),
  sc4,
  // Corrects sc4: the count was right after all.
  S({ at: '2025-07-02T09:00:00Z', site: sites.storeMeets.id, discrepancies: [], corrects: sc4.id }),
];

export const losses: readonly LossSpec[] = [
  {
    id: id(),
    at: '2025-07-01T10:00:00+02:00',
    site: sites.storeMeets.id,
    kind: 'theft',
    items: [w.w7.id],
  },
];

function itemRefKind(kind: Kind): string {
  return {
    weapon: 'weapon',
    part: 'part',
    ammunition: 'ammunition_lot',
    explosive: 'explosive_item',
  }[kind];
}

const allItems = new Map(events.flatMap((event) => event.items.map((item) => [item.id, item])));

function intakeJson(event: EventSpec, revision: number): StoredIntakeEvent {
  const of = (kind: Kind) => event.items.filter((item) => item.kind === kind);
  const quantity = (kind: string, item: ItemSpec) =>
    item.unit === undefined ? {} : { quantity: { kind, unit: item.unit, amount: item.amount } };
  const surrender = event.context === 'surrendered';
  const [surrenderer] = event.persons;
  return {
    id: event.id,
    status: event.status,
    revision,
    context: event.context,
    occurredAt: event.date,
    locationId: event.location,
    recordingAgency: event.agency,
    recordingOfficer: 'Ana Petrović',
    ...(event.campaignId === undefined ? {} : { campaignId: event.campaignId }),
    ...(surrender
      ? {
          collection: {
            collectionMethod: 'walk_in_station',
            surrenderingPartyType: 'individual',
            anonymous: false,
            campaignBased: event.campaignId !== undefined,
            dispositionRequested: event.disposition,
            ...(surrenderer?.sex === undefined ? {} : { surrendererSex: surrenderer.sex }),
            ...(surrenderer?.ageBand === undefined
              ? {}
              : { surrendererAgeBand: surrenderer.ageBand }),
          },
        }
      : {
          seizure: {
            seizingAgencyType: 'police',
            ...(event.justification === undefined
              ? {}
              : { legalJustification: event.justification }),
            ...(event.direction === undefined ? {} : { direction: event.direction }),
            ...(event.conveyance === undefined ? {} : { conveyance: event.conveyance }),
            ...(event.departure === undefined ? {} : { routeDepartureCountry: event.departure }),
            ...(event.destination === undefined
              ? {}
              : { routeDestinationCountry: event.destination }),
            personsInvolved: event.persons,
          },
        }),
    weapons: of('weapon').map((item) => ({
      id: item.id,
      ...(item.category === undefined ? {} : { category: item.category }),
      ...(item.type === undefined ? {} : { weaponType: item.type }),
      manufacturer: item.identifiable === true ? 'Zastava' : 'unknown',
      model: 'M70',
      calibre: '7.62x39mm',
      ...(item.identifiable === true
        ? { serialNumber: `SN-${item.id.slice(0, 8)}`, serialStatus: 'present' }
        : { serialStatus: 'not_present' }),
      ...(item.marking === undefined ? {} : { markingCondition: item.marking }),
      ...(item.trace === undefined ? {} : { traceStatus: item.trace }),
      markings: [],
      photos: [],
    })),
    parts: of('part').map((item) => ({
      id: item.id,
      partType: item.type,
      ...quantity('parts', item),
    })),
    ammunition: of('ammunition').map((item) => ({
      id: item.id,
      ammoClass: item.type,
      calibre: '7.62x39mm',
      ...quantity('ammunition', item),
      photos: [],
    })),
    explosives: of('explosive').map((item) => ({
      id: item.id,
      eoType: item.type,
      safetyStatus: 'safe_to_store',
      ...quantity('explosives', item),
      photos: [],
    })),
    photos: [],
  } as unknown as StoredIntakeEvent;
}

/** Writes the whole fixture through the store's repositories, in one transaction. */
export function writeFixture(db: Db, userId: string): void {
  const at = '2026-01-20T10:00:00.000Z';
  db.transaction(() => {
    for (const [name, site] of Object.entries(sites) as Array<[string, SiteSpec]>) {
      writeLocation(
        db,
        LocationSchema.parse({
          id: site.id,
          locationType: site.type,
          name,
          jurisdiction: site.jurisdiction,
          ...(site.standard === undefined
            ? {}
            : { minimumStandard: { ...site.standard, assessedBy: 'SEESAC' } }),
        }),
        at,
        userId,
        1,
      );
    }
    writeCampaign(
      db,
      CampaignSchema.parse({
        id: campaignId,
        name: 'Manje oružja 2025',
        jurisdiction: 'ME',
        campaignType: 'voluntary_surrender_amnesty',
        startDate: '2025-01-01',
        leadAgency: 'MUP',
        status: 'active',
      }),
      at,
      userId,
      1,
    );
    const meta = (status: 'draft' | 'final') => ({
      status,
      createdAt: at,
      createdBy: userId,
      updatedAt: at,
      updatedBy: userId,
      finalisedAt: status === 'final' ? at : null,
      finalisedBy: status === 'final' ? userId : null,
    });
    for (const event of events) {
      if (event === amendedEvent) {
        // First as found, a revolver; then amended (revision 2) into what the spec says.
        const before: EventSpec = {
          ...event,
          context: e8Before.context,
          justification: undefined,
          items: event.items.map((item) => ({ ...item, type: e8Before.type })),
        };
        writeIntake(db, { event: intakeJson(before, 1), revision: 1, ...meta('final') });
        writeIntake(db, { event: intakeJson(event, 2), revision: 2, ...meta('final') });
        continue;
      }
      writeIntake(db, { event: intakeJson(event, 1), revision: 1, ...meta(event.status) });
    }
    const custody = (entity: CustodyEntity, data: Record<string, unknown>, items: string[]) => {
      insertCustodyRecord(db, entity, data, { createdAt: at, createdBy: userId });
      refreshItemCustody(db, items);
    };
    for (const destruction of destructions) {
      custody(
        'destruction_event',
        {
          id: destruction.id,
          destructionDate: destruction.date,
          siteLocationId: sites.destruction.id,
          organisingAuthority: 'MUP',
          method: destruction.method,
          items: destruction.items.map((ref) => {
            const item = allItems.get(ref.id)!;
            return {
              kind: itemRefKind(item.kind),
              id: ref.id,
              ...(ref.amount === undefined
                ? {}
                : { quantity: { kind: 'ammunition', unit: item.unit, amount: ref.amount } }),
            };
          }),
          aggregateCounts: (destruction.counts ?? []).map((count) => ({
            sourceContext: count.sourceContext,
            quantity: { kind: count.kind, unit: count.unit, amount: count.amount },
          })),
          certificateNumber: `C-${destruction.id.slice(0, 4)}`,
          ...(destruction.corrects === undefined
            ? {}
            : { correction: { correctsId: destruction.corrects, reason: 'Wrong date.' } }),
        },
        destruction.items.map((ref) => ref.id),
      );
    }
    for (const check of stockChecks) {
      custody(
        'stock_check',
        {
          id: check.id,
          siteLocationId: check.site,
          checkedAt: check.at,
          countedBy: 'Milan Kostić',
          found: [],
          unlistedFinds: [],
          expected: [],
          discrepancies: check.discrepancies.map((kind) => ({ kind })),
          ...(check.corrects === undefined
            ? {}
            : { correction: { correctsId: check.corrects, reason: 'Recounted.' } }),
        },
        [],
      );
    }
    for (const loss of losses) {
      custody(
        'loss_incident',
        {
          id: loss.id,
          incidentKind: loss.kind,
          occurredAt: loss.at,
          siteLocationId: loss.site,
          circumstances: 'Break-in.',
          items: loss.items.map((itemId) => ({ kind: 'weapon', id: itemId })),
        },
        [...loss.items],
      );
    }
    const traced = (
      item: ItemSpec,
      steps: Array<{ status: string; on: string }>,
      found: boolean,
    ) => {
      const event = events.find((candidate) => candidate.items.includes(item))!;
      writeTraceRequest(
        db,
        TraceRequestSchema.parse({
          id: id(),
          itemId: item.id,
          intakeEventId: event.id,
          weapon: {
            id: item.id,
            serialNumber: `SN-${item.id.slice(0, 8)}`,
            markings: [],
            photos: [],
          },
          requestingAgency: 'Border Police',
          addresseeBasis: 'country_of_manufacture',
          addresseeCountry: 'RS',
          channel: 'iarms',
          illicitNature: 'Smuggled across the green border.',
          intendedUse: 'Investigation.',
          steps,
          ...(found
            ? {
                answer: {
                  summary: 'Diverted from a police armoury.',
                  pointOfDiversionEstablished: true,
                },
              }
            : {}),
        }),
        at,
        userId,
        1,
      );
    };
    traced(
      w.w4,
      [
        { status: 'sent', on: '2025-04-05' },
        { status: 'answered', on: '2025-06-01' },
      ],
      true,
    );
    traced(w.w1, [{ status: 'sent', on: '2025-02-20' }], false);
  })();
}
