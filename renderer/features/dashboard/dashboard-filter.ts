import { countryCodeValues, type CountryCode } from '../../../shared/domain/country-code.ts';
import { intakeContextValues, locationTypeValues } from '../../../shared/domain/enums.ts';
import {
  calendarYear,
  halfYear,
  type MeasureFilterInput,
} from '../../../shared/measures/measure-filter.ts';
import { measureSourceValues, type DrillKey } from '../../../shared/measures/measure-results.ts';

/**
 * The Dashboard's filter as the address holds it (`#/dashboard/?year=2025&context=seized`), so a
 * filtered dashboard can be reloaded, and Back from a figure's records returns to it. The period
 * is a preset (a calendar year, or a half-year) or a custom range of days.
 */
export type PeriodChoice =
  | { readonly kind: 'year'; readonly year: number }
  | { readonly kind: 'half'; readonly year: number; readonly half: 1 | 2 }
  | { readonly kind: 'range'; readonly from: string; readonly to: string };

export interface DashboardFilter {
  readonly period: PeriodChoice;
  readonly jurisdiction?: string | undefined;
  readonly campaignId?: string | undefined;
  readonly agency?: string | undefined;
  readonly locationType?: string | undefined;
  readonly context?: string | undefined;
  readonly finalOnly: boolean;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const yearPattern = /^\d{4}$/;
const knownCountries: ReadonlySet<string> = new Set(countryCodeValues);
const knownLocationTypes: ReadonlySet<string> = new Set(locationTypeValues);
const knownContexts: ReadonlySet<string> = new Set(intakeContextValues);
const knownSources: ReadonlySet<string> = new Set(measureSourceValues);

/** The dashboard opens on the current calendar year, final records only. */
export function defaultFilter(today: Date = new Date()): DashboardFilter {
  return { period: { kind: 'year', year: today.getFullYear() }, finalOnly: true };
}

/** The first and last day the choice covers (both included). */
export function periodRange(period: PeriodChoice): { from: string; to: string } {
  if (period.kind === 'year') return calendarYear(period.year);
  if (period.kind === 'half') return halfYear(period.year, period.half);
  return { from: period.from, to: period.to };
}

/** The filter as getMeasures and listMeasureRecords take it. */
export function measureFilterOf(filter: DashboardFilter): MeasureFilterInput {
  const { from, to } = periodRange(filter.period);
  return {
    from,
    to,
    ...(filter.jurisdiction === undefined
      ? {}
      : { jurisdiction: filter.jurisdiction as CountryCode }),
    ...(filter.campaignId === undefined ? {} : { campaignId: filter.campaignId }),
    ...(filter.agency === undefined ? {} : { agency: filter.agency }),
    ...(filter.locationType === undefined
      ? {}
      : { locationType: filter.locationType as (typeof locationTypeValues)[number] }),
    ...(filter.context === undefined
      ? {}
      : { context: filter.context as (typeof intakeContextValues)[number] }),
    finalOnly: filter.finalOnly,
  };
}

/** The query of the address (`year=2025&final=0`); the default values are left out. */
export function filterToQuery(filter: DashboardFilter): URLSearchParams {
  const query = new URLSearchParams();
  const { period } = filter;
  if (period.kind === 'range') {
    query.set('from', period.from);
    query.set('to', period.to);
  } else {
    query.set('year', String(period.year));
    if (period.kind === 'half') query.set('half', String(period.half));
  }
  if (filter.jurisdiction !== undefined) query.set('jurisdiction', filter.jurisdiction);
  if (filter.campaignId !== undefined) query.set('campaign', filter.campaignId);
  if (filter.agency !== undefined) query.set('agency', filter.agency);
  if (filter.locationType !== undefined) query.set('locationType', filter.locationType);
  if (filter.context !== undefined) query.set('context', filter.context);
  if (!filter.finalOnly) query.set('final', '0');
  return query;
}

/**
 * The filter an address asks for. Whatever is malformed (typed by hand, or from a newer app) is
 * dropped rather than refused: the dashboard then shows the default for that part.
 */
export function filterFromQuery(query: URLSearchParams, today: Date = new Date()): DashboardFilter {
  const fallback = defaultFilter(today);
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const year = query.get('year') ?? '';
  const half = query.get('half');
  let period: PeriodChoice = fallback.period;
  if (isoDate.test(from) && isoDate.test(to) && from <= to) {
    period = { kind: 'range', from, to };
  } else if (yearPattern.test(year)) {
    period =
      half === '1' || half === '2'
        ? { kind: 'half', year: Number(year), half: half === '1' ? 1 : 2 }
        : { kind: 'year', year: Number(year) };
  }
  const text = (name: string, max: number): string | undefined => {
    const value = query.get(name)?.trim();
    return value === undefined || value === '' || value.length > max ? undefined : value;
  };
  const oneOf = (name: string, known: ReadonlySet<string>): string | undefined => {
    const value = query.get(name) ?? '';
    return known.has(value) ? value : undefined;
  };
  return {
    period,
    jurisdiction: oneOf('jurisdiction', knownCountries),
    campaignId: text('campaign', 64),
    agency: text('agency', 120),
    locationType: oneOf('locationType', knownLocationTypes),
    context: oneOf('context', knownContexts),
    finalOnly: query.get('final') !== '0',
  };
}

/** The query part of a hash (`#/dashboard/records?year=2025` → `year=2025`). */
export function queryOfHash(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

const slicePrefix = 's.';

/**
 * A filter's query with a figure's measure and slice added (`source=k1&s.context=seized`): what
 * a page listing the records behind that figure reads back with drillOfQuery.
 */
export function withDrill(query: URLSearchParams, drill: DrillKey): URLSearchParams {
  const out = new URLSearchParams(query);
  out.set('source', drill.source);
  for (const [dimension, value] of Object.entries(drill.slice)) {
    out.set(`${slicePrefix}${dimension}`, value);
  }
  return out;
}

/** The page that lists the records behind a figure: the filter, the measure and its slice. */
export function drillHref(filter: DashboardFilter, drill: DrillKey): string {
  return `#/dashboard/records?${withDrill(filterToQuery(filter), drill).toString()}`;
}

/** The measure and slice a records page was opened with; null when there is none to open. */
export function drillOfQuery(query: URLSearchParams): DrillKey | null {
  const source = query.get('source') ?? '';
  if (!knownSources.has(source)) return null;
  const slice: Record<string, string> = {};
  for (const [name, value] of query) {
    if (name.startsWith(slicePrefix)) slice[name.slice(slicePrefix.length)] = value;
  }
  return { source: source as DrillKey['source'], slice };
}

/** "K1", "K15 stock checks", "SDG 16.4.2": a drill-down source as a person reads it. */
export function sourceName(source: string): string {
  if (source === 'sdg_16_4_2') return 'SDG 16.4.2';
  if (source === 'destroyed_counts') return 'K8/K9';
  const [measure = '', ...rest] = source.split('_');
  return [measure.toUpperCase(), ...rest].join(' ');
}

/** The calendar years the period picker offers: this one and the ones before, newest first. */
export function yearChoices(today: Date = new Date(), count = 12): number[] {
  const year = today.getFullYear();
  return Array.from({ length: count }, (_, index) => year - index);
}
