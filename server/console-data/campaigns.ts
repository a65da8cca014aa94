import type { ConsoleCampaign } from '../../shared/console/console-data.ts';
import type { Database } from '../db/database.ts';

/**
 * Every collection campaign the laptops recorded (records of type campaign, not deleted), by
 * name: what the console's filters offer and how its figures and reports name a campaign. The
 * whole list for every console reader: a campaign's name is no more than the figures show.
 */
export async function listCampaigns(db: Database): Promise<ConsoleCampaign[]> {
  const { rows } = await db.query<ConsoleCampaign>(
    `SELECT id, data ->> 'name' AS name FROM records
     WHERE entity = 'campaign' AND NOT deleted AND data IS NOT NULL AND data ->> 'name' IS NOT NULL
     ORDER BY data ->> 'name', id`,
  );
  return rows;
}
