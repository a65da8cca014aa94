import { z } from 'zod';
import { custodyConflictReasons, custodyEntities } from '../../custody/item-custody.ts';
import { CustodyDecisionInputSchema } from '../../domain/custody-decision.ts';
import { CustodyTransferInputSchema } from '../../domain/custody-transfer.ts';
import { DestructionEventInputSchema } from '../../domain/destruction-event.ts';
import { LossIncidentInputSchema } from '../../domain/loss-incident.ts';
import { StockCheckInputSchema } from '../../domain/stock-check.ts';
import { LifecycleStatusSchema } from '../../domain/enums.ts';
import { RecordIdSchema } from '../../domain/ids.ts';
import { LocationSchema } from '../../domain/location.ts';
import { noInput } from './app.ts';
import { ItemKindSchema, ItemSummarySchema } from './items.ts';

/**
 * The chain of custody (issue 14): sealed transfers and decisions, what each storage site holds
 * now (derived, never typed), and an item's whole timeline. Role checks are made in main from the
 * record types (shared/records/record-types.ts), whatever the renderer shows.
 */

const PersonRefSchema = z.object({ id: z.string(), name: z.string() });

export const CustodyConflictReasonSchema = z.enum(custodyConflictReasons);

/** Ageing of items awaiting destruction (Roadmap goals 6 and 7: the backlog is the risk). */
export const ageingBuckets = ['under_90_days', 'days_90_to_365', 'over_a_year'] as const;
export const AgeingBucketSchema = z.enum(ageingBuckets);
export type AgeingBucket = z.infer<typeof AgeingBucketSchema>;

/** Where custody may take items and where they are kept. */
export const custodySiteTypes = ['storage_site', 'evidence_room', 'destruction_site'] as const;

export const StorageSiteSummarySchema = z.object({
  location: LocationSchema,
  /** Items with some part of them held here now (a split lot counts at each of its places). */
  items: z.number().int().min(0),
  awaiting: z.record(AgeingBucketSchema, z.number().int().min(0)),
});
export type StorageSiteSummary = z.infer<typeof StorageSiteSummarySchema>;

/** An item as custody shows it: the list's columns, where it is now, and how much of it is there. */
export const CustodyItemSchema = ItemSummarySchema.extend({
  /** How much of it is at the place asked about (or, with no place asked, all of it). */
  amountHere: z.number().nullable(),
  currentLocationId: z.string().nullable(),
  currentLocationName: z.string().nullable(),
  statusSince: z.string().nullable(),
  /** Days it has waited for destruction (null unless awaiting destruction). */
  daysAwaiting: z.number().int().nullable(),
  inConflict: z.boolean(),
  /** A lot's or batch's number as read (how a lot is told apart: it has no serial). */
  lotNumber: z.string().nullable(),
});
export type CustodyItem = z.infer<typeof CustodyItemSchema>;

export const SiteInventoryFilterSchema = z.object({
  siteId: RecordIdSchema,
  kind: ItemKindSchema.optional(),
  lifecycleStatus: LifecycleStatusSchema.optional(),
  ageing: AgeingBucketSchema.optional(),
  serial: z.string().trim().min(1).max(100).optional(),
  limit: z.number().int().min(1).max(10000).default(50),
  offset: z.number().int().min(0).default(0),
});
export type SiteInventoryFilter = z.input<typeof SiteInventoryFilterSchema>;

/** A (kind, unit) total: never summed across kinds or units. */
export const KindTotalSchema = z.object({
  kind: ItemKindSchema,
  unit: z.string().nullable(),
  items: z.number().int().min(0),
  amount: z.number(),
});

export const SiteInventorySchema = z.object({
  location: LocationSchema,
  items: z.array(CustodyItemSchema),
  total: z.number().int().min(0),
  totals: z.array(KindTotalSchema),
  awaiting: z.record(AgeingBucketSchema, z.number().int().min(0)),
});
export type SiteInventory = z.infer<typeof SiteInventorySchema>;

/** Where to pick items from for a transfer or a decision. Exactly one source. */
/**
 * The most items a pick by serial, record, site or seal lists (a pick by item ids lists them all):
 * a list a person ticks through. The picker says when a list reached it; a site's page pages
 * through everything the site holds.
 */
export const ITEM_PICK_LIMIT = 500;

export const ItemPickSchema = z
  .object({
    serial: z.string().trim().min(1).max(100).optional(),
    intakeEventId: RecordIdSchema.optional(),
    siteId: RecordIdSchema.optional(),
    /** The seal or container number a transfer named: the items it sealed. */
    sealNumber: z.string().trim().min(1).max(60).optional(),
    /** These items, as they are now (a selection on a site's page, an item's own page). */
    itemIds: z.array(RecordIdSchema).min(1).max(10_000).optional(),
  })
  .refine(
    (pick) => Object.values(pick).filter((value) => value !== undefined).length === 1,
    'Pick by exactly one of serial, record, site, seal number or item ids.',
  );
export type ItemPick = z.input<typeof ItemPickSchema>;

export const CustodyEntitySchema = z.enum(custodyEntities);

/** What every custody line of a timeline says besides its own facts. */
const custodyEntryCommon = {
  at: z.string(),
  recordId: RecordIdSchema,
  recordedBy: PersonRefSchema,
  /** Corrected by a later record: kept, but it no longer moves or decides anything. */
  correctedBy: RecordIdSchema.nullable(),
  conflict: CustodyConflictReasonSchema.nullable(),
};

/** One line of an item's timeline: its intake, or a custody record about it. */
export const TimelineEntrySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('intake'),
    at: z.string().nullable(),
    intakeEventId: RecordIdSchema,
    recordNumber: z.string().nullable(),
    context: z.string().nullable(),
    locationName: z.string().nullable(),
    recordedBy: PersonRefSchema,
  }),
  z.object({
    type: z.literal('transfer'),
    at: z.string(),
    recordId: RecordIdSchema,
    purpose: z.string(),
    fromHolder: z.string(),
    fromLocationName: z.string().nullable(),
    toHolder: z.string(),
    toLocationName: z.string().nullable(),
    amount: z.number().nullable(),
    recordedBy: PersonRefSchema,
    /** Corrected by a later record: kept, but it no longer moves anything. */
    correctedBy: RecordIdSchema.nullable(),
    conflict: CustodyConflictReasonSchema.nullable(),
  }),
  z.object({
    type: z.literal('decision'),
    ...custodyEntryCommon,
    decision: z.string(),
    decidedBy: z.string(),
    reason: z.string(),
  }),
  z.object({
    type: z.literal('destruction'),
    ...custodyEntryCommon,
    siteName: z.string().nullable(),
    method: z.string(),
    certificateNumber: z.string(),
    amount: z.number().nullable(),
  }),
  z.object({
    type: z.literal('loss'),
    ...custodyEntryCommon,
    incidentKind: z.enum(['loss', 'theft']),
    fromLocationName: z.string().nullable(),
    circumstances: z.string(),
    amount: z.number().nullable(),
  }),
  z.object({
    type: z.literal('stock_check'),
    ...custodyEntryCommon,
    siteName: z.string().nullable(),
    countedBy: z.string(),
    expectedAmount: z.number(),
    foundAmount: z.number(),
  }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const ItemCustodyViewSchema = z.object({
  status: LifecycleStatusSchema,
  statusSince: z.string().nullable(),
  holdings: z.array(
    z.object({
      locationId: z.string().nullable(),
      locationName: z.string().nullable(),
      holder: z.string().nullable(),
      amount: z.number(),
    }),
  ),
  conflicts: z.array(z.object({ recordId: RecordIdSchema, reason: CustodyConflictReasonSchema })),
  timeline: z.array(TimelineEntrySchema),
});
export type ItemCustodyView = z.infer<typeof ItemCustodyViewSchema>;

export const CustodyRecordSummarySchema = z.object({
  id: RecordIdSchema,
  entity: CustodyEntitySchema,
  occurredAt: z.string(),
  /** A transfer's purpose or a decision's kind. */
  what: z.string(),
  fromHolder: z.string().nullable(),
  toHolder: z.string().nullable(),
  itemCount: z.number().int().min(0),
  recordedBy: PersonRefSchema,
  correctsId: RecordIdSchema.nullable(),
  correctedBy: RecordIdSchema.nullable(),
});
export type CustodyRecordSummary = z.infer<typeof CustodyRecordSummarySchema>;

export const CustodyRecordViewSchema = z.object({
  entity: CustodyEntitySchema,
  /** The record as sealed (a transfer or a decision). */
  record: z.record(z.string(), z.unknown()),
  recordedAt: z.string(),
  recordedBy: PersonRefSchema,
  correctedBy: RecordIdSchema.nullable(),
  items: z.array(CustodyItemSchema),
});
export type CustodyRecordView = z.infer<typeof CustodyRecordViewSchema>;

/**
 * The signed-in person's own passphrase, typed to seal: it opens their signing key for this one
 * seal (WRONG_PASSPHRASE, counted like a wrong unlock, when it is not theirs).
 */
export const SealPassphraseSchema = z.string().min(1).max(1024);

export const custodyProcedures = {
  /**
   * Seals a transfer with the person's signing key: refused (VALIDATION_ERROR, naming the items)
   * when an item is unknown here, still a draft, destroyed, lost or not where the transfer says it
   * leaves from; FORBIDDEN for a role that may not record custody.
   */
  recordCustodyTransfer: {
    input: z.object({ transfer: CustodyTransferInputSchema, passphrase: SealPassphraseSchema }),
    output: z.object({ id: RecordIdSchema }),
  },
  /** Seals a decision (for destruction, evidence hold, return to the owner, release a hold). */
  recordCustodyDecision: {
    input: z.object({ decision: CustodyDecisionInputSchema, passphrase: SealPassphraseSchema }),
    output: z.object({ id: RecordIdSchema }),
  },
  /**
   * Seals a destruction (destruction officers, team leads): refused, naming the items, when one
   * is not at the destruction site by its records, already destroyed or lost.
   */
  recordDestruction: {
    input: z.object({ destruction: DestructionEventInputSchema, passphrase: SealPassphraseSchema }),
    output: z.object({ id: RecordIdSchema }),
  },
  /** Seals a stock check; main adds the site's expected list and every discrepancy. */
  recordStockCheck: {
    input: z.object({ stockCheck: StockCheckInputSchema, passphrase: SealPassphraseSchema }),
    output: z.object({ id: RecordIdSchema }),
  },
  /** Seals a loss or theft incident: the items are lost or stolen from then on. */
  recordLossIncident: {
    input: z.object({ incident: LossIncidentInputSchema, passphrase: SealPassphraseSchema }),
    output: z.object({ id: RecordIdSchema }),
  },
  /** Storage sites, evidence rooms and destruction sites with what they hold now. */
  listStorageSites: { input: noInput, output: z.array(StorageSiteSummarySchema) },
  getSiteInventory: { input: SiteInventoryFilterSchema, output: SiteInventorySchema },
  /** Items to move or decide about, from one source; at most ITEM_PICK_LIMIT (any number of item ids). */
  pickItems: { input: ItemPickSchema, output: z.array(CustodyItemSchema) },
  getItemCustody: { input: z.object({ id: RecordIdSchema }), output: ItemCustodyViewSchema },
  listCustodyRecords: {
    input: z.object({
      entity: CustodyEntitySchema.optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({ records: z.array(CustodyRecordSummarySchema), total: z.number().int() }),
  },
  getCustodyRecord: { input: z.object({ id: RecordIdSchema }), output: CustodyRecordViewSchema },
} as const;
