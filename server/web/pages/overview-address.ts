import { overviewQueryText, type OverviewQuery } from '../../../shared/console/overview.ts';
import type { DrillKey } from '../../../shared/measures/measure-results.ts';
import { withDrill } from '../../../renderer/features/dashboard/dashboard-filter.ts';

/** The current calendar year: what a coordinator asks first. */
export function thisYear(today: Date = new Date()): OverviewQuery {
  const year = today.getFullYear();
  return { from: `${String(year)}-01-01`, to: `${String(year)}-12-31` };
}

/**
 * The overview's filter as an address holds it (`#/home/?from=…&to=…`), so a filtered overview
 * can be bookmarked and a figure's records return to it. Taken as written: the server refuses
 * a filter that does not parse with the field that is wrong, and the page says so.
 */
export function overviewQueryOf(params: URLSearchParams, today: Date = new Date()): OverviewQuery {
  const from = params.get('from');
  const to = params.get('to');
  if (from === null || to === null) return thisYear(today);
  return {
    from,
    to,
    context: (params.get('context') ?? '') as OverviewQuery['context'],
    jurisdiction: (params.get('jurisdiction') ?? '') as OverviewQuery['jurisdiction'],
    campaignId: params.get('campaignId') ?? '',
    finalOnly: params.get('finalOnly') === 'false' ? 'false' : undefined,
    reviewState: (params.get('reviewState') ?? '') as OverviewQuery['reviewState'],
  };
}

export function overviewHref(query: OverviewQuery): string {
  return `#/home/?${overviewQueryText(query)}`;
}

/**
 * The console's page of the records behind a figure: the overview's filter with the figure's
 * measure and slice, encoded as the laptop's Dashboard encodes them (withDrill).
 */
export function figureRecordsHref(query: OverviewQuery, drill: DrillKey): string {
  return `#/home/records?${withDrill(new URLSearchParams(overviewQueryText(query)), drill).toString()}`;
}
