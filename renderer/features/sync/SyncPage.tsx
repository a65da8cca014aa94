import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/ipc/procedures/sync.ts';
import { api } from '../../api.ts';
import { useSync } from '../../app/SyncProvider.tsx';
import { ErrorMessage, FailureText, useErrorText } from '../../components/ErrorMessage.tsx';
import { useFormatters } from '../records/format.ts';
import { SyncIssues } from './SyncIssues.tsx';
import { WhenText } from './WhenText.tsx';
import { errorKindKey, headlineTone, syncHeadline } from './sync-words.ts';
import './sync.css';

/** `#/sync`: where this laptop stands with the server, what is waiting, and what needs a decision. */
export function SyncPage() {
  const { t } = useTranslation('sync');
  const { status, loadError, reload } = useSync();
  return (
    <section aria-labelledby="sync-title" className="sync-page">
      <h1 id="sync-title">{t('title')}</h1>
      {status === null && loadError !== null && (
        <>
          <ErrorMessage error={loadError} />
          <button type="button" className="button" onClick={reload}>
            {t('retry')}
          </button>
        </>
      )}
      {status === null && loadError === null && (
        <p className="field__hint" role="status">
          {t('loading')}
        </p>
      )}
      {status !== null && <SyncOverview status={status} />}
    </section>
  );
}

function SyncOverview({ status }: { status: SyncStatus }) {
  const { t } = useTranslation('sync');
  const enrolled = status.phase !== 'not_enrolled';
  return (
    <>
      {status.staleWarning && status.oldestPendingAt !== null && (
        <div className="notice notice--warning sync-stale" role="alert">
          <p className="sync-stale__title">{t('stale.title')}</p>
          <p>{t('stale.body', { count: status.pendingChanges })}</p>
          <p className="sync-stale__since">
            {t('stale.oldest')} <WhenText iso={status.oldestPendingAt} />
          </p>
        </div>
      )}
      <StatusCard status={status} />
      <WaitingCard status={status} />
      {enrolled && <SyncIssues status={status} />}
    </>
  );
}

function StatusCard({ status }: { status: SyncStatus }) {
  const { t } = useTranslation('sync');
  const { applyStatus } = useSync();
  const errorText = useErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const [requested, setRequested] = useState(false);
  const headline = syncHeadline(status);
  const running = status.phase === 'syncing' || requested;
  const canSync = status.phase !== 'not_enrolled' && status.phase !== 'revoked';

  const syncNow = async () => {
    // The button stays focusable while a round runs (a disabled button would drop the focus);
    // a second press joins the running round anyway.
    if (running) return;
    setFailure(null);
    setRequested(true);
    try {
      applyStatus(await api().syncNow());
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setRequested(false);
    }
  };

  return (
    <section
      className={`card sync-status sync-status--${headlineTone[headline]}`}
      aria-labelledby="sync-status-title"
    >
      <h2 id="sync-status-title" className="visually-hidden">
        {t('statusHeading')}
      </h2>
      <div role="status" aria-live="polite" className="sync-status__headline">
        <p className="sync-status__phase" data-testid="sync-phase">
          {t(`headline.${headline}`)}
        </p>
        <p className="sync-status__explain">{t(`explain.${headline}`)}</p>
      </div>

      {status.phase === 'not_enrolled' ? (
        <p>
          <a href="#/settings">{t('enrollInSettings')}</a>
        </p>
      ) : (
        <>
          {status.phase === 'revoked' && (
            <p>
              <a href="#/settings">{t('enrollAgainInSettings')}</a>
            </p>
          )}
          <dl className="facts sync-facts">
            {status.serverUrl !== null && (
              <>
                <dt>{t('server')}</dt>
                <dd className="mono">{status.serverUrl}</dd>
              </>
            )}
            {status.deviceName !== null && (
              <>
                <dt>{t('device')}</dt>
                <dd>{status.deviceName}</dd>
              </>
            )}
            <dt>{t('lastSuccess')}</dt>
            <dd data-testid="last-success">
              {status.lastSuccessAt === null ? t('never') : <WhenText iso={status.lastSuccessAt} />}
            </dd>
            {status.lastError !== null && (
              <>
                <dt>{t('lastError')}</dt>
                <dd data-testid="last-error">
                  {t(errorKindKey[status.lastError.kind])}
                  <span className="muted sync-when-line">
                    <WhenText iso={status.lastError.at} />
                  </span>
                </dd>
              </>
            )}
            {status.nextAttemptAt !== null && status.phase !== 'syncing' && (
              <>
                <dt>{t('nextAttempt')}</dt>
                <dd>
                  <NextAttempt iso={status.nextAttemptAt} />
                </dd>
              </>
            )}
          </dl>
        </>
      )}

      {status.progress !== null && <SyncProgress progress={status.progress} />}

      {canSync && (
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            aria-disabled={running}
            onClick={() => void syncNow()}
          >
            {running ? t('syncing') : t('syncNow')}
          </button>
          <span aria-live="polite" className="actions__status">
            <FailureText failure={failure} />
          </span>
        </div>
      )}
    </section>
  );
}

function NextAttempt({ iso }: { iso: string }) {
  const format = useFormatters();
  return <time dateTime={iso}>{format.dateTime(iso)}</time>;
}

const stepKeys = {
  push: 'progress.push',
  pull: 'progress.pull',
  photos: 'progress.photos',
  photoDownloads: 'progress.photoDownloads',
} as const;

function SyncProgress({ progress }: { progress: NonNullable<SyncStatus['progress']> }) {
  const { t } = useTranslation('sync');
  const format = useFormatters();
  const label = t(stepKeys[progress.step]);
  const known = progress.total !== null && progress.total > 0;
  const valueText = known
    ? t('progress.doneOfTotal', {
        done: format.number(progress.done),
        total: format.number(progress.total ?? 0),
      })
    : t('progress.done', { done: format.number(progress.done) });
  const percent = known ? Math.min(100, (progress.done / (progress.total ?? 1)) * 100) : null;
  return (
    <div className="sync-progress">
      <p className="sync-progress__label" id="sync-progress-label">
        {label} <span className="muted">{valueText}</span>
      </p>
      <div
        role="progressbar"
        aria-labelledby="sync-progress-label"
        aria-valuemin={0}
        aria-valuemax={known ? (progress.total ?? undefined) : undefined}
        aria-valuenow={known ? progress.done : undefined}
        aria-valuetext={valueText}
        className={`sync-progress__bar${percent === null ? ' sync-progress__bar--indeterminate' : ''}`}
      >
        <div
          className="sync-progress__fill"
          style={percent === null ? undefined : { inlineSize: `${percent}%` }}
        />
      </div>
    </div>
  );
}

function WaitingCard({ status }: { status: SyncStatus }) {
  const { t } = useTranslation('sync');
  const format = useFormatters();
  const rows = [
    { key: 'changes', label: t('waiting.changes'), value: status.pendingChanges },
    { key: 'records', label: t('waiting.records'), value: status.pendingRecords },
    { key: 'photos', label: t('waiting.photos'), value: status.pendingPhotos },
  ];
  return (
    <section className="card" aria-labelledby="sync-waiting-title">
      <h2 id="sync-waiting-title">{t('waiting.title')}</h2>
      <dl className="sync-counts">
        {rows.map((row) => (
          <div key={row.key} className="sync-counts__item" data-testid={`waiting-${row.key}`}>
            <dt>{row.label}</dt>
            <dd>{format.number(row.value)}</dd>
          </div>
        ))}
      </dl>
      {status.pendingChanges > 0 && status.oldestPendingAt !== null && !status.staleWarning && (
        <p className="field__hint">
          {t('waiting.oldest')} <WhenText iso={status.oldestPendingAt} />
        </p>
      )}
      {status.phase === 'not_enrolled' && status.pendingChanges === 0 && (
        <p className="field__hint">{t('waiting.notEnrolledHint')}</p>
      )}
    </section>
  );
}
