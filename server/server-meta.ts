import { randomUUID } from 'node:crypto';
import type { Queryable } from './db/database.ts';

export async function readServerEpoch(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ epoch: string }>('SELECT epoch FROM server_meta WHERE id = 1');
  const epoch = rows[0]?.epoch;
  if (epoch === undefined) throw new Error('server_meta has no row: the database is not migrated.');
  return epoch;
}

/**
 * After restoring a backup: laptops that see the new epoch pull everything again and re-send
 * what the restored server lost (sync-plan "Epoch").
 */
export async function startNewEpoch(db: Queryable): Promise<string> {
  const epoch = randomUUID();
  // One statement, so the epoch in use is always one of the epochs the server knows.
  await db.query(
    `WITH started AS (
       INSERT INTO server_epochs (epoch, started_at) VALUES ($1, now()) RETURNING epoch
     )
     UPDATE server_meta SET epoch = (SELECT epoch FROM started), epoch_changed_at = now()
     WHERE id = 1`,
    [epoch],
  );
  return epoch;
}

/** Whether the server ever had this epoch (the current one included). */
export async function isKnownEpoch(db: Queryable, epoch: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM server_epochs WHERE epoch = $1', [epoch]);
  return rows.length > 0;
}
