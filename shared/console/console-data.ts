import { z } from 'zod';
import { JurisdictionSchema } from '../domain/country-code.ts';
import { LifecycleStatusSchema } from '../domain/enums.ts';
import { RecordIdSchema } from '../domain/ids.ts';
import { IsoDateSchema } from '../domain/primitives.ts';
import { MeasureFilterSchema } from '../measures/measure-filter.ts';
import { DrillKeySchema, MeasureRecordsSchema } from '../measures/measure-results.ts';
import { itemKinds } from '../records/intake-items.ts';
import { ReportIdSchema } from '../reports/national-reports.ts';
import { LanguageSchema } from '../settings/settings.ts';

/**
 * The console's data (issue 17, item 4): what its pages ask the server and what they get back,
 * one schema per request and response (the routes parse with these; the pages' types are their
 * z.infer). The national measures use the laptop's own schemas (shared/measures).
 */

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A collection campaign as the console's filters offer it: chosen by its name, sent by its id
 * (the measures and reports filter by id; nobody at the centre knows a campaign's id by heart).
 */
export const ConsoleCampaignSchema = z.object({ id: RecordIdSchema, name: z.string() });
export type ConsoleCampaign = z.infer<typeof ConsoleCampaignSchema>;
export const ConsoleCampaignsSchema = z.array(ConsoleCampaignSchema);

/**
 * A team's scope (issue 17): only the records that team's laptops pull, by the server's one
 * definition of a team's view; a national team's is every record. Absent: the whole country.
 * Kept beside the measures' filter, not in it: the laptop's store holds one team's view anyway.
 */
export const TeamScopeSchema = z.uuid();

/** The records register: items across the whole country, searched and paged. */
export const RegisterQuerySchema = z.object({
  /** Begins with (four characters or more) or is the serial, as the laptop's search reads it. */
  serial: text(60).optional(),
  /** The make (manufacturer), as typed, ignoring case. */
  make: text(120).optional(),
  calibre: text(60).optional(),
  kind: z.enum(itemKinds).optional(),
  /** The weapon type, part type, ammunition class or explosive type. */
  itemType: text(60).optional(),
  /** The status an item has now (custody's, else its intake's). */
  status: LifecycleStatusSchema.optional(),
  /** Where it was taken in. */
  locationId: RecordIdSchema.optional(),
  jurisdiction: JurisdictionSchema.optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  recordStatus: z.enum(['draft', 'final']).optional(),
  teamId: TeamScopeSchema.optional(),
  /** The page after the one that gave it (nextCursor). */
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RegisterQuery = z.infer<typeof RegisterQuerySchema>;

export const RegisterItemSchema = z.object({
  id: z.string(),
  kind: z.enum(itemKinds),
  itemType: z.string().nullable(),
  category: z.string().nullable(),
  serialNumber: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  calibre: z.string().nullable(),
  quantityAmount: z.number().nullable(),
  quantityUnit: z.string().nullable(),
  status: z.string(),
  intakeEventId: z.string(),
  recordNumber: z.string().nullable(),
  occurredOn: z.string().nullable(),
  locationId: z.string().nullable(),
  locationName: z.string().nullable(),
  jurisdiction: z.string().nullable(),
  recordStatus: z.enum(['draft', 'final']),
});
export type RegisterItem = z.infer<typeof RegisterItemSchema>;

export const RegisterPageSchema = z.object({
  items: z.array(RegisterItemSchema),
  /** null: this is the last page. */
  nextCursor: z.string().nullable(),
});
export type RegisterPage = z.infer<typeof RegisterPageSchema>;

export const sealProblems = ['missing', 'unknown_key', 'wrong_signer', 'invalid'] as const;

/** A sealed record's seal, checked against the signer's registered key when the page is read. */
export const SealCheckSchema = z.object({
  ok: z.boolean(),
  problem: z.enum(sealProblems).nullable(),
});
export type SealCheck = z.infer<typeof SealCheckSchema>;

/** One custody record in an item's timeline, oldest first (the order every side derives in). */
export const CustodyStepSchema = z.object({
  recordId: z.string(),
  entity: z.string(),
  at: z.string(),
  /** What the record does to the item (shared/custody CustodyEventSummary). */
  summary: z.record(z.string(), z.unknown()),
  /** The record that corrects this one (it then counts nothing), if any. */
  correctedBy: z.string().nullable(),
  seal: SealCheckSchema,
});

export const ItemCustodySchema = z.object({
  item: RegisterItemSchema,
  /** Derived on the server as on every laptop; conflicts as recorded there. */
  status: z.string(),
  statusSince: z.string().nullable(),
  conflicts: z.array(z.unknown()),
  timeline: z.array(CustodyStepSchema),
});
export type ItemCustody = z.infer<typeof ItemCustodySchema>;

export const RecordPageSchema = z.object({
  record: z.object({
    id: z.string(),
    entity: z.string(),
    status: z.enum(['draft', 'final']),
    deleted: z.boolean(),
    serverRev: z.number(),
    data: z.record(z.string(), z.unknown()).nullable(),
    createdBy: z.object({ id: z.string(), name: z.string().nullable() }),
    updatedBy: z.object({ id: z.string(), name: z.string().nullable() }),
    receivedAt: z.string(),
  }),
  /** The record's own seal, for a sealed record (null otherwise). */
  seal: SealCheckSchema.nullable(),
  history: z.array(
    z.object({
      serverRev: z.number(),
      op: z.string(),
      authorId: z.string(),
      authorName: z.string().nullable(),
      changedFields: z.array(z.string()),
      deviceTime: z.string(),
      receivedAt: z.string(),
      /** An amendment's reason, as its author gave it (null for other changes). */
      reason: z.string().nullable(),
    }),
  ),
  /** The items it took in (an intake) or concerns (a custody record), with their custody. */
  items: z.array(ItemCustodySchema),
  photos: z.array(z.object({ sha256: z.string() })),
});
export type RecordPage = z.infer<typeof RecordPageSchema>;

export const RecordIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** The measures' records behind a figure (drill-down), as the laptop's listMeasureRecords. */
export const MeasureRecordsQuerySchema = z.object({
  filter: MeasureFilterSchema,
  drill: DrillKeySchema,
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});
export type MeasureRecordsQuery = z.input<typeof MeasureRecordsQuerySchema>;

/**
 * One record behind a figure as the console lists it: what a coordinator recognises it by, and
 * the console's record page it opens (`recordId`): an item opens the intake record it came in
 * with, any other entity its own record.
 */
export const MeasureRecordRowSchema = z.object({
  id: z.string(),
  recordId: z.string(),
  /** The intake record's number (items and intake records); null for others or when none. */
  number: z.string().nullable(),
  /** The day it happened (YYYY-MM-DD), as the measures date it. */
  date: z.string().nullable(),
  /** Where: the intake's place, or the site itself. */
  place: z.string().nullable(),
  status: z.enum(['draft', 'final']).nullable(),
  /** An item's kind, type and serial; a custody record's entity; an intake's context. */
  kind: z.string().nullable(),
  type: z.string().nullable(),
  serialNumber: z.string().nullable(),
});
export type MeasureRecordRow = z.infer<typeof MeasureRecordRowSchema>;

/** The records behind a figure (the laptop's MeasureRecords) with a row for each id listed. */
export const ConsoleMeasureRecordsSchema = MeasureRecordsSchema.extend({
  rows: z.array(MeasureRecordRowSchema),
});
export type ConsoleMeasureRecords = z.infer<typeof ConsoleMeasureRecordsSchema>;

/** A national report for any scope, as the laptop builds it. */
export const ConsoleReportQuerySchema = z.object({
  report: ReportIdSchema,
  filter: MeasureFilterSchema,
  teamId: TeamScopeSchema.optional(),
  language: LanguageSchema.default('en'),
});
export type ConsoleReportQuery = z.infer<typeof ConsoleReportQuerySchema>;

export const registerExportFormats = ['csv', 'xlsx'] as const;

export const RegisterExportQuerySchema = RegisterQuerySchema.omit({
  cursor: true,
  limit: true,
}).extend({ format: z.enum(registerExportFormats).default('csv') });
export type RegisterExportQuery = z.infer<typeof RegisterExportQuerySchema>;

/** What an export leaves for the console's audit log: who, what was asked, how much went out. */
export interface ConsoleExportAudit {
  readonly what: 'register_export' | 'national_report';
  readonly format: string;
  readonly filter: Readonly<Record<string, unknown>>;
  readonly rows: number;
}
