import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AuditVerification,
  DatabaseCheckStatus,
  SealVerification,
} from '../../../shared/ipc/procedures/integrity.ts';
import { api } from '../../api.ts';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { useFormatters } from '../records/format.ts';

/** How often the section asks again while the background check of the file is running. */
const POLL_MS = 1_000;

/**
 * Is the evidence on this laptop as SALW Field wrote it? Two answers: SQLite's check of every
 * page of the database file (run in the background after each unlock, or now on request), and the
 * audit chain, where an entry edited, removed or re-linked outside the app breaks the hashes.
 */
export function IntegritySection() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const titleId = useId();
  const [database, setDatabase] = useState<DatabaseCheckStatus | null>(null);
  const [auditChain, setAuditChain] = useState<AuditVerification | null>(null);
  const [seals, setSeals] = useState<SealVerification | null>(null);
  const [checking, setChecking] = useState(false);
  // The error itself, put into words at render: in the language shown now.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);

  const refresh = useCallback(
    () =>
      api()
        .getDatabaseCheck()
        .then(setDatabase, (error: unknown) => setFailure({ error })),
    [],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The check after unlock may still be running when the section opens: follow it to its end.
  useEffect(() => {
    if (database?.state !== 'checking' || checking) return;
    const timer = setTimeout(() => void refresh(), POLL_MS);
    return () => clearTimeout(timer);
  }, [database, checking, refresh]);

  const checkNow = async () => {
    if (checking) return;
    setChecking(true);
    setFailure(null);
    try {
      const result = await api().checkIntegrity();
      setDatabase(result.database);
      setAuditChain(result.auditChain);
      setSeals(result.seals);
    } catch (error) {
      setFailure({ error });
    } finally {
      setChecking(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby={titleId} aria-busy={checking}>
      <h2 id={titleId}>{t('settings.integrity.title')}</h2>
      <p className="field__hint">{t('settings.integrity.hint')}</p>
      {/* Polite: a screen reader hears the verdicts when a check ends, not only the busy state. */}
      <dl className="facts facts--compact" aria-live="polite">
        <div className="facts__row">
          <dt>{t('settings.integrity.databaseFile')}</dt>
          <dd data-testid="database-check">
            {checking ? t('settings.integrity.checking') : <DatabaseCheckText status={database} />}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('settings.integrity.auditHistory')}</dt>
          <dd data-testid="audit-check">
            {checking ? (
              t('settings.integrity.checking')
            ) : (
              <AuditChainText verification={auditChain} />
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('settings.integrity.seals')}</dt>
          <dd data-testid="seal-check">
            {checking ? t('settings.integrity.checking') : <SealsText verification={seals} />}
          </dd>
        </div>
      </dl>
      {seals !== null && seals.broken.length > 0 && (
        <p className="notice notice--error" role="alert">
          {t('settings.integrity.sealsBrokenAdvice')}
        </p>
      )}
      {auditChain?.ok === false && (
        <p className="notice notice--error" role="alert">
          {t('settings.integrity.auditBrokenAdvice')}
        </p>
      )}
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {errorText(failure.error)}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button"
          // Not `disabled`: a disabled button drops the keyboard focus to the page's start.
          aria-disabled={checking}
          aria-busy={checking}
          onClick={() => void checkNow()}
        >
          {checking ? t('settings.integrity.checking') : t('settings.integrity.checkNow')}
        </button>
      </div>
    </section>
  );
}

/** The sealed custody records: all as sealed, or which ones no longer match their seal. */
function SealsText({ verification }: { verification: SealVerification | null }) {
  const { t } = useTranslation();
  if (verification === null) return t('settings.integrity.auditNotChecked');
  if (verification.checked === 0) return t('settings.integrity.sealsNone');
  if (verification.broken.length === 0) {
    return t('settings.integrity.sealsOk', { count: verification.checked });
  }
  return (
    <>
      {t('settings.integrity.sealsBroken', { count: verification.broken.length })}
      <ul>
        {verification.broken.map((broken) => (
          <li key={broken.id}>
            <a href={`#/custody/records/${broken.id}`}>{broken.id}</a>{' '}
            {t(`settings.integrity.sealProblem.${broken.problem}`)}
          </li>
        ))}
      </ul>
    </>
  );
}

function DatabaseCheckText({ status }: { status: DatabaseCheckStatus | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (status === null) return null;
  switch (status.state) {
    case 'not_checked':
      return t('settings.integrity.databaseNotChecked');
    case 'checking':
      return t('settings.integrity.databaseChecking', { since: format.dateTime(status.since) });
    case 'ok':
      return t('settings.integrity.databaseOk', { at: format.dateTime(status.checkedAt) });
    // Damage locks the data at once; the unlock screen then says what it means and what to do.
    case 'damaged':
      return t('settings.integrity.databaseDamaged', { at: format.dateTime(status.checkedAt) });
    case 'could_not_check':
      return t('settings.integrity.databaseCouldNotCheck', { at: format.dateTime(status.at) });
    case 'stopped':
      return t('settings.integrity.databaseStopped', { at: format.dateTime(status.at) });
  }
}

const brokenText = {
  edited: 'settings.integrity.auditEdited',
  missing: 'settings.integrity.auditMissing',
  relinked: 'settings.integrity.auditRelinked',
} as const;

function AuditChainText({ verification }: { verification: AuditVerification | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (verification === null) return t('settings.integrity.auditNotChecked');
  if (verification.ok) {
    return t('settings.integrity.auditOk', {
      count: verification.entries,
      entries: format.number(verification.entries),
    });
  }
  const broken = t(brokenText[verification.reason], {
    entry: format.number(verification.brokenAt),
  });
  // Nothing to say of the entries before the first one.
  if (verification.entries === 0) return broken;
  const intact = t('settings.integrity.auditIntactBefore', {
    count: verification.entries,
    intact: format.number(verification.entries),
  });
  return `${broken} ${intact}`;
}
