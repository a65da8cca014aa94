import { useCallback, useEffect, useState } from 'react';

export interface Countdown {
  /** Whole seconds left; 0 when nothing is being waited for. */
  readonly secondsLeft: number;
  /** True once a wait has run out (until the next one starts). */
  readonly finished: boolean;
  start(seconds: number): void;
}

/**
 * Counts down the wait main imposes after wrong secrets. Ticks against the clock, not by counting
 * intervals, so a throttled background tab still shows the right number when it wakes up.
 */
export function useCountdown(initialSeconds: number): Countdown {
  const [until, setUntil] = useState(() =>
    initialSeconds > 0 ? Date.now() + initialSeconds * 1000 : 0,
  );
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (until === 0) return;
    const timer = setInterval(() => {
      const time = Date.now();
      setNow(time);
      if (time >= until) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [until]);

  const start = useCallback((seconds: number) => {
    const time = Date.now();
    setNow(time);
    setUntil(seconds > 0 ? time + seconds * 1000 : 0);
  }, []);

  const secondsLeft = until === 0 ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
  return { secondsLeft, finished: until !== 0 && secondsLeft === 0, start };
}
