import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../components/ErrorMessage.tsx';
import type { SaveState } from '../draft-saver.ts';
import { useFormatters } from '../format.ts';

/**
 * "Saved 14:32", "Saving…", or what stands in the way. Routine states are shown, not announced
 * (an announcement every few seconds would drown a screen reader); problems are announced.
 */
export function SaveStatus({
  state,
  lastSavedAt,
  onRetry,
  onReload,
  onKeepMine,
  recordHref,
}: {
  state: SaveState;
  lastSavedAt: Date | null;
  onRetry: () => void;
  onReload: () => void;
  onKeepMine: () => void;
  recordHref: string;
}) {
  const { t } = useTranslation('records');
  const errorText = useErrorText();
  const format = useFormatters();
  switch (state.kind) {
    case 'idle':
      return (
        <p className="save-status" data-testid="save-status">
          {lastSavedAt === null
            ? t('save.nothingYet')
            : t('save.saved', { time: format.time(lastSavedAt) })}
        </p>
      );
    case 'pending':
      return (
        <p className="save-status" data-testid="save-status">
          {t('save.pending')}
        </p>
      );
    case 'saving':
      return (
        <p className="save-status" data-testid="save-status">
          {t('save.saving')}
        </p>
      );
    case 'saved':
      return (
        <p className="save-status save-status--ok" data-testid="save-status">
          {t('save.saved', { time: format.time(state.at) })}
          {state.leftOut > 0 && ` · ${t('save.leftOut', { count: state.leftOut })}`}
        </p>
      );
    case 'locked':
      return (
        <div className="save-status save-status--problem" role="alert" data-testid="save-status">
          <p>{t('save.locked')}</p>
        </div>
      );
    case 'conflict':
      return (
        <div className="save-status save-status--problem" role="alert" data-testid="save-status">
          <p>{t('save.conflict')}</p>
          <div className="actions actions--tight">
            <button type="button" className="button button--small" onClick={onReload}>
              {t('save.reload')}
            </button>
            <button type="button" className="button button--small" onClick={onKeepMine}>
              {t('save.keepMine')}
            </button>
          </div>
        </div>
      );
    case 'final':
      return (
        <div className="save-status save-status--problem" role="alert" data-testid="save-status">
          <p>{t('save.final')}</p>
          <a href={recordHref}>{t('save.openFinal')}</a>
        </div>
      );
    case 'failed':
      return (
        <div className="save-status save-status--problem" role="alert" data-testid="save-status">
          <p>{t('save.failed', { reason: errorText(state.error) })}</p>
          <button type="button" className="button button--small" onClick={onRetry}>
            {t('save.retry')}
          </button>
        </div>
      );
  }
}
