import type { MapPoints } from '../../../shared/ipc/procedures/measures.ts';
import type { MapPoint } from '../../components/map/map-point.ts';

/** The page each kind of point opens. */
const pageOf: Readonly<Record<MapPoints['points'][number]['entity'], (id: string) => string>> = {
  intake_event: (id) => `#/records/${encodeURIComponent(id)}`,
  location: (id) => `#/places/locations/${encodeURIComponent(id)}`,
  custody_record: (id) => `#/custody/records/${encodeURIComponent(id)}`,
};

/**
 * The Dashboard map's points as the offline map takes them: each in its layer, opening its
 * record (an intake record, a site, a destruction record).
 */
export function mapPointsOf(points: MapPoints['points']): MapPoint[] {
  return points.map((point) => ({
    id: `${point.kind}:${point.id}`,
    kind: point.kind,
    lat: point.lat,
    lon: point.lon,
    label: point.label,
    href: pageOf[point.entity](point.id),
  }));
}
