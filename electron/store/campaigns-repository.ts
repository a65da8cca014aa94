import type { Campaign } from '../../shared/domain/campaign.ts';
import type { Db } from './encrypted-database.ts';
import { listReferenceRows, readReferenceRow } from './reference-rows.ts';

export function readCampaign(db: Db, id: string): Campaign | null {
  return readReferenceRow<Campaign>(db, 'campaigns', id);
}

export function listCampaigns(db: Db): Campaign[] {
  return listReferenceRows<Campaign>(db, 'campaigns');
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
