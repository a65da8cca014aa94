import { mapPointLimit, type MapPoints } from '../../shared/ipc/procedures/measures.ts';
import { filtersIntakeOnly, type MeasureFilter } from '../../shared/measures/measure-filter.ts';
import { intakeConditions } from '../../shared/measures/measure-sources.ts';
import type { Queryable } from '../db/database.ts';
import { postgresMeasureDialect as d } from './measure-dialect.ts';
import { runBuilt } from './run-sql.ts';

interface Row {
  readonly id: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly label: string | null;
}

/** The day after the period's last one: custody moments are compared as UTC timestamps. */
function toNext(to: string): string {
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

const lat = (column: string) => d.jsonNumber(column, ['lat']);
const lon = (column: string) => d.jsonNumber(column, ['lon']);

/**
 * The dashboard map's three layers on the server, read as the laptop reads them
 * (electron/store/measures/map-points-query.ts): intake records of the period under the
 * measures' intake conditions, sites and destructions under the site conditions.
 */
export async function listServerMapPoints(
  db: Queryable,
  filter: MeasureFilter,
): Promise<MapPoints> {
  const limit = mapPointLimit + 1;
  const intake = intakeConditions(filter, 'event', d);
  const where = intake.where.map((condition) => `AND ${condition}`).join(' ');
  const coordinates = (axis: 'lat' | 'lon') =>
    `coalesce(${d.jsonNumber('r.data', ['coordinates', axis])}, ${axis === 'lat' ? lat('l.data') : lon('l.data')})`;
  const intakeRows = await runBuilt<Row>(db, {
    sql: `SELECT e.id, ${coordinates('lat')} AS lat, ${coordinates('lon')} AS lon,
        e.record_number AS label
      FROM measure_intakes e
      JOIN records r ON r.id = e.id
      LEFT JOIN measure_places l ON l.id = e.location_id
      WHERE e.occurred_on >= @from AND e.occurred_on <= @to
        AND ${coordinates('lat')} IS NOT NULL ${where}
      ORDER BY e.occurred_on DESC, e.id COLLATE "C" LIMIT @limit`,
    params: { from: filter.from, to: filter.to, limit, ...intake.params },
  });
  const intakeOnly = filtersIntakeOnly(filter);
  const siteWhere: string[] = [];
  const siteParams: Record<string, string> = {};
  if (filter.jurisdiction !== undefined) {
    siteWhere.push('s.jurisdiction = @jurisdiction');
    siteParams.jurisdiction = filter.jurisdiction;
  }
  if (filter.locationType !== undefined) {
    siteWhere.push('s.location_type = @locationType');
    siteParams.locationType = filter.locationType;
  }
  const and = siteWhere.map((condition) => `AND ${condition}`).join(' ');
  const siteRows = intakeOnly
    ? []
    : await runBuilt<Row>(db, {
        sql: `SELECT s.id, ${lat('s.data')} AS lat, ${lon('s.data')} AS lon, s.name AS label
          FROM measure_places s
          WHERE ${filter.locationType === undefined ? `s.location_type IN ('storage_site', 'evidence_room')` : 'true'}
            AND ${lat('s.data')} IS NOT NULL ${and}
          ORDER BY s.name COLLATE "C", s.id COLLATE "C" LIMIT @limit`,
        params: { limit, ...siteParams },
      });
  const destructionRows =
    intakeOnly || filter.context !== undefined
      ? []
      : await runBuilt<Row>(db, {
          sql: `SELECT r.id, ${lat('s.data')} AS lat, ${lon('s.data')} AS lon, s.name AS label
            FROM measure_custody r
            JOIN measure_places s ON s.id = r.data ->> 'siteLocationId'
            WHERE r.entity = 'destruction_event' AND ${lat('s.data')} IS NOT NULL
              AND r.occurred_at >= @from AND r.occurred_at < @toNext
              AND NOT EXISTS (SELECT 1 FROM measure_custody v WHERE v.corrects_id = r.id)
              ${and}
            ORDER BY r.occurred_at DESC, r.id COLLATE "C" LIMIT @limit`,
          params: { from: filter.from, toNext: toNext(filter.to), limit, ...siteParams },
        });
  const layer = (
    rows: readonly Row[],
    kind: MapPoints['points'][number]['kind'],
    entity: MapPoints['points'][number]['entity'],
  ) =>
    rows.slice(0, mapPointLimit).flatMap((row) =>
      row.lat !== null && row.lon !== null
        ? [
            {
              id: row.id,
              kind,
              entity,
              lat: Number(row.lat),
              lon: Number(row.lon),
              label: row.label ?? row.id.slice(0, 8),
            },
          ]
        : [],
    );
  return {
    points: [
      ...layer(intakeRows, 'intake', 'intake_event'),
      ...layer(siteRows, 'site', 'location'),
      ...layer(destructionRows, 'destruction', 'custody_record'),
    ],
    truncated: [intakeRows, siteRows, destructionRows].some((rows) => rows.length > mapPointLimit),
  };
}
