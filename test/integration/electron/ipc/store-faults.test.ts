import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  chmod,
  chown,
  copyFile,
  mkdir,
  readdir,
  readFile,
  truncate,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { GUARD_FILE } from '../../../../electron/keys/unlock-guard.ts';
import { createDeviceDatabase } from '../../../../electron/store/device-database.ts';
import { DATABASE_FILE } from '../../../../electron/store/encrypted-database.ts';
import { maxAttachmentBytes } from '../../../../shared/domain/attachment.ts';
import type { ProcedureInput, ProcedureName } from '../../../../shared/ipc/contract.ts';
import type { IpcFailure, IpcResult } from '../../../../shared/ipc/errors.ts';
import { recordProcedures } from '../../../../shared/ipc/procedures/records.ts';
import type { ChildRequest } from '../../../support/dispatch-in-child.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  storeCounts,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { projectDir } from '../../../support/project.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

/**
 * Bad input and faults of the disk never half-write and never surface as INTERNAL: each is refused
 * with its own code and a sentence a person can act on, and the store is left as it was.
 */

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];

const apps: DispatchedApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function newApp(prefix: string) {
  const app = await startDispatchedApp({ prefix });
  apps.push(app);
  const person = await setUpFirstPerson(app);
  return { app, ...person };
}

/** What a stack trace or an internal detail looks like in a message. */
const internalDetail = /\n\s+at |\.ts:\d+|SqliteError|SQLITE_|StoreError|node_modules/;

function expectCleanMessage(failure: IpcFailure) {
  expect(failure.message.length).toBeGreaterThan(10);
  expect(failure.message).not.toMatch(internalDetail);
}

function integrity(app: DispatchedApp): unknown {
  return app.services.session.requireUnlocked().db.pragma('integrity_check', { simple: true });
}

async function guardFailures(dir: string): Promise<number> {
  const file = path.join(dir, GUARD_FILE);
  if (!existsSync(file)) return 0;
  return (JSON.parse(await readFile(file, 'utf8')) as { failures: number }).failures;
}

/** A draft big enough to need many new pages: 120 weapons with long notes and five markings each. */
function largeDraft(id: string): Draft {
  return {
    id,
    status: 'draft',
    revision: 0,
    context: 'seized',
    occurredAt: '2024-06-14',
    notes: 'Cargo of a lorry at the Horgoš crossing. '.repeat(45).slice(0, 2000),
    weapons: Array.from({ length: 120 }, (_, index) => ({
      id: randomUUID(),
      weaponType: 'assault_rifle' as const,
      serialNumber: `AK-${index}-${randomUUID()}`,
      pointOfDiversionNote: `Diverted from a state stockpile, item ${index}. `
        .repeat(30)
        .slice(0, 1000),
      markings: Array.from({ length: 5 }, () => ({
        id: randomUUID(),
        textAsRead: randomUUID().repeat(5).slice(0, 180),
      })),
      photos: [],
    })),
  };
}

describe('disk full (SQLITE_FULL) during a save', () => {
  it('answers STORAGE_FULL, writes nothing of that save, and the store stays intact', async () => {
    const { app, user, passphrase } = await newApp('faults-full');
    const small = await app.ok('saveIntakeDraft', {
      draft: {
        ...(await app.ok('newIntakeDraft')),
        context: 'found',
        notes: 'before the disk filled',
      },
      expectedRevision: null,
    });
    const before = storeCounts(app);
    const audit = await app.ok('verifyAuditLog');

    const { db } = app.services.session.requireUnlocked();
    const pages = db.pragma('page_count', { simple: true }) as number;
    // The file may not grow by a single page: the next allocation fails with SQLITE_FULL.
    expect(db.pragma(`max_page_count = ${pages}`, { simple: true })).toBe(pages);

    const big = largeDraft(randomUUID());
    const failure = await app.fail('saveIntakeDraft', { draft: big, expectedRevision: null });
    expect(failure.code).toBe('STORAGE_FULL');
    expectCleanMessage(failure);
    expect(failure.message).toMatch(/full/i);
    expect(failure.message).toMatch(/Nothing was saved/);
    // An existing record is not touched by a refused update either.
    const update = await app.fail('saveIntakeDraft', {
      draft: { ...(small.event as Draft), weapons: big.weapons },
      expectedRevision: 1,
    });
    expect(update.code).toBe('STORAGE_FULL');
    const logged = app.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.filter((line) => line.event === 'ipc.store_refused')).toEqual([
      expect.objectContaining({ procedure: 'saveIntakeDraft', code: 'STORAGE_FULL' }),
      expect.objectContaining({ procedure: 'saveIntakeDraft', code: 'STORAGE_FULL' }),
    ]);

    // Space is back.
    db.pragma('max_page_count = 4294967294');
    expect(storeCounts(app)).toEqual(before);
    expect((await app.fail('getIntake', { id: big.id })).code).toBe('NOT_FOUND');
    expect(await app.ok('getIntake', { id: small.event.id })).toEqual(small);
    expect(await app.ok('verifyAuditLog')).toEqual(audit);
    expect(integrity(app)).toBe('ok');

    // The same save now succeeds: no stray row of the refused one gets in its way.
    const saved = await app.ok('saveIntakeDraft', { draft: big, expectedRevision: null });
    expect(saved.revision).toBe(1);
    expect(storeCounts(app)).toMatchObject({
      intakes: before.intakes + 1,
      weapons: before.weapons + 120,
      markings: before.markings + 600,
      audit: before.audit + 1,
      outbox: before.outbox + 1,
    });
    // And the file reopens cleanly (quick_check at unlock).
    await app.ok('lock');
    await app.ok('unlock', { userId: user.id, passphrase });
    expect(integrity(app)).toBe('ok');
    expect((await app.ok('verifyAuditLog')).ok).toBe(true);
  });
});

const nobody = 65534;
const childScript = path.join(projectDir, 'test', 'support', 'dispatch-in-child.ts');

/**
 * Runs the calls in a child process as the unprivileged user "nobody", against a data folder the
 * test has handed over to it; null when this machine does not allow switching user.
 */
function dispatchAsNobody(request: ChildRequest): IpcResult<unknown>[] | null {
  let output: string;
  try {
    output = execFileSync(process.execPath, [childScript, JSON.stringify(request)], {
      uid: nobody,
      gid: nobody,
      cwd: '/',
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPERM') return null;
    throw error;
  }
  const last = output.trim().split('\n').at(-1) ?? '{}';
  const parsed = JSON.parse(last) as { uid: number; results: IpcResult<unknown>[] };
  expect(parsed.uid).toBe(nobody);
  return parsed.results;
}

async function chownTree(dir: string, uid: number): Promise<void> {
  await chown(dir, uid, uid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(child, uid);
    else await chown(child, uid, uid);
  }
}

describe('a data folder that cannot be written to', () => {
  const runsAsRoot = process.getuid?.() === 0;

  for (const variant of ['database file read-only (0400)', 'data folder read-only (0500)']) {
    it(`unlock answers STORAGE_READ_ONLY: ${variant}`, async (context) => {
      const { app, user, passphrase } = await newApp('faults-readonly');
      await app.ok('lock');
      const file = path.join(app.dir, DATABASE_FILE);
      const bytes = await readFile(file);
      const fileOnly = variant.startsWith('database file');
      const unlock = { procedure: 'unlock', input: { userId: user.id, passphrase } };
      let results: IpcResult<unknown>[] | null;
      if (!runsAsRoot) {
        await chmod(fileOnly ? file : app.dir, fileOnly ? 0o400 : 0o500);
        results = [await app.call('unlock', unlock.input), await app.call('getSession')];
      } else {
        // Root ignores permission bits, so the unlock runs in a child process as "nobody", who
        // owns the folder (as a person owns their profile) but may not write where it is made
        // read-only. Only this test's own folders change owner or mode.
        await chmod(path.dirname(app.dir), 0o711);
        await chownTree(app.dir, nobody);
        await chmod(fileOnly ? file : app.dir, fileOnly ? 0o400 : 0o500);
        results = dispatchAsNobody({
          dataDir: app.dir,
          calls: [unlock, { procedure: 'getSession' }],
        });
        if (results === null) {
          await chownTree(app.dir, 0);
          context.skip('running as root without the right to switch to uid 65534');
          return;
        }
      }
      const [unlocked, status] = results;
      expect(unlocked?.ok).toBe(false);
      const failure = (unlocked as { ok: false; error: IpcFailure }).error;
      expect(failure.code).toBe('STORAGE_READ_ONLY');
      expectCleanMessage(failure);
      expect(failure.message).toMatch(/cannot be written to/);
      expect(status).toMatchObject({ ok: true, value: { state: 'locked', retryAfterSeconds: 0 } });

      // Nothing was written, and once the folder is writable again the same passphrase opens it.
      await chmod(file, 0o600);
      await chmod(app.dir, 0o700);
      if (runsAsRoot) await chownTree(app.dir, 0);
      expect((await readFile(file)).equals(bytes)).toBe(true);
      expect(await guardFailures(app.dir)).toBe(0);
      expect((await app.ok('unlock', { userId: user.id, passphrase })).state).toBe('unlocked');
      expect(integrity(app)).toBe('ok');
    });
  }
});

describe('a damaged or foreign database file', () => {
  it('a file cut to half answers DATABASE_DAMAGED, without counting a wrong attempt', async () => {
    const { app, user, passphrase } = await newApp('faults-truncated');
    for (let i = 0; i < 30; i += 1) {
      await app.ok('saveIntakeDraft', {
        draft: { ...(await app.ok('newIntakeDraft')), notes: `record ${i} `.repeat(150) },
        expectedRevision: null,
      });
    }
    // The records into the database file itself (a checkpoint does this in use): closing at the
    // lock checkpoints only when no other connection, such as the integrity check's, is open.
    app.services.session.requireUnlocked().db.pragma('wal_checkpoint(TRUNCATE)');
    await app.ok('lock');
    // Two real wrong guesses first: a third counted attempt would start a delay.
    for (const guess of ['guess-1', 'guess-2']) {
      expect((await app.fail('unlock', { userId: user.id, passphrase: guess })).code).toBe(
        'WRONG_PASSPHRASE',
      );
    }
    expect(await guardFailures(app.dir)).toBe(2);

    const file = path.join(app.dir, DATABASE_FILE);
    const whole = await readFile(file);
    expect(whole.length).toBeGreaterThan(8 * 4096);
    await truncate(file, Math.floor(whole.length / 2));
    const cut = await readFile(file);

    for (let attempt = 0; attempt < 3; attempt += 1) {
      const failure = await app.fail('unlock', { userId: user.id, passphrase });
      expect(failure.code).toBe('DATABASE_DAMAGED');
      expectCleanMessage(failure);
      expect(failure.message).toMatch(/damaged|integrity|truncated/);
      expect(failure.retryAfterSeconds).toBeUndefined();
    }
    expect(await guardFailures(app.dir)).toBe(2);
    const status = await app.ok('getSession');
    expect(status).toMatchObject({ state: 'locked', retryAfterSeconds: 0, currentUser: null });
    // The damaged file is kept as it was, for whoever tries to rescue it.
    expect((await readFile(file)).equals(cut)).toBe(true);

    // Restored from a copy, it opens again.
    await writeFile(file, whole);
    expect((await app.ok('unlock', { userId: user.id, passphrase })).state).toBe('unlocked');
    expect((await app.ok('listIntakes', {})).total).toBe(30);
  });

  it("another data folder's database copied over this one is refused with a clear code", async () => {
    const here = await newApp('faults-here');
    const there = await newApp('faults-there');
    await there.app.ok('saveIntakeDraft', {
      draft: { ...(await there.app.ok('newIntakeDraft')), notes: 'recorded on another laptop' },
      expectedRevision: null,
    });
    await here.app.ok('lock');
    await there.app.ok('lock');
    const file = path.join(here.app.dir, DATABASE_FILE);
    const own = await readFile(file);
    await copyFile(path.join(there.app.dir, DATABASE_FILE), file);
    const foreign = await readFile(file);

    const failure = await here.app.fail('unlock', {
      userId: here.user.id,
      passphrase: here.passphrase,
    });
    expect(['NOT_SALW_DATABASE', 'WRONG_KEY']).toContain(failure.code);
    expectCleanMessage(failure);
    expect(failure.message).toMatch(/database/i);
    expect(await guardFailures(here.app.dir)).toBe(0);
    expect((await here.app.ok('getSession')).state).toBe('locked');
    expect((await readFile(file)).equals(foreign)).toBe(true);

    await writeFile(file, own);
    expect(
      (await here.app.ok('unlock', { userId: here.user.id, passphrase: here.passphrase })).state,
    ).toBe('unlocked');
  });

  it('a database made with this key for another keyring is NOT_SALW_DATABASE (db_id check)', async () => {
    const { app, user, passphrase } = await newApp('faults-dbid');
    const dek = Buffer.from(app.services.session.requireUnlocked().dek);
    await app.ok('lock');
    const file = path.join(app.dir, DATABASE_FILE);
    const own = await readFile(file);
    const elsewhere = path.join(path.dirname(app.dir), 'elsewhere');
    await mkdir(elsewhere);
    createDeviceDatabase(elsewhere, dek, randomUUID(), new Date().toISOString()).close();
    await copyFile(path.join(elsewhere, DATABASE_FILE), file);

    const failure = await app.fail('unlock', { userId: user.id, passphrase });
    expect(failure.code).toBe('NOT_SALW_DATABASE');
    expectCleanMessage(failure);
    expect(failure.message).toMatch(/does not belong to this keyring/);
    expect(await guardFailures(app.dir)).toBe(0);
    await writeFile(file, own);
    expect((await app.ok('unlock', { userId: user.id, passphrase })).state).toBe('unlocked');
  });

  it('a plain, unencrypted SQLite file in its place is NOT_SALW_DATABASE', async () => {
    const { app, user, passphrase } = await newApp('faults-plain');
    await app.ok('lock');
    const file = path.join(app.dir, DATABASE_FILE);
    await writeFile(file, '');
    const plain = new Database(file);
    plain.exec(
      "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('db_id', 'x')",
    );
    plain.close();
    const failure = await app.fail('unlock', { userId: user.id, passphrase });
    expect(failure.code).toBe('NOT_SALW_DATABASE');
    expectCleanMessage(failure);
    expect(failure.message).toMatch(/unencrypted SQLite file/);
    expect(await guardFailures(app.dir)).toBe(0);
  });
});

describe('malformed input to every record procedure', () => {
  // Derived from the contract, so a record procedure added later is covered without editing this.
  const recordProcedureNames = Object.keys(recordProcedures) as ProcedureName[];
  const location = {
    id: randomUUID(),
    locationType: 'border_crossing_road',
    name: 'Granični prelaz Batrovci',
    jurisdiction: 'RS',
  } as const;
  const draft = (fields: Record<string, unknown>) => ({
    draft: { id: randomUUID(), status: 'draft', revision: 0, ...fields },
    expectedRevision: null,
  });
  const weapon = (fields: Record<string, unknown>) => ({
    id: randomUUID(),
    markings: [],
    photos: [],
    ...fields,
  });
  const sameId = randomUUID();

  /** [procedure, input, paths that must be reported (others may be too)] */
  const cases: Array<[ProcedureName, unknown, string[]]> = [
    ['listLocations', {}, ['']],
    ['listLocations', 'all', ['']],
    ['newIntakeDraft', { id: randomUUID() }, ['']],
    ['verifyAuditLog', { repair: true }, ['']],
    ['listCampaigns', { status: 'active' }, ['']],
    [
      'saveCampaign',
      {},
      ['id', 'name', 'jurisdiction', 'campaignType', 'startDate', 'leadAgency', 'status'],
    ],
    [
      'saveCampaign',
      {
        id: randomUUID(),
        name: 'Amnesty 2026',
        jurisdiction: 'RS',
        campaignType: 'voluntary_surrender_amnesty',
        startDate: '2026-09-01',
        endDate: '2026-01-01',
        leadAgency: 'MUP',
        status: 'active',
      },
      ['endDate'],
    ],
    ['saveLocation', {}, ['id', 'locationType', 'name', 'jurisdiction']],
    ['saveLocation', null, ['']],
    [
      'saveLocation',
      { id: 'batrovci', locationType: 'castle', name: 42, jurisdiction: 'YU', lat: '45.0' },
      ['id', 'locationType', 'name', 'jurisdiction', 'lat'],
    ],
    ['saveLocation', { ...location, lat: 95, lon: 19 }, ['lat']],
    ['saveLocation', { ...location, lat: 45 }, ['lon']],
    ['saveLocation', { ...location, name: 'x'.repeat(121) }, ['name']],
    ['saveLocation', { ...location, name: '   ' }, ['name']],
    ['saveIntakeDraft', {}, ['draft', 'expectedRevision']],
    ['saveIntakeDraft', { draft: null, expectedRevision: null }, ['draft']],
    ['saveIntakeDraft', { draft: [], expectedRevision: 'one' }, ['draft', 'expectedRevision']],
    ['saveIntakeDraft', { ...draft({}), expectedRevision: 1.5 }, ['expectedRevision']],
    ['saveIntakeDraft', { ...draft({}), expectedRevision: -1 }, ['expectedRevision']],
    ['saveIntakeDraft', draft({ status: 'final' }), ['draft.status']],
    ['saveIntakeDraft', draft({ revision: -1 }), ['draft.revision']],
    ['saveIntakeDraft', draft({ id: 'record-1' }), ['draft.id']],
    ['saveIntakeDraft', draft({ context: 'stolen' }), ['draft.context']],
    [
      'saveIntakeDraft',
      draft({ occurredAt: '14.06.2024', occurredTime: '25:00' }),
      ['draft.occurredAt', 'draft.occurredTime'],
    ],
    ['saveIntakeDraft', draft({ notes: 'x'.repeat(2001) }), ['draft.notes']],
    ['saveIntakeDraft', draft({ weapons: 'two rifles' }), ['draft.weapons']],
    ['saveIntakeDraft', draft({ weapons: [{ id: 'w1' }] }), ['draft.weapons.0.id']],
    [
      'saveIntakeDraft',
      draft({
        weapons: [
          weapon({
            yearOfManufacture: 1200,
            countryOfManufacture: 'YU',
            weaponType: 'laser',
            markings: [{ id: randomUUID(), markingKind: 'graffiti', textAsRead: 7 }],
          }),
        ],
      }),
      [
        'draft.weapons.0.yearOfManufacture',
        'draft.weapons.0.countryOfManufacture',
        'draft.weapons.0.weaponType',
        'draft.weapons.0.markings.0.markingKind',
        'draft.weapons.0.markings.0.textAsRead',
      ],
    ],
    [
      'saveIntakeDraft',
      draft({ weapons: [weapon({ id: sameId }), weapon({ id: sameId })] }),
      ['draft.weapons.1.id'],
    ],
    [
      'saveIntakeDraft',
      draft({ photos: [{ sha256: 'XYZ', mime: 'image/gif', size: 0, kind: 'selfie' }] }),
      [
        'draft.photos.0.sha256',
        'draft.photos.0.mime',
        'draft.photos.0.size',
        'draft.photos.0.kind',
      ],
    ],
    ['saveIntakeDraft', draft({ seizure: 'yes' }), ['draft.seizure']],
    [
      'saveIntakeDraft',
      draft({ seizure: { personsInvolved: [{ nationality: 'Serbian', sex: 'm' }] } }),
      ['draft.seizure.personsInvolved.0.nationality', 'draft.seizure.personsInvolved.0.sex'],
    ],
    [
      'saveIntakeDraft',
      draft({ collection: { anonymous: 'yes' } }),
      ['draft.collection.anonymous'],
    ],
    ['finaliseIntake', { id: 'x', expectedRevision: -1 }, ['id', 'expectedRevision']],
    ['finaliseIntake', { id: randomUUID() }, ['expectedRevision']],
    ['getIntake', { id: 42 }, ['id']],
    ['getIntake', undefined, ['']],
    ['getIntakeHistory', {}, ['id']],
    [
      'listIntakes',
      {
        context: 'stolen',
        status: 'archived',
        from: '2024/01/01',
        to: 'yesterday',
        locationId: 'here',
        serial: '   ',
        limit: 0,
        offset: -1,
      },
      ['context', 'status', 'from', 'to', 'locationId', 'serial', 'limit', 'offset'],
    ],
    ['listIntakes', { limit: 201 }, ['limit']],
    ['listIntakes', { limit: 1.5 }, ['limit']],
    ['listIntakes', { serial: 'x'.repeat(101) }, ['serial']],
    [
      'addPhoto',
      { dataBase64: '%%%%', kind: 'selfie', caption: 'x'.repeat(201) },
      ['dataBase64', 'kind', 'caption'],
    ],
    ['addPhoto', { dataBase64: '', kind: 'whole_weapon' }, ['dataBase64']],
    ['addPhoto', { dataBase64: 'QUJD', kind: 'whole_weapon' }, ['dataBase64']],
    ['addPhoto', { kind: 'whole_weapon' }, ['dataBase64']],
    ['getPhoto', { sha256: 'A'.repeat(64) }, ['sha256']],
    ['getPhoto', { sha256: '../../keyring.json' }, ['sha256']],
  ];

  it('answers VALIDATION_ERROR with the failing paths, never INTERNAL, and writes nothing', async () => {
    const { app } = await newApp('faults-input');
    await app.ok('saveLocation', location);
    const before = storeCounts(app);
    for (const [procedure, input, paths] of cases) {
      const label = `${procedure} ${JSON.stringify(input)?.slice(0, 120)}`;
      const failure = await app.fail(procedure, input);
      expect(failure.code, label).toBe('VALIDATION_ERROR');
      expectCleanMessage(failure);
      const reported = (failure.issues ?? []).map((issue) => issue.path);
      expect(reported, label).toEqual(expect.arrayContaining(paths));
      for (const issue of failure.issues ?? []) {
        expect(typeof issue.message, label).toBe('string');
        expect(typeof issue.code, label).toBe('string');
      }
    }
    expect(storeCounts(app)).toEqual(before);
    expect(existsSync(path.join(app.dir, 'blobs'))).toBe(false);
  });

  it('refuses an oversize photo (more base64 than 25 MiB of bytes) at the door', async () => {
    const { app } = await newApp('faults-oversize');
    const maxBase64Length = Math.ceil(maxAttachmentBytes / 3) * 4;
    const failure = await app.fail('addPhoto', {
      dataBase64: 'A'.repeat(maxBase64Length + 4),
      kind: 'whole_weapon',
    });
    expect(failure.code).toBe('VALIDATION_ERROR');
    expect(failure.issues).toEqual([
      expect.objectContaining({ path: 'dataBase64', code: 'too_big' }),
    ]);
    expect(existsSync(path.join(app.dir, 'blobs'))).toBe(false);
  });

  it('never answers INTERNAL to garbage of any type, for any record procedure', async () => {
    const { app } = await newApp('faults-garbage');
    const before = storeCounts(app);
    const polluted = JSON.parse(
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
    ) as unknown;
    const garbage: unknown[] = [
      null,
      0,
      -1,
      Number.NaN,
      1e308,
      '',
      'x',
      true,
      [],
      [1, 2, 3],
      {},
      { a: { b: [1, { c: null }] } },
      polluted,
      { draft: polluted, expectedRevision: polluted },
      { id: polluted, sha256: polluted, dataBase64: polluted },
    ];
    for (const procedure of recordProcedureNames) {
      for (const input of garbage) {
        const result = await app.call(procedure, input);
        const label = `${procedure} ${String(JSON.stringify(input))}`;
        if (result.ok) {
          // Only inputs the schema really accepts (listIntakes with no filter) may succeed.
          expect(procedure, label).toBe('listIntakes');
          continue;
        }
        expect(result.error.code, label).toBe('VALIDATION_ERROR');
        expect(result.error.issues?.length, label).toBeGreaterThan(0);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(storeCounts(app)).toEqual(before);
  });

  it('drops unknown fields and recomputes derived ones instead of storing what the caller sent', async () => {
    const { app } = await newApp('faults-unknown');
    const id = randomUUID();
    const weaponId = randomUUID();
    const view = await app.ok('saveIntakeDraft', {
      draft: {
        id,
        status: 'draft',
        revision: 41,
        injected: '<script>alert(1)</script>',
        weapons: [
          {
            id: weaponId,
            serialNumber: 'AK-47 123456',
            serialNumberNormalised: 'SOMETHING-ELSE',
            uniquelyIdentifiable: true,
            markings: [{ id: randomUUID(), textAsRead: 'ZASTAVA', textNormalised: 'FAKE' }],
            photos: [],
            // The automatic "checked" flags are main's to set: a claimed match is replaced.
            serialChecks: [
              { against: 'local_records', on: '2001-01-01', by: randomUUID(), result: 'match' },
            ],
          },
        ],
      } as unknown as Draft,
      expectedRevision: null,
    });
    expect(view.revision).toBe(1);
    const stored = JSON.parse(
      (
        app.services.session
          .requireUnlocked()
          .db.prepare('SELECT data_json FROM intake_events WHERE id = ?')
          .get(id) as { data_json: string }
      ).data_json,
    ) as Record<string, unknown>;
    expect(stored).not.toHaveProperty('injected');
    expect(stored.revision).toBe(1);
    expect(stored.weapons).toEqual([
      {
        id: weaponId,
        serialNumber: 'AK-47 123456',
        serialNumberNormalised: 'AK47123456',
        markings: [expect.objectContaining({ textAsRead: 'ZASTAVA', textNormalised: 'ZASTAVA' })],
        photos: [],
        serialChecks: [
          expect.objectContaining({ against: 'local_records', result: 'no_match' }),
          expect.objectContaining({ against: 'watch_list', result: 'no_match' }),
        ],
      },
    ]);
    const checks = (stored.weapons as { serialChecks: { on: string }[] }[])[0]!.serialChecks;
    expect(checks.map((check) => check.on)).not.toContain('2001-01-01');
    // A location's unknown fields are dropped too.
    const saved = await app.ok('saveLocation', { ...location, secret: 'x' } as typeof location);
    expect(saved).toEqual(location);
  });

  // Regression: an unknown campaign once reached the foreign key and came back INTERNAL.
  it('refuses a draft naming an unknown campaign as VALIDATION_ERROR at campaignId', async () => {
    const { app } = await newApp('faults-campaign');
    const before = storeCounts(app);
    const failure = await app.fail('saveIntakeDraft', {
      draft: {
        ...(await app.ok('newIntakeDraft')),
        context: 'surrendered',
        collection: { campaignBased: true },
        campaignId: randomUUID(),
      },
      expectedRevision: null,
    });
    expect(storeCounts(app)).toEqual(before);
    expect(failure.code).toBe('VALIDATION_ERROR');
    expect(failure.issues).toEqual([expect.objectContaining({ path: 'campaignId' })]);
  });

  // Regression: a weapon id of another record once hit the primary key and came back INTERNAL.
  it('refuses a draft reusing a weapon id of another record as VALIDATION_ERROR', async () => {
    const { app } = await newApp('faults-weapon-id');
    const rifle = { id: randomUUID(), serialNumber: 'M70 556677', markings: [], photos: [] };
    await app.ok('saveIntakeDraft', {
      draft: { ...(await app.ok('newIntakeDraft')), weapons: [rifle] },
      expectedRevision: null,
    });
    const before = storeCounts(app);
    const failure = await app.fail('saveIntakeDraft', {
      draft: { ...(await app.ok('newIntakeDraft')), weapons: [rifle] },
      expectedRevision: null,
    });
    expect(storeCounts(app)).toEqual(before);
    expect(failure.code).toBe('VALIDATION_ERROR');
    expect(failure.issues).toEqual([expect.objectContaining({ path: 'weapons.0.id' })]);
  });

  // Regression: a photo 2 bytes over the limit once passed the base64 cap and came back INTERNAL.
  it('refuses a photo just over 25 MiB that fits the base64 cap, as VALIDATION_ERROR', async () => {
    const { app } = await newApp('faults-25mib');
    const bytes = Buffer.alloc(maxAttachmentBytes + 2, 0x41);
    tinyPng([1, 2, 3]).copy(bytes);
    const dataBase64 = bytes.toString('base64');
    expect(dataBase64.length).toBe(Math.ceil(maxAttachmentBytes / 3) * 4);
    const before = storeCounts(app);
    const failure = await app.fail('addPhoto', { dataBase64, kind: 'whole_weapon' });
    expect(storeCounts(app)).toEqual(before);
    expect(failure.code).toBe('VALIDATION_ERROR');
    expect(failure.issues).toEqual([
      expect.objectContaining({ path: 'dataBase64', message: 'attachmentTooLarge' }),
    ]);
    const blobs = existsSync(path.join(app.dir, 'blobs'))
      ? await readdir(path.join(app.dir, 'blobs'))
      : [];
    expect(blobs).toEqual([]);
  });
});
