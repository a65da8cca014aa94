import { describe, expect, it } from 'vitest';
import { CustodyTransferSchema } from '../../../../shared/domain/custody-transfer.ts';
import { id, issuesOf, photo } from './fixtures.ts';

const signature = (n: number, signedBy: string) => ({
  signedBy,
  signedAt: '2025-03-15T10:00:00+01:00',
  image: photo(n, 'document'),
});

const transfer = {
  id: id(50),
  items: [
    { kind: 'weapon', id: id(101) },
    { kind: 'weapon', id: id(102) },
  ],
  fromHolder: { name: 'Insp. J. Petrović', unit: 'Border Police Batrovci' },
  toHolder: {
    name: 'Sgt. M. Ilić',
    unit: 'Evidence room, PU Sremska Mitrovica',
    locationId: id(7),
  },
  transferredAt: '2025-03-15T10:00:00+01:00',
  purpose: 'to_evidence_room',
  sealNumbers: ['0012345'],
  transportMode: 'Police van',
  handoverSignature: signature(1, 'J. Petrović'),
  receiptSignature: signature(2, 'M. Ilić'),
};

describe('CustodyTransferSchema', () => {
  it('accepts a signed transfer to the evidence room', () => {
    expect(CustodyTransferSchema.parse(transfer)).toStrictEqual(transfer);
  });

  it('requires at least one item', () => {
    expect(issuesOf(CustodyTransferSchema, { ...transfer, items: [] })).toStrictEqual([
      ['items', 'itemRequired'],
    ]);
    const { items: _items, ...withoutItems } = transfer;
    expect(issuesOf(CustodyTransferSchema, withoutItems)).toStrictEqual([
      ['items', 'itemRequired'],
    ]);
  });

  it('requires both signatures', () => {
    const { handoverSignature: _h, receiptSignature: _r, ...unsigned } = transfer;
    expect(issuesOf(CustodyTransferSchema, unsigned)).toStrictEqual([
      ['handoverSignature', 'required'],
      ['receiptSignature', 'required'],
    ]);
  });

  it('records a discrepancy with a note and a count difference', () => {
    const withGap = {
      ...transfer,
      discrepancies: { note: 'One rifle missing', countDifference: -1 },
    };
    expect(CustodyTransferSchema.safeParse(withGap).success).toBe(true);
    expect(
      issuesOf(CustodyTransferSchema, { ...transfer, discrepancies: { countDifference: -1 } }),
    ).toStrictEqual([['discrepancies.note', 'required']]);
  });

  it('keys a holder without a name and an unknown purpose', () => {
    expect(
      issuesOf(CustodyTransferSchema, {
        ...transfer,
        toHolder: { unit: 'Court' },
        purpose: 'to_museum',
      }),
    ).toStrictEqual([
      ['toHolder.name', 'required'],
      ['purpose', 'invalidOption'],
    ]);
  });
});
