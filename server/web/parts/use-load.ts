import { useCallback, useEffect, useState } from 'react';

/**
 * Data a page reads from the server: loaded on mount and whenever `load` changes, again on
 * reload(); an answer that arrives after the page moved on is dropped.
 */
export function useLoad<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(null);
      },
      (caught: unknown) => {
        if (live) setError(caught);
      },
    );
    return () => {
      live = false;
    };
  }, [load, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { data, error, reload };
}
