import { describe, expect, it } from 'vitest';
import { weaponTypeValues } from '../../../../shared/domain/enums.ts';
import {
  barrelClasses,
  barrelClassOf,
  registerCategories,
  registerCategoryOf,
  unodcFirearmTypes,
  unodcTypeOf,
} from '../../../../shared/measures/weapon-crosswalks.ts';

describe('K3 cross-walks of weapon types', () => {
  it('put every recorded type in one of each cross-walk’s own categories', () => {
    for (const type of weaponTypeValues) {
      expect(unodcFirearmTypes).toContain(unodcTypeOf[type]);
      expect(registerCategories).toContain(registerCategoryOf[type]);
      expect(barrelClasses).toContain(barrelClassOf[type]);
    }
  });

  it.each([
    ['self_loading_pistol', 'pistol', 'revolvers_pistols', 'short_barrel'],
    ['assault_rifle', 'rifle', 'assault_rifles', 'long_barrel'],
    ['heavy_machine_gun', 'machine_gun', 'heavy_machine_guns', 'other_barrel'],
    // MANPADS: the Register's missile category, not its SALW form.
    ['manpads', 'other_firearm', 'missiles_category', 'other_barrel'],
    ['air_weapon', 'other_firearm', 'outside_register', 'other_barrel'],
  ] as const)('%s: UNODC %s, Register %s, %s', (type, unodc, register, barrel) => {
    expect(unodcTypeOf[type]).toBe(unodc);
    expect(registerCategoryOf[type]).toBe(register);
    expect(barrelClassOf[type]).toBe(barrel);
  });
});
