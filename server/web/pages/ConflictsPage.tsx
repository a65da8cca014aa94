import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ConflictListSchema,
  consoleRoutes,
  OkResponseSchema,
} from '../../../shared/console/api.ts';
import { consoleApi } from '../api-client.ts';
import { useMay } from '../app/session-context.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { timeText } from '../parts/time-text.ts';
import { useLoad } from '../parts/use-load.ts';
import { useSubmit } from '../parts/use-submit.ts';

/** A stored value as a person reads it: text as is, anything else as compact JSON. */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Conflicts and rejected changes from the laptops; marking one resolved is audited. */
export function ConflictsPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const mayResolve = useMay('conflicts.resolve');
  const [showAll, setShowAll] = useState(false);
  const load = useCallback(
    () =>
      consoleApi.get(
        `${consoleRoutes.conflicts}?show=${showAll ? 'all' : 'open'}`,
        ConflictListSchema,
      ),
    [showAll],
  );
  const { data, error, reload } = useLoad(load);
  const resolve = useSubmit();
  const when = (iso: string) => timeText(i18n.language, iso, '');
  const resolveAt = (path: string) =>
    void resolve.run(async () => {
      await consoleApi.post(path, OkResponseSchema);
      reload();
    });
  const resolvedOr = (resolvedAt: string | null, path: string) =>
    resolvedAt !== null
      ? t('conflicts.resolved', { time: when(resolvedAt) })
      : mayResolve && (
          <button
            type="button"
            className="button"
            disabled={resolve.busy}
            onClick={() => resolveAt(path)}
          >
            {t('conflicts.resolve')}
          </button>
        );

  return (
    <>
      <h1>{t('conflicts.title')}</h1>
      <p>{t('conflicts.intro')}</p>
      <div className="choice">
        <input
          id={`${id}-all`}
          type="checkbox"
          checked={showAll}
          onChange={(event) => setShowAll(event.target.checked)}
        />
        <label htmlFor={`${id}-all`}>{t('conflicts.showAll')}</label>
      </div>
      <ErrorNotice error={error ?? resolve.error} />
      <section className="console-section" aria-labelledby={`${id}-conflicts`}>
        <h2 id={`${id}-conflicts`}>{t('conflicts.conflictsTitle')}</h2>
        {data?.conflicts.length === 0 && <p>{t('conflicts.noConflicts')}</p>}
        {data !== null && data.conflicts.length > 0 && (
          <div className="console-table-wrap">
            <table className="console-table">
              <thead>
                <tr>
                  <th scope="col">{t('conflicts.record')}</th>
                  <th scope="col">{t('conflicts.field')}</th>
                  <th scope="col">{t('conflicts.device')}</th>
                  <th scope="col">{t('conflicts.deviceValue')}</th>
                  <th scope="col">{t('conflicts.serverValue')}</th>
                  <th scope="col">{t('conflicts.when')}</th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {data.conflicts.map((conflict) => (
                  <tr key={conflict.id}>
                    <td>{conflict.recordId}</td>
                    <td>{conflict.field}</td>
                    <td>{conflict.deviceName ?? t('conflicts.unknownDevice')}</td>
                    <td>{valueText(conflict.deviceValue)}</td>
                    <td>{valueText(conflict.serverValue)}</td>
                    <td>{when(conflict.createdAt)}</td>
                    <td>
                      {resolvedOr(conflict.resolvedAt, consoleRoutes.resolveConflict(conflict.id))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="console-section" aria-labelledby={`${id}-rejected`}>
        <h2 id={`${id}-rejected`}>{t('conflicts.rejectedTitle')}</h2>
        {data?.rejected.length === 0 && <p>{t('conflicts.noRejected')}</p>}
        {data !== null && data.rejected.length > 0 && (
          <div className="console-table-wrap">
            <table className="console-table">
              <thead>
                <tr>
                  <th scope="col">{t('conflicts.device')}</th>
                  <th scope="col">{t('conflicts.change')}</th>
                  <th scope="col">{t('conflicts.record')}</th>
                  <th scope="col">{t('conflicts.reason')}</th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {data.rejected.map((rejected) => (
                  <tr key={`${rejected.deviceId}-${String(rejected.mutationId)}`}>
                    <td>{rejected.deviceName ?? t('conflicts.unknownDevice')}</td>
                    <td>{rejected.mutationId}</td>
                    <td>{rejected.recordId ?? '—'}</td>
                    <td>
                      {t(`conflicts.reasons.${rejected.reason ?? 'other'}`)}
                      {rejected.message !== null && ` ${rejected.message}`}
                    </td>
                    <td>
                      {resolvedOr(
                        rejected.resolvedAt,
                        consoleRoutes.resolveRejected(rejected.deviceId, rejected.mutationId),
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
