import type { Db } from '../encrypted-database.ts';

/**
 * One schema step. Files are numbered in steps of 10 (room for a fix between two) and never change
 * once landed; a migration that moves data gets its own test.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  up(db: Db): void;
}
