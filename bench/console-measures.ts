import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../server/db/migrate.ts';
import { openPgDatabase } from '../server/db/pg-database.ts';
import { computeServerMeasures } from '../server/measures/measures-queries.ts';
import { migrations } from '../server/migrations/index.ts';
import { MeasureFilterSchema } from '../shared/measures/measure-filter.ts';

const POSTGRES_ADMIN_URL =
  process.env.SALW_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The console's measures over PostgreSQL (server/measures), without rollups: every measure for
 * a few filters over ITEMS synthetic items (default 100k, six years, a third destroyed), written
 * straight into the measure tables of migration 140. Prints JSON: ms per filter.
 * `BENCH_ITEMS=1000000 node bench/console-measures.ts` for a larger run (minutes to fill).
 */
const items = Number(process.env.BENCH_ITEMS ?? 100_000);
const name = `salw_bench_${randomBytes(6).toString('hex')}`;
const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(POSTGRES_ADMIN_URL);
url.pathname = `/${name}`;
const db = openPgDatabase(url.toString());
try {
  await migrate(db, migrations);
  const places = 200;
  await db.query(
    `INSERT INTO measure_places (id, location_type, name, jurisdiction, data)
     SELECT 'p' || n, (ARRAY['storage_site','collection_point_fixed','border_crossing_road','inland_police_station'])[1 + n % 4],
       'Place ' || n, (ARRAY['RS','BA','ME','MK'])[1 + n % 4],
       jsonb_build_object('minimumStandard', jsonb_build_object('assessedOn', '2022-01-01', 'meets', n % 3 = 0))
     FROM generate_series(1, $1::int) n`,
    [places],
  );
  const intakes = Math.ceil(items / 4);
  await db.query(
    `INSERT INTO measure_intakes (id, status, context, occurred_on, location_id, campaign_id,
       recording_agency, legal_justification, disposition_requested)
     SELECT 'e' || n, CASE WHEN n % 50 = 0 THEN 'draft' ELSE 'final' END,
       (ARRAY['seized','found','surrendered'])[1 + n % 3],
       to_char(date '2020-01-01' + (n % 2190), 'YYYY-MM-DD'), 'p' || (1 + n % $2::int),
       CASE WHEN n % 3 = 2 THEN 'c' || (n % 5) END, 'agency ' || (n % 7),
       CASE WHEN n % 3 = 0 THEN 'criminal_offence' END,
       CASE WHEN n % 3 = 2 THEN 'surrender_for_destruction' END
     FROM generate_series(1, $1::int) n`,
    [intakes, places],
  );
  await db.query(
    `INSERT INTO measure_persons (intake_event_id, role, sex, age_band)
     SELECT id, 'surrenderer', (ARRAY['male','female','unknown'])[1 + length(id) % 3], 'unknown'
     FROM measure_intakes`,
  );
  await db.query(
    `INSERT INTO items (id, intake_event_id, record_rev, kind, position, item_type, category,
       quantity_amount, quantity_unit, lifecycle_status, trace_status, location_id,
       intake_context, occurred_on, record_status, campaign_id, recording_agency,
       legal_justification, uniquely_identifiable)
     SELECT 'i' || n, e.id, 1, (ARRAY['weapon','weapon','part','ammunition'])[1 + n % 4], n % 4,
       (ARRAY['assault_rifle','barrel','small_arms_cartridge','revolver'])[1 + n % 4], 'small_arm',
       CASE WHEN n % 4 = 3 THEN 100 ELSE 1 END, CASE WHEN n % 4 = 3 THEN 'rounds' ELSE 'pieces' END,
       'in_custody', 'not_attempted', e.location_id, e.context, e.occurred_on, e.status,
       e.campaign_id, e.recording_agency, e.legal_justification, n % 2
     FROM generate_series(1, $1::int) n JOIN measure_intakes e ON e.id = 'e' || (1 + (n - 1) / 4)`,
    [items],
  );
  // A third destroyed: one destruction record per 300 items, a month after intake.
  await db.query(
    `INSERT INTO measure_custody (id, entity, occurred_at, data)
     SELECT 'd' || k, 'destruction_event',
       to_char(date '2020-02-01' + (k % 2150), 'YYYY-MM-DD') || 'T23:59:59.999Z',
       jsonb_build_object('method', 'cutting_mechanical', 'siteLocationId', 'p' || (1 + k % 50))
     FROM generate_series(0, $1::int / 900) k`,
    [items],
  );
  await db.query(
    `INSERT INTO custody_events (item_id, occurred_at, record_id, effect)
     SELECT 'i' || n, c.occurred_at, c.id, '{"method":"cutting_mechanical","effect":{"type":"destruction"}}'
     FROM generate_series(1, $1::int) n JOIN measure_custody c ON c.id = 'd' || (n / 900)
     WHERE n % 3 = 0`,
    [items],
  );
  await db.query(
    `INSERT INTO item_custody (item_id, status, status_since, holdings)
     SELECT item_id, 'destroyed', substr(occurred_at, 1, 10), '[]' FROM custody_events`,
  );
  await db.query('ANALYZE');
  const filters = {
    year: { from: '2024-01-01', to: '2024-12-31' },
    halfYear: { from: '2024-01-01', to: '2024-06-30' },
    jurisdiction: { from: '2024-01-01', to: '2024-12-31', jurisdiction: 'BA' },
    draftsIn: { from: '2024-01-01', to: '2024-12-31', finalOnly: false },
    sixYears: { from: '2020-01-01', to: '2025-12-31' },
  };
  const results: Record<string, { ms: number; slowestFigure: string; slowestMs: number }> = {};
  for (const [name, input] of Object.entries(filters)) {
    const filter = MeasureFilterSchema.parse(input);
    let slowest = { figure: '', ms: 0 };
    const started = performance.now();
    await computeServerMeasures(db, filter, {
      timed: (figure, ms) => {
        if (ms > slowest.ms) slowest = { figure, ms };
      },
    });
    results[name] = {
      ms: Math.round(performance.now() - started),
      slowestFigure: slowest.figure,
      slowestMs: Math.round(slowest.ms),
    };
  }
  console.log(JSON.stringify({ items, results }, null, 2));
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
