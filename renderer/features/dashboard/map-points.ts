import type { Location } from '../../../shared/domain/location.ts';
import type { MapPoint, MapPointKind } from '../../components/map/map-point.ts';

const siteTypes: ReadonlySet<string> = new Set(['storage_site', 'evidence_room']);

/** The map layer a place belongs in: sites, destruction sites, and where items come in. */
export function layerOfPlace(locationType: string): MapPointKind {
  if (siteTypes.has(locationType)) return 'site';
  return locationType === 'destruction_site' ? 'destruction' : 'intake';
}

/**
 * The Dashboard map's points: every recorded place with coordinates, in its layer, opening its
 * page (a place without coordinates is not on the map). Optionally only one jurisdiction's.
 */
export function placePoints(locations: readonly Location[], jurisdiction?: string): MapPoint[] {
  return locations.flatMap((place) =>
    place.lat === undefined ||
    place.lon === undefined ||
    (jurisdiction !== undefined && place.jurisdiction !== jurisdiction)
      ? []
      : [
          {
            id: place.id,
            kind: layerOfPlace(place.locationType),
            lat: place.lat,
            lon: place.lon,
            label: place.name,
            href: `#/places/locations/${encodeURIComponent(place.id)}`,
          },
        ],
  );
}
