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
  await db.query('UPDATE server_meta SET epoch = $1, epoch_changed_at = now() WHERE id = 1', [
    epoch,
  ]);
  return epoch;
}
