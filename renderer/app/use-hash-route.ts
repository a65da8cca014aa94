import { useEffect, useState } from 'react';
import { routeFromHash, type Route } from './routes.ts';

/** Hash routing: the app is served as one file from app://, so there is no server to route paths. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
