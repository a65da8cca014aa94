import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import {
  goodPassphrase,
  setUpFirstPerson,
  startDispatchedApp,
  storeCounts,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

/**
 * Locations and campaigns as records of their own, through the real dispatcher into the real
 * encrypted store: read with who made them, changed with a revision check (audit and outbox in
 * the same transaction), a campaign's progress counted from its intakes' item rows by kind and
 * unit, and a field officer's forged campaign change refused in main.
 */

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];
type Campaign = ProcedureInput<'saveCampaign'>;

let app: DispatchedApp;
let admin: { id: string; name: string };

const station = {
  id: randomUUID(),
  locationType: 'inland_police_station' as const,
  name: 'PS Kraljevo',
  jurisdiction: 'RS' as const,
};
const amnesty: Campaign = {
  id: randomUUID(),
  name: 'Amnestija 2024 — Raški okrug',
  jurisdiction: 'RS',
  campaignType: 'voluntary_surrender_amnesty',
  startDate: '2024-01-15',
  leadAgency: 'MUP Srbije',
  status: 'active',
  targetQuantity: { kind: 'weapons', unit: 'pieces', amount: 100 },
};

function lastOutboxRow() {
  const { db } = app.services.session.requireUnlocked();
  return db
    .prepare(
      `SELECT entity, entity_id AS entityId, op, base_revision AS baseRevision,
         changed_fields_json AS changedFields FROM outbox ORDER BY mutation_id DESC LIMIT 1`,
    )
    .get() as { entity: string; entityId: string; op: string; changedFields: string };
}

const weapon = (serialNumber: string, photo: unknown) => ({
  id: randomUUID(),
  category: 'small_arm' as const,
  weaponType: 'assault_rifle' as const,
  manufacturer: 'Zastava',
  model: 'M70',
  calibre: '7.62x39',
  serialNumber,
  serialStatus: 'present' as const,
  markingCondition: 'intact' as const,
  lifecycleStatus: 'in_custody' as const,
  traceStatus: 'not_attempted' as const,
  markings: [],
  photos: [photo],
});

/** A surrender in the campaign: two rifles, 500 rounds, 2 grenades and 1.5 kg of TNT, final. */
async function finalSurrender(): Promise<void> {
  const photo = await app.ok('addPhoto', {
    dataBase64: tinyPng([200, 30, 30]).toString('base64'),
    kind: 'whole_weapon',
  });
  const draft = (await app.ok('newIntakeDraft')) as Draft;
  const saved = await app.ok('saveIntakeDraft', {
    draft: {
      ...draft,
      context: 'surrendered',
      occurredAt: '2024-03-01',
      locationId: station.id,
      campaignId: amnesty.id,
      recordingAgency: 'PU Kraljevo',
      recordingOfficer: admin.name,
      collection: {
        collectionMethod: 'walk_in_station',
        surrenderingPartyType: 'household',
        anonymous: false,
        campaignBased: true,
        dispositionRequested: 'surrender_for_destruction',
        receiptNumber: 'R-2024-17',
      },
      weapons: [weapon('M70-4411', photo), weapon('M70-4412', photo)],
      ammunition: [
        {
          id: randomUUID(),
          ammoClass: 'small_arms_cartridge',
          calibre: '7.62x39',
          quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 },
          photos: [],
        },
      ],
      explosives: [
        {
          id: randomUUID(),
          eoType: 'hand_grenade',
          quantity: { kind: 'explosives', unit: 'pieces', amount: 2 },
          safetyStatus: 'safe_to_store',
          photos: [],
        },
        {
          id: randomUUID(),
          eoType: 'bulk_explosive_military',
          quantity: { kind: 'explosives', unit: 'kg', amount: 1.5 },
          safetyStatus: 'safe_to_store',
          photos: [],
        },
      ],
    } as Draft,
    expectedRevision: null,
  });
  await app.ok('finaliseIntake', { id: draft.id, expectedRevision: saved.revision });
}

/** A draft in the same campaign, still being written: a rifle, 3 boxes and a lot not yet counted. */
async function draftSurrender(): Promise<void> {
  const draft = (await app.ok('newIntakeDraft')) as Draft;
  await app.ok('saveIntakeDraft', {
    draft: {
      ...draft,
      context: 'surrendered',
      campaignId: amnesty.id,
      weapons: [{ id: randomUUID(), weaponType: 'self_loading_pistol', markings: [], photos: [] }],
      ammunition: [
        {
          id: randomUUID(),
          quantity: { kind: 'ammunition', unit: 'boxes', amount: 3 },
          photos: [],
        },
        { id: randomUUID(), calibre: '9x19', photos: [] },
      ],
    } as Draft,
    expectedRevision: null,
  });
}

describe('locations and campaigns as records', () => {
  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'places' });
    ({ user: admin } = await setUpFirstPerson(app, { name: 'Jelena Marković' }));
    await app.ok('saveLocation', station);
    await app.ok('saveCampaign', amnesty);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('reads a location with its revision and who made it, and changes it with a revision check', async () => {
    const view = await app.ok('getLocation', { id: station.id });
    expect(view).toMatchObject({
      location: station,
      revision: 1,
      createdBy: { id: admin.id, name: 'Jelena Marković' },
      updatedBy: { name: 'Jelena Marković' },
    });

    const changed = {
      ...station,
      adminArea1: 'Raški okrug',
      adminArea2: 'Kraljevo',
      lat: 43.7258,
      lon: 20.6894,
      accuracyM: 25,
    };
    const before = storeCounts(app);
    const updated = await app.ok('updateLocation', { location: changed, expectedRevision: 1 });
    expect(updated).toMatchObject({ location: changed, revision: 2 });
    const after = storeCounts(app);
    expect(after.audit - before.audit).toBe(1);
    expect(lastOutboxRow()).toMatchObject({
      entity: 'location',
      entityId: station.id,
      op: 'update',
    });
    expect(JSON.parse(lastOutboxRow().changedFields)).toEqual([
      'accuracyM',
      'adminArea1',
      'adminArea2',
      'lat',
      'lon',
    ]);

    // A form opened on revision 1 is stale now: refused, and nothing written.
    const stale = await app.fail('updateLocation', {
      location: { ...changed, name: 'PS Kraljevo (stara zgrada)' },
      expectedRevision: 1,
    });
    expect(stale.code).toBe('CONFLICT');
    expect(storeCounts(app)).toEqual(after);
    expect((await app.ok('getLocation', { id: station.id })).location.name).toBe('PS Kraljevo');

    // Saving the form unchanged is no change: no revision, no history, nothing to send.
    await app.ok('updateLocation', { location: changed, expectedRevision: 2 });
    expect(storeCounts(app)).toEqual(after);
    expect((await app.ok('getLocation', { id: station.id })).revision).toBe(2);
  });

  it('refuses to read or update what does not exist (NOT_FOUND)', async () => {
    const id = randomUUID();
    expect((await app.fail('getLocation', { id })).code).toBe('NOT_FOUND');
    expect((await app.fail('getCampaign', { id })).code).toBe('NOT_FOUND');
    expect((await app.fail('getCampaignProgress', { id })).code).toBe('NOT_FOUND');
    expect(
      (await app.fail('updateCampaign', { campaign: { ...amnesty, id }, expectedRevision: 1 }))
        .code,
    ).toBe('NOT_FOUND');
  });

  it('counts what a campaign collected by kind and unit, final apart from draft, never summed across', async () => {
    expect(await app.ok('getCampaignProgress', { id: amnesty.id })).toEqual({
      records: { final: 0, draft: 0 },
      totals: [],
      uncounted: 0,
    });
    await finalSurrender();
    await draftSurrender();
    expect(await app.ok('getCampaignProgress', { id: amnesty.id })).toEqual({
      records: { final: 1, draft: 1 },
      totals: [
        { kind: 'weapons', unit: 'pieces', final: 2, draft: 1 },
        { kind: 'ammunition', unit: 'rounds', final: 500, draft: 0 },
        { kind: 'ammunition', unit: 'boxes', final: 0, draft: 3 },
        { kind: 'explosives', unit: 'pieces', final: 2, draft: 0 },
        { kind: 'explosives', unit: 'kg', final: 1.5, draft: 0 },
      ],
      uncounted: 1,
    });
  });

  it('lets a team lead change a campaign, and refuses a field officer\u2019s forged change (FORBIDDEN)', async () => {
    const leadPassphrase = goodPassphrase('lead');
    const officerPassphrase = goodPassphrase('officer');
    const lead = await app.ok('addPerson', {
      name: 'Nikola Ilić',
      role: 'team_lead',
      passphrase: leadPassphrase,
    });
    const officer = await app.ok('addPerson', {
      name: 'Marko Petrović',
      role: 'field_officer',
      passphrase: officerPassphrase,
    });

    await app.ok('lock');
    await app.ok('unlock', { userId: lead.id, passphrase: leadPassphrase });
    const closed = await app.ok('updateCampaign', {
      campaign: { ...amnesty, status: 'closed', endDate: '2024-12-31' },
      expectedRevision: 1,
    });
    expect(closed).toMatchObject({
      campaign: { status: 'closed', endDate: '2024-12-31' },
      revision: 2,
      createdBy: { name: 'Jelena Marković' },
      updatedBy: { name: 'Nikola Ilić' },
    });

    await app.ok('lock');
    await app.ok('unlock', { userId: officer.id, passphrase: officerPassphrase });
    const before = storeCounts(app);
    const forged: Array<[string, unknown]> = [
      ['updateCampaign', { campaign: { ...amnesty, status: 'active' }, expectedRevision: 2 }],
      ['saveCampaign', { ...amnesty, status: 'active' }],
      ['saveCampaign', { ...amnesty, id: randomUUID(), name: 'Lažna kampanja' }],
    ];
    for (const [procedure, input] of forged) {
      expect(await app.fail(procedure, input), procedure).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(storeCounts(app)).toEqual(before);
    expect((await app.ok('getCampaign', { id: amnesty.id })).campaign.status).toBe('closed');
    expect(await app.ok('listCampaigns')).toHaveLength(1);

    // Places are everyone's: the field officer may add and correct one.
    const checkpoint = {
      id: randomUUID(),
      locationType: 'collection_point_mobile' as const,
      name: 'Mobilni punkt Vrnjačka Banja',
      jurisdiction: 'RS' as const,
    };
    await app.ok('saveLocation', checkpoint);
    const renamed = await app.ok('updateLocation', {
      location: { ...checkpoint, parentLocationId: station.id },
      expectedRevision: 1,
    });
    expect(renamed).toMatchObject({ revision: 2, updatedBy: { name: 'Marko Petrović' } });
  });
});
