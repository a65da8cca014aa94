import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as enums from '../../../../shared/domain/enums.ts';
import {
  additionalWeaponTypes,
  categoryOfWeaponType,
  lightWeaponTypes,
  smallArmTypes,
  weaponCategoryValues,
  weaponTypeValues,
} from '../../../../shared/domain/enums.ts';
import { issuesOf } from './fixtures.ts';

const exported: Array<[string, unknown]> = Object.entries(enums);
const valueLists = exported.filter(
  (entry): entry is [string, readonly string[]] =>
    (entry[0].endsWith('Values') || entry[0].endsWith('Types')) && Array.isArray(entry[1]),
);
const schemas = exported.filter(
  (entry): entry is [string, z.ZodEnum] =>
    entry[0].endsWith('Schema') && entry[1] instanceof z.ZodEnum,
);

describe('enumerations', () => {
  it('exports a value list and a schema for every enumeration', () => {
    expect(valueLists.length).toBeGreaterThanOrEqual(40);
    for (const [name] of schemas) {
      const listName = `${name.charAt(0).toLowerCase()}${name.slice(1, -'Schema'.length)}Values`;
      expect(Object.keys(enums), name).toContain(listName);
    }
  });

  it.each(valueLists)('%s has no duplicates and uses lower snake_case', (_name, values) => {
    expect(new Set(values).size).toBe(values.length);
    for (const value of values) expect(value).toMatch(/^[a-z0-9]+(?:_[a-z0-9]+)*$/);
  });

  it.each(schemas)('%s accepts its values, keys a missing or unknown one', (name, schema) => {
    for (const value of schema.options) expect(schema.parse(value)).toBe(value);
    expect(issuesOf(schema, undefined), name).toStrictEqual([['', 'required']]);
    expect(issuesOf(schema, 'not_a_value'), name).toStrictEqual([['', 'invalidOption']]);
  });

  it('has the values the brief and the other layers rely on', () => {
    expect(enums.intakeContextValues).toStrictEqual(['seized', 'found', 'surrendered']);
    expect(enums.legibilityValues).toStrictEqual(['legible', 'partially_legible', 'illegible']);
    expect(enums.recordStatusValues).toStrictEqual(['draft', 'final']);
    expect(enums.ammoQuantityUnitValues).toStrictEqual(['rounds', 'kg', 'tonnes', 'boxes']);
    expect(enums.explosiveQuantityUnitValues).toStrictEqual(['pieces', 'kg']);
    expect(enums.userRoleValues).toStrictEqual([
      'field_officer',
      'custody_officer',
      'destruction_officer',
      'team_lead',
      'administrator',
    ]);
    expect(enums.attachmentKindValues).toStrictEqual([
      'whole_weapon',
      'marking',
      'packaging',
      'scene',
      'document',
      'signature',
      'other',
    ]);
    expect(enums.ageBandValues).toStrictEqual([
      'under_18',
      '18_24',
      '25_34',
      '35_49',
      '50_64',
      '65_plus',
      'unknown',
    ]);
    expect(enums.sourceContextValues).toStrictEqual([...enums.intakeContextValues, 'surplus']);
  });

  it('lists border location types that are location types', () => {
    for (const type of enums.borderLocationTypes) expect(enums.locationTypeValues).toContain(type);
  });
});

describe('weapon taxonomy (UN 1997 Panel, ITI)', () => {
  it('splits weapon types into small arms, light weapons and the rest, without overlap', () => {
    expect([...smallArmTypes, ...lightWeaponTypes, ...additionalWeaponTypes]).toStrictEqual([
      ...weaponTypeValues,
    ]);
    expect(smallArmTypes).toHaveLength(7);
    expect(lightWeaponTypes).toHaveLength(8);
    expect(additionalWeaponTypes).toHaveLength(7);
  });

  it.each(smallArmTypes)('%s is a small arm', (type) => {
    expect(categoryOfWeaponType(type)).toBe('small_arm');
  });

  it.each(lightWeaponTypes)('%s is a light weapon', (type) => {
    expect(categoryOfWeaponType(type)).toBe('light_weapon');
  });

  it.each([
    ['combination_gun', 'firearm_other_civilian'],
    ['converted_alarm_gas_weapon', 'firearm_other_civilian'],
    ['craft_improvised', 'firearm_other_civilian'],
    ['air_weapon', 'non_salw_or_antique'],
    ['antique_pre1900', 'non_salw_or_antique'],
  ] as const)('%s is %s', (type, category) => {
    expect(categoryOfWeaponType(type)).toBe(category);
  });

  it.each(['machine_gun_other', 'other'] as const)(
    '%s leaves the category to the person',
    (type) => {
      expect(categoryOfWeaponType(type)).toBeUndefined();
    },
  );

  it('only ever returns a known category', () => {
    for (const type of weaponTypeValues) {
      const category = categoryOfWeaponType(type);
      if (category !== undefined) expect(weaponCategoryValues).toContain(category);
    }
  });
});
