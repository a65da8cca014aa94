import { describe, expect, it } from 'vitest';
import { CampaignSchema } from '../../../../shared/domain/campaign.ts';
import { id, issuesOf } from './fixtures.ts';

const montenegro = {
  id: id(3),
  name: 'Respect life, return arms',
  jurisdiction: 'ME',
  campaignType: 'voluntary_surrender_amnesty',
  legalBasis: 'Law on Weapons, Art. 95',
  startDate: '2015-07-09',
  legalizationEndDate: '2017-03-31',
  incentiveType: 'none',
  leadAgency: 'Police Directorate',
  partnersDonors: ['UNDP', 'EU'],
  targetQuantity: { kind: 'weapons', unit: 'pieces', amount: 5000 },
  outreachChannels: 'Hotline 19 866; call, report, surrender',
  status: 'active',
};

describe('CampaignSchema', () => {
  it('accepts an open-ended amnesty', () => {
    expect(CampaignSchema.parse(montenegro)).toStrictEqual(montenegro);
  });

  it('accepts an end date equal to the start date', () => {
    expect(CampaignSchema.safeParse({ ...montenegro, endDate: '2015-07-09' }).success).toBe(true);
  });

  it('rejects windows that end before the campaign starts', () => {
    expect(
      issuesOf(CampaignSchema, {
        ...montenegro,
        endDate: '2015-01-01',
        amnestyEndDate: '2014-12-31',
        legalizationEndDate: '2015-07-08',
      }),
    ).toStrictEqual([
      ['endDate', 'endBeforeStart'],
      ['amnestyEndDate', 'endBeforeStart'],
      ['legalizationEndDate', 'endBeforeStart'],
    ]);
  });

  it('keys every missing required field', () => {
    expect(issuesOf(CampaignSchema, { id: id(3) })).toStrictEqual([
      ['name', 'required'],
      ['jurisdiction', 'required'],
      ['campaignType', 'required'],
      ['startDate', 'required'],
      ['leadAgency', 'required'],
      ['status', 'required'],
    ]);
  });

  it('rejects a fractional weapons target and an unknown type', () => {
    expect(
      issuesOf(CampaignSchema, {
        ...montenegro,
        campaignType: 'DDR',
        targetQuantity: { kind: 'weapons', unit: 'pieces', amount: 10.5 },
      }),
    ).toStrictEqual([
      ['campaignType', 'invalidOption'],
      ['targetQuantity.amount', 'wholeNumberRequired'],
    ]);
  });
});
