import {
  automaticSerialChecks,
  type SerialCheckMark,
} from '../../shared/domain/serial-check-mark.ts';
import { normaliseMarkingText } from '../../shared/domain/serial-number.ts';
import type { WeaponItemDraft } from '../../shared/domain/weapon-item.ts';
import type { Db } from '../store/encrypted-database.ts';
import { exactSerialHits } from '../store/serial-check-queries.ts';

type Weapon = Omit<WeaponItemDraft, 'serialNumberNormalised'> & {
  serialNumberNormalised?: string | undefined;
};

/**
 * Sets each weapon's automatic "checked" flags on save, from this laptop's store: main is their
 * single source of truth (the form may send anything; what main found is what counts, and a
 * record imported or saved by any path gets them the same way). A mark stays as it was while the
 * weapon's serial, make and calibre are unchanged since the last save; otherwise the serial is
 * checked again, against the records (other than this one) and the watch lists. A person's own
 * ticks (iARMS, national register) are kept as sent.
 */
export function markSerialChecks<T extends Weapon>(
  db: Db,
  weapons: readonly T[],
  previous: readonly Weapon[] | undefined,
  context: { on: string; by: string; intakeEventId: string },
): T[] {
  const before = new Map((previous ?? []).map((weapon) => [weapon.id, weapon]));
  return weapons.map((weapon) => {
    const manual = (weapon.serialChecks ?? []).filter(
      (mark) => !automaticSerialChecks.includes(mark.against),
    );
    const serial = normaliseMarkingText(weapon.serialNumber ?? '');
    let automatic: SerialCheckMark[] = [];
    if (serial !== '') {
      const old = before.get(weapon.id);
      const unchanged =
        old !== undefined &&
        normaliseMarkingText(old.serialNumber ?? '') === serial &&
        old.manufacturer === weapon.manufacturer &&
        old.calibre === weapon.calibre;
      const kept = unchanged
        ? (old.serialChecks ?? []).filter((mark) => automaticSerialChecks.includes(mark.against))
        : [];
      if (kept.length === automaticSerialChecks.length) {
        automatic = kept;
      } else {
        const found = exactSerialHits(db, {
          serial: weapon.serialNumber ?? '',
          manufacturer: weapon.manufacturer,
          calibre: weapon.calibre,
          intakeEventId: context.intakeEventId,
        });
        const result = (hit: boolean) => (hit ? ('match' as const) : ('no_match' as const));
        automatic = [
          {
            against: 'local_records',
            on: context.on,
            by: context.by,
            result: result(found.localRecords),
          },
          {
            against: 'watch_list',
            on: context.on,
            by: context.by,
            result: result(found.watchList),
          },
        ];
      }
    }
    const marks = [...automatic, ...manual];
    const { serialChecks: _sent, ...rest } = weapon;
    return (marks.length === 0 ? rest : { ...rest, serialChecks: marks }) as T;
  });
}
