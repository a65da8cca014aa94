import { custodyEventsOf, type CustodyEntity } from '../custody/item-custody.ts';
import { itemsOfIntake } from './intake-items.ts';

/**
 * What a record concerns, for the teams' scopes (issue 17): the server decides from this alone
 * which teams' laptops receive a record, so a record type says it once, in its definition
 * (record-types.ts `scope`), and pull never branches on a type's name.
 *
 * A team receives a record when one of its devices made it, or when it names one of the team's
 * sites (places) or a place in one of its jurisdictions, or a jurisdiction of the team directly.
 * Records that name each other travel together: `records` and `items` link this record to others
 * (a custody record to the intake events of the items it moves, a trace request to its intake,
 * a review to the record it reviews), and a laptop that receives any record of such a linked group
 * receives all of them, so it never holds a transfer without the intake of its items or an item
 * without the records that decide its status. Photos a record refers to are linked by the server
 * itself (every type, by content address), so a photo's description follows its record.
 */
export interface RecordScope {
  /** Reference data every team's laptops need (places, campaigns, signing keys). */
  readonly everyTeam?: boolean;
  /** Location record ids the record happens at or names (its sites). */
  readonly places?: readonly string[];
  /** Jurisdictions (country codes) the record names itself, not through a place. */
  readonly jurisdictions?: readonly string[];
  /** Other records whose scope this record shares (it follows them and they follow it). */
  readonly records?: readonly string[];
  /** Item ids the record names or holds: records naming the same item travel together. */
  readonly items?: readonly string[];
}

type Json = Record<string, unknown>;

function ids(...values: unknown[]): string[] {
  return [
    ...new Set(
      values.filter((value): value is string => typeof value === 'string' && value !== ''),
    ),
  ];
}

/** Reference data: on every laptop, whoever made it. */
export const everyTeamScope = (): RecordScope => ({ everyTeam: true });

/** Concerns nothing of its own: it follows the records that link to it (a photo's description). */
export const followerScope = (): RecordScope => ({});

/** An intake happens at its place and holds its items. */
export function intakeScope(record: Json): RecordScope {
  return {
    places: ids(record.locationId),
    items: itemsOfIntake(record, 'draft').map((item) => item.id),
  };
}

/** A custody record's sites and every item it names (each with the intake it came in with). */
export function custodyScope(entity: CustodyEntity) {
  return (record: Json): RecordScope => {
    const holder = (value: unknown) => (value as Json | undefined)?.locationId;
    return {
      places: ids(record.siteLocationId, holder(record.fromHolder), holder(record.toHolder)),
      items: ids(...custodyEventsOf(entity, record).map((event) => event.itemId)),
    };
  };
}

/** A record about one intake (a trace request): it goes where that intake goes. */
export function followsFieldScope(field: string, itemField?: string) {
  return (record: Json): RecordScope => ({
    records: ids(record[field]),
    items: itemField === undefined ? [] : ids(record[itemField]),
  });
}

/** A figure for a jurisdiction (a historic count): the teams covering that jurisdiction. */
export function jurisdictionFieldScope(field: string) {
  return (record: Json): RecordScope => ({ jurisdictions: ids(record[field]) });
}
