import type { Migration } from './migration.ts';

/**
 * Every epoch the server has had, so a push naming one can be told apart: the current one, an
 * earlier one (a laptop that has not seen the restore yet: EPOCH_CHANGED, pull first) or one the
 * server never issued (refused). Seeded with the epoch in use.
 */
export const serverEpochs: Migration = {
  version: 40,
  name: 'server-epochs',
  statements: [
    `CREATE TABLE server_epochs (
       epoch text PRIMARY KEY,
       started_at timestamptz NOT NULL
     )`,
    `INSERT INTO server_epochs (epoch, started_at)
     SELECT epoch, epoch_changed_at FROM server_meta WHERE id = 1`,
  ],
};
