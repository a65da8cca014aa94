import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { recordFinalSurrender, surrenderSerials } from '../../../support/final-intake.ts';
import { startSyncServer, type SyncServerHandle } from '../../../support/sync-server.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

type Transfer = ProcedureInput<'recordCustodyTransfer'>['transfer'];

/** No automatic rounds: the test drives every round with syncNow. */
const manual = { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 };

async function laptop(server: SyncServerHandle, name: string, person: string) {
  const app = await startDispatchedApp({ prefix: `custody-${name}`, sync: manual });
  const { passphrase } = await setUpFirstPerson(app, { name: person });
  await app.ok('enrollDevice', { serverUrl: server.url, code: await server.enroll(name) });
  return { app, passphrase };
}

/**
 * Custody records between two laptops through a real server: sealed records arrive with their
 * seals checked and give the same item state on both; two laptops that moved the same weapon
 * offline from the same store both keep both records, and both show the custody conflict; a
 * record changed after sealing is refused by the server.
 */
describe.each(['pglite', 'postgres'] as const)('custody between two laptops (%s)', (backend) => {
  let server: SyncServerHandle;
  let a: { app: DispatchedApp; passphrase: string };
  let b: { app: DispatchedApp; passphrase: string };
  const store = {
    id: randomUUID(),
    locationType: 'storage_site' as const,
    name: 'Centralni magacin',
    jurisdiction: 'RS' as const,
  };
  const court = {
    id: randomUUID(),
    locationType: 'other' as const,
    name: 'Viši sud u Beogradu',
    jurisdiction: 'RS' as const,
  };
  let items: Array<{ id: string; kind: string; serialNumber: string | null }>;
  let collectionPointId: string;

  beforeAll(async () => {
    server = await startSyncServer({ backend });
    a = await laptop(server, 'Depot laptop', 'Amina Hadžić');
    b = await laptop(server, 'Court liaison laptop', 'Marko Petrović');
    const intake = await recordFinalSurrender(a.app, 'Amina Hadžić');
    collectionPointId = intake.event.locationId!;
    await a.app.ok('saveLocation', store);
    await a.app.ok('saveLocation', court);
    items = await a.app.ok('pickItems', { intakeEventId: intake.event.id });
  }, 60_000);
  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
    await server?.stop();
  });

  async function signature(app: DispatchedApp) {
    return app.ok('addPhoto', {
      dataBase64: tinyPng([20, 20, 20]).toString('base64'),
      kind: 'signature',
    });
  }

  async function transfer(
    side: { app: DispatchedApp; passphrase: string },
    patch: Partial<Transfer> & Pick<Transfer, 'items'>,
  ) {
    const image = await signature(side.app);
    const at = patch.transferredAt ?? '2024-03-05T09:30:00+01:00';
    return side.app.ok('recordCustodyTransfer', {
      transfer: {
        fromHolder: { name: 'Amina Hadžić', unit: 'PU Čačak', locationId: collectionPointId },
        toHolder: { name: 'Jelena Ilić', unit: 'Centralni magacin', locationId: store.id },
        transferredAt: at,
        purpose: 'to_storage',
        handoverSignature: { signedBy: 'Amina Hadžić', signedAt: at, image },
        receiptSignature: { signedBy: 'Jelena Ilić', signedAt: at, image },
        ...patch,
      },
      passphrase: side.passphrase,
    });
  }

  const weaponRefs = () =>
    items
      .filter((item) => item.kind === 'weapon')
      .map((item) => ({ kind: 'weapon' as const, id: item.id }));

  it('carries sealed records to the other laptop, which checks them and derives the same state', async () => {
    await transfer(a, { items: weaponRefs() });
    const rifle = items.find((item) => item.serialNumber === surrenderSerials[0])!;
    await a.app.ok('recordCustodyDecision', {
      decision: {
        items: [{ kind: 'weapon', id: rifle.id }],
        decision: 'for_destruction',
        decidedAt: '2024-03-06T10:00:00+01:00',
        decidedBy: 'Komisija',
        reason: 'Surrendered for destruction',
      },
      passphrase: a.passphrase,
    });
    expect(await a.app.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    await b.app.ok('syncNow');
    const onA = await a.app.ok('getItemCustody', { id: rifle.id });
    const onB = await b.app.ok('getItemCustody', { id: rifle.id });
    expect(onB.status).toBe('awaiting_destruction');
    expect(onB.holdings).toEqual(onA.holdings);
    expect(onB.timeline.map((entry) => entry.type)).toEqual(['intake', 'transfer', 'decision']);
    // B holds A's public key now and checks A's seals with it.
    expect((await b.app.ok('checkIntegrity')).seals).toEqual({ checked: 2, broken: [] });
    expect((await b.app.ok('getSiteInventory', { siteId: store.id })).total).toBe(2);
  });

  it('keeps both of two contradicting moves made offline, and shows the conflict on both laptops', async () => {
    const pistol = items.find((item) => item.serialNumber === surrenderSerials[1])!;
    const fromStore = { name: 'Jelena Ilić', unit: 'Centralni magacin', locationId: store.id };
    await transfer(a, {
      items: [{ kind: 'weapon', id: pistol.id }],
      fromHolder: fromStore,
      toHolder: { name: 'Petar Jović', unit: 'Balistika', locationId: court.id },
      purpose: 'to_forensics_ballistics',
      transferredAt: '2024-04-01T09:00:00+02:00',
    });
    await transfer(b, {
      items: [{ kind: 'weapon', id: pistol.id }],
      fromHolder: fromStore,
      toHolder: { name: 'Sudija Lazić', unit: 'Viši sud', locationId: court.id },
      purpose: 'to_court',
      transferredAt: '2024-04-01T10:00:00+02:00',
    });
    await a.app.ok('syncNow');
    await b.app.ok('syncNow');
    await a.app.ok('syncNow');
    const onA = await a.app.ok('getItemCustody', { id: pistol.id });
    const onB = await b.app.ok('getItemCustody', { id: pistol.id });
    // Nothing lost: both records are in both timelines, in the order they say they happened.
    expect(onA.timeline.filter((entry) => entry.type === 'transfer')).toHaveLength(3);
    expect(onB.timeline).toEqual(onA.timeline);
    expect(onA.conflicts).toEqual([{ recordId: expect.any(String), reason: 'not_at_origin' }]);
    expect(onB.conflicts).toEqual(onA.conflicts);
    const listed = await b.app.ok('pickItems', { serial: surrenderSerials[1] });
    expect(listed[0]!.inConflict).toBe(true);
    // The server derives the same state by the same rules, and marks the conflict too.
    const { rows } = await server.db.query<{
      status: string;
      conflicts: unknown;
      holdings: unknown;
    }>('SELECT status, conflicts, holdings FROM item_custody WHERE item_id = $1', [pistol.id]);
    expect(rows).toEqual([
      {
        status: 'transferred',
        conflicts: onA.conflicts,
        holdings: onA.holdings.map(({ locationName: _name, ...holding }) => holding),
      },
    ]);
    const rifle = items.find((item) => item.serialNumber === surrenderSerials[0])!;
    const rifleOnServer = await server.db.query<{ status: string; conflicts: unknown }>(
      'SELECT status, conflicts FROM item_custody WHERE item_id = $1',
      [rifle.id],
    );
    expect(rifleOnServer.rows).toEqual([{ status: 'awaiting_destruction', conflicts: null }]);
  });

  it('sends its sealed records and signing key again to a server restored without them', async () => {
    const { records } = await a.app.ok('listCustodyRecords', {});
    const mine = records.filter((record) => record.recordedBy.name === 'Amina Hadžić');
    const keyId = (
      (await a.app.ok('getCustodyRecord', { id: mine[0]!.id })).record.seal as { keyId: string }
    ).keyId;
    await server.restoreBackupWithout([keyId, ...mine.map((record) => record.id)]);
    expect(await a.app.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    const { rows } = await server.db.query<{ id: string }>(
      'SELECT id FROM records WHERE id = ANY($1)',
      [[keyId, ...mine.map((record) => record.id)]],
    );
    expect(rows).toHaveLength(mine.length + 1);
    expect(await a.app.ok('listSyncIssues')).toEqual([]);
  });

  it('refuses on the server a record changed after it was sealed', async () => {
    const lot = items.find((item) => item.kind === 'ammunition')!;
    await transfer(a, { items: [{ kind: 'ammunition_lot', id: lot.id }] });
    // Changed in the outbox, after sealing, as a tampered laptop would send it.
    a.app.services.session
      .requireUnlocked()
      .db.prepare(
        `UPDATE outbox SET payload_json = replace(payload_json, 'Jelena Ilić', 'Nepoznat')
         WHERE entity = 'custody_transfer' AND state = 'pending'`,
      )
      .run();
    await a.app.ok('syncNow');
    const issues = await a.app.ok('listSyncIssues');
    expect(issues.map((issue) => [issue.kind, issue.message])).toContainEqual([
      'rejected',
      'The seal does not match the record: it was changed after it was sealed.',
    ]);
  });
});
