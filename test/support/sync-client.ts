import { IntakeEventDraftSchema } from '../../shared/domain/intake-event.ts';
import {
  MAX_PUSH_MUTATIONS,
  PushResponseSchema,
  SYNC_PROTOCOL_VERSION,
  syncRoutes,
  type MutationAuthor,
  type EnrollResponse,
  type Mutation,
  type PushResponse,
} from '../../shared/sync/protocol.ts';

/**
 * A seizure as the server stores it at revision 1, and its create's fields as a laptop sends
 * them: the same record (schema-normalised) without the keys the server owns.
 */
export function storedSeizure(id: string) {
  const stored = IntakeEventDraftSchema.parse({
    id,
    status: 'draft',
    revision: 1,
    context: 'seized',
    occurredAt: '2026-03-01',
    notes: 'Found in a hidden compartment',
    weapons: [],
  });
  const { id: _id, status: _status, revision: _revision, ...fields } = stored;
  return { stored, fields };
}

/** A laptop's side of the wire, as plainly as possible: tests read status and body themselves. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function request(
  url: string,
  init: RequestInit & { credential?: string },
): Promise<RawResponse> {
  const headers = new Headers(init.headers);
  if (init.credential !== undefined) headers.set('authorization', `Bearer ${init.credential}`);
  if (typeof init.body === 'string' && !headers.has('content-type')) {
    headers.set('content-type', 'application/json');
  }
  const response = await fetch(url, { ...init, headers });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export const testAuthor: MutationAuthor = {
  id: '0190a8e4-0000-7000-8000-0000000000aa',
  name: 'Ana Field',
  role: 'field_officer',
};

let recordCounter = 0;
/** A fresh UUID v7-shaped record id, unique within the test run. */
export function newRecordId(): string {
  recordCounter += 1;
  const tail = (Date.now() * 1000 + recordCounter).toString(16).padStart(12, '0').slice(-12);
  return `0190a8e4-${Math.floor(Math.random() * 0xffff)
    .toString(16)
    .padStart(4, '0')}-7000-8000-${tail}`;
}

/**
 * An intake record's item lists with fresh ids for every item and marking: a record may not reuse
 * another's item ids (the server refuses to store one), so each pushed copy of a fixture needs its
 * own.
 */
export function withFreshItemIds<
  T extends {
    weapons: readonly { id: string; markings: readonly { id: string }[] }[];
    parts: readonly { id: string }[];
    ammunition: readonly { id: string }[];
    explosives: readonly { id: string }[];
  },
>(fields: T): Pick<T, 'weapons' | 'parts' | 'ammunition' | 'explosives'> {
  const own = <I extends { id: string }>(item: I): I => ({ ...item, id: newRecordId() });
  return {
    weapons: fields.weapons.map((weapon) => ({
      ...own(weapon),
      markings: weapon.markings.map(own),
    })) as T['weapons'],
    parts: fields.parts.map(own) as T['parts'],
    ammunition: fields.ammunition.map(own) as T['ammunition'],
    explosives: fields.explosives.map(own) as T['explosives'],
  };
}

/** A mutation with the defaults every test would otherwise repeat. */
export function mutation(
  partial: Pick<Mutation, 'mutationId' | 'entityId'> & Partial<Mutation>,
): Mutation {
  return {
    entity: 'intake_event',
    op: 'update',
    baseRev: 0,
    fields: {},
    author: testAuthor,
    deviceTime: '2026-03-01T10:00:00.000+01:00',
    ...partial,
  };
}

/** An enrolled laptop that pushes and pulls over HTTP. */
export function syncClient<Device extends Pick<EnrollResponse, 'deviceId' | 'credential'>>(
  url: string,
  device: Device,
) {
  return {
    device,
    push(mutations: Mutation[], serverEpoch: string | null = null) {
      return request(`${url}${syncRoutes.push}`, {
        method: 'POST',
        credential: device.credential,
        body: JSON.stringify({
          deviceId: device.deviceId,
          protocolVersion: SYNC_PROTOCOL_VERSION,
          serverEpoch,
          mutations,
        }),
      });
    },
    pull(query: { afterVersion?: number; afterId?: string; limit?: number } = {}) {
      const params = new URLSearchParams(
        Object.entries(query).map(([key, value]) => [key, String(value)]),
      );
      return request(`${url}${syncRoutes.pull}?${params}`, { credential: device.credential });
    },
  };
}

/**
 * Pushes mutations in order in requests of at most `batchSize` (default 500), as the laptop's
 * sync engine does; for tests and bench/sync.ts. Throws on anything but 200.
 */
export async function pushInBatches(
  url: string,
  device: Pick<EnrollResponse, 'deviceId' | 'credential'>,
  mutations: readonly Mutation[],
  options: { batchSize?: number; serverEpoch?: string | null } = {},
): Promise<PushResponse[]> {
  const batchSize = options.batchSize ?? MAX_PUSH_MUTATIONS;
  const client = syncClient(url, device);
  const responses: PushResponse[] = [];
  for (let start = 0; start < mutations.length; start += batchSize) {
    const response = await client.push(
      mutations.slice(start, start + batchSize),
      options.serverEpoch ?? null,
    );
    if (response.status !== 200) throw new Error(`push ${response.status}: ${response.text}`);
    responses.push(PushResponseSchema.parse(response.json));
  }
  return responses;
}

/** `count` intake-draft creations with mutation ids from `firstMutationId`: bench and load tests. */
export function intakeDraftCreations(
  count: number,
  firstMutationId = 1,
  author = testAuthor,
): Mutation[] {
  return Array.from({ length: count }, (_, index) =>
    mutation({
      mutationId: firstMutationId + index,
      entityId: newRecordId(),
      op: 'create',
      author,
      fields: {
        context: 'found',
        occurredAt: '2026-03-01',
        recordingAgency: 'Border Police',
        notes: `Load record ${firstMutationId + index}`,
        weapons: [],
      },
    }),
  );
}
