import type { WeaponType } from '../domain/enums.ts';

/**
 * K3's cross-walks (salw-domain.md (b) K3 and (a) "Cross-walks the dashboard must support"): the
 * app records a weapon's type in the UN 1997 Panel / ITI taxonomy with the civilian and crime types
 * UNODC data adds; the questionnaires and registers count them in their own categories. Each
 * cross-walk names every type, so a new type cannot fall out of a figure unnoticed (the `Record`
 * over WeaponType makes that a type error). A weapon whose type is not recorded is `unknown` in
 * each. Their labels are domain enumerations (`enum.unodcFirearmType` and so on).
 */

/** UNODC IAFQ / Global Study firearm types. */
export const unodcFirearmTypes = [
  'pistol',
  'revolver',
  'rifle',
  'shotgun',
  'sub_machine_gun',
  'machine_gun',
  'combination_gun',
  'other_firearm',
] as const;
export type UnodcFirearmType = (typeof unodcFirearmTypes)[number];

/**
 * Decisions: assault rifles are rifles, as the questionnaire lists no type of their own; light,
 * heavy and other machine guns are machine guns; a converted alarm or gas weapon, a craft or
 * improvised gun, an air weapon, an antique and every light weapon other than a machine gun are
 * "other" (the questionnaire's firearm types do not name them, and the type alone does not say
 * which pistol or revolver a converted gun became).
 */
export const unodcTypeOf: Readonly<Record<WeaponType, UnodcFirearmType>> = {
  revolver: 'revolver',
  self_loading_pistol: 'pistol',
  rifle_carbine: 'rifle',
  assault_rifle: 'rifle',
  sub_machine_gun: 'sub_machine_gun',
  light_machine_gun: 'machine_gun',
  shotgun: 'shotgun',
  heavy_machine_gun: 'machine_gun',
  grenade_launcher: 'other_firearm',
  portable_aa_gun: 'other_firearm',
  portable_at_gun: 'other_firearm',
  recoilless_rifle: 'other_firearm',
  portable_at_missile_rocket_launcher: 'other_firearm',
  manpads: 'other_firearm',
  mortar_lt_100mm: 'other_firearm',
  combination_gun: 'combination_gun',
  machine_gun_other: 'machine_gun',
  converted_alarm_gas_weapon: 'other_firearm',
  craft_improvised: 'other_firearm',
  air_weapon: 'other_firearm',
  antique_pre1900: 'other_firearm',
  other: 'other_firearm',
};

/** The UN Register of Conventional Arms' SALW reporting form (its lines), and what it leaves out. */
export const registerCategories = [
  'revolvers_pistols',
  'rifles_carbines',
  'sub_machine_guns',
  'assault_rifles',
  'light_machine_guns',
  'small_arms_others',
  'heavy_machine_guns',
  'grenade_launchers',
  'portable_at_guns',
  'recoilless_rifles',
  'portable_at_missile_rocket',
  'mortars',
  'light_weapons_others',
  'missiles_category',
  'outside_register',
] as const;
export type RegisterCategory = (typeof registerCategories)[number];

/**
 * Decisions (the form's lines are [M] in the domain notes: verify against the UNROCA form):
 * MANPADS go to the Register's missile category, not the SALW form; mortars are recorded below
 * 100 mm (the ITI's threshold) and the form's line is below 75 mm, so `mortars` may hold 75-99 mm
 * mortars the form counts under "others" (the calibre, not the type, tells them apart); portable
 * anti-aircraft guns are light weapons' "others"; shotguns, combination guns, other machine guns,
 * converted and craft guns are small arms' "others"; air weapons and antiques are not arms the
 * Register counts.
 */
export const registerCategoryOf: Readonly<Record<WeaponType, RegisterCategory>> = {
  revolver: 'revolvers_pistols',
  self_loading_pistol: 'revolvers_pistols',
  rifle_carbine: 'rifles_carbines',
  assault_rifle: 'assault_rifles',
  sub_machine_gun: 'sub_machine_guns',
  light_machine_gun: 'light_machine_guns',
  shotgun: 'small_arms_others',
  heavy_machine_gun: 'heavy_machine_guns',
  grenade_launcher: 'grenade_launchers',
  portable_aa_gun: 'light_weapons_others',
  portable_at_gun: 'portable_at_guns',
  recoilless_rifle: 'recoilless_rifles',
  portable_at_missile_rocket_launcher: 'portable_at_missile_rocket',
  manpads: 'missiles_category',
  mortar_lt_100mm: 'mortars',
  combination_gun: 'small_arms_others',
  machine_gun_other: 'small_arms_others',
  converted_alarm_gas_weapon: 'small_arms_others',
  craft_improvised: 'small_arms_others',
  air_weapon: 'outside_register',
  antique_pre1900: 'outside_register',
  other: 'small_arms_others',
};

/** Long barrel, short barrel or other: the split Balkan destruction reports use. */
export const barrelClasses = ['long_barrel', 'short_barrel', 'other_barrel'] as const;
export type BarrelClass = (typeof barrelClasses)[number];

/**
 * Decisions: pistols and revolvers are short; rifles, carbines, assault rifles, shotguns,
 * combination guns and light machine guns are long; sub-machine guns, converted and craft guns
 * (either, by the piece), light weapons and the rest are other (the type does not give the
 * barrel's length, which the EU directive's line is drawn by).
 */
export const barrelClassOf: Readonly<Record<WeaponType, BarrelClass>> = {
  revolver: 'short_barrel',
  self_loading_pistol: 'short_barrel',
  rifle_carbine: 'long_barrel',
  assault_rifle: 'long_barrel',
  sub_machine_gun: 'other_barrel',
  light_machine_gun: 'long_barrel',
  shotgun: 'long_barrel',
  heavy_machine_gun: 'other_barrel',
  grenade_launcher: 'other_barrel',
  portable_aa_gun: 'other_barrel',
  portable_at_gun: 'other_barrel',
  recoilless_rifle: 'other_barrel',
  portable_at_missile_rocket_launcher: 'other_barrel',
  manpads: 'other_barrel',
  mortar_lt_100mm: 'other_barrel',
  combination_gun: 'long_barrel',
  machine_gun_other: 'other_barrel',
  converted_alarm_gas_weapon: 'other_barrel',
  craft_improvised: 'other_barrel',
  air_weapon: 'other_barrel',
  antique_pre1900: 'other_barrel',
  other: 'other_barrel',
};

/** Every cross-walk, by the dimension name the measures give it. */
export const weaponCrosswalks = {
  unodcType: unodcTypeOf,
  registerCategory: registerCategoryOf,
  barrel: barrelClassOf,
} as const;
