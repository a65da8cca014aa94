import { v5 as uuidv5 } from 'uuid';
import type { Legibility } from '../../../shared/domain/enums.ts';
import { normaliseMarkingText } from '../../../shared/domain/serial-number.ts';
import type { IntakeForm } from './fields.tsx';

type WeaponForm = IntakeForm['weapons'][number];
type MarkingForm = WeaponForm['markings'][number];

/** Fixed namespace of the serial markings' ids (a UUID v5 of the weapon's id in it). */
const serialMarkingNamespace = '6f1d7a52-3b8e-4c1a-9d0e-5a2b7c4e8f13';

/**
 * The serial is typed once, in the weapon's "serial number as read"; the marking of kind 'serial'
 * (A7) follows from it. That marking's id is derived from the weapon's, so every device, and every
 * later edit, knows it apart from a serial marking the person typed by hand (a second serial on
 * the barrel, say), which is never touched.
 */
export function serialMarkingId(weaponId: string): string {
  return uuidv5(weaponId, serialMarkingNamespace);
}

export function isSerialMarking(weaponId: string, markingId: string): boolean {
  return markingId === serialMarkingId(weaponId);
}

/** A serial typed while the status says it is illegible is at best partly legible. */
function legibilityFor(serialStatus: WeaponForm['serialStatus']): Legibility {
  return serialStatus === 'illegible' ? 'partially_legible' : 'legible';
}

type SerialFields = Pick<
  WeaponForm,
  'id' | 'serialNumber' | 'serialLocation' | 'serialStatus' | 'markings'
>;

/**
 * The weapon's markings with the serial marking following the serial fields: present (first)
 * while a serial is typed, with its text as read and its place from "where the serial is";
 * gone once the serial is cleared. The legibility and close-up photo are the person's. Returns
 * the same array when nothing changes, so a caller can tell.
 */
export function withSerialMarking(weapon: SerialFields): MarkingForm[] {
  const markings = weapon.markings;
  const id = serialMarkingId(weapon.id);
  const index = markings.findIndex((marking) => marking.id === id);
  const serial = weapon.serialNumber;
  if (serial === undefined || serial.trim() === '') {
    return index === -1 ? markings : markings.filter((_, at) => at !== index);
  }
  const current = index === -1 ? undefined : markings[index];
  const next: MarkingForm = {
    ...current,
    id,
    markingKind: 'serial',
    textAsRead: serial,
    textNormalised: normaliseMarkingText(serial),
    component: weapon.serialLocation,
    legibility: current?.legibility ?? legibilityFor(weapon.serialStatus),
  };
  if (current === undefined) return [next, ...markings];
  const same =
    current.markingKind === next.markingKind &&
    current.textAsRead === next.textAsRead &&
    current.component === next.component &&
    current.legibility === next.legibility;
  return same ? markings : markings.map((marking, at) => (at === index ? next : marking));
}

/**
 * A missing place of the serial marking is the weapon's "where the serial is" left blank: the
 * marking's own field only shows it. Issues at the marking's part are named at the field the
 * person fills, so the finalise list says "Where the serial is", not "On which part".
 */
export function issuesAtSerialLocation<T extends { readonly path: string }>(
  issues: readonly T[],
  weapons: readonly Pick<WeaponForm, 'id' | 'markings'>[],
): T[] {
  const seen = new Set<string>();
  return issues.flatMap((issue) => {
    const match = /^weapons\.(\d+)\.markings\.(\d+)\.component$/.exec(issue.path);
    if (match === null) return [issue];
    const weapon = weapons[Number(match[1])];
    const marking = weapon?.markings[Number(match[2])];
    if (weapon === undefined || marking === undefined || !isSerialMarking(weapon.id, marking.id)) {
      return [issue];
    }
    const path = `weapons.${match[1]}.serialLocation`;
    // Shown once, even when the weapon's own field is reported too.
    if (seen.has(path) || issues.some((other) => other.path === path)) return [];
    seen.add(path);
    return [{ ...issue, path }];
  });
}
