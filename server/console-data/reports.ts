import type { ConsoleReportQuery } from '../../shared/console/console-data.ts';
import { buildNationalReportDocument } from '../../shared/documents/national-report.ts';
import { buildNationalReport, type NationalReport } from '../../shared/reports/national-reports.ts';
import type { Database } from '../db/database.ts';
import { renderPdf } from '../documents/render-pdf.ts';
import { computeServerMeasures } from '../measures/measures-queries.ts';
import { listCampaigns } from './campaigns.ts';
import { scopeTeamOf } from './scope-team.ts';

/**
 * The national reports (PTR/IAFQ, SDG 16.4.2, PoA, Roadmap, campaign) for any scope the filter
 * names (the whole country, a jurisdiction, a campaign, drafts in or out) and, optionally, one
 * team's scope (the records its laptops pull), built by the laptop's own builders (shared/reports,
 * shared/documents) from the server's measures. The report's scope line names the team.
 */
export async function buildConsoleReport(
  db: Database,
  { report, filter, teamId, language }: ConsoleReportQuery,
): Promise<NationalReport> {
  const team = await scopeTeamOf(db, teamId);
  const measures = await computeServerMeasures(db, filter, team === undefined ? {} : { team });
  // Campaigns are named by their names, as the laptop names them; the measures hold their ids.
  const named = report === 'campaign' || filter.campaignId !== undefined;
  const campaigns = new Map(
    named ? (await listCampaigns(db)).map((campaign) => [campaign.id, campaign.name]) : [],
  );
  return buildNationalReport(report, measures, language, {
    campaigns,
    ...(team === undefined ? {} : { team: team.name }),
  });
}

/** The report as the laptop prints it. */
export async function consoleReportPdf(
  db: Database,
  query: ConsoleReportQuery,
  now: () => Date = () => new Date(),
): Promise<{ report: NationalReport; bytes: Buffer; fileName: string }> {
  const report = await buildConsoleReport(db, query);
  const bytes = await renderPdf(
    buildNationalReportDocument(report, query.language, now().toISOString()),
  );
  const { from, to } = query.filter;
  return { report, bytes, fileName: `report-${report.id.replace(/_/g, '-')}-${from}-${to}.pdf` };
}
