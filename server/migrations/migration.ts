import type { Queryable } from '../db/database.ts';

/** One schema step: applied once, in its own transaction, and recorded in schema_migrations. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Single statements (PGlite's parameterised protocol runs one statement per call). */
  readonly statements: readonly string[];
  /**
   * Run after the statements, in the same transaction: filling a new table with rows only shared
   * code can derive from the records (the items of an intake event, say).
   */
  readonly backfill?: (tx: Queryable) => Promise<void>;
}
