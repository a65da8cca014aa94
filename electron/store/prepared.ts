import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './encrypted-database.ts';

type Statement = Database.Statement<unknown[], unknown>;

const cache = new WeakMap<Db, Map<string, Statement>>();

/**
 * The statement for this SQL on this connection, compiled once. Every save runs the same few
 * statements; compiling them on each save is work on the hot path for nothing. Keyed by the
 * connection, so a closed database (lock) takes its statements with it.
 */
export function prepared(db: Db, sql: string): Statement {
  let statements = cache.get(db);
  if (statements === undefined) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = db.prepare<unknown[], unknown>(sql);
    statements.set(sql, statement);
  }
  return statement;
}
