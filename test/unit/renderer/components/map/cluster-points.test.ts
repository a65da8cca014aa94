import { describe, expect, it } from 'vitest';
import { clusterPoints } from '../../../../../renderer/components/map/cluster-points.ts';
import type { MapPoint } from '../../../../../renderer/components/map/map-point.ts';
import { project } from '../../../../../renderer/components/map/web-mercator.ts';

const point = (id: string, kind: MapPoint['kind'], lon: number, lat: number): MapPoint => ({
  id,
  kind,
  lon,
  lat,
  label: id,
});

const gradina = point('a', 'intake', 22.8701, 43.0342);
const gradinaStore = point('b', 'intake', 22.8655, 43.0361);
const pristina = point('c', 'intake', 21.1655, 42.6629);
const destroyedAtGradina = point('d', 'destruction', 22.87, 43.034);

describe('clustering the points of a layer', () => {
  it('joins points close on screen and keeps far ones apart', () => {
    const clusters = clusterPoints([gradina, gradinaStore, pristina], 6, 30);
    expect(clusters.map((cluster) => cluster.points.map((p) => p.id))).toEqual([['a', 'b'], ['c']]);
    // Drawn at the mean of its points, in world pixels at that zoom.
    const [both] = clusters;
    const a = project(gradina.lon, gradina.lat, 6);
    const b = project(gradinaStore.lon, gradinaStore.lat, 6);
    expect(both?.x).toBeCloseTo((a.x + b.x) / 2, 9);
    expect(both?.y).toBeCloseTo((a.y + b.y) / 2, 9);
  });

  it('splits a cluster as the map zooms in, and merges everything far out', () => {
    expect(clusterPoints([gradina, gradinaStore, pristina], 14, 30)).toHaveLength(3);
    expect(clusterPoints([gradina, gradinaStore, pristina], 1, 30)).toHaveLength(1);
  });

  it('clusters nothing with a radius of 0, even points at one place', () => {
    const twin = point('e', 'intake', gradina.lon, gradina.lat);
    const clusters = clusterPoints([twin, gradina, gradinaStore], 12, 0);
    expect(clusters.map((cluster) => cluster.key)).toEqual(['intake:a', 'intake:b', 'intake:e']);
  });

  it('never puts two layers in one mark', () => {
    const clusters = clusterPoints([gradina, destroyedAtGradina], 3, 30);
    expect(clusters.map((cluster) => [cluster.kind, cluster.points.length])).toEqual([
      ['destruction', 1],
      ['intake', 1],
    ]);
  });

  it('gives the same marks whatever order the points come in', () => {
    const forward = clusterPoints([gradina, gradinaStore, pristina, destroyedAtGradina], 5, 40);
    const backward = clusterPoints([destroyedAtGradina, pristina, gradinaStore, gradina], 5, 40);
    expect(backward).toEqual(forward);
    expect(new Set(forward.map((cluster) => cluster.key)).size).toBe(forward.length);
  });

  it('counts every point once, however many there are', () => {
    const many = Array.from({ length: 2000 }, (_, index) =>
      point(
        `p${String(index).padStart(4, '0')}`,
        'site',
        19 + (index % 50) * 0.1,
        41 + Math.floor(index / 50) * 0.1,
      ),
    );
    const clusters = clusterPoints(many, 6, 30);
    expect(clusters.reduce((sum, cluster) => sum + cluster.points.length, 0)).toBe(2000);
    expect(clusters.length).toBeLessThan(2000);
  });
});
