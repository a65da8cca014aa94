import { describe, expect, it } from 'vitest';
import {
  issuesAtSerialLocation,
  isSerialMarking,
  serialMarkingId,
  withSerialMarking,
} from '../../../../../renderer/features/records/serial-marking.ts';
import { MarkingDraftSchema } from '../../../../../shared/domain/marking.ts';
import { RecordIdSchema } from '../../../../../shared/domain/ids.ts';

const weaponId = '01a2029a-2088-7527-baa6-5fcd635c7c8b';
const otherWeaponId = '01a2029a-2088-7527-baa6-5fcd635c7c8c';
const proofMark = MarkingDraftSchema.parse({
  id: '01a2029a-2088-7527-baa6-5fcd635c7c90',
  markingKind: 'proof_mark',
  component: 'barrel',
  textAsRead: 'Z 1',
  legibility: 'legible',
});

describe('serialMarkingId', () => {
  it('is a valid record id, the same for the same weapon and different for another', () => {
    const id = serialMarkingId(weaponId);
    expect(RecordIdSchema.safeParse(id).success).toBe(true);
    expect(serialMarkingId(weaponId)).toBe(id);
    expect(serialMarkingId(otherWeaponId)).not.toBe(id);
    expect(isSerialMarking(weaponId, id)).toBe(true);
    expect(isSerialMarking(weaponId, proofMark.id)).toBe(false);
  });
});

describe('withSerialMarking', () => {
  it('adds the serial marking first once a serial is typed, with its place and text', () => {
    const markings = withSerialMarking({
      id: weaponId,
      serialNumber: 'M48 77812',
      serialLocation: 'frame_receiver',
      serialStatus: 'present',
      markings: [proofMark],
    });
    expect(markings).toStrictEqual([
      {
        id: serialMarkingId(weaponId),
        markingKind: 'serial',
        textAsRead: 'M48 77812',
        textNormalised: 'M4877812',
        component: 'frame_receiver',
        legibility: 'legible',
      },
      proofMark,
    ]);
    // What it makes is a valid marking draft.
    expect(MarkingDraftSchema.safeParse(markings[0]).success).toBe(true);
  });

  it('makes a serial typed under "illegible" partly legible', () => {
    const [marking] = withSerialMarking({
      id: weaponId,
      serialNumber: '77?12',
      serialStatus: 'illegible',
      markings: [],
    });
    expect(marking?.legibility).toBe('partially_legible');
    expect(marking?.component).toBeUndefined();
  });

  it('follows later changes of the serial and its place, keeping the legibility and photo chosen', () => {
    const photo = 'a'.repeat(64);
    const first = withSerialMarking({ id: weaponId, serialNumber: 'A1', markings: [proofMark] });
    const chosen = first.map((marking, at) =>
      at === 0
        ? { ...marking, legibility: 'partially_legible' as const, photoSha256: photo }
        : marking,
    );
    const next = withSerialMarking({
      id: weaponId,
      serialNumber: 'A12',
      serialLocation: 'slide',
      markings: chosen,
    });
    expect(next[0]).toMatchObject({
      textAsRead: 'A12',
      component: 'slide',
      legibility: 'partially_legible',
      photoSha256: photo,
    });
    expect(next[1]).toBe(proofMark);
  });

  it('returns the same list when nothing changes', () => {
    const markings = withSerialMarking({ id: weaponId, serialNumber: 'A1', markings: [] });
    expect(withSerialMarking({ id: weaponId, serialNumber: 'A1', markings })).toBe(markings);
    const none = [proofMark];
    expect(withSerialMarking({ id: weaponId, markings: none })).toBe(none);
  });

  it('removes the serial marking when the serial is cleared, and never a hand-typed serial marking', () => {
    const typedByHand = MarkingDraftSchema.parse({
      id: '01a2029a-2088-7527-baa6-5fcd635c7c91',
      markingKind: 'serial',
      component: 'barrel',
      textAsRead: 'B 99',
      legibility: 'legible',
    });
    const markings = withSerialMarking({
      id: weaponId,
      serialNumber: 'A1',
      markings: [proofMark, typedByHand],
    });
    expect(markings).toHaveLength(3);
    expect(withSerialMarking({ id: weaponId, serialNumber: '  ', markings })).toStrictEqual([
      proofMark,
      typedByHand,
    ]);
  });

  it("names a missing place of the serial marking at the weapon's 'where the serial is'", () => {
    const markings = withSerialMarking({ id: weaponId, serialNumber: 'A1', markings: [proofMark] });
    const weapons = [{ id: weaponId, markings }];
    const at = (index: number) => `weapons.0.markings.${index}.component`;
    const serialIndex = markings.findIndex((marking) => isSerialMarking(weaponId, marking.id));
    const otherIndex = serialIndex === 0 ? 1 : 0;
    expect(
      issuesAtSerialLocation(
        [
          { path: at(serialIndex), message: 'required' },
          { path: at(otherIndex), message: 'required' },
          { path: 'weapons.0.photos', message: 'photoRequired' },
        ],
        weapons,
      ),
    ).toEqual([
      { path: 'weapons.0.serialLocation', message: 'required' },
      { path: at(otherIndex), message: 'required' },
      { path: 'weapons.0.photos', message: 'photoRequired' },
    ]);
    // Said once when the weapon's own field is already named.
    expect(
      issuesAtSerialLocation(
        [
          { path: 'weapons.0.serialLocation', message: 'required' },
          { path: at(serialIndex), message: 'required' },
        ],
        weapons,
      ),
    ).toEqual([{ path: 'weapons.0.serialLocation', message: 'required' }]);
  });
});
