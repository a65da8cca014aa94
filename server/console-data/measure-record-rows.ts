import type { MeasureRecordRow } from '../../shared/console/console-data.ts';
import type { MeasureRecords } from '../../shared/measures/measure-results.ts';
import type { Queryable } from '../db/database.ts';

interface Row {
  id: string;
  record_id: string;
  number: string | null;
  date: string | null;
  place: string | null;
  status: string | null;
  kind: string | null;
  type: string | null;
  serial_number: string | null;
}

/**
 * What each entity a figure counts is listed by, read from the rows the measures count it from
 * (migration 0140), so the list says what the figure saw; `$1` is the page's ids.
 */
const rowsSql: Readonly<Record<MeasureRecords['entity'], string>> = {
  item: `SELECT i.id, i.intake_event_id AS record_id, e.record_number AS number,
      left(i.occurred_on, 10) AS date, l.name AS place, i.record_status AS status,
      i.kind, i.item_type AS type, i.serial_number
    FROM items i
    LEFT JOIN measure_intakes e ON e.id = i.intake_event_id
    LEFT JOIN measure_places l ON l.id = i.location_id
    WHERE i.id = ANY ($1::text[])`,
  intake_event: `SELECT e.id, e.id AS record_id, e.record_number AS number,
      left(e.occurred_on, 10) AS date, l.name AS place, e.status, e.context AS kind,
      NULL AS type, NULL AS serial_number
    FROM measure_intakes e
    LEFT JOIN measure_places l ON l.id = e.location_id
    WHERE e.id = ANY ($1::text[])`,
  custody_record: `SELECT m.id, m.id AS record_id, NULL AS number, left(m.occurred_at, 10) AS date,
      NULL AS place, NULL AS status, m.entity AS kind, NULL AS type, NULL AS serial_number
    FROM measure_custody m
    WHERE m.id = ANY ($1::text[])`,
  location: `SELECT p.id, p.id AS record_id, NULL AS number, NULL AS date, p.name AS place,
      NULL AS status, p.location_type AS kind, NULL AS type, NULL AS serial_number
    FROM measure_places p
    WHERE p.id = ANY ($1::text[])`,
};

const statusOf = (status: string | null): MeasureRecordRow['status'] =>
  status === 'draft' || status === 'final' ? status : null;

/**
 * The console's rows for a page of the records behind a figure, in the page's order. An id the
 * measures' rows no longer hold (removed since the page was counted) is listed by its id alone.
 */
export async function measureRecordRows(
  db: Queryable,
  records: Pick<MeasureRecords, 'entity' | 'ids'>,
): Promise<MeasureRecordRow[]> {
  if (records.ids.length === 0) return [];
  const { rows } = await db.query<Row>(rowsSql[records.entity], [records.ids]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return records.ids.map((id) => {
    const row = byId.get(id);
    return {
      id,
      recordId: row?.record_id ?? id,
      number: row?.number ?? null,
      date: row?.date ?? null,
      place: row?.place ?? null,
      status: statusOf(row?.status ?? null),
      kind: row?.kind ?? null,
      type: row?.type ?? null,
      serialNumber: row?.serial_number ?? null,
    };
  });
}
