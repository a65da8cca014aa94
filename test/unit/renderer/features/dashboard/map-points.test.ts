import { describe, expect, it } from 'vitest';
import { mapPointsOf } from '../../../../../renderer/features/dashboard/map-points.ts';

describe('the Dashboard map points', () => {
  it('puts each point in its layer, opening its record', () => {
    expect(
      mapPointsOf([
        { id: 'e/1', kind: 'intake', entity: 'intake_event', lat: 44.8, lon: 20.4, label: 'R-1' },
        { id: 's', kind: 'site', entity: 'location', lat: 44.9, lon: 20.3, label: 'Magacin' },
        { id: 'd', kind: 'destruction', entity: 'custody_record', lat: 1, lon: 2, label: 'Site' },
      ]),
    ).toEqual([
      {
        id: 'intake:e/1',
        kind: 'intake',
        lat: 44.8,
        lon: 20.4,
        label: 'R-1',
        href: '#/records/e%2F1',
      },
      {
        id: 'site:s',
        kind: 'site',
        lat: 44.9,
        lon: 20.3,
        label: 'Magacin',
        href: '#/places/locations/s',
      },
      {
        id: 'destruction:d',
        kind: 'destruction',
        lat: 1,
        lon: 2,
        label: 'Site',
        href: '#/custody/records/d',
      },
    ]);
  });
});
