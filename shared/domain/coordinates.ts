import { z } from 'zod';
import { key, keyed } from './message-keys.ts';
import { objectOf, reportIssues, type DomainIssue } from './primitives.ts';

/** WGS 84 decimal degrees, as a GPS or a map gives them. */
export const LatitudeSchema = z
  .number(keyed('invalidNumber'))
  .min(-90, key('latitudeOutOfRange'))
  .max(90, key('latitudeOutOfRange'));
export const LongitudeSchema = z
  .number(keyed('invalidNumber'))
  .min(-180, key('longitudeOutOfRange'))
  .max(180, key('longitudeOutOfRange'));
/** The radius (metres) the position is good to; a GPS reports it, a person may estimate it. */
export const AccuracyMetresSchema = z
  .number(keyed('invalidNumber'))
  .min(0, key('accuracyNegative'));

/**
 * Where a position came from matters to evidence: measured by this laptop, typed by a person
 * (read off a handheld GPS or a map), or copied from the location's own coordinates.
 */
export const coordinateSourceValues = ['device', 'typed', 'location'] as const;
export const CoordinateSourceSchema = z.enum(coordinateSourceValues, keyed('invalidOption'));
export type CoordinateSource = z.infer<typeof CoordinateSourceSchema>;

const coordinatesShape = {
  lat: LatitudeSchema.optional(),
  lon: LongitudeSchema.optional(),
  accuracyM: AccuracyMetresSchema.optional(),
  source: CoordinateSourceSchema.optional(),
};

/** Half a coordinate places the event nowhere: both or neither. */
export function coordinatePairIssues(lat: unknown, lon: unknown): DomainIssue[] {
  if (lat !== undefined && lon === undefined) {
    return [{ path: ['lon'], message: 'coordinatesIncomplete' }];
  }
  if (lon !== undefined && lat === undefined) {
    return [{ path: ['lat'], message: 'coordinatesIncomplete' }];
  }
  return [];
}

/** An event's coordinates as they are being typed: either half may still be missing. */
export const CoordinatesDraftSchema = objectOf(coordinatesShape);
export type CoordinatesDraft = z.infer<typeof CoordinatesDraftSchema>;

/** An event's coordinates in a final record: both halves, or none at all. */
export const CoordinatesFinalSchema = objectOf(coordinatesShape).superRefine(({ lat, lon }, ctx) =>
  reportIssues(ctx, coordinatePairIssues(lat, lon)),
);
