import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxRows } from '../../../../electron/services/xlsx-rows.ts';
import { consoleDataRoutes } from '../../../../server/console-data/console-data-routes.ts';
import { createMailer } from '../../../../server/console/mailer.ts';
import { installErrorHandlers } from '../../../../server/http/error-handler.ts';
import { SyncHttpError } from '../../../../server/http/sync-http-error.ts';
import {
  ConsoleMeasureRecordsSchema,
  RecordPageSchema,
  RegisterPageSchema,
  type ConsoleExportAudit,
  ConsoleCampaignsSchema,
} from '../../../../shared/console/console-data.ts';
import { consoleDataApiPaths } from '../../../../shared/console/overview.ts';
import { itemRefKindOf } from '../../../../shared/custody/item-custody.ts';
import { MeasuresSchema } from '../../../../shared/measures/measure-results.ts';
import {
  NationalReportSchema,
  type NationalReport,
} from '../../../../shared/reports/national-reports.ts';
import { consoleSession } from '../../../support/console-session.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { recordFinalSurrender, surrenderSerials } from '../../../support/final-intake.ts';
import { mutation, newRecordId, syncClient } from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

const manual = { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 };
/** What the console's shell would check (a session); here a header, so the guard is seen to run. */
const pass = { 'x-test-session': 'ok' };

/**
 * The console's data API over HTTP, with the records of a real laptop pushed to a real server:
 * the register finds a weapon by its serial and shows its custody timeline, whose seal check
 * fails once the stored record is changed behind the seal; a report for one jurisdiction equals
 * the laptop's; an export's rows read back with the app's own XLSX reader and are audited; a
 * report, the register and its export for one team's scope hold that team's records only.
 */
describe.each(syncBackends)('the console data API (%s)', (backend) => {
  let server: SyncServerHandle;
  let app: DispatchedApp;
  let api: FastifyInstance;
  let base: string;
  let transferId: string;
  let collectionPointId: string;
  const mailLog: string[] = [];
  const audits: ConsoleExportAudit[] = [];
  const store = {
    id: randomUUID(),
    locationType: 'storage_site' as const,
    name: 'Centralni magacin',
    jurisdiction: 'RS' as const,
  };

  const get = (path: string, headers: Record<string, string> = pass) =>
    fetch(`${base}${path}`, { headers });
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { ...pass, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await startSyncServer({
      backend,
      mailer: createMailer({
        smtpUrl: undefined,
        from: 'console@localhost',
        warn: (message) => mailLog.push(message),
      }),
    });
    app = await startDispatchedApp({ prefix: `console-data-${backend}`, sync: manual });
    const { passphrase } = await setUpFirstPerson(app, { name: 'Amina Hadžić' });
    await app.ok('enrollDevice', { serverUrl: server.url, code: await server.enroll('Depot') });
    const intake = await recordFinalSurrender(app, 'Amina Hadžić');
    collectionPointId = intake.event.locationId!;
    await app.ok('saveLocation', store);
    const items = await app.ok('pickItems', { intakeEventId: intake.event.id });
    const signature = await app.ok('addPhoto', {
      dataBase64: tinyPng([0, 0, 0]).toString('base64'),
      kind: 'signature',
    });
    const at = '2024-03-05T09:30:00+01:00';
    ({ id: transferId } = await app.ok('recordCustodyTransfer', {
      transfer: {
        items: items
          .filter((item) => item.kind === 'weapon')
          .map((item) => ({ kind: itemRefKindOf.weapon, id: item.id })) as never,
        fromHolder: {
          name: 'Amina Hadžić',
          unit: 'PU Čačak',
          locationId: intake.event.locationId!,
        },
        toHolder: { name: 'Jelena Ilić', unit: 'Centralni magacin', locationId: store.id },
        transferredAt: at,
        purpose: 'to_storage',
        handoverSignature: { signedBy: 'Amina Hadžić', signedAt: at, image: signature },
        receiptSignature: { signedBy: 'Jelena Ilić', signedAt: at, image: signature },
      },
      passphrase,
    }));
    expect(await app.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });

    api = Fastify();
    installErrorHandlers(api);
    await api.register(
      consoleDataRoutes(server.db, {
        preHandler: async (request) => {
          if (request.headers['x-test-session'] !== 'ok') {
            throw new SyncHttpError(401, 'UNAUTHORIZED', 'Sign in first.');
          }
        },
        audit: (_request, entry) => {
          audits.push(entry);
        },
      }),
      { prefix: '/console/api' },
    );
    base = `${await api.listen({ host: '127.0.0.1', port: 0 })}/console/api`;
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await app?.close();
    await server?.stop();
  });

  it('lists the campaigns the laptops recorded by name, without one they deleted', async () => {
    const campaign = (name: string) => ({
      id: randomUUID(),
      name,
      jurisdiction: 'RS' as const,
      campaignType: 'voluntary_surrender_amnesty' as const,
      startDate: '2024-01-01',
      leadAgency: 'MUP Srbije',
      status: 'active' as const,
    });
    const zlatibor = campaign('Zlatiborski okrug 2024');
    const amnesty = campaign('Amnestija 2024 — Raški okrug');
    await app.ok('saveCampaign', zlatibor);
    await app.ok('saveCampaign', amnesty);
    expect(await app.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    const listed = await get(consoleDataApiPaths.campaigns);
    expect(listed.status).toBe(200);
    expect(ConsoleCampaignsSchema.parse(await listed.json())).toEqual([
      { id: amnesty.id, name: amnesty.name },
      { id: zlatibor.id, name: zlatibor.name },
    ]);
    await server.db.query(`UPDATE records SET deleted = true WHERE id = $1`, [zlatibor.id]);
    expect(await (await get(consoleDataApiPaths.campaigns)).json()).toEqual([
      { id: amnesty.id, name: amnesty.name },
    ]);
    expect((await get(consoleDataApiPaths.campaigns, {})).status).toBe(401);
  });

  it('answers nothing without the console’s guard', async () => {
    expect((await get('/register', {})).status).toBe(401);
  });

  it('finds a weapon by its serial, with its custody timeline and the seals checked', async () => {
    const found = RegisterPageSchema.parse(
      await (await get(`/register?serial=${encodeURIComponent('m70 čć-4411')}`)).json(),
    );
    expect(found.items).toHaveLength(1);
    const rifle = found.items[0]!;
    expect(rifle).toMatchObject({
      serialNumber: surrenderSerials[0],
      manufacturer: 'Zastava',
      // Derived from the custody transfer, as on the laptop.
      status: 'in_storage',
      jurisdiction: 'RS',
      recordStatus: 'final',
    });
    const page = RecordPageSchema.parse(
      await (await get(`/records/${rifle.intakeEventId}`)).json(),
    );
    expect(page.items.map((item) => item.item.kind).sort()).toEqual([
      'ammunition',
      'explosive',
      'part',
      'weapon',
      'weapon',
    ]);
    expect(page.photos.length).toBeGreaterThan(0);
    expect(page.history.map((entry) => entry.op)).toContain('create');
    const custody = page.items.find((item) => item.item.id === rifle.id)!;
    expect(custody.timeline).toEqual([
      expect.objectContaining({
        recordId: transferId,
        entity: 'custody_transfer',
        seal: { ok: true, problem: null },
      }),
    ]);

    // Someone with access to the database moves the weapons elsewhere, behind the seal.
    await server.db.query(
      `UPDATE records SET data = jsonb_set(data, '{toHolder,name}', '"Nepoznato lice"')
       WHERE id = $1`,
      [transferId],
    );
    const tampered = RecordPageSchema.parse(await (await get(`/records/${transferId}`)).json());
    expect(tampered.seal).toEqual({ ok: false, problem: 'invalid' });
    const again = RecordPageSchema.parse(
      await (await get(`/records/${rifle.intakeEventId}`)).json(),
    );
    expect(again.items.find((item) => item.item.id === rifle.id)!.timeline[0]!.seal).toEqual({
      ok: false,
      problem: 'invalid',
    });
  });

  it('lists the records behind a figure with what the console shows of each', async () => {
    const filter = { from: '2024-01-01', to: '2024-12-31' };
    const measures = MeasuresSchema.parse(await (await post('/measures', filter)).json());
    const weapons = measures.k1.total.find((row) => row.kind === 'weapon')!;
    const behind = ConsoleMeasureRecordsSchema.parse(
      await (
        await post(consoleDataApiPaths.measureRecords, { filter, drill: weapons.drill })
      ).json(),
    );
    expect(behind).toMatchObject({ entity: 'item', total: 2 });
    // Each weapon opens the intake record it came in with, its number, day and place.
    const intakeId = behind.rows[0]!.recordId;
    expect(behind.rows.map((row) => row.serialNumber).sort()).toEqual([...surrenderSerials].sort());
    for (const row of behind.rows) {
      expect(row).toMatchObject({
        recordId: intakeId,
        number: expect.any(String),
        date: '2024-03-01',
        place: 'Sabirno mesto Čačak',
        status: 'final',
        kind: 'weapon',
      });
    }
    expect(behind.rows.map((row) => row.id)).toEqual(behind.ids);

    // A site is listed by its name and opens its own record.
    const sites = ConsoleMeasureRecordsSchema.parse(
      await (
        await post(consoleDataApiPaths.measureRecords, {
          filter,
          drill: { source: 'k16', slice: {} },
        })
      ).json(),
    );
    expect(sites.entity).toBe('location');
    expect(sites.rows).toContainEqual(
      expect.objectContaining({ id: store.id, recordId: store.id, place: store.name }),
    );
    const refused = await post(consoleDataApiPaths.measureRecords, {
      filter,
      drill: { source: 'k1', slice: { nonsense: 'x' } },
    });
    expect(refused.status).toBe(400);
  });

  it('pages the register with a cursor that neither repeats nor skips, and refuses a forged one', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = RegisterPageSchema.parse(
        await (await get(`/register?limit=2${cursor === '' ? '' : `&cursor=${cursor}`}`)).json(),
      );
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const forged = await get('/register?cursor=bm90LWEtY3Vyc29y');
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { error: string }).error).toBe('VALIDATION_ERROR');
    expect((await get('/register?limit=0')).status).toBe(400);
    expect((await get(`/records/${randomUUID()}`)).status).toBe(404);
  });

  it('builds a jurisdiction’s report as the laptop does, and its PDF', async () => {
    const request = {
      report: 'roadmap' as const,
      filter: { from: '2024-01-01', to: '2024-12-31', jurisdiction: 'RS' as const },
    };
    const onLaptop = await app.ok('getReport', request);
    const response = await post('/reports', { ...request, language: 'en' });
    expect(response.status).toBe(200);
    const onServer = NationalReportSchema.parse(await response.json());
    expect(onServer.tables).toEqual(onLaptop.tables);
    expect(onServer.tables.flatMap((table) => table.rows).length).toBeGreaterThan(0);
    const pdf = await post('/reports/pdf', { ...request, language: 'en' });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await post('/reports', { report: 'nonsense', filter: request.filter })).status).toBe(
      400,
    );
  });

  it('exports the register as XLSX whose rows read back, and says so to the audit log', async () => {
    const response = await get('/register/export?format=xlsx&kind=weapon');
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    const rows = [...xlsxRows(() => [bytes])];
    // The workbook's first sheet lists its tables; the register follows.
    const header = rows.findIndex((row) => row[0] === 'Item id');
    const data = rows.slice(header + 1).filter((row) => row.some((cell) => cell !== ''));
    expect(data.map((row) => row[4]).sort()).toEqual([...surrenderSerials].sort());
    await expect
      .poll(() => audits.find((entry) => entry.what === 'register_export'))
      .toMatchObject({
        format: 'xlsx',
        rows: 2,
        filter: expect.objectContaining({ kind: 'weapon' }),
      });
    const csv = await (await get('/register/export?format=csv&serial=CZ99-0417')).text();
    expect(csv.split('\r\n').filter((line) => line !== '')).toHaveLength(2);
  });

  it('gives a report, the register and its export for one team’s scope: that team’s records only', async () => {
    // North covers the surrender's collection point; South has one laptop, whose seizure is its own.
    const { team: north } = await server.admin.createTeam({
      name: 'PU Čačak',
      organisation: 'MUP',
      sites: [collectionPointId],
    });
    const { team: south } = await server.admin.createTeam({
      name: 'Granična policija jug',
      organisation: 'MUP',
    });
    const southLaptop = syncClient(
      server.url,
      await server.enrollDevice('South laptop', 'Granična policija jug'),
    );
    const pushed = await southLaptop.push([
      mutation({
        mutationId: 1,
        entityId: newRecordId(),
        op: 'create',
        fields: {
          context: 'seized',
          occurredAt: '2024-05-10',
          weapons: [
            {
              id: randomUUID(),
              category: 'small_arm',
              weaponType: 'revolver',
              manufacturer: 'Zastava',
              serialNumber: 'JUG-5005',
              lifecycleStatus: 'in_custody',
              markings: [],
              photos: [],
            },
          ],
        },
      }),
    ]);
    expect(pushed.status, pushed.text).toBe(200);
    const { rows: teams } = await server.db.query<{ id: string }>(
      "SELECT id FROM teams WHERE name = 'National coordination'",
    );
    const national = teams[0]!.id;

    // Through the console itself (its guard, its error words, its audit log), as a viewer.
    const viewer = await consoleSession(server, mailLog, 'vida@salw.test', 'viewer');
    const report = async (teamId?: string) => {
      const response = await viewer.post(consoleDataApiPaths.report, {
        report: 'iafq',
        filter: { from: '2024-01-01', to: '2024-12-31', finalOnly: false },
        language: 'en',
        ...(teamId === undefined ? {} : { teamId }),
      });
      expect(response.status, response.text).toBe(200);
      return NationalReportSchema.parse(response.json);
    };
    /** Weapons by how they came in: [context, entries]. */
    const weaponsIn = (of: NationalReport) =>
      of.tables
        .find((table) => table.id === 'weapons_by_context')!
        .rows.map((row) => [row[0], row[3]]);
    expect(weaponsIn(await report())).toEqual([
      ['Seized', 1],
      ['Surrendered', 2],
    ]);
    const northReport = await report(north.id);
    expect(weaponsIn(northReport)).toEqual([['Surrendered', 2]]);
    expect(northReport.scope).toContain('Team scope: PU Čačak');
    expect(weaponsIn(await report(south.id))).toEqual([['Seized', 1]]);
    expect(weaponsIn(await report(national))).toEqual(weaponsIn(await report()));

    const exported = async (teamId: string) => {
      const response = await viewer.get(
        `${consoleDataApiPaths.registerExport}?format=csv&kind=weapon&teamId=${teamId}`,
      );
      expect(response.status, response.text).toBe(200);
      return response.text
        .split('\r\n')
        .slice(1)
        .filter((line) => line !== '')
        .map((line) => line.split(',')[4])
        .sort();
    };
    expect(await exported(north.id)).toEqual([...surrenderSerials].sort());
    expect(await exported(south.id)).toEqual(['JUG-5005']);
    expect(await exported(national)).toEqual([...surrenderSerials, 'JUG-5005'].sort());
    const page = RegisterPageSchema.parse(
      (await viewer.get(`${consoleDataApiPaths.register}?teamId=${south.id}`)).json,
    );
    expect(page.items.map((item) => item.serialNumber)).toEqual(['JUG-5005']);
    const { rows: audited } = await server.db.query<{ details: { filter: { teamId?: string } } }>(
      `SELECT details FROM console_audit WHERE action = 'export.created' ORDER BY id`,
    );
    expect(audited.map((row) => row.details.filter.teamId)).toEqual([north.id, south.id, national]);

    // A team nobody made is refused in words, before a row is read or a byte streamed.
    const nobody = randomUUID();
    for (const refused of [
      await viewer.post(consoleDataApiPaths.report, {
        report: 'iafq',
        filter: { from: '2024-01-01', to: '2024-12-31' },
        teamId: nobody,
      }),
      await viewer.post(consoleDataApiPaths.reportPdf, {
        report: 'iafq',
        filter: { from: '2024-01-01', to: '2024-12-31' },
        teamId: nobody,
      }),
      await viewer.get(`${consoleDataApiPaths.registerExport}?format=xlsx&teamId=${nobody}`),
      await viewer.get(`${consoleDataApiPaths.register}?teamId=${nobody}`),
    ]) {
      expect(refused.status).toBe(400);
      expect(refused.json).toMatchObject({ error: 'UNKNOWN_TEAM' });
    }
    expect((await viewer.get(`${consoleDataApiPaths.register}?teamId=north`)).status).toBe(400);
  });
});
