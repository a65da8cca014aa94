import { useEffect } from 'react';

/** How long a page may take to show its heading (a record loads from main first). */
const waitFrames = 60;

/**
 * After moving to another page, a keyboard or screen-reader user would be left on nothing when
 * the control they used is gone (New record, Finalise, Delete): the focus falls to the body and
 * the next Tab starts at the top of the window. Then the new page's heading takes the focus, so
 * it is announced and Tab continues from it. Focus that is still on a control (a navigation link,
 * a field being typed in while the address changes after a first save) is left where it is.
 */
export function useFocusAfterNavigation(): void {
  useEffect(() => {
    let frame = 0;
    const onHashChange = () => {
      cancelAnimationFrame(frame);
      let left = waitFrames;
      // Watched for a while, not only at the first frame: the old page may still be up then, with
      // the pressed control (Finalise) on it, dropping the focus only when it is torn down. The
      // watch ends as soon as the person puts the focus anywhere else.
      let watched = document.activeElement;
      const tryFocus = () => {
        left -= 1;
        const active = document.activeElement;
        const dropped = active === null || active === document.body || !active.isConnected;
        if (!dropped && active !== watched) return;
        const heading = dropped ? document.querySelector<HTMLElement>('#main-content h1') : null;
        if (heading !== null) {
          heading.tabIndex = -1;
          // Without scrolling: a page keeps where it is (the editor's address changes under it).
          heading.focus({ preventScroll: true });
          // The old page's heading may be the one found: the watch goes on until it stays.
          watched = heading;
        }
        if (left > 0) frame = requestAnimationFrame(tryFocus);
      };
      frame = requestAnimationFrame(tryFocus);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('hashchange', onHashChange);
    };
  }, []);
}
