import { describe, expect, it } from 'vitest';
import {
  drillOfQuery,
  queryOfHash,
} from '../../../../../renderer/features/dashboard/dashboard-filter.ts';
import {
  figureRecordsHref,
  overviewHref,
  overviewQueryOf,
  thisYear,
} from '../../../../../server/web/pages/overview-address.ts';

const today = new Date(2026, 4, 17);

describe('the overview’s addresses', () => {
  it('open on this calendar year when the address names no period', () => {
    expect(overviewQueryOf(new URLSearchParams(''), today)).toEqual(thisYear(today));
    expect(thisYear(today)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('open a figure’s records with the overview’s filter, and return to that filter', () => {
    const query = {
      from: '2024-01-01',
      to: '2024-12-31',
      context: 'seized' as const,
      jurisdiction: 'RS' as const,
      finalOnly: 'false' as const,
    };
    const drill = { source: 'k3' as const, slice: { category: 'small_arm', kind: 'weapon' } };
    const href = figureRecordsHref(query, drill);
    expect(href.startsWith('#/home/records?')).toBe(true);
    const params = queryOfHash(href);
    // The laptop's encoding of a drill, read back by the laptop's own reader.
    expect(drillOfQuery(params)).toEqual(drill);
    const back = overviewQueryOf(params, today);
    expect(back).toMatchObject(query);
    expect(overviewHref(back)).toBe(
      '#/home/?from=2024-01-01&to=2024-12-31&context=seized&jurisdiction=RS&finalOnly=false',
    );
  });
});
