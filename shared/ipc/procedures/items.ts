import { z } from 'zod';
import {
  IntakeContextSchema,
  LifecycleStatusSchema,
  RecordStatusSchema,
} from '../../domain/enums.ts';
import { RecordIdSchema } from '../../domain/ids.ts';
import { itemKinds } from '../../records/intake-items.ts';

/**
 * Items as first-class records (issue 13): weapons, parts, ammunition lots and explosive items,
 * each a row of its own, listed across every intake and opened on a page of their own. Each row
 * carries its own amount and unit; nothing here ever adds up quantities of two items.
 */
export const ItemKindSchema = z.enum(itemKinds);
export type ItemKind = z.infer<typeof ItemKindSchema>;

export const ItemFilterSchema = z.object({
  kind: ItemKindSchema.optional(),
  lifecycleStatus: LifecycleStatusSchema.optional(),
  /** A serial number or a text read off the item, matched after normalisation, anywhere in it. */
  serial: z.string().trim().min(1).max(100).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});
export type ItemFilter = z.input<typeof ItemFilterSchema>;

/** One item as the list and the page show it: the columns of its row. */
export const ItemSummarySchema = z.object({
  id: RecordIdSchema,
  kind: ItemKindSchema,
  /** Weapon type, part type, ammunition class or explosive type (a domain enum value). */
  itemType: z.string().nullable(),
  category: z.string().nullable(),
  serialNumber: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  calibre: z.string().nullable(),
  /** This item's own amount and unit (a weapon is 1 piece). */
  quantityAmount: z.number().nullable(),
  quantityUnit: z.string().nullable(),
  lifecycleStatus: z.string().nullable(),
  traceStatus: z.string().nullable(),
  intakeEventId: RecordIdSchema,
  /** The intake's record number, date, context and place. */
  recordNumber: z.string().nullable(),
  occurredAt: z.string().nullable(),
  intakeContext: IntakeContextSchema.nullable(),
  locationName: z.string().nullable(),
  recordStatus: RecordStatusSchema,
});
export type ItemSummary = z.infer<typeof ItemSummarySchema>;

/** An item with the intake it came in with: its entry as written there and the texts read off it. */
export const ItemViewSchema = z.object({
  item: ItemSummarySchema,
  /** The item's entry in its intake, every field as written (the intake is its record). */
  entry: z.record(z.string(), z.unknown()),
  texts: z.array(z.object({ kind: z.string(), asRead: z.string() })),
  intake: z.object({
    id: RecordIdSchema,
    recordNumber: z.string().nullable(),
    status: RecordStatusSchema,
    context: IntakeContextSchema.nullable(),
    occurredAt: z.string().nullable(),
    locationName: z.string().nullable(),
    recordingAgency: z.string().nullable(),
  }),
});
export type ItemView = z.infer<typeof ItemViewSchema>;

export const itemProcedures = {
  /** Items of every kind, newest intake first, filtered by kind, status and serial; paged. */
  listItems: {
    input: ItemFilterSchema,
    output: z.object({ items: z.array(ItemSummarySchema), total: z.number().int().min(0) }),
  },
  /** One item with its intake. NOT_FOUND when no intake lists it. */
  getItem: { input: z.object({ id: RecordIdSchema }), output: ItemViewSchema },
} as const;
