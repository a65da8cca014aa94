import { describe, expect, it } from 'vitest';
import {
  CollectionDetailsDraftSchema,
  CollectionDetailsFinalSchema,
} from '../../../../shared/domain/collection-details.ts';
import { issuesOf } from './fixtures.ts';

const anonymousWalkIn = {
  collectionMethod: 'walk_in_station',
  surrenderingPartyType: 'anonymous',
  anonymous: true,
  campaignBased: false,
  dispositionRequested: 'surrender_for_destruction',
  surrendererSex: 'unknown',
  surrendererAgeBand: 'unknown',
  incentiveGiven: 'none',
};

describe('CollectionDetailsFinalSchema', () => {
  it('accepts an anonymous open-door surrender', () => {
    expect(CollectionDetailsFinalSchema.parse(anonymousWalkIn)).toStrictEqual(anonymousWalkIn);
  });

  it('keeps surrender and legalisation apart (A4)', () => {
    const legalisation = { ...anonymousWalkIn, dispositionRequested: 'legalization_registration' };
    expect(CollectionDetailsFinalSchema.parse(legalisation).dispositionRequested).toBe(
      'legalization_registration',
    );
  });

  it('rejects a yes/no answer given as text', () => {
    expect(
      issuesOf(CollectionDetailsFinalSchema, { ...anonymousWalkIn, anonymous: 'yes' }),
    ).toStrictEqual([['anonymous', 'invalidBoolean']]);
  });
});

describe('CollectionDetailsDraftSchema', () => {
  it('accepts nothing filled in', () => {
    expect(CollectionDetailsDraftSchema.parse({})).toStrictEqual({});
  });

  it('still rejects an unknown age band', () => {
    expect(issuesOf(CollectionDetailsDraftSchema, { surrendererAgeBand: '30s' })).toStrictEqual([
      ['surrendererAgeBand', 'invalidOption'],
    ]);
  });
});
