import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditListSchema, consoleRoutes, type AuditEntry } from '../../../shared/console/api.ts';
import { consoleApi } from '../api-client.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { timeText } from '../parts/time-text.ts';
import { useLoad } from '../parts/use-load.ts';
import { useSubmit } from '../parts/use-submit.ts';

const pageSize = 100;

/** The console's own audit log, newest first, a hundred at a time. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const load = useCallback(
    async () =>
      (await consoleApi.get(`${consoleRoutes.audit}?limit=${String(pageSize)}`, AuditListSchema))
        .entries,
    [],
  );
  const { data, error } = useLoad(load);
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [exhausted, setExhausted] = useState(false);
  const more = useSubmit();
  const entries = [...(data ?? []), ...older];
  const loadMore = () =>
    void more.run(async () => {
      const last = entries.at(-1);
      if (last === undefined) return;
      const next = await consoleApi.get(
        `${consoleRoutes.audit}?limit=${String(pageSize)}&before=${last.id}`,
        AuditListSchema,
      );
      setOlder((current) => [...current, ...next.entries]);
      if (next.entries.length < pageSize) setExhausted(true);
    });

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <ErrorNotice error={error ?? more.error} />
      {data !== null && entries.length === 0 && <p>{t('audit.none')}</p>}
      {entries.length > 0 && (
        <div className="console-table-wrap">
          <table className="console-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.address')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{timeText(i18n.language, entry.at, '')}</td>
                  <td>
                    {entry.byCommandLine
                      ? t('audit.commandLine')
                      : (entry.actor ?? t('audit.nobody'))}
                  </td>
                  <td>{t(`audit.actions.${entry.action}`)}</td>
                  <td>
                    {entry.action === 'record.reviewed' && entry.target !== null ? (
                      <a href={`#/records/${encodeURIComponent(entry.target)}`}>
                        {entry.recordNumber ?? entry.target}
                      </a>
                    ) : (
                      (entry.target ?? '')
                    )}
                  </td>
                  <td>{entry.address ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data !== null && data.length === pageSize && !exhausted && (
        <p>
          <button type="button" className="button" disabled={more.busy} onClick={loadMore}>
            {t('audit.more')}
          </button>
        </p>
      )}
    </>
  );
}
