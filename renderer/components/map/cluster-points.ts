import type { MapPoint, MapPointKind } from './map-point.ts';
import { project } from './web-mercator.ts';

/** Points of one layer close together on screen, drawn as one mark with their count. */
export interface PointCluster {
  /** Stable while the same points are together: the layer and the first point's id. */
  readonly key: string;
  readonly kind: MapPointKind;
  /** Where to draw it: the mean of its points, in world pixels at the zoom it was made for. */
  readonly x: number;
  readonly y: number;
  readonly points: readonly MapPoint[];
}

/**
 * Greedy screen-space clustering, each layer on its own (an intake and a destruction never share
 * a mark): points in id order, each joins the first cluster whose seed is within `radiusPx` at
 * this zoom, or seeds a new one. A grid of `radiusPx` cells keeps it near linear. Deterministic,
 * so the same points at the same zoom always give the same marks. A radius of 0 clusters nothing
 * (the closest zoom, where points that still share a place must each be reachable).
 */
export function clusterPoints(
  points: readonly MapPoint[],
  zoom: number,
  radiusPx: number,
): PointCluster[] {
  const sorted = [...points].sort((a, b) =>
    a.kind === b.kind ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.kind < b.kind ? -1 : 1,
  );
  if (radiusPx <= 0) {
    // No clustering (the closest zoom): every point its own mark, in the same stable order.
    return sorted.map((point) => ({
      key: `${point.kind}:${point.id}`,
      kind: point.kind,
      ...project(point.lon, point.lat, zoom),
      points: [point],
    }));
  }
  interface Growing {
    readonly kind: MapPointKind;
    readonly seedX: number;
    readonly seedY: number;
    sumX: number;
    sumY: number;
    readonly points: MapPoint[];
  }
  const clusters: Growing[] = [];
  const grid = new Map<string, Growing[]>();
  const cellOf = (x: number, y: number) => [Math.floor(x / radiusPx), Math.floor(y / radiusPx)];
  for (const point of sorted) {
    const { x, y } = project(point.lon, point.lat, zoom);
    const [cx = 0, cy = 0] = cellOf(x, y);
    let found: Growing | undefined;
    for (let dx = -1; dx <= 1 && found === undefined; dx += 1) {
      for (let dy = -1; dy <= 1 && found === undefined; dy += 1) {
        found = grid
          .get(`${point.kind}:${cx + dx}:${cy + dy}`)
          ?.find((cluster) => Math.hypot(cluster.seedX - x, cluster.seedY - y) <= radiusPx);
      }
    }
    if (found === undefined) {
      found = { kind: point.kind, seedX: x, seedY: y, sumX: 0, sumY: 0, points: [] };
      clusters.push(found);
      const cell = `${point.kind}:${cx}:${cy}`;
      grid.set(cell, [...(grid.get(cell) ?? []), found]);
    }
    found.sumX += x;
    found.sumY += y;
    found.points.push(point);
  }
  return clusters.map((cluster) => ({
    key: `${cluster.kind}:${cluster.points[0]?.id ?? ''}`,
    kind: cluster.kind,
    x: cluster.sumX / cluster.points.length,
    y: cluster.sumY / cluster.points.length,
    points: cluster.points,
  }));
}
