import { describe, expect, it } from 'vitest';
import {
  WeaponItemDraftSchema,
  WeaponItemFinalSchema,
} from '../../../../shared/domain/weapon-item.ts';
import { finalAssaultRifle, id } from './fixtures.ts';

/** A weapon's "checked" flags: one per kind of check, each with a date and a result. */
describe("a weapon's serial checks", () => {
  const iarms = { against: 'iarms', on: '2024-05-02', result: 'no_match', reference: 'IA-7781' };
  const watch = { against: 'watch_list', on: '2024-05-01', by: id(9), result: 'match' };

  it('are optional, on a draft and on a final weapon', () => {
    expect(WeaponItemDraftSchema.parse({ id: id(1) }).serialChecks).toBeUndefined();
    const final = WeaponItemFinalSchema.parse({
      ...finalAssaultRifle(1),
      serialChecks: [watch, iarms],
    });
    expect(final.serialChecks).toEqual([watch, iarms]);
  });

  it('keep one mark per kind of check', () => {
    const twice = WeaponItemDraftSchema.safeParse({ id: id(1), serialChecks: [iarms, iarms] });
    expect(twice.success).toBe(false);
  });

  it('refuse an unknown kind, result or date', () => {
    for (const mark of [
      { ...iarms, against: 'interpol_website' },
      { ...iarms, result: 'maybe' },
      { ...iarms, on: '2024-13-01' },
    ]) {
      expect(WeaponItemDraftSchema.safeParse({ id: id(1), serialChecks: [mark] }).success).toBe(
        false,
      );
    }
  });
});
