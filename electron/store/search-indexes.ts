import type { Db } from './encrypted-database.ts';

/**
 * A fresh laptop's first pull writes every record once: 100k seizures are 900k rows. Keeping a
 * dozen secondary indexes current row by row (most of them keyed on values in no particular
 * order) costs more than writing the rows; building each once at the end is a sort. So a pull
 * into an empty store drops the record tables' search indexes and builds them when it ends.
 *
 * Only indexes that make reading faster are deferred (the list's sort, its filters, the serial
 * and marking search, a record's history). Primary keys and unique indexes enforce invariants and
 * stay, as do the two indexes writes look rows up by. While they are deferred every query still answers correctly, only by scanning.
 *
 * Crash safety: each dropped index is listed in deferred_indexes, with the SQL that built it, in
 * the transaction that drops it; whatever is listed is built again when the pull ends or, after
 * a crash or a lock mid-pull, when the database is next opened.
 */
const RECORD_TABLES = ['intake_events', 'items', 'item_texts', 'audit_log'] as const;
/**
 * Used by writes, so never deferred: saving a record again replaces its item rows and their
 * texts by record id, which without these would scan the tables (a person may edit during a pull).
 */
const WRITE_PATH_INDEXES: ReadonlySet<string> = new Set(['items_by_event', 'item_texts_by_item']);

interface IndexDefinition {
  name: string;
  sql: string;
}

/** Drops the record tables' search indexes; returns how many. Call it only on an empty store. */
export function deferSearchIndexes(db: Db): number {
  return db.transaction(() => {
    const indexes = RECORD_TABLES.flatMap(
      (table) =>
        db
          .prepare(
            `SELECT s.name, s.sql FROM pragma_index_list(?) AS i
             JOIN sqlite_schema AS s ON s.type = 'index' AND s.name = i.name
             WHERE i.origin = 'c' AND i."unique" = 0`,
          )
          .all(table) as IndexDefinition[],
    ).filter((index) => !WRITE_PATH_INDEXES.has(index.name));
    const remember = db.prepare('INSERT INTO deferred_indexes (name, sql) VALUES (?, ?)');
    for (const index of indexes) {
      remember.run(index.name, index.sql);
      db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
    }
    return indexes.length;
  })();
}

/**
 * Builds one deferred index again, in its own transaction; false when none is left. One at a
 * time so that a caller on the main thread can let other work run between two (each takes a few
 * hundred milliseconds on 100k records).
 */
export function restoreOneSearchIndex(db: Db): boolean {
  if (!hasDeferredIndexTable(db)) return false;
  return db.transaction(() => {
    const index = db
      .prepare('SELECT name, sql FROM deferred_indexes ORDER BY name LIMIT 1')
      .get() as IndexDefinition | undefined;
    if (index === undefined) return false;
    const exists = db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?")
      .get(index.name);
    if (exists === undefined) db.exec(index.sql);
    db.prepare('DELETE FROM deferred_indexes WHERE name = ?').run(index.name);
    return true;
  })();
}

export function restoreSearchIndexes(db: Db): void {
  while (restoreOneSearchIndex(db));
}

/** Databases older than schema version 30 have no list; they never deferred anything. */
function hasDeferredIndexTable(db: Db): boolean {
  return (
    db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'deferred_indexes'")
      .get() !== undefined
  );
}
