import { describe, expect, it } from 'vitest';
import {
  CoordinatesDraftSchema,
  CoordinatesFinalSchema,
} from '../../../../shared/domain/coordinates.ts';

const messages = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? [];

describe("an intake event's coordinates", () => {
  it('keep latitude, longitude and accuracy in range', () => {
    expect(
      CoordinatesDraftSchema.safeParse({ lat: 44.81, lon: 20.46, accuracyM: 25 }).success,
    ).toBe(true);
    expect(
      messages(CoordinatesDraftSchema.safeParse({ lat: 91, lon: -181, accuracyM: -1 })),
    ).toEqual([
      ['lat', 'latitudeOutOfRange'],
      ['lon', 'longitudeOutOfRange'],
      ['accuracyM', 'accuracyNegative'],
    ]);
    expect(messages(CoordinatesDraftSchema.safeParse({ lat: '44,8' }))).toEqual([
      ['lat', 'invalidNumber'],
    ]);
  });

  it('may be half typed in a draft, never in a final record', () => {
    expect(CoordinatesDraftSchema.safeParse({ lat: 44.81, source: 'typed' }).success).toBe(true);
    expect(messages(CoordinatesFinalSchema.safeParse({ lat: 44.81, source: 'typed' }))).toEqual([
      ['lon', 'coordinatesIncomplete'],
    ]);
  });
});
