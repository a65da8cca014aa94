import { useCallback, useEffect, useState } from 'react';
import type { Location } from '../../../shared/domain/location.ts';
import { api } from '../../api.ts';

export interface LocationsState {
  readonly locations: readonly Location[] | null;
  readonly error: unknown;
  reload(): Promise<void>;
}

function sorted(list: readonly Location[]): Location[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name));
}

/** The locations main knows, sorted by name; `reload` after adding one. */
export function useLocations(): LocationsState {
  const [locations, setLocations] = useState<readonly Location[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setLocations(sorted(await api().listLocations()));
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, []);
  useEffect(() => {
    let live = true;
    api()
      .listLocations()
      .then(
        (list) => live && setLocations(sorted(list)),
        (caught: unknown) => live && setError(caught),
      );
    return () => {
      live = false;
    };
  }, []);
  return { locations, error, reload };
}
