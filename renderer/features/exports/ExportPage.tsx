import { ReviewFilterSelect } from '../../components/ReviewFilterSelect.tsx';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  exportFormats,
  type ExportFormat,
  type ExportJob,
  type ExportOptions,
} from '../../../shared/ipc/procedures/exports.ts';
import { api } from '../../api.ts';
import { useCurrentUser } from '../../app/SessionProvider.tsx';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { useFormatters } from '../records/format.ts';
import './exports.css';

/** How often the page asks main how far the export is. */
const pollMs = 250;
/** Roles that may export personal data (main checks it again). */
const personalDataRoles: ReadonlySet<string> = new Set(['administrator', 'team_lead']);

/** The folder an export was written in: its path without the file's name. */
function folderOf(job: ExportJob): string {
  const folder = job.path.endsWith(job.fileName)
    ? job.path.slice(0, job.path.length - job.fileName.length)
    : job.path;
  return folder.length > 1 ? folder.replace(/[\\/]$/, '') : folder;
}

/**
 * `#/records/export`: everything the laptop holds, as XLSX, a zip of CSVs or GeoJSON (issue 16).
 * Main asks where to save (the desktop's save dialog), writes as it reads, and records the export
 * in the audit log; this page follows it with a progress bar and may cancel it.
 */
export function ExportPage() {
  const { t } = useTranslation(['records', 'review']);
  const user = useCurrentUser();
  const errorText = useErrorText();
  const format = useFormatters();
  const [options, setOptions] = useState<ExportOptions>({
    format: 'xlsx',
    finalOnly: true,
    includePersonalData: false,
    includePhotos: false,
  });
  const [job, setJob] = useState<ExportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notChosen, setNotChosen] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const progressBar = useRef<HTMLProgressElement>(null);
  const formatName = useId();
  const reviewId = useId();
  const mayExportPersonal = personalDataRoles.has(user.role);
  const running = job?.state === 'running';

  // Follows a running export until it ends.
  useEffect(() => {
    if (job?.state !== 'running') return;
    const timer = setTimeout(() => {
      void api()
        .getExport({ jobId: job.jobId })
        .then(setJob)
        .catch((failure: unknown) => setError(errorText(failure)));
    }, pollMs);
    return () => clearTimeout(timer);
  }, [job, errorText]);

  // Focus follows the export: to its progress once started (the Export button it was on is
  // disabled), to its result once it ends, so the keyboard and a screen reader are never lost.
  const jobId = job?.jobId;
  const jobState = job?.state;
  useEffect(() => {
    if (jobState === 'running') progressBar.current?.focus();
    else if (jobState !== undefined) resultHeading.current?.focus();
  }, [jobId, jobState]);

  const start = async () => {
    setError(null);
    setNotChosen(false);
    try {
      const started = await api().startExport(options);
      if (started === null) setNotChosen(true);
      setJob(started);
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  const cancel = async () => {
    if (job === null) return;
    try {
      setJob(await api().cancelExport({ jobId: job.jobId }));
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  const set = (change: Partial<ExportOptions>) => setOptions((now) => ({ ...now, ...change }));
  const totalRows = job === null ? 0 : Object.values(job.rows).reduce((sum, n) => sum + n, 0);

  return (
    <section aria-labelledby="export-title" className="export-page">
      <p className="back">
        <a href="#/records">{t('editor.back')}</a>
      </p>
      <div className="page-head">
        <h1 id="export-title">{t('export.title')}</h1>
      </div>

      <div className="card stack">
        <p>{t('export.intro')}</p>
        <fieldset className="field" disabled={running}>
          <legend>{t('export.format')}</legend>
          {exportFormats.map((value: ExportFormat) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={formatName}
                value={value}
                checked={options.format === value}
                onChange={() => set({ format: value })}
              />
              <span>
                {t(`export.formats.${value}`)}
                <span className="field__hint export-page__format-hint">
                  {t(`export.formatHints.${value}`)}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="field" disabled={running}>
          <legend>{t('export.include')}</legend>
          <label className="choice">
            <input
              type="checkbox"
              checked={options.finalOnly}
              onChange={(event) => set({ finalOnly: event.target.checked })}
            />
            <span>{t('export.finalOnly')}</span>
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={options.includePersonalData}
              disabled={!mayExportPersonal}
              aria-describedby="export-personal-hint"
              onChange={(event) => set({ includePersonalData: event.target.checked })}
            />
            <span>{t('export.personalData')}</span>
          </label>
          <p id="export-personal-hint" className="field__hint">
            {mayExportPersonal ? t('export.personalDataHint') : t('export.personalDataNotAllowed')}
          </p>
          <label className="choice">
            <input
              type="checkbox"
              checked={options.includePhotos && options.format === 'csv_zip'}
              disabled={options.format !== 'csv_zip'}
              onChange={(event) => set({ includePhotos: event.target.checked })}
            />
            <span>{t('export.photos')}</span>
          </label>
        </fieldset>
        <ReviewFilterSelect
          id={reviewId}
          value={options.reviewState}
          disabled={running}
          onChange={(reviewState) => set({ reviewState })}
          words={{
            label: t('review:filter.label'),
            any: t('review:filter.any'),
            standing: (value) => t(`review:standing.${value}`),
            hint: t('review:filter.exportHint'),
          }}
        />
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            disabled={running}
            onClick={() => void start()}
          >
            {t('export.start')}
          </button>
        </div>
      </div>

      {notChosen && (
        <p className="notice" role="status">
          {t('export.notChosen')}
        </p>
      )}
      {error !== null && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}

      {job !== null && running && (
        <div className="card export-page__progress">
          <p role="status">{t('export.writing', { file: job.fileName })}</p>
          <progress
            ref={progressBar}
            tabIndex={-1}
            max={Math.max(job.total, 1)}
            value={job.done}
            aria-label={t('export.writing', { file: job.fileName })}
          />
          <div className="actions">
            <button type="button" className="button" onClick={() => void cancel()}>
              {t('export.cancel')}
            </button>
          </div>
        </div>
      )}

      {job !== null && !running && (
        <section className="card" aria-labelledby="export-result">
          <h2 id="export-result" ref={resultHeading} tabIndex={-1}>
            {t(`export.result.${job.state}`)}
          </h2>
          {job.state === 'done' && (
            <>
              <p>
                {t('export.savedTo')} <span className="mono export-page__path">{job.path}</span>
              </p>
              <p>
                {t('export.rowsWritten', {
                  rows: format.number(totalRows),
                  tables: format.number(Object.keys(job.rows).length),
                })}
                {job.draftsLeftOut > 0 &&
                  ` ${t('export.draftsLeftOut', { count: job.draftsLeftOut, n: format.number(job.draftsLeftOut) })}`}
                {job.photos > 0 &&
                  ` ${t('export.photosWritten', { n: format.number(job.photos) })}`}
              </p>
              <details>
                <summary>{t('export.perTable')}</summary>
                <table className="export-page__tables">
                  <thead>
                    <tr>
                      <th scope="col">{t('export.table')}</th>
                      <th scope="col">{t('export.rows')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(job.rows).map(([table, rows]) => (
                      <tr key={table}>
                        <td className="mono">{table}</td>
                        <td>{format.number(rows)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </>
          )}
          {job.state === 'cancelled' && <p>{t('export.cancelledText')}</p>}
          {job.state === 'failed' && (
            <>
              <p className="export-page__failure">
                {t(`export.failure.${job.failure ?? 'other'}`, {
                  folder: folderOf(job),
                  file: job.fileName,
                })}
              </p>
              <p>{t('export.failedText')}</p>
            </>
          )}
        </section>
      )}
    </section>
  );
}
