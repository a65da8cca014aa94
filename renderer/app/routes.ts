/** The areas of the app, in navigation order; the hash (`#/settings`) selects one. */
export const routes = [
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
] as const;
export type Route = (typeof routes)[number];
export const defaultRoute: Route = 'records';

/** The area is the first segment: `#/records/<id>` is still the Records area. */
export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (routes as readonly string[]).includes(name) ? (name as Route) : defaultRoute;
}

/** What follows the area in the hash, for an area's own pages: `#/records/abc` → ['abc']. */
export function subpathFromHash(hash: string): string[] {
  // A query (`#/places/locations/new?type=storage_site`) is the page's to read, not a segment.
  return (hash.replace(/^#\/?/, '').split('?')[0] ?? '')
    .split('/')
    .slice(1)
    .filter((segment) => segment !== '')
    .map((segment) => {
      // A malformed escape typed by hand must not break routing: keep it as typed.
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}
