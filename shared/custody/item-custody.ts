import type { CustodyDecisionKind, CustodyPurpose, LifecycleStatus } from '../domain/enums.ts';
import type { ItemRef } from '../domain/item-ref.ts';
import type { QuantityKind } from '../domain/quantity.ts';
import type { ItemKind } from '../records/intake-items.ts';

/**
 * An item's lifecycle status, where it is and what contradicts its history, DERIVED from its
 * intake and its custody records (issue 14, ARCHITECTURE.md "Records and items"): never typed.
 * The same function runs on every laptop and on the server over the same records in the same
 * order (by the moment each record says it happened, then by record id), so all of them agree on
 * every item without trusting any clock's arrival order.
 *
 * A contradiction (an item moved after it was destroyed, or from a place it had already left) is
 * not dropped or reordered: the record still applies, and the item carries a custody conflict
 * naming it, until a person settles it with a correcting record.
 */

/** The item as its intake left it. */
export interface CustodyStart {
  /** A weapon is 1 piece; a lot or batch its own amount (null when not counted yet: one whole). */
  readonly amount: number | null;
  /** Where it was taken in (null: no place recorded). */
  readonly locationId: string | null;
  /** As written at intake; 'in_custody' unless the intake said otherwise. */
  readonly status: LifecycleStatus;
  /** The intake's date. */
  readonly since: string | null;
}

export type CustodyEffect =
  | {
      readonly type: 'transfer';
      /** The site it leaves (null: a person holding it away from any recorded site). */
      readonly fromLocationId: string | null;
      readonly toLocationId: string | null;
      /** "Name, unit" of who receives it. */
      readonly toHolder: string;
      readonly purpose: CustodyPurpose;
      /** How much of the item moves (null: all of it that is at the origin). */
      readonly amount: number | null;
    }
  | { readonly type: 'decision'; readonly decision: CustodyDecisionKind }
  | {
      readonly type: 'destruction';
      readonly siteLocationId: string;
      /** How much of it was destroyed (null: all of it that is at the site). */
      readonly amount: number | null;
    }
  | {
      readonly type: 'loss';
      /** The site it went missing from (null: from a person away from any site). */
      readonly fromLocationId: string | null;
      readonly amount: number | null;
      readonly incidentKind: 'loss' | 'theft';
    }
  | {
      /** Counted at a site: moves and decides nothing; its findings are in the timeline. */
      readonly type: 'stock_check';
      readonly siteLocationId: string;
      readonly expectedAmount: number;
      readonly foundAmount: number;
    };

/** One custody record's effect on one item. */
export interface CustodyEvent {
  readonly recordId: string;
  /** When the record says it happened (an ISO timestamp). */
  readonly at: string;
  readonly effect: CustodyEffect;
}

export const custodyConflictReasons = [
  /** Moved or decided about after it was destroyed. */
  'already_destroyed',
  /** Moved or decided about after it was recorded lost or stolen. */
  'lost_or_stolen',
  /** Moved or decided about after it was returned to its owner. */
  'already_returned',
  /** Moved from a place where it was not (it had already left, or never came there). */
  'not_at_origin',
  /** A part of a lot moved from a place holding less of it than the record says. */
  'not_enough_at_origin',
] as const;
export type CustodyConflictReason = (typeof custodyConflictReasons)[number];

export interface CustodyConflict {
  readonly recordId: string;
  readonly reason: CustodyConflictReason;
}

/** How much of the item is at one place. */
export interface Holding {
  readonly locationId: string | null;
  /** Who holds it there, as the last record that brought it said ("Name, unit"); null at intake. */
  readonly holder: string | null;
  readonly amount: number;
}

export interface ItemCustodyState {
  readonly status: LifecycleStatus;
  /** The date (YYYY-MM-DD) the status took its present value: ageing counts from here. */
  readonly statusSince: string | null;
  /** Where it is: its only place, or where the last movement took it when a lot is split. */
  readonly locationId: string | null;
  readonly holdings: readonly Holding[];
  readonly conflicts: readonly CustodyConflict[];
}

/** How a custody record names an item of each kind (ItemRefSchema). */
export const itemRefKindOf = {
  weapon: 'weapon',
  part: 'part',
  ammunition: 'ammunition_lot',
  explosive: 'explosive_item',
} as const satisfies Record<ItemKind, ItemRef['kind']>;

/** The quantity kind a part of a lot moves in, by how the record names the item. */
export const lotQuantityKindOf = {
  part: 'parts',
  ammunition_lot: 'ammunition',
  explosive_item: 'explosives',
} as const satisfies Partial<Record<ItemRef['kind'], QuantityKind>>;

/** The order every side applies records in: the moment they name, then their id. */
export function compareCustodyEvents(a: CustodyEvent, b: CustodyEvent): number {
  // Stored moments are UTC instants of one form (custodyMomentOf), which compare as text; any
  // other form is compared as the instant it names.
  const sameForm = a.at.length === b.at.length && a.at.endsWith('Z') && b.at.endsWith('Z');
  const [x, y] = sameForm ? [a.at, b.at] : [Date.parse(a.at), Date.parse(b.at)];
  if (x !== y) return x < y ? -1 : 1;
  return a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0;
}

/** Where a movement for this purpose leaves the item, before any decision about it counts. */
function placedStatusOf(purpose: CustodyPurpose): LifecycleStatus {
  switch (purpose) {
    case 'to_storage':
    case 'to_evidence_room':
      return 'in_storage';
    case 'to_destruction_site':
      return 'awaiting_destruction';
    case 'return_to_owner':
      return 'returned_legalized';
    case 'to_forensics_ballistics':
    case 'to_court':
    case 'inter_agency':
      return 'transferred';
  }
}

/** States after which nothing may happen to the item, and the conflict doing so raises. */
const finalStates: Partial<Record<LifecycleStatus, CustodyConflictReason>> = {
  destroyed: 'already_destroyed',
  lost_stolen: 'lost_or_stolen',
  returned_legalized: 'already_returned',
};

/** Quantities move in tenths of a gram at worst; this keeps sums of decimals exact enough. */
function round(amount: number): number {
  return Math.round(amount * 1e6) / 1e6;
}

/**
 * Takes `amount` of the item (null: all of it at the origin) out of its holdings: from the
 * origin first, then, for a record that contradicts where it is, from wherever it is, so every
 * side ends in the same state. Says what fell short at the origin.
 */
function takeFrom(
  holdings: readonly Holding[],
  from: string | null,
  amount: number | null,
  whole: number,
): {
  holdings: Holding[];
  moved: number;
  shortfall: 'not_at_origin' | 'not_enough_at_origin' | null;
} {
  const atOrigin = round(
    holdings
      .filter((holding) => holding.locationId === from)
      .reduce((sum, holding) => sum + holding.amount, 0),
  );
  const wanted = amount ?? (atOrigin > 0 ? atOrigin : whole);
  let remaining = wanted;
  let next = [...holdings];
  for (const match of [(holding: Holding) => holding.locationId === from, () => true]) {
    next = next.map((holding) => {
      if (remaining <= 0 || !match(holding)) return holding;
      const taken = Math.min(holding.amount, remaining);
      remaining = round(remaining - taken);
      return { ...holding, amount: round(holding.amount - taken) };
    });
  }
  return {
    holdings: next.filter((holding) => holding.amount > 0),
    moved: round(wanted - remaining),
    shortfall: atOrigin <= 0 ? 'not_at_origin' : wanted > atOrigin ? 'not_enough_at_origin' : null,
  };
}

/**
 * Applies the item's custody events in the canonical order. `voided` names records corrected by
 * another record: they stay in the timeline but no longer move or decide anything.
 */
export function deriveItemCustody(
  start: CustodyStart,
  events: readonly CustodyEvent[],
  voided: ReadonlySet<string> = new Set(),
): ItemCustodyState {
  const whole = start.amount ?? 1;
  let holdings: Holding[] = [{ locationId: start.locationId, holder: null, amount: whole }];
  let placed: LifecycleStatus = start.status;
  let disposition: 'awaiting_destruction' | 'evidence_hold' | null = null;
  let status: LifecycleStatus = start.status;
  let statusSince = start.since;
  let locationId = start.locationId;
  const conflicts: CustodyConflict[] = [];

  const settle = (at: string) => {
    const next =
      placed === 'transferred' ||
      placed === 'returned_legalized' ||
      placed === 'destroyed' ||
      placed === 'lost_stolen'
        ? placed
        : (disposition ?? placed);
    if (next !== status) {
      status = next;
      statusSince = at.slice(0, 10);
    }
  };

  for (const event of [...events].sort(compareCustodyEvents)) {
    if (voided.has(event.recordId)) continue;
    const after = finalStates[status];
    const effect = event.effect;
    if (effect.type === 'stock_check') {
      // A count that finds what was destroyed, lost or returned is a contradiction to settle;
      // one that confirms it is gone is not.
      if (after !== undefined && effect.foundAmount > 0) {
        conflicts.push({ recordId: event.recordId, reason: after });
      }
      continue;
    }
    if (after !== undefined) conflicts.push({ recordId: event.recordId, reason: after });
    if (effect.type === 'destruction' || effect.type === 'loss') {
      const from = effect.type === 'destruction' ? effect.siteLocationId : effect.fromLocationId;
      const taken = takeFrom(holdings, from, effect.amount, whole);
      holdings = taken.holdings;
      if (after === undefined && taken.shortfall !== null) {
        conflicts.push({ recordId: event.recordId, reason: taken.shortfall });
      }
      // Destroyed or missing once nothing of it is held anywhere; a part of a lot leaves the rest.
      if (holdings.length === 0) {
        placed = effect.type === 'destruction' ? 'destroyed' : 'lost_stolen';
        disposition = null;
        locationId = from;
      }
      settle(event.at);
      continue;
    }
    if (effect.type === 'decision') {
      if (effect.decision === 'for_destruction') disposition = 'awaiting_destruction';
      else if (effect.decision === 'evidence_hold') disposition = 'evidence_hold';
      else if (effect.decision === 'release_hold') {
        disposition = null;
        if (placed === 'awaiting_destruction') placed = 'in_storage';
      }
      // 'return_to_owner' decides; the return itself is the transfer that follows.
      settle(event.at);
      continue;
    }
    const nothingHeld = holdings.length === 0;
    const taken = takeFrom(holdings, effect.fromLocationId, effect.amount, whole);
    holdings = taken.holdings;
    // A move of an item already destroyed or lost (a contradiction, marked below) still applies:
    // the record says it arrived, so it is where the record took it, not a holding of nothing.
    const moved = nothingHeld ? (effect.amount ?? whole) : taken.moved;
    if (after === undefined && taken.shortfall !== null) {
      conflicts.push({ recordId: event.recordId, reason: taken.shortfall });
    }
    const there = holdings.find((holding) => holding.locationId === effect.toLocationId);
    holdings =
      there === undefined
        ? [...holdings, { locationId: effect.toLocationId, holder: effect.toHolder, amount: moved }]
        : holdings.map((holding) =>
            holding === there
              ? { ...holding, holder: effect.toHolder, amount: round(holding.amount + moved) }
              : holding,
          );
    locationId = effect.toLocationId;
    const leftBehind = holdings.some((holding) => holding.locationId !== effect.toLocationId);
    // A part of a lot moving on does not change what is decided about the rest.
    if (!leftBehind) placed = placedStatusOf(effect.purpose);
    if (effect.purpose === 'to_destruction_site' && disposition === null && !leftBehind) {
      disposition = 'awaiting_destruction';
    }
    settle(event.at);
  }
  return { status, statusSince, locationId, holdings, conflicts };
}

/** What one custody record does to one item, with what a timeline shows of it. */
export interface CustodyEventSummary {
  readonly effect: CustodyEffect;
  /** "Name, unit" of who handed it over (a transfer). */
  readonly fromHolder?: string;
  /** Who decided, and why (a decision). */
  readonly decidedBy?: string;
  readonly reason?: string;
  /** A destruction's method and certificate. */
  readonly method?: string;
  readonly certificateNumber?: string;
  /** Who counted (a stock check). */
  readonly countedBy?: string;
}

export const custodyEntities = [
  'custody_transfer',
  'custody_decision',
  'destruction_event',
  'stock_check',
  'loss_incident',
] as const;
export type CustodyEntity = (typeof custodyEntities)[number];

export function isCustodyEntity(entity: string): entity is CustodyEntity {
  return (custodyEntities as readonly string[]).includes(entity);
}

type Json = Record<string, unknown>;

function holderText(holder: unknown): string {
  const value = (holder ?? {}) as Json;
  return [value.name, value.unit].filter((part) => typeof part === 'string').join(', ');
}

function locationOf(holder: unknown): string | null {
  const id = ((holder ?? {}) as Json).locationId;
  return typeof id === 'string' ? id : null;
}

const momentField: Readonly<Record<CustodyEntity, string>> = {
  custody_transfer: 'transferredAt',
  custody_decision: 'decidedAt',
  destruction_event: 'destructionDate',
  stock_check: 'checkedAt',
  loss_incident: 'occurredAt',
};

/**
 * The moment a custody record says it happened, as a UTC instant (records name their local
 * offset; the order is by instant). A destruction names only its day: it counts at the day's end,
 * after the day's arrivals at the site.
 */
export function custodyMomentOf(entity: CustodyEntity, record: Json): string {
  const value = String(record[momentField[entity]]);
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value;
  const instant = Date.parse(at);
  return Number.isNaN(instant) ? value : new Date(instant).toISOString();
}

/** The record a custody record corrects, if it is a correction. */
export function correctedIdOf(record: Json): string | null {
  const correction = record.correction as Json | undefined;
  return typeof correction?.correctsId === 'string' ? correction.correctsId : null;
}

/**
 * Each item a (valid) custody record names, with what the record does to it. A container
 * reference names no item of its own: the items are picked from it when the record is made.
 */
export function custodyEventsOf(
  entity: CustodyEntity,
  record: Json,
): Array<{ itemId: string; summary: CustodyEventSummary }> {
  if (entity === 'stock_check') return stockCheckEvents(record);
  const refs = Array.isArray(record.items) ? (record.items as Json[]) : [];
  return refs.flatMap((ref): Array<{ itemId: string; summary: CustodyEventSummary }> => {
    if (typeof ref.id !== 'string') return [];
    const quantity = ref.quantity as Json | undefined;
    const amount = typeof quantity?.amount === 'number' ? quantity.amount : null;
    if (entity === 'destruction_event') {
      return [
        {
          itemId: ref.id,
          summary: {
            effect: { type: 'destruction', siteLocationId: String(record.siteLocationId), amount },
            method: String(record.method),
            certificateNumber: String(record.certificateNumber),
          },
        },
      ];
    }
    if (entity === 'loss_incident') {
      return [
        {
          itemId: ref.id,
          summary: {
            effect: {
              type: 'loss',
              fromLocationId:
                typeof record.siteLocationId === 'string' ? record.siteLocationId : null,
              amount,
              incidentKind: record.incidentKind === 'theft' ? 'theft' : 'loss',
            },
            reason: String(record.circumstances),
          },
        },
      ];
    }
    if (entity === 'custody_decision') {
      return [
        {
          itemId: ref.id,
          summary: {
            effect: { type: 'decision', decision: record.decision as CustodyDecisionKind },
            decidedBy: String(record.decidedBy),
            reason: String(record.reason),
          },
        },
      ];
    }
    return [
      {
        itemId: ref.id,
        summary: {
          effect: {
            type: 'transfer',
            fromLocationId: locationOf(record.fromHolder),
            toLocationId: locationOf(record.toHolder),
            toHolder: holderText(record.toHolder),
            purpose: record.purpose as CustodyPurpose,
            amount,
          },
          fromHolder: holderText(record.fromHolder),
        },
      },
    ];
  });
}

/** Each item a stock check expected, or found without expecting it, with the two counts. */
function stockCheckEvents(record: Json): Array<{ itemId: string; summary: CustodyEventSummary }> {
  const lines = (value: unknown) =>
    new Map(
      (Array.isArray(value) ? (value as Json[]) : []).flatMap((line) =>
        typeof line.itemId === 'string' && typeof line.amount === 'number'
          ? [[line.itemId, line.amount] as const]
          : [],
      ),
    );
  const expected = lines(record.expected);
  const found = lines(record.found);
  const site = String(record.siteLocationId);
  return [...new Set([...expected.keys(), ...found.keys()])].map((itemId) => ({
    itemId,
    summary: {
      effect: {
        type: 'stock_check',
        siteLocationId: site,
        expectedAmount: expected.get(itemId) ?? 0,
        foundAmount: found.get(itemId) ?? 0,
      },
      countedBy: String(record.countedBy),
    },
  }));
}
