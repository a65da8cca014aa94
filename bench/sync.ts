import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { issueEnrollmentCode } from '../server/auth/enrollment.ts';
import { openDatabase } from '../server/db/open-database.ts';
import { buildServer } from '../server/http/build-server.ts';
import { ServerConfigSchema } from '../server/server-config.ts';
import {
  EnrollResponseSchema,
  MAX_PUSH_MUTATIONS,
  PushResponseSchema,
  SYNC_PROTOCOL_VERSION,
  syncRoutes,
  type Mutation,
} from '../shared/sync/protocol.ts';
import { makeIntakeEvent } from './intake-fixture.ts';
import { pullIntoFreshLaptop } from './sync-pull-laptop.ts';

/**
 * `npm run bench:sync`: push throughput into the central API (PGlite and PostgreSQL, batches of
 * 500 over HTTP on loopback, as a laptop sends them) and the time a fresh laptop takes to pull
 * 100k records into its encrypted store. The last line is one JSON object:
 * {"push_per_s": {"pglite": n, "postgres": n}, "pull_100k_s": n}.
 */
const PUSH_MUTATIONS = Number(process.env.BENCH_PUSH ?? 20_000);
const PULL_RECORDS = Number(process.env.BENCH_PULL ?? 100_000);
const POSTGRES_ADMIN_URL =
  process.env.SALW_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const author = { id: randomUUID(), name: 'Bench Officer' };
const locationId = randomUUID();

function mutations(firstId: number, count: number): Mutation[] {
  return Array.from({ length: count }, (_, n) => {
    const {
      id,
      status: _status,
      revision: _revision,
      ...fields
    } = makeIntakeEvent(firstId + n, locationId);
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

interface RunningServer {
  url: string;
  enroll(name: string): Promise<{ deviceId: string; credential: string }>;
  close(): Promise<void>;
}

async function startServer(
  databaseUrl: string | undefined,
  dataDir: string,
): Promise<RunningServer> {
  const config = ServerConfigSchema.parse({ host: '127.0.0.1', port: 0, dataDir, databaseUrl });
  const db = await openDatabase(config);
  const app = await buildServer({ config, db, log: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    async enroll(name) {
      const { code } = await issueEnrollmentCode(db, name, new Date(), 30);
      const response = await fetch(`${url}${syncRoutes.enroll}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, protocolVersion: SYNC_PROTOCOL_VERSION, appVersion: 'bench' }),
      });
      return EnrollResponseSchema.parse(await response.json());
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** Pushes `total` creates in batches of 500; returns mutations per second (all batches). */
async function pushAll(server: RunningServer, total: number): Promise<number> {
  const device = await server.enroll('Bench laptop');
  // Built before the clock starts: the figure is the server's, not the fixture generator's.
  const bodies: string[] = [];
  for (let first = 1; first <= total; first += MAX_PUSH_MUTATIONS) {
    bodies.push(
      JSON.stringify({
        deviceId: device.deviceId,
        protocolVersion: SYNC_PROTOCOL_VERSION,
        serverEpoch: null,
        mutations: mutations(first, Math.min(MAX_PUSH_MUTATIONS, total - first + 1)),
      }),
    );
  }
  const start = performance.now();
  for (const body of bodies) {
    const response = await fetch(`${server.url}${syncRoutes.push}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${device.credential}`,
      },
      body,
    });
    if (response.status !== 200)
      throw new Error(`push: ${response.status} ${await response.text()}`);
    const result = PushResponseSchema.parse(await response.json());
    const refused = result.results.filter((r) => r.outcome !== 'applied');
    if (refused.length > 0) throw new Error(`push: ${refused.length} not applied`);
  }
  return total / ((performance.now() - start) / 1000);
}

async function withThrowawayPostgres<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `salw_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'salw-bench-sync-'));
try {
  const pglite = await startServer(undefined, path.join(dir, 'pglite-server'));
  const pglitePerSecond = await pushAll(pglite, PUSH_MUTATIONS);
  await pglite.close();
  console.error(`push into PGlite: ${Math.round(pglitePerSecond)} mutations/s`);

  const { postgresPerSecond, pullSeconds } = await withThrowawayPostgres(async (databaseUrl) => {
    const server = await startServer(databaseUrl, path.join(dir, 'postgres-server'));
    try {
      const perSecond = await pushAll(server, PUSH_MUTATIONS);
      console.error(`push into PostgreSQL: ${Math.round(perSecond)} mutations/s`);
      // Seed the rest of the 100k with a second device, then time a fresh laptop's pull.
      if (PULL_RECORDS > PUSH_MUTATIONS) await pushAll(server, PULL_RECORDS - PUSH_MUTATIONS);
      const laptop = await server.enroll('Fresh laptop');
      const pulled = await pullIntoFreshLaptop(server.url, laptop, path.join(dir, 'laptop'));
      if (pulled.records !== PULL_RECORDS)
        throw new Error(`pull: ${pulled.records} records, expected ${PULL_RECORDS}`);
      console.error(`pull of ${pulled.records} records: ${pulled.seconds.toFixed(2)} s`);
      return { postgresPerSecond: perSecond, pullSeconds: pulled.seconds };
    } finally {
      await server.close();
    }
  });

  console.log(
    JSON.stringify({
      push_per_s: { pglite: Math.round(pglitePerSecond), postgres: Math.round(postgresPerSecond) },
      pull_100k_s: Number(pullSeconds.toFixed(2)),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
