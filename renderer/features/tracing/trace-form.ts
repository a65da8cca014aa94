import {
  TraceRequestSchema,
  traceStepDateIssues,
  type TraceRequest,
  type TraceStepStatus,
} from '../../../shared/domain/trace-request.ts';

/**
 * The trace request form holds what is typed, as text; these turn it into the request the shared
 * schema checks (blank is "not recorded"), and put the schema's issues, and main's, back on the
 * fields they belong to. One form serves three purposes: a new request, an edit, and a step
 * (sent, answered…) with what that step needs.
 */

export type TraceFormMode =
  | { readonly kind: 'create' }
  | { readonly kind: 'edit' }
  | { readonly kind: 'step'; readonly status: TraceStepStatus };

export interface TraceFormValues {
  requestingAgency: string;
  caseReference: string;
  addresseeBasis: string;
  addresseeCountry: string;
  addresseeAuthority: string;
  channel: string;
  theirReference: string;
  illicitNature: string;
  intendedUse: string;
  priority: string;
  urgencyReason: string;
  stepOn: string;
  stepNote: string;
  answerSummary: string;
  answerLastLegalRecord: string;
  /** 'yes', 'no' or '' (not said). */
  answerDiversion: string;
}
export type TraceFormField = keyof TraceFormValues;

/** The request's own fields, in the order the form and the page show them. */
export const addresseeFields = [
  'requestingAgency',
  'caseReference',
  'addresseeBasis',
  'addresseeCountry',
  'addresseeAuthority',
  'channel',
  'theirReference',
] as const satisfies readonly TraceFormField[];
export const groundsFields = [
  'illicitNature',
  'intendedUse',
  'priority',
  'urgencyReason',
] as const satisfies readonly TraceFormField[];
export const answerFields = [
  'answerSummary',
  'answerLastLegalRecord',
  'answerDiversion',
] as const satisfies readonly TraceFormField[];
export const stepFields = ['stepOn', 'stepNote'] as const satisfies readonly TraceFormField[];

const requestFieldSet: ReadonlySet<string> = new Set([...addresseeFields, ...groundsFields]);

const answerSteps: ReadonlySet<TraceStepStatus> = new Set(['answered', 'partially_answered']);

/** What the form shows for its purpose. */
export function sectionsOf(
  mode: TraceFormMode,
  request: TraceRequest,
): { request: boolean; step: boolean; answer: boolean } {
  if (mode.kind === 'step') {
    return {
      // What goes out is checked as it goes out: the whole request is on the form.
      request: mode.status === 'sent',
      step: true,
      answer: answerSteps.has(mode.status),
    };
  }
  const answered = request.steps.some((step) => answerSteps.has(step.status));
  return { request: true, step: false, answer: mode.kind === 'edit' && answered };
}

export function traceFormValues(request: TraceRequest, today: string): TraceFormValues {
  const diversion = request.answer?.pointOfDiversionEstablished;
  return {
    requestingAgency: request.requestingAgency ?? '',
    caseReference: request.caseReference ?? '',
    addresseeBasis: request.addresseeBasis ?? '',
    addresseeCountry: request.addresseeCountry ?? '',
    addresseeAuthority: request.addresseeAuthority ?? '',
    channel: request.channel ?? '',
    theirReference: request.theirReference ?? '',
    illicitNature: request.illicitNature ?? '',
    intendedUse: request.intendedUse ?? '',
    priority: request.priority,
    urgencyReason: request.urgencyReason ?? '',
    // A step is usually recorded on the day it happens.
    stepOn: today,
    stepNote: '',
    answerSummary: request.answer?.summary ?? '',
    answerLastLegalRecord: request.answer?.lastLegalRecord ?? '',
    answerDiversion: diversion === undefined ? '' : diversion ? 'yes' : 'no',
  };
}

const blank = (value: string | undefined): string | undefined => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

/** The request as typed, on top of the one the form was opened on; the schema decides. */
export function requestFromForm(
  base: TraceRequest,
  values: TraceFormValues,
  mode: TraceFormMode,
): Record<string, unknown> {
  const shown = sectionsOf(mode, base);
  const urgent = values.priority === 'urgent';
  const answer = {
    summary: blank(values.answerSummary),
    lastLegalRecord: blank(values.answerLastLegalRecord),
    pointOfDiversionEstablished:
      values.answerDiversion === 'yes' ? true : values.answerDiversion === 'no' ? false : undefined,
  };
  const noAnswer = Object.values(answer).every((part) => part === undefined);
  return {
    ...base,
    ...(shown.request
      ? {
          requestingAgency: blank(values.requestingAgency),
          caseReference: blank(values.caseReference),
          addresseeBasis: blank(values.addresseeBasis),
          addresseeCountry: blank(values.addresseeCountry),
          addresseeAuthority: blank(values.addresseeAuthority),
          channel: blank(values.channel),
          theirReference: blank(values.theirReference),
          illicitNature: blank(values.illicitNature),
          intendedUse: blank(values.intendedUse),
          priority: blank(values.priority),
          // A routine request keeps no reason for an urgency it no longer has.
          urgencyReason: urgent ? blank(values.urgencyReason) : undefined,
        }
      : {}),
    steps:
      mode.kind === 'step'
        ? [
            ...base.steps,
            { status: mode.status, on: blank(values.stepOn), note: blank(values.stepNote) },
          ]
        : base.steps,
    ...(shown.answer ? { answer: noAnswer ? undefined : answer } : {}),
  };
}

/** An issue the form could not put on one of its fields: shown in the list above the buttons. */
export interface GeneralIssue {
  readonly path: readonly string[];
  readonly message: string;
}

/**
 * Where an issue is shown, from its path within the request (main's paths without their
 * `request.` prefix): a field the form shows, or null when the form has no field for it.
 */
export function fieldOfPath(
  path: readonly string[],
  mode: TraceFormMode,
  base: TraceRequest,
): TraceFormField | null {
  const shown = sectionsOf(mode, base);
  const [first, second, third] = path;
  if (first === 'steps') {
    if (!shown.step || Number(second) !== base.steps.length) return null;
    if (third === 'on') return 'stepOn';
    if (third === 'note') return 'stepNote';
    return null;
  }
  if (first === 'answer') {
    if (!shown.answer) return null;
    if (second === 'summary') return 'answerSummary';
    if (second === 'lastLegalRecord') return 'answerLastLegalRecord';
    if (second === 'pointOfDiversionEstablished') return 'answerDiversion';
    return 'answerSummary';
  }
  if (first !== undefined && requestFieldSet.has(first) && shown.request) {
    return first as TraceFormField;
  }
  return null;
}

/** The form's own check: the shared schema, and no step dated after today. */
export function checkRequest(
  candidate: Record<string, unknown>,
  today: string,
): { request: TraceRequest; issues: [] } | { request: null; issues: GeneralIssue[] } {
  const parsed = TraceRequestSchema.safeParse(candidate);
  const dated = traceStepDateIssues(candidate, today).map((issue) => ({
    path: issue.path.map(String),
    message: issue.message,
  }));
  if (parsed.success && dated.length === 0) return { request: parsed.data, issues: [] };
  const schemaIssues = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: issue.path.map(String),
        message: issue.message,
      }));
  return { request: null, issues: [...schemaIssues, ...dated] };
}
