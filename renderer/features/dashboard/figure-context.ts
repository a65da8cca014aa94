import { createContext, useContext } from 'react';
import type { DrillKey } from '../../../shared/measures/measure-results.ts';

/**
 * What every figure needs from the page that shows it: names of values, and where a figure's
 * records are listed. The page chooses the address: the laptop's Dashboard opens its own records
 * page (drillHref), the web console its page over the server's records.
 */
export interface FigureContextValue {
  readonly dimensionText: (dimension: string, value: string) => string;
  readonly href: (drill: DrillKey) => string;
}

export const FigureContext = createContext<FigureContextValue | null>(null);

export function useFigureContext(): FigureContextValue {
  const value = useContext(FigureContext);
  if (value === null) throw new Error('A figure is shown outside a page of figures.');
  return value;
}
