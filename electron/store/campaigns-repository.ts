import type { Campaign } from '../../shared/domain/campaign.ts';
import type { Db } from './encrypted-database.ts';

export function readCampaign(db: Db, id: string): Campaign | null {
  const row = db.prepare('SELECT data_json FROM campaigns WHERE id = ?').get(id) as
    { data_json: string } | undefined;
  return row === undefined ? null : (JSON.parse(row.data_json) as Campaign);
}

export function listCampaigns(db: Db): Campaign[] {
  const rows = db.prepare('SELECT data_json FROM campaigns ORDER BY name COLLATE NOCASE').all() as {
    data_json: string;
  }[];
  return rows.map((row) => JSON.parse(row.data_json) as Campaign);
}

/** Revisions as in writeLocation. */
export function writeCampaign(
  db: Db,
  campaign: Campaign,
  at: string,
  by: string,
  revision: number,
  serverRev: number | null = null,
): void {
  db.prepare(
    `INSERT INTO campaigns (id, name, status, data_json, created_at, created_by, revision, server_rev)
     VALUES (?, ?, ?, ?, ?, ?, ?, coalesce(?, 0))
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status,
       data_json = excluded.data_json, revision = excluded.revision,
       server_rev = coalesce(?, campaigns.server_rev)`,
  ).run(
    campaign.id,
    campaign.name,
    campaign.status,
    JSON.stringify(campaign),
    at,
    by,
    revision,
    serverRev,
    serverRev,
  );
}
