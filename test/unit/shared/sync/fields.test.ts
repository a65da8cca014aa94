import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  jsonEqual,
  sameFieldValue,
  serverOwnedKeys,
  withoutServerKeys,
} from '../../../../shared/sync/fields.ts';

describe('jsonEqual', () => {
  it('ignores key order (JSONB) but not array order', () => {
    expect(jsonEqual({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 })).toBe(
      true,
    );
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: [] }, { a: {} })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });

  it('counts a key whose value is undefined as absent', () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(jsonEqual({ a: 1, b: null }, { a: 1 })).toBe(false);
  });

  it('agrees with comparing the values after a JSON round trip with sorted keys', () => {
    const sorted = (value: unknown): string =>
      JSON.stringify(value, (_key, inner: unknown) =>
        inner === null || typeof inner !== 'object' || Array.isArray(inner)
          ? inner
          : Object.fromEntries(
              Object.entries(inner as Record<string, unknown>).sort(([x], [y]) =>
                x < y ? -1 : x > y ? 1 : 0,
              ),
            ),
      );
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(jsonEqual(a, b)).toBe(sorted(a) === sorted(b));
        expect(jsonEqual(a, structuredClone(a))).toBe(true);
      }),
    );
  });
});

describe('sameFieldValue', () => {
  it('treats an emptied field (null) as equal to an absent one', () => {
    expect(sameFieldValue(null, undefined)).toBe(true);
    expect(sameFieldValue('', undefined)).toBe(false);
    expect(sameFieldValue({ b: 1, a: 2 }, { a: 2, b: 1 })).toBe(true);
  });
});

describe('serverOwnedKeys', () => {
  it("keeps an intake event's status with the server, a campaign's with the campaign", () => {
    expect(serverOwnedKeys('intake_event')).toEqual(['id', 'revision', 'status']);
    expect(serverOwnedKeys('campaign')).toEqual(['id', 'revision']);
  });
});

describe('withoutServerKeys', () => {
  it("drops what the server owns, keeps a campaign's own status, and leaves the input as it was", () => {
    const intake = { id: 'e1', revision: 3, status: 'final', notes: 'x' };
    expect(withoutServerKeys('intake_event', intake)).toEqual({ notes: 'x' });
    expect(intake).toEqual({ id: 'e1', revision: 3, status: 'final', notes: 'x' });
    expect(withoutServerKeys('campaign', { id: 'c1', revision: 1, status: 'active' })).toEqual({
      status: 'active',
    });
    expect(withoutServerKeys('location', null)).toEqual({});
  });
});
