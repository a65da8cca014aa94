import { describe, expect, it } from 'vitest';
import { traceStatusValues } from '../../../../shared/domain/enums.ts';
import {
  backlogAgeOf,
  personsOfIntake,
  traceOutcomeOf,
} from '../../../../shared/measures/measure-rules.ts';

describe('the people an intake counts (K14)', () => {
  it('a surrender counts one surrenderer, unknown sex and age kept as unknown', () => {
    expect(
      personsOfIntake({ context: 'surrendered', collection: { surrendererSex: 'female' } }),
    ).toStrictEqual([{ role: 'surrenderer', sex: 'female', ageBand: 'unknown' }]);
    expect(
      personsOfIntake({
        context: 'surrendered',
        collection: { surrenderingPartyType: 'anonymous' },
      }),
    ).toStrictEqual([{ role: 'surrenderer', sex: 'unknown', ageBand: 'unknown' }]);
  });

  it('a surrender not described yet (a draft) counts nobody', () => {
    expect(personsOfIntake({ context: 'surrendered' })).toStrictEqual([]);
  });

  it('a seizure or find counts each person involved, none when none is listed', () => {
    expect(
      personsOfIntake({
        context: 'seized',
        seizure: { personsInvolved: [{ sex: 'male', ageBand: '18_24' }, {}, null] },
      }),
    ).toStrictEqual([
      { role: 'person_involved', sex: 'male', ageBand: '18_24' },
      { role: 'person_involved', sex: 'unknown', ageBand: 'unknown' },
      { role: 'person_involved', sex: 'unknown', ageBand: 'unknown' },
    ]);
    expect(personsOfIntake({ context: 'found', seizure: {} })).toStrictEqual([]);
    // Collection details left on a seizure draft describe nobody.
    expect(
      personsOfIntake({ context: 'seized', collection: { surrendererSex: 'male' } }),
    ).toStrictEqual([]);
  });
});

describe('SDG 16.4.2 trace outcomes', () => {
  it('puts every trace status under one of the four outcomes', () => {
    expect(
      Object.fromEntries(traceStatusValues.map((status) => [status, traceOutcomeOf(status)])),
    ).toStrictEqual({
      not_attempted: 'never_attempted',
      national_check_done: 'insufficient_information',
      international_request_sent: 'pending',
      pending: 'pending',
      origin_established_by_trace: 'established',
      origin_established_other: 'established',
      unsuccessful: 'insufficient_information',
    });
    expect(traceOutcomeOf(null)).toBe('never_attempted');
    expect(traceOutcomeOf('constructor')).toBe('never_attempted');
  });
});

describe('K10 ageing buckets', () => {
  it('under 90 days, 90 to 365 days, over a year', () => {
    expect([0, 89, 90, 365, 366].map(backlogAgeOf)).toStrictEqual([
      'under_90_days',
      'under_90_days',
      '90_to_365_days',
      '90_to_365_days',
      'over_1_year',
    ]);
  });
});
