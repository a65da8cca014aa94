import { isUniquelyIdentifiable } from '../domain/weapon-item.ts';
import { personsOfIntake, type IntakePerson } from './measure-rules.ts';

/**
 * What the measures filter and group by that only an intake record's JSON holds: the recording
 * agency (folded), the seizure's legal justification, direction, conveyance and route, the
 * disposition requested, each weapon's "uniquely identifiable", and the people K14 counts. The
 * laptop (electron/store/intake-measure-facts.ts) and the server (server/measures/measure-rows.ts)
 * both write their columns from this one function, so a record counts the same on both.
 */
type Json = Record<string, unknown>;

export interface IntakeMeasureFacts {
  readonly recordingAgency: string | null;
  readonly legalJustification: string | null;
  readonly dispositionRequested: string | null;
  readonly direction: string | null;
  readonly conveyance: string | null;
  readonly routeDeparture: string | null;
  readonly routeDestination: string | null;
  /** Weapon id -> 1 (uniquely identifiable) or 0. */
  readonly identifiable: ReadonlyMap<string, 0 | 1>;
  readonly persons: readonly IntakePerson[];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function objectOf(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : {};
}

/** Agencies are typed by hand: compared folded, so "PU Čačak " and "pu čačak" are one. */
export function foldAgency(value: string): string {
  return value.normalize('NFC').trim().toLowerCase();
}

export function intakeMeasureFactsOf(event: Json): IntakeMeasureFacts {
  const seizure = objectOf(event.seizure);
  const collection = objectOf(event.collection);
  const agency = text(event.recordingAgency);
  // Details that do not apply to the context (a seizure's details left on a surrender draft) say
  // nothing about it.
  const seizureApplies = event.context !== 'surrendered';
  const identifiable = new Map<string, 0 | 1>();
  for (const weapon of Array.isArray(event.weapons) ? (event.weapons as unknown[]) : []) {
    const entry = objectOf(weapon);
    if (typeof entry.id !== 'string') continue;
    identifiable.set(entry.id, isUniquelyIdentifiable(entry) ? 1 : 0);
  }
  return {
    recordingAgency: agency === null ? null : foldAgency(agency),
    legalJustification: seizureApplies ? text(seizure.legalJustification) : null,
    dispositionRequested: event.context === 'seized' ? null : text(collection.dispositionRequested),
    direction: seizureApplies ? text(seizure.direction) : null,
    conveyance: seizureApplies ? text(seizure.conveyance) : null,
    routeDeparture: seizureApplies ? text(seizure.routeDepartureCountry) : null,
    routeDestination: seizureApplies ? text(seizure.routeDestinationCountry) : null,
    identifiable,
    persons: personsOfIntake(event),
  };
}
