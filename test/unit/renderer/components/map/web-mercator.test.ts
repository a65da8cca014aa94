import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitCamera,
  lonLatToScreen,
  maxLatitude,
  metresPerPixel,
  project,
  screenToLonLat,
  unproject,
} from '../../../../../renderer/components/map/web-mercator.ts';

describe('Web Mercator for the SVG view', () => {
  it('puts the world in 256 pixels at zoom 0, doubling each zoom', () => {
    expect(project(-180, 0, 0)).toEqual({ x: 0, y: 128 });
    expect(project(0, 0, 1)).toEqual({ x: 256, y: 256 });
    expect(project(180, maxLatitude, 0).x).toBe(256);
    expect(project(0, maxLatitude, 0).y).toBeCloseTo(0, 6);
    // Past the Mercator limit a latitude is held at the edge, not sent to infinity.
    expect(project(0, 90, 0).y).toBeCloseTo(0, 6);
  });

  it('goes back to the same degrees it came from', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -85, max: 85, noNaN: true }),
        fc.double({ min: 0, max: 12, noNaN: true }),
        (lon, lat, zoom) => {
          const { x, y } = project(lon, lat, zoom);
          const back = unproject(x, y, zoom);
          expect(back.lon).toBeCloseTo(lon, 6);
          expect(back.lat).toBeCloseTo(lat, 6);
        },
      ),
    );
  });

  it('maps the screen to degrees and back around a camera', () => {
    const camera = { lon: 20.5, lat: 43, zoom: 5 };
    expect(screenToLonLat(400, 200, camera, 800, 400)).toEqual({
      lon: expect.closeTo(20.5, 9) as number,
      lat: expect.closeTo(43, 9) as number,
    });
    const east = screenToLonLat(500, 100, camera, 800, 400);
    expect(east.lon).toBeGreaterThan(20.5);
    expect(east.lat).toBeGreaterThan(43);
    const screen = lonLatToScreen(east.lon, east.lat, camera, 800, 400);
    expect(screen.x).toBeCloseTo(500, 6);
    expect(screen.y).toBeCloseTo(100, 6);
  });

  it('gives the ground size of a pixel, smaller at higher latitudes and zooms', () => {
    // About 156 km at the equator at zoom 0, a quarter at zoom 2, half at 60°.
    expect(metresPerPixel(0, 0)).toBeCloseTo(156_543, -1);
    expect(metresPerPixel(0, 2)).toBeCloseTo(156_543 / 4, -1);
    expect(metresPerPixel(60, 0)).toBeCloseTo(156_543 / 2, -1);
  });

  it('fits a camera around positions, no closer than asked', () => {
    expect(fitCamera([], 800, 400, { paddingPx: 40, minZoom: 1, maxZoomToFit: 6 })).toBe(undefined);
    const one = fitCamera([{ lon: 22.87, lat: 43.03 }], 800, 400, {
      paddingPx: 40,
      minZoom: 1,
      maxZoomToFit: 6,
    });
    expect(one).toEqual({
      lon: expect.closeTo(22.87, 6) as number,
      lat: expect.closeTo(43.03, 6) as number,
      zoom: 6,
    });
    const places = [
      { lon: 19.26, lat: 42.44 }, // Podgorica
      { lon: 21.43, lat: 42.0 }, // Skopje
      { lon: 20.46, lat: 44.82 }, // Belgrade
    ];
    const region = fitCamera(places, 800, 400, { paddingPx: 40, minZoom: 1, maxZoomToFit: 8 });
    if (region === undefined) throw new Error('no camera');
    for (const place of places) {
      const at = lonLatToScreen(place.lon, place.lat, region, 800, 400);
      expect(at.x).toBeGreaterThanOrEqual(39.999);
      expect(at.x).toBeLessThanOrEqual(760.001);
      expect(at.y).toBeGreaterThanOrEqual(39.999);
      expect(at.y).toBeLessThanOrEqual(360.001);
    }
  });
});
