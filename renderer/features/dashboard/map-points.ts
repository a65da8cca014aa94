import type { MapPoints } from '../../../shared/ipc/procedures/measures.ts';
import type { MapPoint } from '../../components/map/map-point.ts';

type PointEntity = MapPoints['points'][number]['entity'];

/** The laptop's page each kind of point opens. */
const laptopPages: Readonly<Record<PointEntity, (id: string) => string>> = {
  intake_event: (id) => `#/records/${encodeURIComponent(id)}`,
  location: (id) => `#/places/locations/${encodeURIComponent(id)}`,
  custody_record: (id) => `#/custody/records/${encodeURIComponent(id)}`,
};

/**
 * The Dashboard map's points as the offline map takes them: each in its layer, opening its
 * record (an intake record, a site, a destruction record) on the page `pageOf` gives: the
 * laptop's by default, the web console's on its overview.
 */
export function mapPointsOf(
  points: MapPoints['points'],
  pageOf: (entity: PointEntity, id: string) => string = (entity, id) => laptopPages[entity](id),
): MapPoint[] {
  return points.map((point) => ({
    id: `${point.kind}:${point.id}`,
    kind: point.kind,
    lat: point.lat,
    lon: point.lon,
    label: point.label,
    href: pageOf(point.entity, point.id),
  }));
}
