import { z } from 'zod';
import { CountryCodeSchema } from './country-code.ts';
import { RecordIdSchema } from './ids.ts';
import { key, keyed } from './message-keys.ts';
import {
  BooleanSchema,
  IsoDateSchema,
  listOf,
  objectOf,
  reportIssues,
  textSchema,
  type DomainIssue,
} from './primitives.ts';
import { WeaponItemDraftSchema } from './weapon-item.ts';

/**
 * An ITI trace request (salw-domain.md (c)): what a state asks another about a weapon it holds
 * illicitly, and what came back. The weapon's trace status and the date its origin was
 * established follow from these records (shared/tracing/item-trace.ts), so SDG 16.4.2 can be
 * recomputed for an earlier period when an answer arrives late.
 */

function enumOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, keyed('invalidOption'));
}

/** Where a request goes: iARMS lets one go to any state on the weapon's trail. */
export const traceAddresseeBasisValues = [
  'country_of_manufacture',
  'last_legal_import',
  'other',
] as const;
export const TraceAddresseeBasisSchema = enumOf(traceAddresseeBasisValues);

export const traceChannelValues = ['iarms', 'diplomatic', 'bilateral_police', 'other'] as const;
export const TraceChannelSchema = enumOf(traceChannelValues);

/** ATF 3312.1 1b: urgent requests say why. */
export const tracePriorityValues = ['routine', 'urgent'] as const;
export const TracePrioritySchema = enumOf(tracePriorityValues);

/** iARMS status tracking. 'draft' is the state before the first step; steps never say it. */
export const traceRequestStatusValues = [
  'draft',
  'sent',
  'acknowledged',
  'answered',
  'partially_answered',
  'refused',
  'closed',
] as const;
export const TraceRequestStatusSchema = enumOf(traceRequestStatusValues);
export type TraceRequestStatus = z.infer<typeof TraceRequestStatusSchema>;

export const traceStepStatusValues = [
  'sent',
  'acknowledged',
  'answered',
  'partially_answered',
  'refused',
  'closed',
] as const satisfies readonly Exclude<TraceRequestStatus, 'draft'>[];
export const TraceStepStatusSchema = enumOf(traceStepStatusValues);
export type TraceStepStatus = z.infer<typeof TraceStepStatusSchema>;

/**
 * Which status may follow which. An answer may come without an acknowledgement; a partial answer
 * may be completed later; every open request can be closed (given up, or withdrawn).
 */
export const traceTransitions: Readonly<Record<TraceRequestStatus, readonly TraceStepStatus[]>> = {
  draft: ['sent'],
  sent: ['acknowledged', 'answered', 'partially_answered', 'refused', 'closed'],
  acknowledged: ['answered', 'partially_answered', 'refused', 'closed'],
  partially_answered: ['answered', 'refused', 'closed'],
  answered: ['closed'],
  refused: ['closed'],
  closed: [],
};

/** A request the other side still owes an answer to. */
export const awaitingAnswerStatuses: readonly TraceRequestStatus[] = [
  'sent',
  'acknowledged',
  'partially_answered',
];

export const TraceStepSchema = objectOf({
  status: TraceStepStatusSchema,
  /** The day it happened (sent, acknowledged, answered…), not the day it was typed in. */
  on: IsoDateSchema,
  note: textSchema(1000).optional(),
});
export type TraceStep = z.infer<typeof TraceStepSchema>;

/** What came back: the SDG 16.4.2 "last legal record" and whether the diversion was found. */
export const TraceAnswerSchema = objectOf({
  summary: textSchema(4000).optional(),
  lastLegalRecord: textSchema(2000).optional(),
  pointOfDiversionEstablished: BooleanSchema.optional(),
});
export type TraceAnswer = z.infer<typeof TraceAnswerSchema>;

const traceRequestShape = {
  id: RecordIdSchema,
  /** The weapon traced, and the intake record that holds it. */
  itemId: RecordIdSchema,
  intakeEventId: RecordIdSchema,
  /**
   * ITI (b): the markings, type, calibre and photos as they stood when the request was made. A
   * later correction of the weapon does not rewrite what was asked.
   */
  weapon: WeaponItemDraftSchema,
  requestingAgency: textSchema(200).optional(),
  caseReference: textSchema(120).optional(),
  addresseeBasis: TraceAddresseeBasisSchema.optional(),
  addresseeCountry: CountryCodeSchema.optional(),
  /** The authority or bureau addressed (an INTERPOL NCB, a ministry). */
  addresseeAuthority: textSchema(200).optional(),
  channel: TraceChannelSchema.optional(),
  /** The other side's reference, once it gives one. */
  theirReference: textSchema(120).optional(),
  /** ITI (a): why the weapon is illicit, and the legal basis of the request. */
  illicitNature: textSchema(4000).optional(),
  /** ITI (c): what the information will be used for. */
  intendedUse: textSchema(2000).optional(),
  priority: TracePrioritySchema.prefault('routine'),
  urgencyReason: textSchema(1000).optional(),
  /** Each change of status with its date, in order; none while the request is a draft. */
  steps: listOf(TraceStepSchema),
  answer: TraceAnswerSchema.optional(),
};

/** The status a request is in: its last step's, or draft. */
export function traceStatusOf(request: {
  readonly steps: readonly TraceStep[];
}): TraceRequestStatus {
  return request.steps.at(-1)?.status ?? 'draft';
}

/** When it was sent (its first step), if it was. */
export function sentOnOf(request: { readonly steps: readonly TraceStep[] }): string | undefined {
  return request.steps.find((step) => step.status === 'sent')?.on;
}

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

/**
 * The rules a request is held to whatever its status: steps follow the allowed order and never go
 * back in time; what the ITI requires is there before it is sent; an answer says what it found.
 */
export function traceRequestIssues(
  request: z.infer<z.ZodObject<typeof traceRequestShape>>,
): DomainIssue[] {
  const issues: DomainIssue[] = [];
  let status: TraceRequestStatus = 'draft';
  let previousOn: string | undefined;
  request.steps.forEach((step, index) => {
    if (!traceTransitions[status].includes(step.status)) {
      issues.push({ path: ['steps', index, 'status'], message: 'traceStepNotAllowed' });
    }
    if (previousOn !== undefined && step.on < previousOn) {
      issues.push({ path: ['steps', index, 'on'], message: 'traceStepBeforePrevious' });
    }
    status = step.status;
    previousOn = step.on;
  });
  if (request.priority === 'urgent' && blank(request.urgencyReason)) {
    issues.push({ path: ['urgencyReason'], message: 'required' });
  }
  if (request.steps.length > 0) {
    for (const field of [
      'requestingAgency',
      'addresseeBasis',
      'addresseeCountry',
      'channel',
      'illicitNature',
      'intendedUse',
    ] as const) {
      const value = request[field];
      if (value === undefined || (typeof value === 'string' && blank(value))) {
        issues.push({ path: [field], message: 'required' });
      }
    }
    const weapon = request.weapon;
    const hasMarking = weapon.markings.some((marking) => !blank(marking.textAsRead));
    if (blank(weapon.serialNumber) && !hasMarking) {
      issues.push({ path: ['weapon', 'serialNumber'], message: 'serialOrMarkingRequired' });
    }
  }
  if (
    request.steps.some((step) => step.status === 'answered' || step.status === 'partially_answered')
  ) {
    if (blank(request.answer?.summary)) {
      issues.push({ path: ['answer', 'summary'], message: 'required' });
    }
    if (request.answer?.pointOfDiversionEstablished === undefined) {
      issues.push({ path: ['answer', 'pointOfDiversionEstablished'], message: 'required' });
    }
  }
  return issues;
}

export const TraceRequestSchema = objectOf(traceRequestShape).superRefine((request, ctx) =>
  reportIssues(ctx, traceRequestIssues(request)),
);
export type TraceRequest = z.infer<typeof TraceRequestSchema>;
export type TraceRequestInput = z.input<typeof TraceRequestSchema>;

/** Checks needing the clock: no step dated after today (the checking side's today). */
export function traceStepDateIssues(record: Record<string, unknown>, today: string): DomainIssue[] {
  const steps = record.steps;
  if (!Array.isArray(steps)) return [];
  const issues: DomainIssue[] = [];
  steps.forEach((step: unknown, index) => {
    const on = (step as { on?: unknown } | null)?.on;
    if (typeof on === 'string' && on > today) {
      issues.push({ path: ['steps', index, 'on'], message: key('dateInFuture') });
    }
  });
  return issues;
}
