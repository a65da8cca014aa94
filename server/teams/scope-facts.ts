import { recordTypeOf } from '../../shared/records/record-types.ts';
import type { SyncEntity } from '../../shared/sync/protocol.ts';
import type { Queryable } from '../db/database.ts';
import { photosReferencedBy } from '../sync/photo-refs.ts';

/** How a link names an item (items are not records): never a record id, which has no colon. */
export function itemNode(itemId: string): string {
  return `item:${itemId}`;
}

export interface ScopedRecord {
  readonly id: string;
  readonly entity: SyncEntity;
  /** Null for a tombstone: it keeps the facts of its last state, so it reaches who held it. */
  readonly data: Record<string, unknown> | null;
}

/**
 * Writes what each record concerns (migration 100): its places, jurisdictions, every-team flag
 * and links, from its type's `scope` describer alone, plus the photos it refers to (a photo's
 * description is the attachment record whose id is the photo's SHA-256, so it follows). The team
 * that made a record is set once, when it is first stored, and kept. Runs in the push's
 * transaction before the version lock: these rows are read only under that lock
 * (team-scope.ts), by which time this push has committed or is the one holding it.
 */
export async function writeScopeFacts(
  tx: Queryable,
  records: readonly ScopedRecord[],
  options: { creatorTeamId: string | null; newRecordIds: ReadonlySet<string> },
): Promise<void> {
  const facts: Array<{
    id: string;
    every: boolean;
    places: string[];
    jurisdictions: string[];
  }> = [];
  const links: Array<{ f: string; t: string }> = [];
  const relinked: string[] = [];
  for (const record of records) {
    if (record.data === null) continue;
    const scope = recordTypeOf(record.entity).scope(record.data);
    facts.push({
      id: record.id,
      every: scope.everyTeam === true,
      places: [...(scope.places ?? [])],
      jurisdictions: [...(scope.jurisdictions ?? [])],
    });
    const targets = new Set([
      ...(scope.records ?? []),
      ...(scope.items ?? []).map(itemNode),
      ...photosReferencedBy(record.entity, record.data),
    ]);
    targets.delete(record.id);
    for (const target of targets) links.push({ f: record.id, t: target });
    if (!options.newRecordIds.has(record.id)) relinked.push(record.id);
  }
  if (facts.length === 0) return;
  await tx.query(
    `INSERT INTO record_scope (record_id, creator_team_id, every_team, places, jurisdictions)
     SELECT r.id, $2::uuid, r.every,
            ARRAY(SELECT jsonb_array_elements_text(r.places)),
            ARRAY(SELECT jsonb_array_elements_text(r.jurisdictions))
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, every boolean, places jsonb, jurisdictions jsonb)
     ORDER BY r.id
     ON CONFLICT (record_id) DO UPDATE SET every_team = EXCLUDED.every_team,
       places = EXCLUDED.places, jurisdictions = EXCLUDED.jurisdictions`,
    [JSON.stringify(facts), options.creatorTeamId],
  );
  // A record written before has its links replaced; a new one has none yet.
  if (relinked.length > 0) {
    await tx.query('DELETE FROM record_links WHERE from_id = ANY ($1::text[])', [relinked]);
  }
  if (links.length > 0) {
    await tx.query(
      `INSERT INTO record_links (from_id, to_id)
       SELECT l.f, l.t FROM jsonb_to_recordset($1::jsonb) AS l(f text, t text)
       ORDER BY l.f, l.t
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(links)],
    );
  }
}
