import { describe, expect, it } from 'vitest';
import {
  isHistoricCountHeader,
  readHistoricCounts,
} from '../../../../shared/import/historic-count-import.ts';

const options = {
  context: { lookup: () => undefined, today: '2026-12-06' },
  newId: (() => {
    let n = 0;
    return () => `0190f0e0-0000-7000-8000-${String((n += 1)).padStart(12, '0')}`;
  })(),
  provenance: {
    fileName: 'counts.csv',
    sha256: 'a'.repeat(64),
    importedAt: '2026-12-06T10:00:00.000Z',
  },
};

describe('historic count template', () => {
  it('is told from the intake template by its header, in English or Serbian', () => {
    expect(isHistoricCountHeader(['Godina', 'Activity', 'Količina', 'Izvor'])).toBe(true);
    expect(isHistoricCountHeader(['event_ref', 'item_kind', 'serial_number'])).toBe(false);
  });

  it('reads a period from local dates and a unit written with the amount', () => {
    const { counts, errors } = readHistoricCounts(
      [
        ['period_from', 'period_to', 'activity', 'kind', 'amount', 'source', 'description'],
        ['1.3.2019.', '31.5.2019.', 'collected_or_seized', 'ammunition', '12 500 rounds', 'x', ''],
        [
          '1.3.2019.',
          '31.5.2019.',
          'collected_or_seized',
          'ammunition',
          '12500 rounds',
          'Amnesty report',
          'M67',
        ],
      ],
      options,
    );
    expect(errors).toEqual([
      { row: 2, column: 'amount', message: 'invalidNumber', value: '12 500 rounds' },
    ]);
    expect(counts).toEqual([
      expect.objectContaining({
        periodFrom: '2019-03-01',
        periodTo: '2019-05-31',
        quantity: { kind: 'ammunition', unit: 'rounds', amount: 12500 },
        description: 'M67',
        importedFrom: expect.objectContaining({ row: 3 }),
      }),
    ]);
  });

  it('refuses a period that ends before it starts or has not ended yet', () => {
    const { errors } = readHistoricCounts(
      [
        ['period_from', 'period_to', 'activity', 'kind', 'amount', 'source'],
        ['2019-06-01', '2019-01-01', 'destroyed', 'weapons', '3', 'Decision'],
        ['2026-01-01', '2027-12-31', 'destroyed', 'weapons', '3', 'Plan'],
      ],
      options,
    );
    expect(errors).toEqual([
      { row: 2, column: 'period_to', message: 'endBeforeStart', value: '2019-01-01' },
      { row: 3, column: 'period_to', message: 'dateInFuture', value: '2027-12-31' },
    ]);
  });
});
