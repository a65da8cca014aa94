import { useEffect, useState } from 'react';

/** `#/devices/abc` → ['devices', 'abc']; an empty hash → []. */
export function hashSegments(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

/**
 * Hash routing, as the laptop's renderer does it: the server serves one index.html, every page
 * lives after the #, and the browser's back button works.
 */
export function useHashSegments(): string[] {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hashSegments(hash);
}

export function navigate(path: string): void {
  window.location.hash = `#/${path}`;
}
