import { createContext, useContext } from 'react';
import type { DrillKey } from '../../../shared/measures/measure-results.ts';
import type { DashboardFilter } from './dashboard-filter.ts';
import { drillHref } from './dashboard-filter.ts';

/** What every figure on the Dashboard needs: the filter it was counted with, names of values. */
export interface FigureContextValue {
  readonly filter: DashboardFilter;
  readonly dimensionText: (dimension: string, value: string) => string;
}

export const FigureContext = createContext<FigureContextValue | null>(null);

export function useFigureContext(): FigureContextValue & { href: (drill: DrillKey) => string } {
  const value = useContext(FigureContext);
  if (value === null) throw new Error('A figure is shown outside the Dashboard.');
  return { ...value, href: (drill) => drillHref(value.filter, drill) };
}
