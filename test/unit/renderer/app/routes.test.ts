import { describe, expect, it } from 'vitest';
import { defaultRoute, routeFromHash, routes } from '../../../../renderer/app/routes.ts';

describe('routeFromHash', () => {
  it('lists the app areas in navigation order, starting with records', () => {
    expect([...routes]).toStrictEqual(['records', 'dashboard', 'sync', 'settings', 'about']);
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
    ['a route with a sub-path', '#/settings/advanced'],
    ['a route with a query', '#/settings?tab=1'],
    ['a route in another case', '#/Settings'],
    ['a route with a trailing slash', '#/settings/'],
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
