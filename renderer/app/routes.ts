/** The areas of the app, in navigation order; the hash (`#/settings`) selects one. */
export const routes = ['records', 'dashboard', 'sync', 'settings', 'about'] as const;
export type Route = (typeof routes)[number];
export const defaultRoute: Route = 'records';

export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '');
  return (routes as readonly string[]).includes(name) ? (name as Route) : defaultRoute;
}
