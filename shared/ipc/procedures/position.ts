import { z } from 'zod';
import { AccuracyMetresSchema, LatitudeSchema, LongitudeSchema } from '../../domain/coordinates.ts';
import { noInput } from './app.ts';

/**
 * Why no position came back. `notOffered`: this host has no position source at all (the browser
 * preview, a desktop without one); `denied`: the operating system or the person refused it;
 * `noFix`: a source exists but gave no position in time (indoors, no network to locate by).
 */
export const positionUnavailableReasons = ['notOffered', 'denied', 'noFix'] as const;

export const DevicePositionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('position'),
    lat: LatitudeSchema,
    lon: LongitudeSchema,
    accuracyM: AccuracyMetresSchema,
    /** When the position was measured (ISO timestamp). */
    at: z.string(),
  }),
  z.object({ kind: z.literal('unavailable'), reason: z.enum(positionUnavailableReasons) }),
]);
export type DevicePosition = z.infer<typeof DevicePositionSchema>;

/** This laptop's position, for an intake's coordinates (the platform's, behind a port in main). */
export const positionProcedures = {
  /** Whether the host can measure a position at all: the editor offers the button only then. */
  getPositionOffer: { input: noInput, output: z.object({ offered: z.boolean() }) },
  getDevicePosition: { input: noInput, output: DevicePositionSchema },
} as const;
