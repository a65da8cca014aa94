import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePathLabel } from '../path-labels.ts';
import { focusPath } from '../paths.ts';

/**
 * Leaving the editor while some typed values are not valid (a year of 20255, notes over the
 * limit) would leave them unsaved: the draft keeps only valid values. Issue 13: such text is
 * never dropped silently. A click on any link into another page is held and the person is
 * asked, naming the fields; staying takes them to the first one.
 *
 * Only links are held: the browser's back button and closing the window are not, and the
 * values then stay in main's unsaved backup (in memory, for this person) until the app quits.
 */
export function LeaveGuard({ unsavedPaths }: { unsavedPaths: readonly string[] }) {
  const { t } = useTranslation('records');
  const pathLabel = usePathLabel();
  const [target, setTarget] = useState<string | null>(null);
  const stayRef = useRef<HTMLButtonElement>(null);
  const holding = unsavedPaths.length > 0;

  useEffect(() => {
    if (!holding) return;
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href^="#/"]') : null;
      const href = link?.getAttribute('href');
      if (href === null || href === undefined || href === window.location.hash) return;
      event.preventDefault();
      setTarget(href);
    };
    // Capture: decided before the link's own handler or the browser's navigation.
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [holding]);

  useEffect(() => {
    if (target !== null) stayRef.current?.focus();
  }, [target]);

  // Fixed meanwhile: nothing left to warn about.
  if (target === null || unsavedPaths.length === 0) return null;
  const fields = unsavedPaths.map(pathLabel).join(', ');
  return (
    <div className="notice notice--warning" role="alertdialog" aria-labelledby="leave-question">
      <p id="leave-question">{t('editor.leaveQuestion', { count: unsavedPaths.length, fields })}</p>
      <div className="actions actions--tight">
        <button
          ref={stayRef}
          type="button"
          className="button button--small button--primary"
          onClick={() => {
            setTarget(null);
            const first = unsavedPaths[0];
            if (first !== undefined) focusPath(first);
          }}
        >
          {t('editor.leaveStay')}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            setTarget(null);
            window.location.hash = target;
          }}
        >
          {t('editor.leaveAnyway')}
        </button>
      </div>
    </div>
  );
}
