import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SerialLookupResponseSchema,
  SyncErrorBodySchema,
  syncRoutes,
  type EnrollResponse,
} from '../../../../shared/sync/protocol.ts';
import { mutation, newRecordId, request, syncClient } from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

const weapon = (serialNumber: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  category: 'small_arm',
  weaponType: 'assault_rifle',
  manufacturer: 'Zastava',
  model: 'M70',
  calibre: '7.62x39',
  serialNumber,
  serialStatus: 'present',
  markingCondition: 'intact',
  lifecycleStatus: 'in_custody',
  traceStatus: 'not_attempted',
  markings: [],
  photos: [],
  ...extra,
});

describe.each(syncBackends)('the serial lookup for enrolled laptops (%s)', (backend) => {
  let server: SyncServerHandle;
  let field: EnrollResponse;
  const intakeId = newRecordId();
  const rifle = weapon('M70-ČĆ 4411');
  const destroyed = weapon('AB 90017', { lifecycleStatus: 'destroyed' });
  const traced = weapon('XQ-3344', { traceStatus: 'international_request_sent' });
  const other = weapon('CZ 123456', { manufacturer: 'Česká zbrojovka', calibre: '9x19' });
  const stolen = weapon('ST-555-01');

  const lookUp = (body: unknown, credential = field.credential) =>
    request(`${server.url}${syncRoutes.serialLookup}`, {
      method: 'POST',
      credential,
      body: JSON.stringify(body),
    });
  const matchesOf = async (body: unknown) => {
    const answer = await lookUp(body);
    expect(answer.status).toBe(200);
    return SerialLookupResponseSchema.parse(answer.json);
  };

  beforeAll(async () => {
    server = await startSyncServer({ backend });
    field = await server.enrollDevice('Field laptop');
    const pushed = await syncClient(server.url, field).push([
      mutation({
        mutationId: 1,
        entityId: intakeId,
        op: 'create',
        fields: {
          context: 'surrendered',
          occurredAt: '2024-03-01',
          recordNumber: 'RS7QK-00042',
          weapons: [rifle, destroyed, traced, other, stolen],
        },
      }),
    ]);
    expect(pushed.status).toBe(200);
    // The custody state the server derived from a loss incident (custody tests derive it).
    await server.db.query(
      `INSERT INTO item_custody (item_id, status, holdings) VALUES ($1, 'lost_stolen', '[]')`,
      [stolen.id],
    );
  });
  afterAll(() => server.stop());

  it('refuses a laptop without a credential', async () => {
    const answer = await request(`${server.url}${syncRoutes.serialLookup}`, {
      method: 'POST',
      body: JSON.stringify({ serial: 'AB 90017' }),
    });
    expect(answer.status).toBe(401);
  });

  it('answers bad input with 400 VALIDATION_ERROR, never a server error', async () => {
    for (const body of [{}, { serial: 42 }, { serial: 'x'.repeat(101) }, [], 'AB']) {
      const answer = await lookUp(body);
      expect(answer.status).toBe(400);
      expect(SyncErrorBodySchema.parse(answer.json).error).toBe('VALIDATION_ERROR');
    }
    const broken = await request(`${server.url}${syncRoutes.serialLookup}`, {
      method: 'POST',
      credential: field.credential,
      body: '{"serial": ',
    });
    expect(broken.status).toBe(400);
  });

  it('finds a serial typed differently, with its record number', async () => {
    const found = await matchesOf({ serial: 'm70 čć-4411' });
    expect(found.matches).toEqual([
      expect.objectContaining({
        itemId: rifle.id,
        intakeEventId: intakeId,
        recordNumber: 'RS7QK-00042',
        kind: 'weapon',
        serialNumber: 'M70-ČĆ 4411',
        manufacturer: 'Zastava',
        model: 'M70',
        exact: true,
        alarm: null,
        matchedOn: 'serial',
      }),
    ]);
  });

  it('finds serials by their start and by their end, as partial matches', async () => {
    const start = await matchesOf({ serial: 'CZ12' });
    expect(start.matches.map((match) => [match.itemId, match.exact])).toEqual([[other.id, false]]);
    const end = await matchesOf({ serial: '3456' });
    expect(end.matches.map((match) => [match.itemId, match.exact])).toEqual([[other.id, false]]);
    // Under four characters only a whole serial matches.
    expect((await matchesOf({ serial: 'CZ1' })).matches).toEqual([]);
  });

  it('raises the alarm for a destroyed, a stolen and a traced weapon', async () => {
    expect((await matchesOf({ serial: 'ab90017' })).matches[0]).toMatchObject({
      itemId: destroyed.id,
      lifecycleStatus: 'destroyed',
      alarm: 'destroyed',
    });
    expect((await matchesOf({ serial: 'ST 555 01' })).matches[0]).toMatchObject({
      itemId: stolen.id,
      lifecycleStatus: 'lost_stolen',
      alarm: 'lost_stolen',
    });
    expect((await matchesOf({ serial: 'XQ3344' })).matches[0]).toMatchObject({
      itemId: traced.id,
      alarm: 'under_trace',
    });
  });

  it('narrows by make and calibre, and leaves out the record being typed', async () => {
    const narrowed = await matchesOf({ serial: 'CZ 123456', calibre: '7.62x39' });
    expect(narrowed).toMatchObject({ matches: [], narrowedOut: 1 });
    const same = await matchesOf({ serial: 'CZ 123456', calibre: '9 x 19' });
    expect(same.matches).toHaveLength(1);
    const own = await matchesOf({ serial: 'CZ 123456', excludeIntakeEventId: intakeId });
    expect(own.matches).toEqual([]);
  });

  it('says nothing for a serial nobody has, or nothing to check', async () => {
    expect((await matchesOf({ serial: 'ZZ-000' })).matches).toEqual([]);
    expect(await matchesOf({ serial: ' - ' })).toEqual({
      normalised: '',
      matches: [],
      narrowedOut: 0,
    });
  });
});
