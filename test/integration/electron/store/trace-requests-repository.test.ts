import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceRequest, TraceStep } from '../../../../shared/domain/trace-request.ts';
import { TraceRequestSchema } from '../../../../shared/domain/trace-request.ts';
import {
  listTraceRequests,
  writeTraceRequest,
} from '../../../../electron/store/trace-requests-repository.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';

/**
 * Trace requests in the store (migration 130): writing one derives its weapon's trace status in
 * the same transaction, and every list of items shows it; the overdue list finds the requests
 * still waiting for an answer since a given day.
 */
let app: DispatchedApp;
let userId = '';
const weaponId = randomUUID();
let intakeEventId = '';

beforeAll(async () => {
  app = await startDispatchedApp({ prefix: 'trace-store' });
  userId = (await setUpFirstPerson(app)).user.id;
  const draft = await app.ok('newIntakeDraft');
  const view = await app.ok('saveIntakeDraft', {
    draft: {
      ...draft,
      weapons: [
        {
          id: weaponId,
          category: 'small_arm',
          weaponType: 'assault_rifle',
          manufacturer: 'Zastava',
          serialNumber: 'M70-55821',
          traceStatus: 'national_check_done',
          markings: [],
          photos: [],
        },
      ],
    },
    expectedRevision: null,
  });
  intakeEventId = view.event.id;
});

afterAll(async () => {
  await app.close();
});

function request(steps: TraceStep[], answer?: TraceRequest['answer']): TraceRequest {
  return TraceRequestSchema.parse({
    id: randomUUID(),
    itemId: weaponId,
    intakeEventId,
    weapon: { id: weaponId, serialNumber: 'M70-55821', markings: [], photos: [] },
    requestingAgency: 'Border Police',
    addresseeBasis: 'country_of_manufacture',
    addresseeCountry: 'RS',
    channel: 'iarms',
    illicitNature: 'Smuggled across the green border.',
    intendedUse: 'Investigation.',
    steps,
    ...(answer === undefined ? {} : { answer }),
  });
}

async function traceStatusShown(): Promise<string | null> {
  const view = await app.ok('getItem', { id: weaponId });
  return view.item.traceStatus;
}

describe('trace requests in the store', () => {
  it("a request's steps set the weapon's trace status; its answer establishes the origin", async () => {
    const { db } = app.services.session.requireUnlocked();
    expect(await traceStatusShown()).toBe('national_check_done');

    const sent = request([{ status: 'sent', on: '2026-10-01' }]);
    db.transaction(() => writeTraceRequest(db, sent, '2026-10-01T10:00:00Z', userId, 1))();
    expect(await traceStatusShown()).toBe('international_request_sent');
    expect(
      listTraceRequests(db, { waitingSince: '2026-10-31', limit: 10 }).map((row) => row.request.id),
    ).toEqual([sent.id]);
    expect(listTraceRequests(db, { waitingSince: '2026-09-30', limit: 10 })).toEqual([]);

    const answered = {
      ...sent,
      steps: [...sent.steps, { status: 'answered' as const, on: '2026-11-20' }],
      answer: { summary: 'Exported 1991, last held by X', pointOfDiversionEstablished: true },
    };
    db.transaction(() => writeTraceRequest(db, answered, '2026-11-20T10:00:00Z', userId, 2))();
    expect(await traceStatusShown()).toBe('origin_established_by_trace');
    expect(
      db
        .prepare('SELECT origin_established_on AS on_ FROM item_traces WHERE item_id = ?')
        .get(weaponId),
    ).toEqual({ on_: '2026-11-20' });
    // Answered: no longer on the overdue list, whatever the day.
    expect(listTraceRequests(db, { waitingSince: '2027-12-31', limit: 10 })).toEqual([]);
    expect(listTraceRequests(db, { itemId: weaponId, limit: 10 })).toHaveLength(1);
  });
});
