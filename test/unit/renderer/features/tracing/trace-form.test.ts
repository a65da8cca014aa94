import { describe, expect, it } from 'vitest';
import {
  checkRequest,
  fieldOfPath,
  requestFromForm,
  traceFormValues,
  type TraceFormMode,
} from '../../../../../renderer/features/tracing/trace-form.ts';
import {
  TraceRequestSchema,
  type TraceRequest,
} from '../../../../../shared/domain/trace-request.ts';

/**
 * The trace request form's text turned into the request the shared schema checks, and issues
 * (the form's own and main's, named from the request down) put on the field a person fixes.
 */
const today = '2026-12-06';

// Parsed, as main gives it: the schema adds what it derives (the normalised serial).
const draft: TraceRequest = TraceRequestSchema.parse({
  id: '0193a0c0-0000-7000-8000-000000000001',
  itemId: '0193a0c0-0000-7000-8000-000000000002',
  intakeEventId: '0193a0c0-0000-7000-8000-000000000003',
  weapon: {
    id: '0193a0c0-0000-7000-8000-000000000002',
    serialNumber: 'M70-4411',
    markings: [],
    photos: [],
  },
  requestingAgency: 'PU Čačak',
  priority: 'routine',
  steps: [],
});

const sent: TraceRequest = {
  ...draft,
  addresseeBasis: 'country_of_manufacture',
  addresseeCountry: 'RS',
  channel: 'iarms',
  illicitNature: 'Surrendered without papers.',
  intendedUse: 'Criminal investigation.',
  steps: [{ status: 'sent', on: '2026-10-27' }],
};

const sending: TraceFormMode = { kind: 'step', status: 'sent' };
const answering: TraceFormMode = { kind: 'step', status: 'answered' };
const editing: TraceFormMode = { kind: 'edit' };

describe('the trace request form', () => {
  it('refuses to send a request without what the ITI requires, at each field', () => {
    const values = { ...traceFormValues(draft, today), stepOn: '2026-12-01' };
    const checked = checkRequest(requestFromForm(draft, values, sending), today);
    expect(checked.request).toBeNull();
    const fields = checked.issues.map((issue) => fieldOfPath(issue.path, sending, draft)).sort();
    expect(fields).toEqual([
      'addresseeBasis',
      'addresseeCountry',
      'channel',
      'illicitNature',
      'intendedUse',
    ]);
  });

  it("puts a step's date in the future, as main names it, on the date field", () => {
    expect(fieldOfPath(['steps', '1', 'on'], answering, sent)).toBe('stepOn');
    // An earlier step's date is not on this form: the list above the buttons says it.
    expect(fieldOfPath(['steps', '0', 'on'], answering, sent)).toBeNull();
    // The request's own fields are on the form only when it is sent or edited.
    expect(fieldOfPath(['illicitNature'], answering, sent)).toBeNull();
    expect(fieldOfPath(['illicitNature'], editing, sent)).toBe('illicitNature');
    expect(fieldOfPath(['weapon', 'serialNumber'], sending, draft)).toBeNull();
  });

  it('asks an answer what it says and whether the point of diversion was established', () => {
    const values = { ...traceFormValues(sent, today), stepOn: today };
    const refused = checkRequest(requestFromForm(sent, values, answering), today);
    expect(refused.issues.map((issue) => fieldOfPath(issue.path, answering, sent)).sort()).toEqual([
      'answerDiversion',
      'answerSummary',
    ]);
    const answered = checkRequest(
      requestFromForm(
        sent,
        { ...values, answerSummary: 'Exported in 1989.', answerDiversion: 'yes' },
        answering,
      ),
      today,
    );
    expect(answered.request?.steps.at(-1)).toEqual({ status: 'answered', on: today });
    expect(answered.request?.answer).toMatchObject({
      summary: 'Exported in 1989.',
      pointOfDiversionEstablished: true,
    });
  });

  it('keeps no reason for urgency once a request is routine again', () => {
    const urgent = { ...draft, priority: 'urgent' as const, urgencyReason: 'Held for 48 hours.' };
    const values = { ...traceFormValues(urgent, today), priority: 'routine' };
    const checked = checkRequest(requestFromForm(urgent, values, editing), today);
    expect(checked.request?.urgencyReason).toBeUndefined();
  });
});
