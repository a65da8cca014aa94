import { describe, expect, it } from 'vitest';
import { LocationInputSchema, LocationSchema } from '../../../../shared/domain/location.ts';
import { id, issuesOf } from './fixtures.ts';

const batrovci = {
  id: id(2),
  locationType: 'border_crossing_road',
  name: 'Batrovci',
  jurisdiction: 'RS',
  adminArea1: 'Srem',
  adminArea2: 'Šid',
  lat: 45.0456,
  lon: 19.1003,
  accuracyM: 25,
};

describe('LocationSchema', () => {
  it('accepts a border crossing with coordinates', () => {
    expect(LocationSchema.parse(batrovci)).toStrictEqual(batrovci);
  });

  it('accepts a sensitive site without coordinates, and Kosovo as XK', () => {
    const site = {
      id: id(3),
      locationType: 'storage_site',
      name: 'Central storage',
      jurisdiction: 'XK',
      parentLocationId: id(4),
    };
    expect(LocationSchema.parse(site)).toStrictEqual(site);
  });

  it.each([
    ['latitude beyond 90', { lat: 90.5 }, [['lat', 'latitudeOutOfRange']]],
    ['longitude beyond -180', { lon: -180.5 }, [['lon', 'longitudeOutOfRange']]],
    ['a negative accuracy', { accuracyM: -1 }, [['accuracyM', 'accuracyNegative']]],
    ['a latitude without longitude', { lon: undefined }, [['lon', 'coordinatesIncomplete']]],
    ['a longitude without latitude', { lat: undefined }, [['lat', 'coordinatesIncomplete']]],
    ['a blank name', { name: ' ' }, [['name', 'required']]],
    ['an unknown jurisdiction', { jurisdiction: 'XX' }, [['jurisdiction', 'invalidCountryCode']]],
    ['an unknown location type', { locationType: 'bridge' }, [['locationType', 'invalidOption']]],
  ])('rejects %s', (_label, patch, expected) => {
    expect(issuesOf(LocationSchema, { ...batrovci, ...patch })).toStrictEqual(expected);
  });

  it('accepts the boundaries of the coordinate ranges', () => {
    const pole = { ...batrovci, lat: -90, lon: 180, accuracyM: 0 };
    expect(LocationSchema.safeParse(pole).success).toBe(true);
  });
});

describe('LocationInputSchema', () => {
  it('accepts a new location without an id, with the same rules', () => {
    const { id: _id, ...input } = batrovci;
    expect(LocationInputSchema.parse(input)).toStrictEqual(input);
    expect(issuesOf(LocationInputSchema, { ...input, lat: undefined })).toStrictEqual([
      ['lat', 'coordinatesIncomplete'],
    ]);
  });
});
