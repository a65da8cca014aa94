import { describe, expect, it } from 'vitest';
import {
  defaultRoute,
  routeFromHash,
  routes,
  subpathFromHash,
} from '../../../../renderer/app/routes.ts';

describe('routeFromHash', () => {
  it('lists the app areas in navigation order, starting with records', () => {
    expect([...routes]).toStrictEqual([
      'records',
      'items',
      'custody',
      'tracing',
      'places',
      'dashboard',
      'reports',
      'sync',
      'settings',
      'about',
    ]);
    expect(defaultRoute).toBe('records');
  });

  it.each(routes)('maps #/%s to its route, with or without the slash', (route) => {
    expect(routeFromHash(`#/${route}`)).toBe(route);
    expect(routeFromHash(`#${route}`)).toBe(route);
  });

  it.each([
    ['no hash', ''],
    ['a bare #', '#'],
    ['#/', '#/'],
    ['an unknown area', '#/admin'],
    ['a route with a query', '#/settings?tab=1'],
    ['a route in another case', '#/Settings'],
    ['a double slash', '#//settings'],
    ['an inherited property name', '#/constructor'],
    ['another inherited name', '#/toString'],
    ['__proto__', '#/__proto__'],
    ['a hash without #', '/settings'],
    ['script-looking text', '#/<img src=x onerror=alert(1)>'],
  ])('falls back to the default route for %s (%j)', (_label, hash) => {
    expect(routeFromHash(hash)).toBe(defaultRoute);
  });
});

describe('areas with pages inside them', () => {
  it('takes the first segment as the area', () => {
    expect(routeFromHash('#/records/0190f0e0-0000-7000-8000-000000000003')).toBe('records');
    expect(routeFromHash('#/settings/')).toBe('settings');
  });

  it('gives the rest of the hash to the area, decoded', () => {
    expect(subpathFromHash('#/records/abc/history')).toEqual(['abc', 'history']);
    expect(subpathFromHash('#/records/')).toEqual([]);
    expect(subpathFromHash('#/records/new%20one')).toEqual(['new one']);
    expect(subpathFromHash('#/places/locations/new?type=storage_site')).toEqual([
      'locations',
      'new',
    ]);
    expect(subpathFromHash('#/records/bad%E0%A4%A')).toEqual(['bad%E0%A4%A']);
  });
});
