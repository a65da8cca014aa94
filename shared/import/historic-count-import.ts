import { z } from 'zod';
import { sourceContextValues, weaponCategoryValues } from '../domain/enums.ts';
import {
  historicActivityValues,
  HistoricCountSchema,
  type HistoricCount,
} from '../domain/historic-count.ts';
import { quantityKindValues, quantityUnitValues } from '../domain/quantity.ts';
import {
  historicCountType,
  validateRecordOf,
  type RecordContext,
} from '../records/record-types.ts';
import { parseDate, parseQuantity } from './intake-import.ts';
import { foldHeader } from './intake-template.ts';

/**
 * The template for historic aggregate counts (issue 15): one row per figure, "857 weapons
 * destroyed in 2015" being one row (year 2015, activity destroyed, kind weapons, unit pieces,
 * amount 857, source "Annual report 2015"). A period is a `year` or `period_from` and
 * `period_to`. Every row is checked; one wrong row and nothing is imported.
 */
export const historicCountColumns = [
  'year',
  'period_from',
  'period_to',
  'activity',
  'source_context',
  'jurisdiction',
  'weapon_category',
  'kind',
  'unit',
  'amount',
  'description',
  'source',
  'note',
] as const;
export type HistoricCountColumn = (typeof historicCountColumns)[number];

/** What the file must have for a figure to mean anything. */
const requiredColumns: readonly HistoricCountColumn[] = ['activity', 'kind', 'amount', 'source'];

const enumColumns: Partial<Record<HistoricCountColumn, readonly string[]>> = {
  activity: historicActivityValues,
  source_context: sourceContextValues,
  weapon_category: weaponCategoryValues,
  kind: quantityKindValues,
  unit: quantityUnitValues,
};

/** Serbian headers a register kept by hand may use. */
const aliases: Readonly<Record<string, HistoricCountColumn>> = {
  godina: 'year',
  od: 'period_from',
  do: 'period_to',
  aktivnost: 'activity',
  vrsta: 'kind',
  jedinica: 'unit',
  kolicina: 'amount',
  broj: 'amount',
  izvor: 'source',
  opis: 'description',
  napomena: 'note',
};

export const CountImportErrorSchema = z.object({
  /** As a spreadsheet numbers it: the header is row 1. */
  row: z.int(),
  column: z.string(),
  /** A message key (validation text in the renderer's `domain` namespace). */
  message: z.string(),
  value: z.string().optional(),
});
export type CountImportError = z.infer<typeof CountImportErrorSchema>;

/** Whether a header row is this template's (rather than the intake template's). */
export function isHistoricCountHeader(headers: readonly string[]): boolean {
  const columns = new Set(headers.map(columnOf));
  return columns.has('activity') && columns.has('amount');
}

function columnOf(header: string): HistoricCountColumn | undefined {
  const folded = foldHeader(header);
  return (historicCountColumns as readonly string[]).includes(folded)
    ? (folded as HistoricCountColumn)
    : aliases[folded];
}

export interface CountFileResult {
  readonly counts: HistoricCount[];
  readonly errors: CountImportError[];
  readonly rowCount: number;
}

/**
 * Reads every row to counts, or to errors at the row and column. `newId` gives each count its id;
 * `provenance` says which file it came from.
 */
export function readHistoricCounts(
  rows: Iterable<readonly string[]>,
  options: {
    readonly context: RecordContext;
    readonly newId: () => string;
    readonly provenance: { fileName: string; sha256: string; importedAt: string };
  },
): CountFileResult {
  const counts: HistoricCount[] = [];
  const errors: CountImportError[] = [];
  let columns: Array<HistoricCountColumn | undefined> | null = null;
  let row = 0;
  let rowCount = 0;
  for (const cells of rows) {
    row += 1;
    if (columns === null) {
      columns = cells.map(columnOf);
      for (const required of requiredColumns) {
        if (!columns.includes(required))
          errors.push({ row: 1, column: required, message: 'columnMissing' });
      }
      if (!columns.includes('year') && !columns.includes('period_from')) {
        errors.push({ row: 1, column: 'year', message: 'columnMissing' });
      }
      if (errors.length > 0) return { counts, errors, rowCount };
      continue;
    }
    if (cells.every((cell) => cell.trim() === '')) continue;
    rowCount += 1;
    const cell = (name: HistoricCountColumn): string => {
      const index = columns!.indexOf(name);
      return index < 0 ? '' : (cells[index] ?? '').trim();
    };
    const fail = (column: HistoricCountColumn, message: string) => {
      const value = cell(column);
      errors.push({ row, column, message, ...(value === '' ? {} : { value: value.slice(0, 60) }) });
    };
    let broken = false;
    const enumOf = (name: HistoricCountColumn): string | undefined => {
      const text = cell(name);
      if (text === '') return undefined;
      if (enumColumns[name]?.includes(text) === true) return text;
      fail(name, 'invalidOption');
      broken = true;
      return undefined;
    };
    let periodFrom: string | undefined;
    let periodTo: string | undefined;
    const year = cell('year');
    if (year !== '') {
      if (/^\d{4}$/.test(year)) {
        periodFrom = `${year}-01-01`;
        periodTo = `${year}-12-31`;
      } else {
        fail('year', 'invalidNumber');
        broken = true;
      }
    } else {
      for (const [name, set] of [
        ['period_from', (v: string) => (periodFrom = v)],
        ['period_to', (v: string) => (periodTo = v)],
      ] as const) {
        const text = cell(name);
        if (text === '') {
          fail(name, 'required');
          broken = true;
          continue;
        }
        const date = parseDate(text);
        if (date === undefined) {
          fail(name, 'invalidDate');
          broken = true;
        } else set(date);
      }
    }
    const kind = enumOf('kind');
    const amountText = cell('amount');
    const parsed = amountText === '' ? undefined : parseQuantity(amountText);
    if (parsed === undefined) {
      fail('amount', amountText === '' ? 'required' : 'invalidNumber');
      broken = true;
    }
    // The unit column, else a unit written with the amount ("500 rounds"), else pieces.
    const unit = enumOf('unit') ?? parsed?.unit ?? 'pieces';
    const record: Record<string, unknown> = {
      id: options.newId(),
      activity: enumOf('activity'),
      periodFrom,
      periodTo,
      jurisdiction: cell('jurisdiction').toUpperCase() || undefined,
      sourceContext: enumOf('source_context'),
      weaponCategory: enumOf('weapon_category'),
      quantity: { kind, unit, amount: parsed?.amount },
      description: cell('description') || undefined,
      source: cell('source'),
      note: cell('note') || undefined,
      importedFrom: { ...options.provenance, row },
    };
    if (broken) continue;
    const result = validateRecordOf(historicCountType, record, {
      final: true,
      context: options.context,
    });
    if (!result.ok) {
      for (const issue of result.issues) {
        const [head, next] = issue.path.map(String);
        const column: HistoricCountColumn =
          head === 'periodFrom'
            ? year === ''
              ? 'period_from'
              : 'year'
            : head === 'periodTo'
              ? year === ''
                ? 'period_to'
                : 'year'
              : head === 'quantity'
                ? next === 'unit'
                  ? 'unit'
                  : next === 'kind'
                    ? 'kind'
                    : 'amount'
                : head === 'sourceContext'
                  ? 'source_context'
                  : head === 'weaponCategory'
                    ? 'weapon_category'
                    : (historicCountColumns as readonly string[]).includes(head ?? '')
                      ? (head as HistoricCountColumn)
                      : 'activity';
        fail(column, issue.message);
      }
      continue;
    }
    counts.push(HistoricCountSchema.parse(result.data));
  }
  return { counts, errors, rowCount };
}
