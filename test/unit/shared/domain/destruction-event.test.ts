import { describe, expect, it } from 'vitest';
import { DestructionEventSchema } from '../../../../shared/domain/destruction-event.ts';
import { id, issuesOf, photo } from './fixtures.ts';

const smelting = {
  id: id(60),
  destructionDate: '2025-07-09',
  siteLocationId: id(8),
  organisingAuthority: 'Ministry of Interior',
  method: 'smelting_melting',
  items: [{ kind: 'weapon', id: id(101) }],
  aggregateCounts: [
    {
      sourceContext: 'surplus',
      quantity: { kind: 'ammunition', unit: 'tonnes', amount: 40 },
    },
  ],
  preDestructionVerification: {
    verifiedBy: 'Commission of three',
    countChecked: true,
    serialsChecked: true,
    itemsTicked: [id(101)],
    result: 'all_match',
  },
  witnesses: [{ name: 'A. Observer', organisation: 'UNDP SEESAC', role: 'independent observer' }],
  photos: [photo(1, 'scene')],
  certificateNumber: 'DC-2025-014',
  certificateSignatories: ['Head of Commission', 'UNDP observer'],
  certificateFile: photo(2, 'document'),
  fundingSource: 'EU Council Decision 2013/730/CFSP',
  publicEvent: true,
  publicOccasion: 'International Gun Destruction Day',
};

describe('DestructionEventSchema', () => {
  it('certifies "all match" only when every item was ticked against the physical item', () => {
    const unticked = {
      ...smelting,
      preDestructionVerification: { ...smelting.preDestructionVerification, itemsTicked: [] },
    };
    expect(issuesOf(DestructionEventSchema, unticked)).toStrictEqual([
      ['preDestructionVerification.itemsTicked', 'notAllTicked'],
    ]);
    const withDiscrepancies = {
      ...unticked,
      preDestructionVerification: {
        ...unticked.preDestructionVerification,
        result: 'discrepancies_found',
        note: 'One rifle could not be matched to its serial.',
      },
    };
    expect(DestructionEventSchema.safeParse(withDiscrepancies).success).toBe(true);
  });

  it('accepts a witnessed, certified smelting with items and a surplus aggregate', () => {
    expect(DestructionEventSchema.parse(smelting)).toStrictEqual(smelting);
  });

  it('requires items or aggregate counts', () => {
    const empty = { ...smelting, items: [], aggregateCounts: [] };
    expect(issuesOf(DestructionEventSchema, empty)).toStrictEqual([['items', 'itemRequired']]);
  });

  it('requires a witness, a photo and a certificate signatory', () => {
    const bare = { ...smelting, witnesses: [], photos: [], certificateSignatories: [] };
    expect(issuesOf(DestructionEventSchema, bare)).toStrictEqual([
      ['witnesses', 'witnessRequired'],
      ['photos', 'destructionPhotoRequired'],
      ['certificateSignatories', 'required'],
    ]);
  });

  it('requires a note when the verification found discrepancies', () => {
    const verification = { ...smelting.preDestructionVerification, result: 'discrepancies_found' };
    expect(
      issuesOf(DestructionEventSchema, { ...smelting, preDestructionVerification: verification }),
    ).toStrictEqual([['preDestructionVerification.note', 'required']]);
  });

  it('keeps the source context of aggregates, including surplus (Roadmap Goal 6)', () => {
    const aggregate = {
      sourceContext: 'donated',
      quantity: { kind: 'weapons', unit: 'pieces', amount: 3 },
    };
    expect(
      issuesOf(DestructionEventSchema, { ...smelting, aggregateCounts: [aggregate] }),
    ).toStrictEqual([['aggregateCounts.0.sourceContext', 'invalidOption']]);
  });
});
