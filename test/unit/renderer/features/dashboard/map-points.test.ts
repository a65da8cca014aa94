import { describe, expect, it } from 'vitest';
import type { Location } from '../../../../../shared/domain/location.ts';
import {
  layerOfPlace,
  placePoints,
} from '../../../../../renderer/features/dashboard/map-points.ts';

const place = (patch: Partial<Location>): Location =>
  ({ id: 'p', name: 'Mesto', locationType: 'other', jurisdiction: 'RS', ...patch }) as Location;

describe('the Dashboard map points', () => {
  it('puts each place in its layer', () => {
    expect(layerOfPlace('storage_site')).toBe('site');
    expect(layerOfPlace('evidence_room')).toBe('site');
    expect(layerOfPlace('destruction_site')).toBe('destruction');
    expect(layerOfPlace('border_crossing_road')).toBe('intake');
  });

  it('shows places with coordinates only, of the jurisdiction asked, opening their page', () => {
    const places = [
      place({ id: 'a', locationType: 'storage_site', lat: 44.8, lon: 20.4 }),
      place({ id: 'b', lat: 44.1 }),
      place({ id: 'c/d', jurisdiction: 'ME', lat: 42.4, lon: 19.3 }),
    ];
    expect(placePoints(places)).toEqual([
      { id: 'a', kind: 'site', lat: 44.8, lon: 20.4, label: 'Mesto', href: '#/places/locations/a' },
      {
        id: 'c/d',
        kind: 'intake',
        lat: 42.4,
        lon: 19.3,
        label: 'Mesto',
        href: '#/places/locations/c%2Fd',
      },
    ]);
    expect(placePoints(places, 'ME').map((point) => point.id)).toEqual(['c/d']);
  });
});
