import { z } from 'zod';
import { JurisdictionSchema } from './country-code.ts';
import { LocationTypeSchema } from './enums.ts';
import { RecordIdSchema } from './ids.ts';
import { key, keyed } from './message-keys.ts';
import {
  BooleanSchema,
  IsoDateSchema,
  objectOf,
  reportIssues,
  requiredTextSchema,
  textSchema,
  type DomainIssue,
} from './primitives.ts';

/**
 * A1 Location: border points, stations, collection points, storage and destruction sites.
 * Coordinates are optional on purpose: CAR geo-references documentation sites, but some sites are
 * too sensitive to pin.
 */
const locationShape = {
  id: RecordIdSchema,
  locationType: LocationTypeSchema,
  name: requiredTextSchema(120),
  jurisdiction: JurisdictionSchema,
  adminArea1: textSchema(120).optional(),
  adminArea2: textSchema(120).optional(),
  lat: z
    .number(keyed('invalidNumber'))
    .min(-90, key('latitudeOutOfRange'))
    .max(90, key('latitudeOutOfRange'))
    .optional(),
  lon: z
    .number(keyed('invalidNumber'))
    .min(-180, key('longitudeOutOfRange'))
    .max(180, key('longitudeOutOfRange'))
    .optional(),
  accuracyM: z.number(keyed('invalidNumber')).min(0, key('accuracyNegative')).optional(),
  /** For example an evidence room inside a police station. */
  parentLocationId: RecordIdSchema.optional(),
  /**
   * A12: whether a storage site or evidence room meets the minimum standard, assessed when and by
   * whom (Roadmap Goal 7 measures the share of storages that do).
   */
  minimumStandard: z
    .object(
      {
        meets: BooleanSchema,
        assessedOn: IsoDateSchema,
        assessedBy: requiredTextSchema(120),
        note: textSchema(1000).optional(),
      },
      keyed('invalidObject'),
    )
    .optional(),
};

/** Half a coordinate places the site nowhere: both or neither. */
function coordinateIssues(lat: unknown, lon: unknown): DomainIssue[] {
  if (lat !== undefined && lon === undefined) {
    return [{ path: ['lon'], message: 'coordinatesIncomplete' }];
  }
  if (lon !== undefined && lat === undefined) {
    return [{ path: ['lat'], message: 'coordinatesIncomplete' }];
  }
  return [];
}

export const LocationSchema = objectOf(locationShape).superRefine(({ lat, lon }, ctx) =>
  reportIssues(ctx, coordinateIssues(lat, lon)),
);
export type Location = z.infer<typeof LocationSchema>;

/**
 * A location as a form submits it: a new one has no id yet (main assigns a v7 id). Defined here
 * because a refined object cannot be re-extended with a looser `id`.
 */
export const LocationInputSchema = objectOf({
  ...locationShape,
  id: RecordIdSchema.optional(),
}).superRefine(({ lat, lon }, ctx) => reportIssues(ctx, coordinateIssues(lat, lon)));
export type LocationInput = z.infer<typeof LocationInputSchema>;
