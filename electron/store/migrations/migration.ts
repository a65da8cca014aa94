import type { Db } from '../encrypted-database.ts';

/**
 * One schema step. Files are numbered in steps of 10 (room for a fix between two) and never change
 * once landed; a migration that moves data gets its own test.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  /**
   * Rebuilds a table other tables point at (SQLite's 12-step ALTER): foreign keys are switched off
   * around this one migration, because dropping the old table with them on would cascade-delete
   * the rows that point at it; `foreign_key_check` must come back empty before it commits.
   */
  readonly rebuildsTables?: boolean;
  up(db: Db): void;
}
