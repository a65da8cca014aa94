import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveItemCustody,
  type CustodyEvent,
  type CustodyStart,
} from '../../../../shared/custody/item-custody.ts';

const weapon: CustodyStart = {
  amount: 1,
  locationId: 'border',
  status: 'in_custody',
  since: '2024-03-01',
};
const lot: CustodyStart = { ...weapon, amount: 500 };

function move(
  recordId: string,
  at: string,
  from: string | null,
  to: string | null,
  purpose: 'to_storage' | 'to_destruction_site' | 'to_court' | 'return_to_owner' = 'to_storage',
  amount: number | null = null,
): CustodyEvent {
  return {
    recordId,
    at,
    effect: {
      type: 'transfer',
      fromLocationId: from,
      toLocationId: to,
      toHolder: `Holder at ${String(to)}`,
      purpose,
      amount,
    },
  };
}

function decide(
  recordId: string,
  at: string,
  decision: 'for_destruction' | 'evidence_hold' | 'release_hold' | 'return_to_owner',
): CustodyEvent {
  return { recordId, at, effect: { type: 'decision', decision } };
}

describe('deriveItemCustody', () => {
  it('starts where and as the intake left it', () => {
    expect(deriveItemCustody(weapon, [])).toEqual({
      status: 'in_custody',
      statusSince: '2024-03-01',
      locationId: 'border',
      holdings: [{ locationId: 'border', holder: null, amount: 1 }],
      conflicts: [],
    });
  });

  it('follows transfers and decisions, dating the status from when it changed', () => {
    const state = deriveItemCustody(weapon, [
      move('t1', '2024-03-02T08:00:00Z', 'border', 'store'),
      decide('d1', '2024-04-10T08:00:00Z', 'for_destruction'),
      // Moved between stores while awaiting destruction: still awaiting, since the decision.
      move('t2', '2024-05-01T08:00:00Z', 'store', 'store-2'),
    ]);
    expect(state).toMatchObject({
      status: 'awaiting_destruction',
      statusSince: '2024-04-10',
      locationId: 'store-2',
      conflicts: [],
    });
  });

  it('puts an evidence hold over storage, and a release takes it off', () => {
    const held = [
      move('t1', '2024-03-02T08:00:00Z', 'border', 'store'),
      decide('d1', '2024-03-03T08:00:00Z', 'evidence_hold'),
    ];
    expect(deriveItemCustody(weapon, held).status).toBe('evidence_hold');
    const released = deriveItemCustody(weapon, [
      ...held,
      decide('d2', '2024-06-01T08:00:00Z', 'release_hold'),
    ]);
    expect(released).toMatchObject({ status: 'in_storage', statusSince: '2024-06-01' });
  });

  it('splits a lot by the amounts moved and keeps the rest where it was', () => {
    const state = deriveItemCustody(lot, [
      move('t1', '2024-03-02T08:00:00Z', 'border', 'store'),
      move('t2', '2024-03-03T08:00:00Z', 'store', 'lab', 'to_court', 120),
    ]);
    expect(state.holdings).toEqual([
      { locationId: 'store', holder: 'Holder at store', amount: 380 },
      { locationId: 'lab', holder: 'Holder at lab', amount: 120 },
    ]);
    // The rest stays in storage: a part moving on does not change the lot's status.
    expect(state.status).toBe('in_storage');
    expect(state.conflicts).toEqual([]);
  });

  it('keeps a move from a place the item had left, and marks it as a conflict', () => {
    const state = deriveItemCustody(weapon, [
      move('a', '2024-03-02T08:00:00Z', 'border', 'store'),
      move('b', '2024-03-02T09:00:00Z', 'border', 'other-store'),
    ]);
    expect(state.conflicts).toEqual([{ recordId: 'b', reason: 'not_at_origin' }]);
    // Nothing lost or doubled: the one weapon is where the last record took it.
    expect(state.holdings).toEqual([
      { locationId: 'other-store', holder: 'Holder at other-store', amount: 1 },
    ]);
  });

  it('keeps a move of a destroyed weapon where the record took it, marked as a conflict', () => {
    const destroy: CustodyEvent = {
      recordId: 'd',
      at: '2024-03-02T23:59:59.999Z',
      effect: { type: 'destruction', siteLocationId: 'border', amount: null },
    };
    const state = deriveItemCustody(weapon, [
      destroy,
      move('late', '2024-03-03T08:00:00Z', 'border', 'court', 'to_court'),
    ]);
    expect(state.conflicts).toEqual([{ recordId: 'late', reason: 'already_destroyed' }]);
    // One weapon at the court, as the record says: never a holding of nothing.
    expect(state.status).toBe('transferred');
    expect(state.holdings).toEqual([{ locationId: 'court', holder: 'Holder at court', amount: 1 }]);
  });

  it('marks anything after a return to the owner, and more moved than held', () => {
    const returned = deriveItemCustody(weapon, [
      move('a', '2024-03-02T08:00:00Z', 'border', null, 'return_to_owner'),
      decide('b', '2024-03-03T08:00:00Z', 'for_destruction'),
    ]);
    expect(returned.conflicts).toEqual([{ recordId: 'b', reason: 'already_returned' }]);
    const tooMuch = deriveItemCustody(lot, [
      move('a', '2024-03-02T08:00:00Z', 'border', 'x', 'to_storage', 600),
    ]);
    expect(tooMuch.conflicts).toEqual([{ recordId: 'a', reason: 'not_enough_at_origin' }]);
    expect(tooMuch.holdings).toEqual([{ locationId: 'x', holder: 'Holder at x', amount: 500 }]);
  });

  it('ignores a corrected record: it stays in the timeline but moves nothing', () => {
    const state = deriveItemCustody(
      weapon,
      [
        move('wrong', '2024-03-02T08:00:00Z', 'border', 'store'),
        move('right', '2024-03-02T08:00:00Z', 'border', 'lab'),
      ],
      new Set(['wrong']),
    );
    expect(state).toMatchObject({ locationId: 'lab', conflicts: [] });
  });

  it('gives the same state whatever order the records arrive in (every laptop agrees)', () => {
    const places = ['border', 'store', 'lab', null];
    const event = fc
      .tuple(
        fc.integer({ min: 0, max: 20 }),
        fc.constantFrom(...places),
        fc.constantFrom(...places),
        fc.option(fc.integer({ min: 1, max: 300 }), { nil: null }),
        fc.constantFrom('for_destruction', 'evidence_hold', 'release_hold', null),
      )
      .map(([day, from, to, amount, decision]): CustodyEvent => {
        const at = `2024-03-${String(day + 1).padStart(2, '0')}T08:00:00Z`;
        const recordId = `r-${String(day)}`;
        return decision === null
          ? move(recordId, at, from, to, 'to_storage', amount)
          : decide(recordId, at, decision);
      });
    const uniqueEvents = fc
      .array(event, { maxLength: 12 })
      .map((events) =>
        events.map((item, index) => ({ ...item, recordId: `${item.recordId}-${String(index)}` })),
      );
    const inTwoOrders = uniqueEvents.chain((events) =>
      fc.tuple(
        fc.constant(events),
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
      ),
    );
    fc.assert(
      fc.property(inTwoOrders, ([events, shuffled]) => {
        const one = deriveItemCustody(lot, events);
        expect(deriveItemCustody(lot, shuffled)).toEqual(one);
        // Nothing of the lot is ever lost or doubled by moving it around.
        const held = one.holdings.reduce((sum, holding) => sum + holding.amount, 0);
        expect(held).toBeCloseTo(500, 6);
      }),
      { numRuns: 300 },
    );
  });
});
