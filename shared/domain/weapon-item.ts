import { z } from 'zod';
import { AttachmentListSchema, AttachmentRefSchema } from './attachment.ts';
import { CountryCodeSchema } from './country-code.ts';
import {
  ActionTypeSchema,
  categoryOfWeaponType,
  LifecycleStatusSchema,
  MarkingConditionSchema,
  SerialLocationSchema,
  TraceStatusSchema,
  WeaponCategorySchema,
  WeaponConditionSchema,
  WeaponTypeSchema,
  type WeaponType,
} from './enums.ts';
import { RecordIdSchema } from './ids.ts';
import { MarkingDraftSchema, MarkingFinalSchema } from './marking.ts';
import { keyed } from './message-keys.ts';
import {
  alwaysOnObjects,
  duplicateIdIssues,
  listOf,
  reportIssues,
  requiredTextSchema,
  textSchema,
  YearSchema,
  type DomainIssue,
} from './primitives.ts';
import { SerialCheckMarksSchema } from './serial-check-mark.ts';
import { asReadTextSchema, normaliseMarkingText, SerialStatusSchema } from './serial-number.ts';

/**
 * A6 Weapon item, one per weapon. Manufacturer, model and calibre are "R*" in A6: required, but
 * 'unknown' is an answer. The form stores this exact token (its button, translated for display).
 */
export const unknownText = 'unknown';

export function isUnknownText(text: string): boolean {
  return text.trim().toLowerCase() === unknownText;
}

const weaponItemDraftShape = {
  id: RecordIdSchema,
  category: WeaponCategorySchema.optional(),
  weaponType: WeaponTypeSchema.optional(),
  /** As read from the weapon; `manufacturerNormalised` is the reference-list name, if matched. */
  manufacturer: textSchema(120).optional(),
  manufacturerNormalised: textSchema(120).optional(),
  model: textSchema(120).optional(),
  /** As read; `calibreNormalised` is the reference form ('7.62x39mm', '9x19mm', '12 gauge'). */
  calibre: textSchema(60).optional(),
  calibreNormalised: textSchema(60).optional(),
  /** Exactly as read: the core identifier for an ITI trace. */
  serialNumber: asReadTextSchema(100).optional(),
  serialStatus: SerialStatusSchema.optional(),
  serialLocation: SerialLocationSchema.optional(),
  countryOfManufacture: CountryCodeSchema.optional(),
  yearOfManufacture: YearSchema.optional(),
  importMarkingCountry: CountryCodeSchema.optional(),
  importMarkingYear: YearSchema.optional(),
  markingCondition: MarkingConditionSchema.optional(),
  actionType: ActionTypeSchema.optional(),
  condition: WeaponConditionSchema.optional(),
  /**
   * The status the item starts from: 'in_custody' when not given. Never asked in the editor (issue
   * 14): after intake the status is derived from custody records. Kept for records written before,
   * and for imports that state it.
   */
  lifecycleStatus: LifecycleStatusSchema.optional(),
  traceStatus: TraceStatusSchema.optional(),
  /** When and how the weapon left licit hands (SDG 16.4.2 "point of diversion"). */
  pointOfDiversionNote: textSchema(1000).optional(),
  markings: listOf(MarkingDraftSchema),
  photos: AttachmentListSchema,
  /**
   * The serial's "checked" flags (issue 15), one per kind of check: this laptop's records and
   * watch lists (set by main on save), iARMS and the national register (ticked by a person).
   */
  serialChecks: SerialCheckMarksSchema.optional(),
};

function withNormalisedSerial<T extends { serialNumber?: string | undefined }>(weapon: T) {
  return {
    ...weapon,
    serialNumberNormalised:
      weapon.serialNumber === undefined ? undefined : normaliseMarkingText(weapon.serialNumber),
  };
}

/**
 * A weapon in progress: every field the person fills in may be missing, but whatever is present
 * must be well-formed. `serialNumberNormalised` is always derived, never taken from input.
 */
export const WeaponItemDraftSchema = z
  .object(weaponItemDraftShape, keyed('invalidObject'))
  .superRefine((weapon, ctx) => reportIssues(ctx, duplicateIdIssues(weapon, ['markings'])))
  .transform(withNormalisedSerial);
export type WeaponItemDraft = z.infer<typeof WeaponItemDraftSchema>;

/**
 * Uniquely identifiable for the SDG 16.4.2 "uniquely marked" disaggregation: the serial is read
 * and the manufacturer is known, the minimum of the ITI unique marking (manufacturer, country,
 * serial; the country usually follows from the manufacturer).
 */
export function isUniquelyIdentifiable(
  weapon: Pick<WeaponItemDraft, 'serialStatus' | 'serialNumber' | 'manufacturer'>,
): boolean {
  const serial = weapon.serialNumber === undefined ? '' : normaliseMarkingText(weapon.serialNumber);
  const manufacturer = weapon.manufacturer?.trim() ?? '';
  return (
    weapon.serialStatus === 'present' &&
    serial !== '' &&
    manufacturer !== '' &&
    !isUnknownText(manufacturer)
  );
}

/** FINAL-only cross-field rules; runs on incomplete values too (see alwaysOnObjects). */
function weaponFinalIssues(weapon: Record<string, unknown>): DomainIssue[] {
  const issues: DomainIssue[] = [];
  // A6: the serial is required unless recorded as not present or illegible.
  const serial = weapon.serialNumber;
  const hasSerial = typeof serial === 'string' && serial.trim() !== '';
  if (weapon.serialStatus === 'present' && !hasSerial) {
    issues.push({ path: ['serialNumber'], message: 'serialRequired' });
  }
  // The UN 1997 Panel category follows from the type where the type decides it.
  const implied =
    typeof weapon.weaponType === 'string'
      ? categoryOfWeaponType(weapon.weaponType as WeaponType)
      : undefined;
  if (implied !== undefined && typeof weapon.category === 'string' && weapon.category !== implied) {
    issues.push({ path: ['category'], message: 'categoryMismatch' });
  }
  // A marking's close-up must be one of this weapon's photos, or the link points nowhere.
  const photos = Array.isArray(weapon.photos) ? (weapon.photos as unknown[]) : [];
  const attached = new Set(photos.map((photo) => (photo as { sha256?: unknown } | null)?.sha256));
  const markings = Array.isArray(weapon.markings) ? (weapon.markings as unknown[]) : [];
  markings.forEach((marking, index) => {
    const sha = (marking as { photoSha256?: unknown } | null)?.photoSha256;
    if (typeof sha === 'string' && !attached.has(sha)) {
      issues.push({ path: ['markings', index, 'photoSha256'], message: 'photoNotAttached' });
    }
  });
  return [...issues, ...duplicateIdIssues(weapon, ['markings'])];
}

/**
 * A weapon as the standard requires it on a FINAL record: the R fields of A6, at least one photo
 * (CAR photographs every item), markings complete, the serial unless not present or illegible.
 * `uniquelyIdentifiable` is derived here and nowhere else.
 */
function weaponItemFinalSchema<P extends z.ZodType>(photos: P) {
  return z
    .object(
      {
        ...weaponItemDraftShape,
        category: WeaponCategorySchema,
        weaponType: WeaponTypeSchema,
        manufacturer: requiredTextSchema(120),
        model: requiredTextSchema(120),
        calibre: requiredTextSchema(60),
        serialStatus: SerialStatusSchema,
        markingCondition: MarkingConditionSchema,
        traceStatus: TraceStatusSchema,
        markings: listOf(MarkingFinalSchema),
        photos,
      },
      keyed('invalidObject'),
    )
    .superRefine((weapon, ctx) => reportIssues(ctx, weaponFinalIssues(weapon)), alwaysOnObjects)
    .transform((weapon) => ({
      ...withNormalisedSerial(weapon),
      uniquelyIdentifiable: isUniquelyIdentifiable(weapon),
    }));
}

export const WeaponItemFinalSchema = weaponItemFinalSchema(
  listOf(AttachmentRefSchema, { count: 1, message: 'photoRequired' }),
);
/**
 * The same, with the photo rule left to the intake event: a record imported from an existing
 * register (issue 15) has no photos to give, and says where it came from instead.
 */
export const WeaponItemFinalWithoutPhotoRuleSchema = weaponItemFinalSchema(
  listOf(AttachmentRefSchema),
);
export type WeaponItem = z.infer<typeof WeaponItemFinalSchema>;

/** The draft the form starts from: nothing filled in, no markings, no photos. */
export function newWeaponItemDraft(id: string): WeaponItemDraft {
  return WeaponItemDraftSchema.parse({ id, markings: [], photos: [] });
}
