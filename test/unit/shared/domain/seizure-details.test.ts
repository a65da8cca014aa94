import { describe, expect, it } from 'vitest';
import {
  SeizureDetailsDraftSchema,
  SeizureDetailsFinalSchema,
} from '../../../../shared/domain/seizure-details.ts';
import { borderSeizure, issuesOf } from './fixtures.ts';

describe('SeizureDetailsFinalSchema', () => {
  it('accepts the border seizure details', () => {
    const { seizure } = borderSeizure();
    expect(SeizureDetailsFinalSchema.parse(seizure)).toStrictEqual(seizure);
  });

  it('requires the seizing agency type only (the event checks the rest)', () => {
    expect(issuesOf(SeizureDetailsFinalSchema, {})).toStrictEqual([
      ['seizingAgencyType', 'required'],
    ]);
  });

  it('checks route countries and persons involved', () => {
    expect(
      issuesOf(SeizureDetailsFinalSchema, {
        seizingAgencyType: 'customs',
        routeTransitCountries: ['HU', 'Austria'],
        personsInvolved: [{ nationality: 'BA', sex: 'x' }],
      }),
    ).toStrictEqual([
      ['routeTransitCountries.1', 'invalidCountryCode'],
      ['personsInvolved.0.sex', 'invalidOption'],
    ]);
  });
});

describe('SeizureDetailsDraftSchema', () => {
  it('accepts nothing filled in', () => {
    expect(SeizureDetailsDraftSchema.parse({})).toStrictEqual({});
  });
});
