import { z } from 'zod';
import { AmmunitionLotDraftSchema, AmmunitionLotFinalSchema } from './ammunition-lot.ts';
import { AttachmentListSchema } from './attachment.ts';
import { CoordinatesDraftSchema, CoordinatesFinalSchema } from './coordinates.ts';
import {
  CollectionDetailsDraftSchema,
  CollectionDetailsFinalSchema,
} from './collection-details.ts';
import { borderLocationTypes, IntakeContextSchema, type LocationType } from './enums.ts';
import { ExplosiveItemDraftSchema, ExplosiveItemFinalSchema } from './explosive-item.ts';
import { RecordIdSchema, Sha256Schema } from './ids.ts';
import { key, keyed } from './message-keys.ts';
import { PartDraftSchema, PartFinalSchema } from './part.ts';
import { RecordNumberSchema } from './record-number.ts';
import {
  alwaysOnObjects,
  duplicateIdIssues,
  IsoDateSchema,
  listOf,
  objectOf,
  TimestampSchema,
  reportIssues,
  requiredTextSchema,
  RevisionSchema,
  textSchema,
  TimeOfDaySchema,
  type DomainIssue,
} from './primitives.ts';
import {
  AmmunitionQuantitySchema,
  ExplosivesQuantitySchema,
  PartsQuantitySchema,
  sumByKindAndUnit,
  WeaponsQuantitySchema,
  type AmmunitionQuantity,
  type ExplosivesQuantity,
  type PartsQuantity,
  type WeaponsQuantity,
} from './quantity.ts';
import { SeizureDetailsDraftSchema, SeizureDetailsFinalSchema } from './seizure-details.ts';
import { WeaponItemDraftSchema, WeaponItemFinalWithoutPhotoRuleSchema } from './weapon-item.ts';

/**
 * A3 Intake event (header) with A4 collection and A5 seizure details and the items taken in.
 * One intake concept with three SDG 16.4.2 contexts (seized, found, surrendered), so totals can
 * never double count or drop items. Who created or changed it lives in RecordMetaSchema.
 */
const itemLists = ['weapons', 'parts', 'ammunition', 'explosives'] as const;

export const ImportProvenanceSchema = objectOf({
  fileName: textSchema(255),
  sha256: Sha256Schema,
  importedAt: TimestampSchema,
  eventRef: textSchema(120),
  rows: z.array(z.int(keyed('invalidNumber')).min(1, key('invalidNumber')), keyed('invalidList')),
});
export type ImportProvenance = z.infer<typeof ImportProvenanceSchema>;

/** Notes on an intake event: the editor counts the characters against this limit. */
export const notesMaxLength = 2000;

const intakeEventDraftShape = {
  id: RecordIdSchema,
  status: z.literal('draft', keyed('invalidOption')),
  /** Local edit counter: a save based on an older revision is a conflict, shown to a person. */
  revision: RevisionSchema,
  /**
   * The human-readable number (record-number.ts): assigned by the store of the laptop that first
   * saved the record, never by a form, and never changed afterwards (write-once, see record-types).
   */
  recordNumber: RecordNumberSchema.optional(),
  context: IntakeContextSchema.optional(),
  /** Date, time optional: reports are by calendar year and half-year. */
  occurredAt: IsoDateSchema.optional(),
  occurredTime: TimeOfDaySchema.optional(),
  locationId: RecordIdSchema.optional(),
  /**
   * Where exactly it happened (A1's lat, lon, accuracy_m, at the event): the location is often a
   * station or a border point, the find or seizure somewhere near it. Optional: some sites are too
   * sensitive to pin.
   */
  coordinates: CoordinatesDraftSchema.optional(),
  recordingAgency: textSchema(120).optional(),
  recordingOfficer: textSchema(120).optional(),
  /** Links to a criminal case. */
  agencyCaseRef: textSchema(60).optional(),
  campaignId: RecordIdSchema.optional(),
  notes: textSchema(notesMaxLength).optional(),
  collection: CollectionDetailsDraftSchema.optional(),
  seizure: SeizureDetailsDraftSchema.optional(),
  weapons: listOf(WeaponItemDraftSchema),
  parts: listOf(PartDraftSchema),
  ammunition: listOf(AmmunitionLotDraftSchema),
  explosives: listOf(ExplosiveItemDraftSchema),
  /** Scene photos; item photos sit on the items. */
  photos: AttachmentListSchema,
  /**
   * Where an imported record came from (issue 15): the file's name and SHA-256, when it was
   * imported, the `event_ref` that grouped its rows and the file's row numbers. Absent when
   * the record was typed in the app.
   */
  importedFrom: ImportProvenanceSchema.optional(),
};

/**
 * An intake event being written. Anything the person has not filled in yet may be missing or
 * blank, in the header, the details and every item; a value that is present must be well-formed.
 * Both collection and seizure details may be present while the person is still deciding.
 */
export const IntakeEventDraftSchema = z
  .object(intakeEventDraftShape, keyed('invalidObject'))
  .superRefine((event, ctx) => reportIssues(ctx, duplicateIdIssues(event, itemLists)));
export type IntakeEventDraft = z.infer<typeof IntakeEventDraftSchema>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** FINAL-only cross-field rules; runs on incomplete values too (see alwaysOnObjects). */
function intakeEventFinalIssues(event: Record<string, unknown>): DomainIssue[] {
  const issues: DomainIssue[] = [];
  const { context, collection, seizure, campaignId } = event;
  // CAR photographs every weapon; a record imported from an existing register has no photos
  // and names its source instead (importedFrom), so the photo rule is the event's to apply.
  if (event.importedFrom === undefined && Array.isArray(event.weapons)) {
    (event.weapons as unknown[]).forEach((weapon, index) => {
      const photos = isObject(weapon) ? weapon.photos : undefined;
      if (!Array.isArray(photos) || photos.length === 0) {
        issues.push({ path: ['weapons', index, 'photos'], message: 'photoRequired' });
      }
    });
  }
  // A4: a surrender is described by its collection details; seizure details do not apply.
  if (context === 'surrendered') {
    if (collection === undefined) issues.push({ path: ['collection'], message: 'required' });
    if (seizure !== undefined) issues.push({ path: ['seizure'], message: 'notApplicable' });
  }
  // A5: a seizure needs its legal justification, which decides SDG 16.4.2 inclusion.
  if (context === 'seized') {
    if (seizure === undefined) {
      issues.push({ path: ['seizure'], message: 'required' });
    } else if (isObject(seizure) && seizure.legalJustification === undefined) {
      issues.push({ path: ['seizure', 'legalJustification'], message: 'required' });
    }
    if (collection !== undefined) issues.push({ path: ['collection'], message: 'notApplicable' });
  }
  // A4/A5: a found item was found by an agency (seizure details) or during a campaign (collection).
  if (context === 'found' && collection === undefined && seizure === undefined) {
    issues.push({ path: ['seizure'], message: 'required' });
  }
  // A3: campaign_id is required for a campaign-based collection, and only there. The person
  // says so in collection.campaignBased; a seizure's (inapplicable) collection details say nothing.
  const applicable = context !== 'seized' && isObject(collection);
  const campaignBased = applicable ? collection.campaignBased : undefined;
  if (campaignBased === true && campaignId === undefined) {
    issues.push({ path: ['campaignId'], message: 'required' });
  }
  if (campaignId !== undefined && (campaignBased === false || !applicable)) {
    issues.push({ path: ['campaignId'], message: 'campaignNotExpected' });
  }
  // Headline figures count items, not events: an event with no item records nothing.
  const itemCount = itemLists.reduce((sum, list) => {
    const items = event[list];
    return sum + (Array.isArray(items) ? items.length : 0);
  }, 0);
  if (itemCount === 0) issues.push({ path: ['weapons'], message: 'itemRequired' });
  return [...issues, ...duplicateIdIssues(event, itemLists)];
}

/**
 * An intake event as the standard requires it. The R fields of A3; collection details for a
 * surrender, seizure details with a legal justification for a seizure; every item FINAL (each
 * weapon with a photo). Set `status: 'final'` before parsing: a draft never passes as final.
 * The border rule needs the location: see `borderSeizureIssues` and `intakeEventFinalSchemaAt`.
 */
export const IntakeEventFinalSchema = z
  .object(
    {
      ...intakeEventDraftShape,
      status: z.literal('final', keyed('invalidOption')),
      context: IntakeContextSchema,
      occurredAt: IsoDateSchema,
      locationId: RecordIdSchema,
      coordinates: CoordinatesFinalSchema.optional(),
      recordingAgency: requiredTextSchema(120),
      recordingOfficer: requiredTextSchema(120),
      collection: CollectionDetailsFinalSchema.optional(),
      seizure: SeizureDetailsFinalSchema.optional(),
      weapons: listOf(WeaponItemFinalWithoutPhotoRuleSchema),
      parts: listOf(PartFinalSchema),
      ammunition: listOf(AmmunitionLotFinalSchema),
      explosives: listOf(ExplosiveItemFinalSchema),
    },
    keyed('invalidObject'),
  )
  .superRefine((event, ctx) => reportIssues(ctx, intakeEventFinalIssues(event)), alwaysOnObjects);
export type IntakeEvent = z.infer<typeof IntakeEventFinalSchema>;

const borderLocationTypeSet: ReadonlySet<LocationType> = new Set(borderLocationTypes);

/**
 * A5: direction and conveyance are required at borders. Only the location knows whether the
 * event happened at one, so this takes the location's type from the caller.
 */
export function borderSeizureIssues(
  event: Pick<IntakeEventDraft, 'seizure'>,
  locationType: LocationType,
): DomainIssue[] {
  if (!borderLocationTypeSet.has(locationType) || event.seizure === undefined) return [];
  return (['direction', 'conveyance'] as const)
    .filter((field) => event.seizure?.[field] === undefined)
    .map((field) => ({ path: ['seizure', field], message: 'required' }));
}

/**
 * No intake event predates this: SALW control as the app records it (intake, custody,
 * destruction) starts after the Second World War; a date before it is a typing slip (a find
 * "dated 1800" was finalised as evidence). A weapon's year of manufacture may be older; the
 * event's date may not.
 */
export const earliestIntakeDate = '1950-01-01';

/** Days an event date may lie past the checking side's today: time zones and a slow clock. */
export const intakeDateToleranceDays = 1;

/** ISO date arithmetic without time zones: dates compare as strings. */
function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * At finalisation, an event in the future (beyond the tolerance) or before the floor is refused:
 * evidence with an impossible date is worse than a draft. `today` is the checker's (main's, the
 * server's) date, never the form's.
 */
export function intakeDateIssues(occurredAt: unknown, today: string): DomainIssue[] {
  if (typeof occurredAt !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(occurredAt)) return [];
  if (occurredAt > addDays(today, intakeDateToleranceDays)) {
    return [{ path: ['occurredAt'], message: 'dateInFuture' }];
  }
  if (occurredAt < earliestIntakeDate) return [{ path: ['occurredAt'], message: 'dateTooEarly' }];
  return [];
}

/** IntakeEventFinalSchema plus the border rule, for a form that knows the location's type. */
export function intakeEventFinalSchemaAt(locationType: LocationType) {
  return IntakeEventFinalSchema.superRefine((event, ctx) => {
    const seizure = isObject(event) && isObject(event.seizure) ? event.seizure : undefined;
    reportIssues(ctx, borderSeizureIssues({ seizure }, locationType));
  }, alwaysOnObjects);
}

/** A new intake event: nothing filled in, no items, revision 0. */
export function newIntakeEventDraft(id: string): IntakeEventDraft {
  return IntakeEventDraftSchema.parse({
    id,
    status: 'draft',
    revision: 0,
    weapons: [],
    parts: [],
    ammunition: [],
    explosives: [],
    photos: [],
  });
}

/**
 * Totals of one intake event, per kind and unit and never across them. Weapons and parts are
 * always present (possibly 0); ammunition and explosives have one entry per unit used.
 */
export const IntakeTotalsSchema = objectOf({
  weapons: WeaponsQuantitySchema,
  parts: PartsQuantitySchema,
  ammunition: z.array(AmmunitionQuantitySchema),
  explosives: z.array(ExplosivesQuantitySchema),
});
export type IntakeTotals = z.infer<typeof IntakeTotalsSchema>;

/**
 * Works on drafts and finals alike. In a draft, a lot or item whose unit or amount is still
 * missing is not counted (its unit is unknown); a part without a unit is in pieces anyway.
 */
export function intakeTotals(
  event: Pick<IntakeEventDraft, 'weapons' | 'parts' | 'ammunition' | 'explosives'>,
): IntakeTotals {
  const oneWeapon: WeaponsQuantity = { kind: 'weapons', unit: 'pieces', amount: 1 };
  const parts: PartsQuantity[] = event.parts.flatMap(({ quantity }) =>
    quantity?.amount === undefined
      ? []
      : [{ kind: 'parts', unit: 'pieces', amount: quantity.amount }],
  );
  const ammunition: AmmunitionQuantity[] = event.ammunition.flatMap(({ quantity }) =>
    quantity?.unit === undefined || quantity.amount === undefined
      ? []
      : [{ kind: 'ammunition', unit: quantity.unit, amount: quantity.amount }],
  );
  const explosives: ExplosivesQuantity[] = event.explosives.flatMap(({ quantity }) =>
    quantity?.unit === undefined || quantity.amount === undefined
      ? []
      : [{ kind: 'explosives', unit: quantity.unit, amount: quantity.amount }],
  );
  return {
    weapons: sumByKindAndUnit(event.weapons.map(() => oneWeapon))[0] ?? { ...oneWeapon, amount: 0 },
    parts: sumByKindAndUnit(parts)[0] ?? { kind: 'parts', unit: 'pieces', amount: 0 },
    ammunition: sumByKindAndUnit(ammunition),
    explosives: sumByKindAndUnit(explosives),
  };
}
