/**
 * The one storage port of the server: PostgreSQL (pg) in production, embedded PGlite for a first
 * run and for tests. Both speak the same SQL, so the sync code never knows which one it talks to.
 * A statement takes positional parameters ($1…); bulk writes pass one JSON parameter and expand it
 * in SQL (jsonb_to_recordset), which both drivers send as plain text.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
}

export interface Database extends Queryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  readonly backend: 'pglite' | 'postgres';
  close(): Promise<void>;
}
