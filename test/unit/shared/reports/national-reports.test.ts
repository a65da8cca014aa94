import { describe, expect, it } from 'vitest';
import { iafqChecks, type IafqTotals } from '../../../../shared/reports/national-reports.ts';

/** The questionnaire's own checks, on tables that agree and on tables built to disagree. */
const consistent: IafqTotals = {
  weaponsTotal: 12,
  weaponsByContext: [5, 4, 3],
  weaponsByType: [7, 2, 3],
  weaponsByIafqType: [9, 3],
  ammunitionByUnit: new Map([
    ['rounds', 500],
    ['kg', 12.5],
  ]),
  ammunitionByClassAndUnit: new Map([
    ['rounds', 500],
    ['kg', 12.5],
  ]),
};

describe('IAFQ consistency checks', () => {
  it('pass when the totals by type, by context and overall agree', () => {
    expect(iafqChecks(consistent, 'en').map((check) => [check.id, check.pass])).toEqual([
      ['type_equals_context', true],
      ['iafq_type_equals_context', true],
      ['context_equals_total', true],
      ['ammunition_class_equals_unit', true],
    ]);
  });

  it('fail, each with the two figures that disagree, on tables built to break them', () => {
    const broken = iafqChecks(
      {
        ...consistent,
        weaponsByType: [7, 2, 4],
        weaponsByIafqType: [9, 2],
        weaponsTotal: 13,
        ammunitionByClassAndUnit: new Map([
          ['rounds', 450],
          ['kg', 12.5],
        ]),
      },
      'en',
    );
    expect(broken.map((check) => [check.id, check.pass, check.detail])).toEqual([
      ['type_equals_context', false, '13 and 12'],
      ['iafq_type_equals_context', false, '11 and 12'],
      ['context_equals_total', false, '12 and 13'],
      ['ammunition_class_equals_unit', false, '450 rounds, 12.5 kg and 500 rounds, 12.5 kg'],
    ]);
  });

  it('names the checks in Serbian', () => {
    expect(iafqChecks(consistent, 'sr-Latn')[0]?.label).toBe(
      'Oružje: zbir po vrsti jednak je zbiru po načinu preuzimanja',
    );
  });
});
