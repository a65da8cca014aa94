import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam } from '../../../../server/teams/teams.ts';
import {
  PullResponseSchema,
  RecordAttachmentsSchema,
  SerialLookupResponseSchema,
  syncRoutes,
  TUS_VERSION,
  type EnrollResponse,
  type Mutation,
  type PullCursor,
  type PulledRecord,
  type PulledRemoval,
} from '../../../../shared/sync/protocol.ts';
import { mutation, newRecordId, request, syncClient } from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** A laptop on the wire: it numbers its own mutations and keeps its pull cursor. */
function laptop(server: SyncServerHandle, device: EnrollResponse) {
  const client = syncClient(server.url, device);
  let next = 1;
  let cursor: PullCursor = { afterVersion: 0, afterId: '' };
  return {
    device,
    async push(...changes: Array<Omit<Mutation, 'mutationId' | 'author' | 'deviceTime'>>) {
      const response = await client.push(
        changes.map((change) => mutation({ ...change, mutationId: next++ })),
      );
      expect(response.status, response.text).toBe(200);
      const results = (response.json as { results: Array<{ outcome: string }> }).results;
      expect(results.map((result) => result.outcome)).toEqual(changes.map(() => 'applied'));
    },
    /** Pulls from its cursor to the end, a few rows a page, as the engine pages. */
    async pull() {
      const changes: PulledRecord[] = [];
      const removed: PulledRemoval[] = [];
      for (let page = 0; page < 50; page += 1) {
        const response = await client.pull({ ...cursor, limit: 3 });
        expect(response.status, response.text).toBe(200);
        const body = PullResponseSchema.parse(response.json);
        changes.push(...body.changes);
        removed.push(...body.removed);
        cursor = body.next;
        if (!body.hasMore) break;
      }
      return {
        ids: new Set(changes.map((change) => change.id)),
        removed: new Set(removed.map((removal) => removal.id)),
        changes,
      };
    },
    async photo(sha256: string) {
      return request(`${server.url}${syncRoutes.fileBySha256(sha256)}`, {
        credential: device.credential,
      });
    },
  };
}

const place = (name: string, jurisdiction: string) => ({
  entity: 'location' as const,
  entityId: newRecordId(),
  op: 'create' as const,
  baseRev: 0,
  fields: { locationType: 'border_crossing_road', name, jurisdiction },
});

/** A seizure at `locationId` of one rifle with `serial` (destroyed since), photographed. */
function seizure(locationId: string, serial: string, photoSha256?: string) {
  return {
    entity: 'intake_event' as const,
    entityId: newRecordId(),
    op: 'create' as const,
    baseRev: 0,
    fields: {
      context: 'seized',
      occurredAt: '2026-03-01',
      locationId,
      weapons: [
        {
          id: randomUUID(),
          category: 'small_arm',
          weaponType: 'assault_rifle',
          manufacturer: 'Zastava',
          serialNumber: serial,
          lifecycleStatus: 'destroyed',
          markings: [],
          photos: [],
        },
      ],
      photos:
        photoSha256 === undefined
          ? []
          : [{ sha256: photoSha256, mime: 'image/jpeg', size: 64, kind: 'scene' }],
    },
  };
}

/**
 * Teams and scopes (issue 17) on the wire: what each team's laptop pulls, how a record leaves and
 * enters a team's view, photos and the serial lookup across scopes.
 */
describe.each(syncBackends)('team scopes (%s)', (backend) => {
  let server: SyncServerHandle;
  let writer: ReturnType<typeof laptop>;
  let north: ReturnType<typeof laptop>;
  let south: ReturnType<typeof laptop>;
  let national: ReturnType<typeof laptop>;
  const sites = {
    north: place('Horgoš', 'RS'),
    south: place('Preševo', 'RS'),
    mn: place('Dobrakovo', 'ME'),
  };
  const photoBytes = randomBytes(64);
  const photoSha = sha256Hex(photoBytes);
  const northSeizure = seizure(sites.north.entityId, 'NORTH-1001', photoSha);
  const southSeizure = seizure(sites.south.entityId, 'SOUTH-2002');
  const montenegroSeizure = seizure(sites.mn.entityId, 'ME-3003');

  beforeAll(async () => {
    server = await startSyncServer({ backend });
    // A national laptop records everything at first: no team's own device made these.
    writer = laptop(server, await server.enrollDevice('Coordinator laptop'));
    await writer.push(sites.north, sites.south, sites.mn);
    await writer.push(northSeizure, southSeizure, montenegroSeizure);
    await writer.push({
      entity: 'attachment',
      entityId: photoSha,
      op: 'create',
      baseRev: 0,
      fields: { sha256: photoSha, mime: 'image/jpeg', size: photoBytes.length },
    });
    await upload(writer.device.credential, photoBytes);
    await server.admin.createTeam({
      name: 'Border police north',
      organisation: 'Border police',
      sites: ['Horgoš'],
    });
    await server.admin.createTeam({
      name: 'Border police south',
      organisation: 'Border police',
      sites: [sites.south.entityId],
    });
    north = laptop(server, await server.enrollDevice('North laptop', 'Border police north'));
    south = laptop(server, await server.enrollDevice('South laptop', 'Border police south'));
    national = laptop(server, await server.enrollDevice('Commission laptop'));
  });
  afterAll(() => server.stop());

  async function upload(credential: string, bytes: Buffer) {
    const tus = { 'Tus-Resumable': TUS_VERSION };
    const created = await request(`${server.url}${syncRoutes.files}`, {
      method: 'POST',
      credential,
      headers: {
        ...tus,
        'Upload-Length': String(bytes.length),
        'Upload-Metadata': `sha256 ${b64(sha256Hex(bytes))},mime ${b64('image/jpeg')}`,
      },
    });
    expect(created.status).toBe(201);
    const patched = await request(`${server.url}${created.headers.get('location')!}`, {
      method: 'PATCH',
      credential,
      headers: {
        ...tus,
        'Content-Type': 'application/offset+octet-stream',
        'Upload-Offset': '0',
      },
      body: new Uint8Array(bytes),
    });
    expect(patched.status, patched.text).toBe(204);
  }

  it("gives a team's laptop its sites' records, every place, and the photo of its record; not the others'", async () => {
    const pulled = await north.pull();
    expect(pulled.ids).toEqual(
      new Set([
        sites.north.entityId,
        sites.south.entityId,
        sites.mn.entityId,
        northSeizure.entityId,
        photoSha,
      ]),
    );
    expect(pulled.removed.size).toBe(0);
    const southPulled = await south.pull();
    expect(southPulled.ids.has(southSeizure.entityId)).toBe(true);
    expect(southPulled.ids.has(northSeizure.entityId)).toBe(false);
    expect(southPulled.ids.has(photoSha)).toBe(false);
  });

  it('gives a national laptop every record', async () => {
    const pulled = await national.pull();
    for (const id of [northSeizure.entityId, southSeizure.entityId, montenegroSeizure.entityId]) {
      expect(pulled.ids.has(id)).toBe(true);
    }
  });

  it('serves a photo to a laptop whose scope holds its record, and refuses it to another team', async () => {
    const mine = await north.photo(photoSha);
    expect(mine.status).toBe(200);
    const refused = await south.photo(photoSha);
    expect(refused.status).toBe(404);
    expect(refused.json).toMatchObject({ error: 'NOT_FOUND' });
    expect(refused.text).not.toContain(northSeizure.entityId);
    const attachments = (laptopOf: ReturnType<typeof laptop>) =>
      request(`${server.url}${syncRoutes.recordAttachments(northSeizure.entityId)}`, {
        credential: laptopOf.device.credential,
      });
    expect(RecordAttachmentsSchema.parse((await attachments(north)).json).received).toEqual([
      photoSha,
    ]);
    expect((await attachments(south)).status).toBe(404);
  });

  it("still warns another team's laptop of a destroyed serial, without its record", async () => {
    const response = await request(`${server.url}${syncRoutes.serialLookup}`, {
      method: 'POST',
      credential: south.device.credential,
      body: JSON.stringify({ serial: 'NORTH-1001' }),
    });
    expect(response.status, response.text).toBe(200);
    const { matches } = SerialLookupResponseSchema.parse(response.json);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ alarm: 'destroyed', intakeEventId: northSeizure.entityId });
    // Nothing of the record itself: not its place, not its photo.
    expect(response.text).not.toContain(sites.north.entityId);
    expect(response.text).not.toContain(photoSha);
  });

  it("removes a record from a team's laptop once its place moves to another team's site, with its photo", async () => {
    await writer.push({
      entity: 'intake_event',
      entityId: northSeizure.entityId,
      op: 'update',
      baseRev: 1,
      fields: { locationId: sites.south.entityId },
    });
    const northNext = await north.pull();
    expect(northNext.removed).toEqual(new Set([northSeizure.entityId, photoSha]));
    expect(northNext.ids.size).toBe(0);
    const southNext = await south.pull();
    expect(southNext.ids).toEqual(new Set([northSeizure.entityId, photoSha]));
    expect((await north.photo(photoSha)).status).toBe(404);
    expect((await south.photo(photoSha)).status).toBe(200);
  });

  it("brings records in and out when the administrator changes a team's scope, without a full pull", async () => {
    const change = await server.admin.changeTeamScope({
      team: 'Border police north',
      addJurisdictions: ['me'],
    });
    expect(change).toMatchObject({ entered: 1, left: 0 });
    expect(change.team.jurisdictions).toEqual(['ME']);
    const entered = await north.pull();
    // Only what entered: the places and the rest are not sent again.
    expect(entered.ids).toEqual(new Set([montenegroSeizure.entityId]));
    const removed = await server.admin.changeTeamScope({
      team: 'Border police north',
      removeJurisdictions: ['ME'],
    });
    expect(removed).toMatchObject({ entered: 0, left: 1 });
    const left = await north.pull();
    expect(left.removed).toEqual(new Set([montenegroSeizure.entityId]));
  });

  it("gives a team's laptop what its own laptops made, wherever it happened", async () => {
    const elsewhere = seizure(sites.mn.entityId, 'OWN-4004');
    await north.push(elsewhere);
    expect((await north.pull()).ids.has(elsewhere.entityId)).toBe(true);
    expect((await south.pull()).ids.has(elsewhere.entityId)).toBe(false);
  });

  it('makes a team and the record of it together: when the record cannot be written, no team', async () => {
    const refused = createTeam(
      server.db,
      {
        name: 'Half-made team',
        organisation: 'Border police',
        national: false,
        jurisdictions: [],
        sites: [],
      },
      async () => {
        throw new Error('the audit log is unreachable');
      },
    );
    await expect(refused).rejects.toThrow('the audit log is unreachable');
    expect((await server.admin.teams()).teams.map((team) => team.name)).not.toContain(
      'Half-made team',
    );
  });

  it('lists devices with their team and refuses a team nobody made', async () => {
    const { devices } = await server.admin.devices();
    expect(devices.find((device) => device.name === 'North laptop')?.team.name).toBe(
      'Border police north',
    );
    expect(devices.find((device) => device.name === 'Commission laptop')?.team.name).toBe(
      'National coordination',
    );
    await expect(server.admin.enroll({ name: 'Stray', team: 'Nobody' })).rejects.toThrow(
      'No team "Nobody"',
    );
  });
});
