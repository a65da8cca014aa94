import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listServerMapPoints } from '../../../../server/measures/map-points-query.ts';
import {
  computeServerMeasures,
  listServerMeasureRecords,
} from '../../../../server/measures/measures-queries.ts';
import { itemRefKindOf } from '../../../../shared/custody/item-custody.ts';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import {
  MeasureFilterSchema,
  type MeasureFilterInput,
} from '../../../../shared/measures/measure-filter.ts';
import { MeasuresSchema } from '../../../../shared/measures/measure-results.ts';
import {
  goodPassphrase,
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { recordFinalSurrender, surrenderSerials } from '../../../support/final-intake.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];
type Destruction = ProcedureInput<'recordDestruction'>['destruction'];

/** No automatic rounds: the test drives every round with syncNow. */
const manual = { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 };

const campaignId = randomUUID();

/** Filters a coordinator asks for: periods, context, place, campaign, drafts in or out. */
const filters: Record<string, MeasureFilterInput> = {
  year: { from: '2024-01-01', to: '2024-12-31' },
  'first half': { from: '2024-01-01', to: '2024-06-30' },
  surrenders: { from: '2024-01-01', to: '2024-12-31', context: 'surrendered' },
  'Bosnia, drafts in': {
    from: '2024-01-01',
    to: '2024-12-31',
    jurisdiction: 'BA',
    finalOnly: false,
  },
  'drafts in': { from: '2024-01-01', to: '2024-12-31', finalOnly: false },
  campaign: { from: '2024-01-01', to: '2024-12-31', campaignId },
  'storage sites': { from: '2024-01-01', to: '2024-12-31', locationType: 'storage_site' },
  agency: { from: '2023-06-01', to: '2025-02-10', agency: ' pu čačak' },
};

/**
 * The console's measures (server/measures) against the laptop's: the same records, made on a real
 * laptop (its encrypted store) and pushed to a real server, give equal results on both sides for
 * every filter, before and after an amendment, custody moves, a stock check, a loss and a
 * destruction. The server's figures are asserted to hold something, so equality of two empty
 * results cannot pass for agreement.
 */
describe.each(syncBackends)('national measures on the server (%s)', (backend) => {
  let server: SyncServerHandle;
  let app: DispatchedApp;
  let admin: { passphrase: string };
  let items: Array<{ id: string; kind: string; serialNumber: string | null }>;
  let second: Awaited<ReturnType<typeof recordFinalSurrender>>;
  let collectionPointId: string;
  const store = {
    id: randomUUID(),
    locationType: 'storage_site' as const,
    name: 'Magacin MUP Kraljevo',
    jurisdiction: 'RS' as const,
    lat: 43.72,
    lon: 20.69,
    minimumStandard: { assessedOn: '2024-02-01', meets: true, assessedBy: 'SEESAC' },
  };
  const borderId = randomUUID();
  const border = {
    id: borderId,
    locationType: 'border_crossing_road' as const,
    name: 'GP Rača',
    jurisdiction: 'BA' as const,
  };

  async function bothSides(filter: MeasureFilterInput) {
    const onLaptop = await app.ok('getMeasures', filter);
    const onServer = MeasuresSchema.parse(
      await computeServerMeasures(server.db, MeasureFilterSchema.parse(filter)),
    );
    return { onLaptop, onServer };
  }

  async function expectEqualEverywhere() {
    expect(await app.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    for (const [name, filter] of Object.entries(filters)) {
      const { onLaptop, onServer } = await bothSides(filter);
      expect(onServer, name).toEqual(onLaptop);
    }
  }

  beforeAll(async () => {
    server = await startSyncServer({ backend });
    app = await startDispatchedApp({ prefix: `measures-${backend}`, sync: manual });
    admin = await setUpFirstPerson(app, { name: 'Ana Petrović' });
    await app.ok('enrollDevice', { serverUrl: server.url, code: await server.enroll('Depot') });
    await app.ok('saveCampaign', {
      id: campaignId,
      name: 'Manje oružja, manje tragedija',
      jurisdiction: 'RS',
      campaignType: 'voluntary_surrender_amnesty',
      startDate: '2024-01-01',
      leadAgency: 'MUP',
      status: 'active',
    });
    await app.ok('saveLocation', store);
    await app.ok('saveLocation', border);
    const first = await recordFinalSurrender(app, 'Marko Marković');
    items = await app.ok('pickItems', { intakeEventId: first.event.id });
    collectionPointId = first.event.locationId!;
    second = await recordFinalSurrender(app, 'Ivana Jović', [20, 200, 20], {
      campaignId,
      collection: { campaignBased: true, anonymous: true, surrendererSex: 'female' },
    });
    // A seizure at the border, still a draft: counted only with drafts in.
    const draft = (await app.ok('newIntakeDraft')) as Draft;
    await app.ok('saveIntakeDraft', {
      draft: {
        ...draft,
        context: 'seized',
        occurredAt: '2024-05-20',
        locationId: border.id,
        recordingAgency: 'Granična policija',
        weapons: [
          {
            id: randomUUID(),
            category: 'small_arm',
            weaponType: 'revolver',
            serialNumber: 'RV-1',
            serialStatus: 'present',
            lifecycleStatus: 'in_custody',
            traceStatus: 'not_attempted',
            markings: [],
            photos: [],
          },
        ],
      } as Draft,
      expectedRevision: null,
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await server?.stop();
  });

  it('gives the laptop’s results for every filter once the intakes are pushed', async () => {
    await expectEqualEverywhere();
    const { onServer } = await bothSides(filters.year!);
    // Two surrenders of two weapons each; the draft seizure left out and said so.
    expect(onServer.k1.total).toEqual([
      expect.objectContaining({ kind: 'weapon', entries: 4, records: 2 }),
    ]);
    expect(onServer.draftsLeftOut).toBe(1);
    const bosnia = await bothSides(filters['Bosnia, drafts in']!);
    expect(bosnia.onServer.k13.byLocationType).toEqual([
      expect.objectContaining({ by: { locationType: 'border_crossing_road' }, entries: 1 }),
    ]);
    const campaign = await bothSides(filters.campaign!);
    expect(campaign.onServer.k1.total[0]?.records).toBe(1);
  }, 60_000);

  it('stays equal after an amendment, custody moves, a stock check, a loss and a destruction', async () => {
    // The second surrender amended: its assault rifle was a carbine.
    const event = second.event as Draft;
    await app.ok('amendIntake', {
      draft: {
        ...event,
        status: 'draft',
        weapons: event.weapons!.map((weapon, index) =>
          index === 0 ? { ...weapon, weaponType: 'rifle_carbine' } : weapon,
        ),
      } as Draft,
      expectedRevision: second.revision,
      reason: 'Pogrešan tip oružja',
    });
    const signature = await app.ok('addPhoto', {
      dataBase64: tinyPng([0, 0, 0]).toString('base64'),
      kind: 'signature',
    });
    const photo = await app.ok('addPhoto', {
      dataBase64: tinyPng([90, 90, 90]).toString('base64'),
      kind: 'scene',
    });
    const refs = (list: typeof items) =>
      list.map((item) => ({
        kind: itemRefKindOf[item.kind as keyof typeof itemRefKindOf],
        id: item.id,
      })) as never;
    const at = '2024-03-05T09:30:00+01:00';
    await app.ok('recordCustodyTransfer', {
      transfer: {
        items: refs(items),
        fromHolder: { name: 'Marko Marković', unit: 'PU Čačak', locationId: collectionPointId },
        toHolder: { name: 'Jelena Ilić', unit: 'Magacin', locationId: store.id },
        transferredAt: at,
        purpose: 'to_storage',
        handoverSignature: { signedBy: 'Marko Marković', signedAt: at, image: signature },
        receiptSignature: { signedBy: 'Jelena Ilić', signedAt: at, image: signature },
      },
      passphrase: admin.passphrase,
    });
    const pistol = items.find((item) => item.serialNumber === surrenderSerials[1])!;
    const rest = items.filter((item) => item.id !== pistol.id);
    await app.ok('recordStockCheck', {
      stockCheck: {
        siteLocationId: store.id,
        checkedAt: '2024-04-02T10:00:00+02:00',
        countedBy: 'Jelena Ilić',
        found: rest.map((item) => ({
          itemId: item.id,
          amount: item.kind === 'ammunition' ? 480 : item.kind === 'explosive' ? 2 : 1,
        })),
      },
      passphrase: admin.passphrase,
    });
    await app.ok('recordLossIncident', {
      incident: {
        incidentKind: 'theft',
        occurredAt: '2024-04-01T22:00:00+02:00',
        siteLocationId: store.id,
        items: refs([pistol]),
        circumstances: 'The padlock of cage 3 was found cut during the stock check.',
        iarmsNotified: false,
      },
      passphrase: admin.passphrase,
    });
    const passphrase = goodPassphrase('destroyer');
    const officer = await app.ok('addPerson', {
      name: 'Dragan Simić',
      role: 'destruction_officer',
      passphrase,
    });
    await app.ok('lock');
    await app.ok('unlock', { userId: officer.id, passphrase });
    const destruction: Destruction = {
      destructionDate: '2024-07-09',
      siteLocationId: store.id,
      organisingAuthority: 'Ministarstvo unutrašnjih poslova',
      method: 'cutting_mechanical',
      items: refs(rest),
      aggregateCounts: [],
      preDestructionVerification: {
        verifiedBy: 'Dragan Simić',
        countChecked: true,
        serialsChecked: true,
        itemsTicked: rest.map((item) => item.id),
        result: 'all_match',
      },
      witnesses: [
        { name: 'Nadia Haddad', organisation: 'UNDP SEESAC', role: 'Observer' },
        { name: 'Petar Nikolić', organisation: 'OSCE', role: 'Observer' },
      ],
      photos: [photo],
      certificateNumber: 'UN-2024-0042',
      certificateSignatories: ['Dragan Simić', 'Nadia Haddad'],
      certificateFile: { ...photo, kind: 'document' },
      publicEvent: false,
    } as Destruction;
    await app.ok('recordDestruction', { destruction, passphrase });

    await expectEqualEverywhere();
    const { onServer } = await bothSides(filters.year!);
    expect(onServer.k8.total).toEqual([
      expect.objectContaining({ kind: 'weapon', entries: 1, records: 1 }),
    ]);
    expect(onServer.k3.byType).toContainEqual(
      expect.objectContaining({ by: { category: 'small_arm', weaponType: 'rifle_carbine' } }),
    );
    expect(onServer.k15.stockChecks.count).toBe(1);
    expect(onServer.k15.itemsDiverted).toEqual([
      expect.objectContaining({ kind: 'weapon', entries: 1, by: { incidentKind: 'theft' } }),
    ]);
    // The backlog at the year's end: the second surrender's items only.
    expect(onServer.k10.total.find((row) => row.kind === 'weapon')?.entries).toBe(2);

    // A figure's records: the same ids on both sides.
    const drill = onServer.k8.total[0]!.drill;
    const filter = MeasureFilterSchema.parse(filters.year);
    const onLaptop = await app.ok('listMeasureRecords', { filter, drill, limit: 50, offset: 0 });
    expect(
      await listServerMeasureRecords(server.db, filter, drill, { limit: 50, offset: 0 }),
    ).toEqual(onLaptop);

    // The map: the store and its destruction, as the laptop's dashboard shows them.
    const points = await listServerMapPoints(server.db, filter);
    expect(points).toEqual(await app.ok('listMapPoints', filter));
    expect(points.points.map((point) => point.kind).sort()).toEqual(['destruction', 'site']);
    // Under a review filter, only intake records: sites and destructions have no review.
    const notReviewed = { ...filter, reviewState: 'not_reviewed' as const };
    const reviewed = await listServerMapPoints(server.db, notReviewed);
    expect(reviewed).toEqual(await app.ok('listMapPoints', notReviewed));
    expect(reviewed.points.filter((point) => point.kind !== 'intake')).toEqual([]);
  }, 120_000);

  it('counts a team’s scope only when asked: what its laptops pull, by the same definitions', async () => {
    const scoped = async (team: { id: string; national: boolean }, filter: MeasureFilterInput) =>
      MeasuresSchema.parse(
        await computeServerMeasures(server.db, MeasureFilterSchema.parse(filter), { team }),
      );
    const everything = MeasuresSchema.parse(
      await computeServerMeasures(server.db, MeasureFilterSchema.parse(filters['drafts in'])),
    );
    // The border crossing's team: the draft seizure there, nothing of the surrenders.
    const { team: border } = await server.admin.createTeam({
      name: 'Granična policija Rača',
      organisation: 'Granična policija',
      sites: [borderId],
    });
    const atBorder = await scoped(border, filters['drafts in']!);
    expect(atBorder.k1.total).toEqual([
      expect.objectContaining({ kind: 'weapon', entries: 1, records: 1 }),
    ]);
    expect(atBorder.k1.byContext.map((row) => row.by)).toEqual([{ context: 'seized' }]);
    expect(atBorder.k8.total).toEqual([]);
    // Drafts left out are counted in the team's view too.
    expect((await scoped(border, filters.year!)).draftsLeftOut).toBe(1);
    // Places are every team's (reference data, pulled by all): the store's standard still counts.
    expect(atBorder.k16.share).toMatchObject({ part: 1, whole: 1 });
    // A national team's view is every record.
    const { team: national } = await server.admin.createTeam({
      name: 'Komisija za MLO',
      organisation: 'Vlada',
      national: true,
    });
    expect(await scoped(national, filters['drafts in']!)).toEqual(everything);
  }, 60_000);
});
