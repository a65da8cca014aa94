import { filtersIntakeOnly, type MeasureFilter } from '../../../shared/measures/measure-filter.ts';
import { mapPointLimit, type MapPoints } from '../../../shared/ipc/procedures/measures.ts';
import type { Db } from '../encrypted-database.ts';
import { prepared } from '../prepared.ts';
import { sqliteMeasureDialect } from './measure-dialect.ts';
import { intakeConditions } from './measure-sources.ts';

interface Row {
  readonly id: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly label: string | null;
}

const siteTypes = `('storage_site', 'evidence_room')`;

/** The day after the period's last one: custody moments are compared as UTC timestamps. */
function toNext(to: string): string {
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * The Dashboard map's three layers for a filter, read the way the measures read their records:
 * intake records of the period under the same intake conditions (measure-sources.ts), sites
 * and destructions under the site conditions (jurisdiction and location type of the site; a
 * campaign, agency or context filter, which no site has, leaves them off the map).
 */
export function listMapPoints(db: Db, filter: MeasureFilter): MapPoints {
  const limit = mapPointLimit + 1;
  const intake = intakeConditions(filter, 'event', sqliteMeasureDialect);
  const intakeRows = prepared(
    db,
    `SELECT e.id AS id,
        coalesce(json_extract(e.data_json, '$.coordinates.lat'), json_extract(l.data_json, '$.lat')) AS lat,
        coalesce(json_extract(e.data_json, '$.coordinates.lon'), json_extract(l.data_json, '$.lon')) AS lon,
        json_extract(e.data_json, '$.recordNumber') AS label
      FROM intake_events e LEFT JOIN locations l ON l.id = e.location_id
      WHERE e.occurred_on >= @from AND e.occurred_on <= @to
        AND coalesce(json_extract(e.data_json, '$.coordinates.lat'), json_extract(l.data_json, '$.lat')) IS NOT NULL
        ${intake.where.map((condition) => `AND ${condition}`).join(' ')}
      ORDER BY e.occurred_on DESC, e.id LIMIT @limit`,
  ).all({ from: filter.from, to: filter.to, limit, ...intake.params }) as Row[];

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
    : (prepared(
        db,
        `SELECT s.id AS id, json_extract(s.data_json, '$.lat') AS lat,
            json_extract(s.data_json, '$.lon') AS lon, s.name AS label
          FROM locations s
          WHERE ${filter.locationType === undefined ? `s.location_type IN ${siteTypes}` : '1'}
            AND json_extract(s.data_json, '$.lat') IS NOT NULL ${and}
          ORDER BY s.name, s.id LIMIT @limit`,
      ).all({ limit, ...siteParams }) as Row[]);
  const destructionRows =
    intakeOnly || filter.context !== undefined
      ? []
      : (prepared(
          db,
          `SELECT r.id AS id, json_extract(s.data_json, '$.lat') AS lat,
              json_extract(s.data_json, '$.lon') AS lon, s.name AS label
            FROM custody_records r
            JOIN locations s ON s.id = json_extract(r.data_json, '$.siteLocationId')
            WHERE r.entity = 'destruction_event' AND json_extract(s.data_json, '$.lat') IS NOT NULL
              AND r.occurred_at >= @from AND r.occurred_at < @toNext
              AND NOT EXISTS (SELECT 1 FROM custody_records v WHERE v.corrects_id = r.id)
              ${and}
            ORDER BY r.occurred_at DESC, r.id LIMIT @limit`,
        ).all({ from: filter.from, toNext: toNext(filter.to), limit, ...siteParams }) as Row[]);

  const layer = (
    rows: readonly Row[],
    kind: MapPoints['points'][number]['kind'],
    entity: MapPoints['points'][number]['entity'],
  ) =>
    rows.slice(0, mapPointLimit).flatMap((row) =>
      typeof row.lat === 'number' && typeof row.lon === 'number'
        ? [
            {
              id: row.id,
              kind,
              entity,
              lat: row.lat,
              lon: row.lon,
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
