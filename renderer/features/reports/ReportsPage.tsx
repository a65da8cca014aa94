import { ReviewFilterSelect } from '../../components/ReviewFilterSelect.tsx';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../shared/domain/campaign.ts';
import type { CountryCode } from '../../../shared/domain/country-code.ts';
import type { Location } from '../../../shared/domain/location.ts';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { calendarYear, halfYear, type Period } from '../../../shared/measures/measure-filter.ts';
import type { ReviewFilter } from '../../../shared/domain/record-review.ts';
import {
  reportIds,
  type NationalReport,
  type ReportId,
} from '../../../shared/reports/national-reports.ts';
import { api } from '../../api.ts';
import { useCountryName } from '../../components/country-names.ts';
import { CampaignSelect } from '../../components/CampaignSelect.tsx';
import {
  DocumentLanguageSelect,
  useDocumentLanguage,
} from '../../components/DocumentLanguageSelect.tsx';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { jurisdictionChoices } from '../dashboard/jurisdiction-choices.ts';
import { downloadPdf } from '../records/RecordActions.tsx';
import { useFormatters } from '../records/format.ts';
import './reports.css';

const periodKinds = ['year', 'h1', 'h2'] as const;
type PeriodKind = (typeof periodKinds)[number];
const periodLabelKeys = {
  year: 'reports.wholeYear',
  h1: 'reports.firstHalf',
  h2: 'reports.secondHalf',
} as const satisfies Record<PeriodKind, string>;

function periodOf(year: number, kind: PeriodKind): Period {
  return kind === 'year' ? calendarYear(year) : halfYear(year, kind === 'h1' ? 1 : 2);
}

/**
 * `#/reports`: the national reports (issue 16) for a year or half-year, on screen as main builds
 * them (in the interface's language, from the measures), and saved as PDF or XLSX (in the
 * language asked, the interface's unless another is chosen). The campaign report is limited to
 * one campaign when one is chosen.
 */
export function ReportsPage() {
  const { t, i18n } = useTranslation(['reports', 'review']);
  const errorText = useErrorText();
  const format = useFormatters();
  const thisYear = new Date().getFullYear();
  const [reportId, setReportId] = useState<ReportId>('sdg_16_4_2');
  const [year, setYear] = useState(thisYear);
  const [periodKind, setPeriodKind] = useState<PeriodKind>('year');
  const [finalOnly, setFinalOnly] = useState(true);
  const [campaignId, setCampaignId] = useState('');
  const [campaigns, setCampaigns] = useState<readonly Campaign[]>([]);
  const [locations, setLocations] = useState<readonly Location[]>([]);
  const [jurisdiction, setJurisdiction] = useState<CountryCode | ''>('');
  const [reviewState, setReviewState] = useState<ReviewFilter | undefined>(undefined);
  const [report, setReport] = useState<NationalReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saveLanguage, setSaveLanguage] = useDocumentLanguage();
  const ids = {
    report: useId(),
    year: useId(),
    period: useId(),
    campaign: useId(),
    jurisdiction: useId(),
    review: useId(),
  };
  const country = useCountryName();

  const filter = {
    ...periodOf(year, periodKind),
    finalOnly,
    ...(jurisdiction === '' ? {} : { jurisdiction }),
    ...(reportId === 'campaign' && campaignId !== '' ? { campaignId } : {}),
    ...(reviewState === undefined ? {} : { reviewState }),
  };
  const filterKey = JSON.stringify([reportId, filter, i18n.language]);

  useEffect(() => {
    void api()
      .listCampaigns()
      .then(setCampaigns)
      .catch(() => setCampaigns([]));
    void api()
      .listLocations()
      .then(setLocations)
      .catch(() => setLocations([]));
  }, []);

  useEffect(() => {
    let current = true;
    void api()
      .getReport({ report: reportId, filter })
      .then((answer) => {
        if (!current) return;
        setError(null);
        setReport(answer);
      })
      .catch((failure: unknown) => {
        if (current) setError(errorText(failure));
      });
    return () => {
      current = false;
    };
    // The filter is rebuilt on every render; its key says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterKey, errorText]);

  const save = async (as: 'pdf' | 'xlsx') => {
    setSaved(null);
    setSaveError(null);
    try {
      const delivery = await api().saveReport({
        report: reportId,
        filter,
        format: as,
        language: saveLanguage,
      });
      if (delivery.kind === 'download') downloadPdf(delivery);
      if (delivery.kind === 'saved') setSaved(delivery.path);
    } catch (failure) {
      setSaveError(failure instanceof IpcError ? errorText(failure) : t('reports.saveFailed'));
    }
  };

  const years = Array.from({ length: 12 }, (_, n) => thisYear - n);
  return (
    <section aria-labelledby="reports-title" className="reports-page">
      <div className="page-head">
        <h1 id="reports-title">{t('reports.title')}</h1>
      </div>
      <div className="card reports-page__filters">
        <div className="field">
          <label htmlFor={ids.report}>{t('reports.report')}</label>
          <select
            id={ids.report}
            value={reportId}
            onChange={(event) => setReportId(event.target.value as ReportId)}
          >
            {reportIds.map((id) => (
              <option key={id} value={id}>
                {t(`reports.names.${id}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.year}>{t('reports.year')}</label>
          <select
            id={ids.year}
            value={year}
            onChange={(event) => setYear(Number(event.target.value))}
          >
            {years.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.period}>{t('reports.period')}</label>
          <select
            id={ids.period}
            value={periodKind}
            onChange={(event) => setPeriodKind(event.target.value as PeriodKind)}
          >
            {periodKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(periodLabelKeys[kind])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.jurisdiction}>{t('reports.jurisdiction')}</label>
          <select
            id={ids.jurisdiction}
            value={jurisdiction}
            onChange={(event) => setJurisdiction(event.target.value as CountryCode | '')}
          >
            <option value="">{t('reports.allJurisdictions')}</option>
            {jurisdictionChoices(locations, campaigns, jurisdiction || undefined).map((code) => (
              <option key={code} value={code}>
                {country(code)}
              </option>
            ))}
          </select>
        </div>
        <ReviewFilterSelect
          id={ids.review}
          value={reviewState}
          onChange={setReviewState}
          hintWhenChosen
          words={{
            label: t('review:filter.label'),
            any: t('review:filter.any'),
            standing: (value) => t(`review:standing.${value}`),
            hint: t('review:filter.reportHint'),
          }}
        />
        {reportId === 'campaign' && (
          <CampaignSelect
            id={ids.campaign}
            value={campaignId}
            campaigns={campaigns}
            onChange={setCampaignId}
          />
        )}
        <label className="choice reports-page__final">
          <input
            type="checkbox"
            checked={finalOnly}
            onChange={(event) => setFinalOnly(event.target.checked)}
          />
          <span>{t('reports.finalOnly')}</span>
        </label>
      </div>

      {error !== null && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}

      {report !== null && (
        <article className="card reports-page__report" aria-labelledby="report-heading">
          <h2 id="report-heading">{report.title}</h2>
          <p className="field__hint">{report.subtitle}</p>
          <p>
            {report.scope}
            {report.draftsLeftOut > 0 &&
              ` · ${t('reports.draftsLeftOut', { count: report.draftsLeftOut, n: format.number(report.draftsLeftOut) })}`}
          </p>
          <div className="actions">
            <button type="button" className="button" onClick={() => void save('pdf')}>
              {t('reports.savePdf')}
            </button>
            <button type="button" className="button" onClick={() => void save('xlsx')}>
              {t('reports.saveXlsx')}
            </button>
            <DocumentLanguageSelect value={saveLanguage} onChange={setSaveLanguage} />
          </div>
          {/* Below the buttons that saved, so nothing moves under the pointer. */}
          {saveError !== null && (
            <p className="notice notice--error" role="alert">
              {saveError}
            </p>
          )}
          {saved !== null && (
            <p className="notice" role="status">
              {t('reports.savedTo', { path: saved })}
            </p>
          )}
          {report.tables.map((table) => (
            <section key={table.id} className="reports-page__table">
              <h3>{table.title}</h3>
              {table.rows.length === 0 ? (
                <p className="field__hint">{t('reports.nothing')}</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      {table.columns.map((column, index) => (
                        <th key={index} scope="col">
                          {column}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {table.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((cell, c) =>
                          c === 0 ? (
                            <th key={c} scope="row">
                              {cell}
                            </th>
                          ) : (
                            <td key={c} className={typeof cell === 'number' ? 'number' : undefined}>
                              {typeof cell === 'number' ? format.number(cell) : (cell ?? '–')}
                            </td>
                          ),
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          ))}
          {report.checks.length > 0 && (
            <section className="reports-page__checks">
              <h3>{t('reports.checks')}</h3>
              <ul>
                {report.checks.map((check) => (
                  <li key={check.id}>
                    <span className={`badge ${check.pass ? 'badge--final' : 'badge--fail'}`}>
                      {check.pass ? t('reports.pass') : t('reports.fail')}
                    </span>{' '}
                    {check.label} <span className="field__hint">({check.detail})</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </article>
      )}
    </section>
  );
}
