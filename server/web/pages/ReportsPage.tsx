import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleReportQuery } from '../../../shared/console/console-data.ts';
import { consoleDataApiPaths } from '../../../shared/console/overview.ts';
import {
  NationalReportSchema,
  reportIds,
  type NationalReport,
  type ReportId,
} from '../../../shared/reports/national-reports.ts';
import { fileNameInLanguage } from '../../../shared/documents/document-file-name.ts';
import { LanguageSchema } from '../../../shared/settings/settings.ts';
import {
  DocumentLanguageSelect,
  useDocumentLanguage,
} from '../../../renderer/components/DocumentLanguageSelect.tsx';
import { consoleApi } from '../api-client.ts';
import { CampaignSelect } from '../../../renderer/components/CampaignSelect.tsx';
import { DateField } from '../../../renderer/components/DateField.tsx';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { ReviewFilterSelect } from '../../../renderer/components/ReviewFilterSelect.tsx';
import type { ReviewFilter } from '../../../shared/domain/record-review.ts';
import { TeamOptions } from '../parts/TeamOptions.tsx';
import { useSubmit } from '../parts/use-submit.ts';
import { useCampaigns } from '../parts/use-campaigns.ts';
import { useTeams } from '../parts/use-teams.ts';

interface Choice {
  report: ReportId;
  from: string;
  to: string;
  /** '' is every team (the national scope). */
  teamId: string;
  jurisdiction: string;
  campaignId: string;
  /** Only intake records in this review state (undefined: any). */
  reviewState: ReviewFilter | undefined;
}

/** The request for a choice, in the reader's language; empty scope fields mean the whole country. */
function queryOf(choice: Choice, language: string): ConsoleReportQuery {
  return {
    report: choice.report,
    language: LanguageSchema.catch('en').parse(language),
    ...(choice.teamId === '' ? {} : { teamId: choice.teamId }),
    filter: {
      from: choice.from,
      to: choice.to,
      finalOnly: true,
      ...(choice.jurisdiction.trim() === ''
        ? {}
        : { jurisdiction: choice.jurisdiction.trim() as never }),
      ...(choice.campaignId === '' ? {} : { campaignId: choice.campaignId }),
      ...(choice.reviewState === undefined ? {} : { reviewState: choice.reviewState }),
    },
  };
}

/**
 * National reports for any scope: a report, a period, the national scope or one team's (the
 * records its laptops receive), and a jurisdiction or campaign; the report is shown as the server
 * built it (its tables and consistency checks, in the reader's language)
 * and its PDF downloads, each download written to the console's audit log by the server.
 */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const formId = useId();
  const teams = useTeams();
  const campaigns = useCampaigns();
  // This year, as the overview opens on: what was just recorded shows in the first report.
  const year = new Date().getFullYear();
  const [choice, setChoice] = useState<Choice>({
    report: 'sdg_16_4_2',
    from: `${String(year)}-01-01`,
    to: `${String(year)}-12-31`,
    teamId: '',
    jurisdiction: '',
    campaignId: '',
    reviewState: undefined,
  });
  const [report, setReport] = useState<NationalReport | null>(null);
  const [pdf, setPdf] = useState<{ url: string; name: string } | null>(null);
  const show = useSubmit();
  const download = useSubmit();
  // The PDF may be for a reader of another language than the screen's (a donor's, the UN's).
  const [pdfLanguage, choosePdfLanguage] = useDocumentLanguage();
  // An object URL holds the file in memory until it is let go.
  useEffect(() => () => (pdf === null ? undefined : URL.revokeObjectURL(pdf.url)), [pdf]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A report on screen always answers the form as it is: the old one goes first.
    setReport(null);
    void show.run(async () => {
      setReport(
        await consoleApi.post(
          consoleDataApiPaths.report,
          NationalReportSchema,
          queryOf(choice, i18n.language),
        ),
      );
    });
  };
  const makePdf = () =>
    void download.run(async () => {
      const file = await consoleApi.postForFile(
        consoleDataApiPaths.reportPdf,
        queryOf(choice, pdfLanguage),
      );
      // Named for its language when it is not the screen's, as the laptop names its documents.
      const name = fileNameInLanguage(
        file.fileName,
        pdfLanguage,
        LanguageSchema.catch('en').parse(i18n.language),
      );
      setPdf({ url: URL.createObjectURL(file.blob), name });
    });
  const id = (name: keyof Choice) => `${formId}-${name}`;
  const text = (name: 'jurisdiction', type: string, hint?: string) => (
    <div className="field">
      <label htmlFor={id(name)}>{t(`reports.${name}`)}</label>
      <input
        id={id(name)}
        type={type}
        value={choice[name]}
        aria-describedby={hint === undefined ? undefined : `${id(name)}-hint`}
        onChange={(event) => {
          setChoice({ ...choice, [name]: event.target.value });
          setPdf(null);
        }}
      />
      {hint !== undefined && (
        <p className="field__hint" id={`${id(name)}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );

  return (
    <>
      <h1>{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      <form className="console-section" onSubmit={submit}>
        {/* Six fields fill more than a line: the buttons go below them, not into a gap. */}
        <div className="console-inline-form">
          <div className="field">
            <label htmlFor={id('report')}>{t('reports.report')}</label>
            <select
              id={id('report')}
              value={choice.report}
              onChange={(event) => {
                setChoice({ ...choice, report: event.target.value as ReportId });
                setPdf(null);
              }}
            >
              {reportIds.map((report) => (
                <option key={report} value={report}>
                  {t(`reports.names.${report}`)}
                </option>
              ))}
            </select>
          </div>
          {dateFields.map((name) => (
            <div className="field" key={name}>
              <label htmlFor={id(name)}>{t(`reports.${name}`)}</label>
              {/* Typed and shown as the console's language writes a date, as on the laptop. */}
              <DateField
                id={id(name)}
                value={choice[name]}
                onChange={(value) => {
                  setChoice({ ...choice, [name]: value ?? '' });
                  setPdf(null);
                }}
              />
            </div>
          ))}
          <div className="field">
            <label htmlFor={id('teamId')}>{t('reports.team')}</label>
            <select
              id={id('teamId')}
              value={choice.teamId}
              aria-describedby={`${id('teamId')}-hint`}
              onChange={(event) => {
                setChoice({ ...choice, teamId: event.target.value });
                setPdf(null);
              }}
            >
              <option value="">{t('reports.allTeams')}</option>
              <TeamOptions teams={teams.teams} />
            </select>
            <p className="field__hint" id={`${id('teamId')}-hint`}>
              {t('reports.teamHint')}
            </p>
          </div>
          {text(jurisdictionField, textType, t('reports.jurisdictionHint'))}
          <CampaignSelect
            id={id('campaignId')}
            value={choice.campaignId}
            campaigns={campaigns.campaigns}
            onChange={(campaignId) => {
              setChoice({ ...choice, campaignId });
              setPdf(null);
            }}
          />
          <ReviewFilterSelect
            id={id('reviewState')}
            value={choice.reviewState}
            hintWhenChosen
            onChange={(reviewState) => {
              setChoice({ ...choice, reviewState });
              setPdf(null);
            }}
            words={{
              label: t('review.standing'),
              any: t('reports.anyReview'),
              standing: (value) => t(`review.standings.${value}`),
              hint: t('reports.reviewHint'),
            }}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={show.busy}>
            {t('reports.show')}
          </button>
          <button type="button" className="button" disabled={download.busy} onClick={makePdf}>
            {t('reports.pdf')}
          </button>
          <DocumentLanguageSelect
            value={pdfLanguage}
            onChange={(language) => {
              choosePdfLanguage(language);
              setPdf(null);
            }}
          />
        </div>
      </form>
      <p role="status">
        {show.busy || download.busy ? t('reports.building') : ''}
        {pdf !== null && (
          <a href={pdf.url} download={pdf.name}>
            {t('reports.pdfReady', { name: pdf.name })}
          </a>
        )}
      </p>
      <ErrorNotice error={show.error ?? download.error ?? teams.error ?? campaigns.error} />
      {report !== null && (
        <article className="console-section" aria-labelledby={`${formId}-title`}>
          <h2 id={`${formId}-title`}>{report.title}</h2>
          <p>{report.subtitle}</p>
          <p>{report.scope}</p>
          {report.draftsLeftOut > 0 && (
            <p className="notice">{t('reports.draftsLeftOut', { count: report.draftsLeftOut })}</p>
          )}
          {report.tables.map((table) => (
            <div className="console-table-wrap console-section" key={table.id}>
              <table className="console-table">
                <caption>{table.title}</caption>
                <thead>
                  <tr>
                    {table.columns.map((column) => (
                      <th scope="col" key={column}>
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row, index) => (
                    <tr key={index}>
                      {row.map((cell, column) => (
                        <td key={column}>{cell ?? ''}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              {table.note !== undefined && <p className="field__hint">{table.note}</p>}
            </div>
          ))}
          {report.checks.length > 0 && (
            <>
              <h3>{t('reports.checks')}</h3>
              <ul>
                {report.checks.map((check) => (
                  <li key={check.id}>
                    {check.label}: {check.pass ? t('reports.pass') : t('reports.fail')}
                    {check.detail === '' ? '' : ` (${check.detail})`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
      )}
    </>
  );
}

const dateFields = ['from', 'to'] as const;
const jurisdictionField = 'jurisdiction';
const textType = 'text';
