import { UNKNOWN, type DrillKey } from '../../../shared/measures/measure-results.ts';

/** What a chart needs of a figure's row: the dimension values, one number, its records. */
export interface ChartSource {
  readonly by?: Readonly<Record<string, string>>;
  readonly drill: DrillKey;
  readonly kind?: string;
  readonly unit?: string;
  readonly amount?: number;
  readonly count?: number;
}

export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly href: string;
}

/**
 * The bars of one breakdown. Quantities are never added across kinds or units, so a chart of
 * quantities takes ONE kind in ONE unit (`only`); rows of other kinds or units are not drawn
 * (the table beside it shows them). Counts (people, sites) are drawn as they are.
 */
export function barsOf(
  rows: readonly ChartSource[],
  dimensions: readonly string[],
  text: (dimension: string, value: string) => string,
  href: (drill: DrillKey) => string,
  only?: { readonly kind: string; readonly unit: string },
): Bar[] {
  return rows
    .filter((row) => only === undefined || (row.kind === only.kind && row.unit === only.unit))
    .map((row) => ({
      key: JSON.stringify(row.drill.slice),
      label: dimensions.map((name) => text(name, row.by?.[name] ?? UNKNOWN)).join(' · '),
      value: row.count ?? row.amount ?? 0,
      href: href(row.drill),
    }));
}

/** Weapons are counted in pieces: the one kind and unit their charts draw. */
export const weaponPieces = { kind: 'weapon', unit: 'pieces' } as const;
