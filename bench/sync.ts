import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { issueEnrollmentCode } from '../server/auth/enrollment.ts';
import { lockHolders } from '../server/db/data-dir-lock.ts';
import { openDatabase } from '../server/db/open-database.ts';
import { ServerConfigSchema } from '../server/server-config.ts';
import { createTeam } from '../server/teams/teams.ts';
import {
  EnrollResponseSchema,
  MAX_PUSH_MUTATIONS,
  PushResponseSchema,
  SYNC_PROTOCOL_VERSION,
  syncRoutes,
  type Mutation,
} from '../shared/sync/protocol.ts';
import { makeIntakeEvent, WEAPONS_PER_EVENT } from './intake-fixture.ts';
import { pullIntoFreshLaptop } from './sync-pull-laptop.ts';

/**
 * `npm run bench:sync`: push throughput into the central API (PGlite and PostgreSQL, batches of
 * 500 over HTTP on loopback, as a laptop sends them) and the time a fresh laptop takes to pull
 * 100k records into its encrypted store. The last line is one JSON object:
 * {"push_per_s": {"pglite": n, "postgres": n}, "pull_100k_s": n}, measured with records of the
 * size the design's targets are set for (one rifle, ~0.9 KB; see intake-fixture.ts). The same
 * figures for heavier records (four rifles, ~2.3 KB) are printed before it, on stderr
 * (BENCH_HEAVY=0 skips them).
 */
const PUSH_MUTATIONS = Number(process.env.BENCH_PUSH ?? 20_000);
const PUSH_LAPTOPS = Number(process.env.BENCH_PUSH_LAPTOPS ?? 4);
/**
 * Pushed by other laptops before the clock starts: throughput is the running server's, not one
 * whose code V8 is still compiling. After 2,000 the server still spent ~20% more CPU per mutation
 * in the timed push than in the ones after it; after 10,000 the first timed push is at that level.
 */
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 10_000);
const PULL_RECORDS = Number(process.env.BENCH_PULL ?? 100_000);
const HEAVY = process.env.BENCH_HEAVY !== '0';
/**
 * The scoped pull (issue 17): a laptop of one team among BENCH_SCOPED_TEAMS pulling its share of
 * BENCH_SCOPED_RECORDS on the server (1M among 20 teams: 50k). BENCH_SCOPED=0 skips it.
 */
const SCOPED = process.env.BENCH_SCOPED !== '0';
const SCOPED_RECORDS = Number(process.env.BENCH_SCOPED_RECORDS ?? 1_000_000);
const SCOPED_TEAMS = Number(process.env.BENCH_SCOPED_TEAMS ?? 20);
const POSTGRES_ADMIN_URL =
  process.env.SALW_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const author = { id: randomUUID(), name: 'Bench Officer', role: 'field_officer' as const };
const locationId = randomUUID();

function mutations(
  firstId: number,
  count: number,
  weapons: number,
  place = locationId,
): Mutation[] {
  return Array.from({ length: count }, (_, n) => {
    const {
      id,
      status: _status,
      revision: _revision,
      ...fields
    } = makeIntakeEvent(firstId + n, place, weapons);
    return {
      mutationId: firstId + n,
      entity: 'intake_event',
      entityId: id,
      op: 'create',
      baseRev: 0,
      fields,
      author,
      deviceTime: new Date().toISOString(),
    };
  });
}

/** The site of bench team `team` (0-based): a fixed id per team, the same in every run. */
function siteOf(team: number): ReturnType<typeof randomUUID> {
  return `0190a8e4-0000-7000-8000-${team.toString(16).padStart(12, '0')}` as ReturnType<
    typeof randomUUID
  >;
}

interface RunningServer {
  url: string;
  enroll(name: string): Promise<{ deviceId: string; credential: string }>;
  close(): Promise<void>;
}

/**
 * The sync API as it runs in production: `node server/main.ts` in a process of its own (with its
 * JSON request log), so the laptops' work in this process does not share its thread. Enrollment
 * codes are issued before it starts: PGlite's data directory belongs to one process at a time.
 * With `teams`, each of that many teams (not national, each covering one site) is made first, and
 * the codes go round them: laptop n is of team n mod teams, and its records happen at that team's
 * site (`siteOf`), so every push keeps the teams' views as a server with teams does.
 */
async function startServer(
  databaseUrl: string | undefined,
  dataDir: string,
  devices: number,
  teams = 0,
): Promise<RunningServer> {
  const config = ServerConfigSchema.parse({ dataDir, databaseUrl });
  const db = await openDatabase(config, lockHolders.benchmark);
  const teamIds: string[] = [];
  for (let team = 0; team < teams; team += 1) {
    const made = await createTeam(db, {
      name: `Bench team ${team + 1}`,
      organisation: 'Bench',
      national: false,
      jurisdictions: [],
      sites: [siteOf(team)],
    });
    teamIds.push(made.team.id);
  }
  const codes: string[] = [];
  for (let n = 0; n < devices; n += 1) {
    const team = teams === 0 ? undefined : teamIds[n % teams];
    codes.push((await issueEnrollmentCode(db, `Bench laptop ${n + 1}`, new Date(), 30, team)).code);
  }
  await db.close();
  const child = spawn(process.execPath, [path.join(import.meta.dirname, '../server/main.ts')], {
    env: {
      ...process.env,
      SALW_SERVER_HOST: '127.0.0.1',
      SALW_SERVER_PORT: '0',
      SALW_SERVER_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      SALW_ENROLL_RATE_LIMIT: '1000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const listening = /listening on (\S+)/.exec(line);
      if (listening?.[1]) resolve(listening[1]);
    });
    void exited.then(() => reject(new Error('The sync server exited before it listened.')));
  });
  return {
    url,
    async enroll() {
      const code = codes.shift();
      if (code === undefined) throw new Error('No enrollment code left.');
      const response = await fetch(`${url}${syncRoutes.enroll}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, protocolVersion: SYNC_PROTOCOL_VERSION, appVersion: 'bench' }),
      });
      return EnrollResponseSchema.parse(await response.json());
    },
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * `laptops` devices push `total` creates between them, each in batches of 500 sent one after the
 * other (as the engine does), all at once: the central server's throughput is what it absorbs
 * from many laptops. Returns mutations per second over the whole run.
 */
async function pushAll(
  server: RunningServer,
  total: number,
  laptops: number,
  weapons: number,
  /** The place each laptop's records happen at (by laptop index); one place for all without. */
  placeOf: (laptop: number) => ReturnType<typeof randomUUID> = () => locationId,
): Promise<number> {
  const perLaptop = Math.ceil(total / laptops);
  const plans: Array<{ credential: string; bodies: string[] }> = [];
  for (let laptop = 0; laptop < laptops; laptop += 1) {
    const device = await server.enroll(`Bench laptop ${laptop + 1}`);
    const count = Math.min(perLaptop, total - laptop * perLaptop);
    // Built before the clock starts: the figure is the server's, not the fixture generator's.
    const bodies: string[] = [];
    for (let first = 1; first <= count; first += MAX_PUSH_MUTATIONS) {
      bodies.push(
        JSON.stringify({
          deviceId: device.deviceId,
          protocolVersion: SYNC_PROTOCOL_VERSION,
          serverEpoch: null,
          mutations: mutations(
            first,
            Math.min(MAX_PUSH_MUTATIONS, count - first + 1),
            weapons,
            placeOf(laptop),
          ),
        }),
      );
    }
    plans.push({ credential: device.credential, bodies });
  }
  const start = performance.now();
  await Promise.all(
    plans.map(async ({ credential, bodies }) => {
      for (const body of bodies) {
        const response = await fetch(`${server.url}${syncRoutes.push}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
          body,
        });
        if (response.status !== 200)
          throw new Error(`push: ${response.status} ${await response.text()}`);
        const result = PushResponseSchema.parse(await response.json());
        const refused = result.results.filter((r) => r.outcome !== 'applied');
        if (refused.length > 0) throw new Error(`push: ${refused.length} not applied`);
      }
    }),
  );
  return total / ((performance.now() - start) / 1000);
}

/**
 * A database of its own for one measurement. `settle` does the upkeep PostgreSQL would do
 * between the phases of a server's life (VACUUM ANALYZE: the dead rows every stamped record
 * leaves, the statistics) and writes out what the phase before left in memory (CHECKPOINT), so
 * each phase is timed on its own work, not on autovacuum catching up with the one before.
 */
async function withThrowawayPostgres<T>(
  work: (url: string, settle: () => Promise<void>) => Promise<T>,
): Promise<T> {
  const name = `salw_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    return await work(url.toString(), async () => {
      const upkeep = new pg.Client({ connectionString: url.toString() });
      await upkeep.connect();
      try {
        await upkeep.query('VACUUM (ANALYZE)');
      } finally {
        await upkeep.end();
      }
      await admin.query('CHECKPOINT');
    });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

interface Figures {
  push_per_s: { pglite: number; postgres: number };
  pull_100k_s: number;
  scoped_pull_s?: number;
}

/**
 * The scoped pull: SCOPED_TEAMS teams, each with one laptop pushing its share of SCOPED_RECORDS
 * at its own site (all at once, as pushAll does), then a fresh laptop of the first team pulls
 * what its team's scope covers into a new encrypted store. Only PostgreSQL: the production store
 * a server with many teams runs on.
 */
async function measureScopedPull(dir: string): Promise<number> {
  return withThrowawayPostgres(async (databaseUrl, settle) => {
    const server = await startServer(
      databaseUrl,
      path.join(dir, 'scoped-server'),
      SCOPED_TEAMS + 1,
      SCOPED_TEAMS,
    );
    try {
      const perSecond = await pushAll(server, SCOPED_RECORDS, SCOPED_TEAMS, 1, siteOf);
      console.error(
        `scoped: ${SCOPED_RECORDS} records pushed by ${SCOPED_TEAMS} laptops of as many teams: ${Math.round(perSecond)} mutations/s`,
      );
      // The codes go round the teams: the one after the pushing laptops is the first team's.
      const laptop = await server.enroll('Fresh team laptop');
      await settle();
      const pulled = await pullIntoFreshLaptop(server.url, laptop, path.join(dir, 'team-laptop'));
      const expected = Math.ceil(SCOPED_RECORDS / SCOPED_TEAMS);
      if (pulled.records !== expected)
        throw new Error(`scoped pull: ${pulled.records} records, expected ${expected}`);
      console.error(
        `scoped pull of ${pulled.records} of ${SCOPED_RECORDS} records: ${pulled.seconds.toFixed(2)} s`,
      );
      return Number(pulled.seconds.toFixed(2));
    } finally {
      await server.close();
    }
  });
}

/** Every figure, for records of `weapons` rifles, in servers and databases of their own. */
async function measure(dir: string, weapons: number): Promise<Figures> {
  const label = `${weapons} rifle${weapons === 1 ? '' : 's'} a record`;
  const pglite = await startServer(undefined, path.join(dir, 'pglite-server'), 2 * PUSH_LAPTOPS);
  await pushAll(pglite, WARM_UP, PUSH_LAPTOPS, weapons);
  const pglitePerSecond = await pushAll(pglite, PUSH_MUTATIONS, PUSH_LAPTOPS, weapons);
  await pglite.close();
  console.error(`${label}: push into PGlite: ${Math.round(pglitePerSecond)} mutations/s`);

  const { postgresPerSecond, pullSeconds } = await withThrowawayPostgres(
    async (databaseUrl, settle) => {
      const server = await startServer(
        databaseUrl,
        path.join(dir, 'postgres-server'),
        3 * PUSH_LAPTOPS + 1,
      );
      try {
        await pushAll(server, WARM_UP, PUSH_LAPTOPS, weapons);
        await settle();
        const perSecond = await pushAll(server, PUSH_MUTATIONS, PUSH_LAPTOPS, weapons);
        console.error(`${label}: push into PostgreSQL: ${Math.round(perSecond)} mutations/s`);
        // Seed the rest of the 100k with other devices, then time a fresh laptop's pull.
        const seeded = WARM_UP + PUSH_MUTATIONS;
        if (PULL_RECORDS > seeded)
          await pushAll(server, PULL_RECORDS - seeded, PUSH_LAPTOPS, weapons);
        const laptop = await server.enroll('Fresh laptop');
        await settle();
        const pulled = await pullIntoFreshLaptop(server.url, laptop, path.join(dir, 'laptop'));
        const expected = Math.max(PULL_RECORDS, seeded);
        if (pulled.records !== expected)
          throw new Error(`pull: ${pulled.records} records, expected ${expected}`);
        console.error(
          `${label}: pull of ${pulled.records} records: ${pulled.seconds.toFixed(2)} s`,
        );
        return { postgresPerSecond: perSecond, pullSeconds: pulled.seconds };
      } finally {
        await server.close();
      }
    },
  );
  return {
    push_per_s: { pglite: Math.round(pglitePerSecond), postgres: Math.round(postgresPerSecond) },
    pull_100k_s: Number(pullSeconds.toFixed(2)),
  };
}

const root = mkdtempSync(path.join(os.tmpdir(), 'salw-bench-sync-'));
try {
  if (HEAVY) {
    const heavy = await measure(path.join(root, 'heavy'), WEAPONS_PER_EVENT);
    console.error(`heavier records (${WEAPONS_PER_EVENT} rifles): ${JSON.stringify(heavy)}`);
  }
  const figures = await measure(path.join(root, 'reference'), 1);
  if (SCOPED) figures.scoped_pull_s = await measureScopedPull(path.join(root, 'scoped'));
  console.log(JSON.stringify(figures));
} finally {
  rmSync(root, { recursive: true, force: true });
}
