import { useEffect, useState } from 'react';
import { routeFromHash, subpathFromHash, type Route } from './routes.ts';

function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

/** Hash routing: the app is served as one file from app://, so there is no server to route paths. */
export function useHashRoute(): Route {
  return routeFromHash(useHash());
}

/** The segments after the area (`#/records/<id>` → [id]), for pages inside an area. */
export function useHashSubpath(): string[] {
  return subpathFromHash(useHash());
}
