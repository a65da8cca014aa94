import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../electron/store/encrypted-database.ts';
import { writeIntake } from '../electron/store/intake-repository.ts';
import { weaponTypeValues } from '../shared/domain/enums.ts';
import { IntakeEventDraftSchema, type IntakeEventDraft } from '../shared/domain/intake-event.ts';

/**
 * The benchmarks' record: a seizure of rifles with serials and markings, with time-ordered ids
 * (UUIDv7) as the app gives records, weapons and markings. With one rifle it is about 0.9 KB of
 * JSON, the record size the design's targets are set for (sync-and-crypto P4-P6: 1 KB records,
 * 100k of them about 100 MB); with four, about 2.3 KB.
 */
export const WEAPONS_PER_EVENT = 4;

export function serialOf(event: number, weapon: number): string {
  return `AK-${event}-${weapon}`;
}

export function makeIntakeEvent(
  index: number,
  locationId: string,
  weapons = WEAPONS_PER_EVENT,
): IntakeEventDraft {
  const month = String((index % 12) + 1).padStart(2, '0');
  return IntakeEventDraftSchema.parse({
    id: uuidv7(),
    status: 'draft',
    revision: 1,
    context: index % 3 === 0 ? 'surrendered' : 'seized',
    occurredAt: `${2020 + (index % 6)}-${month}-${String((index % 28) + 1).padStart(2, '0')}`,
    locationId,
    recordingAgency: 'Border Police',
    recordingOfficer: 'Officer 7',
    notes: 'Vehicle stopped at the border crossing; weapons found in a hidden compartment.',
    weapons: Array.from({ length: weapons }, (_, w) => ({
      id: uuidv7(),
      category: 'small_arm',
      weaponType: weaponTypeValues[(index + w) % weaponTypeValues.length],
      manufacturer: 'Zastava',
      model: 'M70',
      calibre: '7.62x39mm',
      serialNumber: serialOf(index, w),
      serialStatus: 'present',
      markingCondition: 'intact',
      lifecycleStatus: 'in_custody',
      traceStatus: 'not_attempted',
      markings: [{ id: uuidv7(), markingKind: 'serial', textAsRead: serialOf(index, w) }],
      photos: [],
    })),
    parts: [],
    ammunition: [],
    explosives: [],
    photos: [],
  });
}

/**
 * `events` final seizures of `WEAPONS_PER_EVENT` rifles each, written as the app stores them, in
 * transactions of 5,000; `each` sees every event written (to keep its item ids, say).
 */
export function writeFinalIntakes(
  db: Db,
  events: number,
  { locationId, userId, at }: { locationId: string; userId: string; at: string },
  each: (event: IntakeEventDraft) => void = () => undefined,
): void {
  for (let start = 0; start < events; start += 5_000) {
    db.transaction(() => {
      for (let index = start; index < Math.min(events, start + 5_000); index += 1) {
        const event = makeIntakeEvent(index, locationId);
        writeIntake(db, {
          event,
          revision: 1,
          status: 'final',
          createdAt: at,
          createdBy: userId,
          updatedAt: at,
          updatedBy: userId,
          finalisedAt: at,
          finalisedBy: userId,
        });
        each(event);
      }
    })();
  }
}
