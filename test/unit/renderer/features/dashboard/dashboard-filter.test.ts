import { describe, expect, it } from 'vitest';
import {
  defaultFilter,
  drillHref,
  drillOfQuery,
  filterFromQuery,
  filterToQuery,
  measureFilterOf,
  periodRange,
  queryOfHash,
  sourceName,
  withDrill,
  yearChoices,
  type DashboardFilter,
} from '../../../../../renderer/features/dashboard/dashboard-filter.ts';

const today = new Date(2026, 11, 6);

describe('the Dashboard filter in the address', () => {
  it('opens on this calendar year, final records only', () => {
    expect(defaultFilter(today)).toEqual({ period: { kind: 'year', year: 2026 }, finalOnly: true });
    expect(filterFromQuery(new URLSearchParams(''), today)).toEqual({
      period: { kind: 'year', year: 2026 },
      finalOnly: true,
    });
  });

  it('turns presets into ranges of days, both ends included', () => {
    expect(periodRange({ kind: 'year', year: 2025 })).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(periodRange({ kind: 'half', year: 2025, half: 2 })).toEqual({
      from: '2025-07-01',
      to: '2025-12-31',
    });
    expect(periodRange({ kind: 'range', from: '2024-02-03', to: '2025-01-04' })).toEqual({
      from: '2024-02-03',
      to: '2025-01-04',
    });
  });

  it('round-trips every part through the query', () => {
    const filters: DashboardFilter[] = [
      { period: { kind: 'half', year: 2024, half: 1 }, finalOnly: false, context: 'seized' },
      {
        period: { kind: 'range', from: '2023-05-01', to: '2024-04-30' },
        jurisdiction: 'XK',
        campaignId: '0190f5c2-0000-7000-8000-000000000001',
        agency: 'PU Čačak',
        locationType: 'border_crossing_road',
        finalOnly: true,
      },
    ];
    for (const filter of filters) {
      const back = filterFromQuery(new URLSearchParams(filterToQuery(filter).toString()), today);
      expect(back).toEqual({
        jurisdiction: undefined,
        campaignId: undefined,
        agency: undefined,
        locationType: undefined,
        context: undefined,
        ...filter,
      });
    }
  });

  it('drops what is malformed instead of refusing the page', () => {
    const filter = filterFromQuery(
      new URLSearchParams(
        'from=2025-13&to=x&year=20x5&jurisdiction=ZZ&locationType=moon&context=stolen&agency=%20%20',
      ),
      today,
    );
    expect(filter).toEqual({
      period: { kind: 'year', year: 2026 },
      jurisdiction: undefined,
      campaignId: undefined,
      agency: undefined,
      locationType: undefined,
      context: undefined,
      finalOnly: true,
    });
    // A range that ends before it starts is not a range.
    expect(
      filterFromQuery(new URLSearchParams('from=2025-05-01&to=2025-01-01&year=2024'), today).period,
    ).toEqual({ kind: 'year', year: 2024 });
  });

  it('gives the measures their filter, leaving out what is not asked', () => {
    expect(
      measureFilterOf({ period: { kind: 'year', year: 2025 }, finalOnly: true, context: 'found' }),
    ).toEqual({ from: '2025-01-01', to: '2025-12-31', context: 'found', finalOnly: true });
  });

  it('opens a figure with its filter and slice, and reads them back', () => {
    const filter: DashboardFilter = { period: { kind: 'year', year: 2025 }, finalOnly: false };
    const href = drillHref(filter, {
      source: 'k1',
      slice: { context: 'seized', kind: 'weapon', unit: 'pieces' },
    });
    expect(href.startsWith('#/dashboard/records?')).toBe(true);
    const query = queryOfHash(href);
    expect(drillOfQuery(query)).toEqual({
      source: 'k1',
      slice: { context: 'seized', kind: 'weapon', unit: 'pieces' },
    });
    expect(filterFromQuery(query, today)).toMatchObject(filter);
    // Any page's filter carries a drill: the web console's own keeps its fields beside it.
    const withOthers = withDrill(new URLSearchParams('from=2024-01-01&to=2024-12-31'), {
      source: 'k8',
      slice: { method: 'crushing' },
    });
    expect(withOthers.toString()).toBe('from=2024-01-01&to=2024-12-31&source=k8&s.method=crushing');
    expect(drillOfQuery(new URLSearchParams('source=k99'))).toBeNull();
    expect(drillOfQuery(new URLSearchParams('source=k16'))).toEqual({ source: 'k16', slice: {} });
  });

  it('names sources and offers years', () => {
    expect(sourceName('k1')).toBe('K1');
    expect(sourceName('k15_stock_checks')).toBe('K15 stock checks');
    expect(sourceName('sdg_16_4_2')).toBe('SDG 16.4.2');
    expect(yearChoices(today, 3)).toEqual([2026, 2025, 2024]);
  });
});
