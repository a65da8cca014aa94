/**
 * What differs between the laptop's SQLite and the server's PostgreSQL in the measures' SQL
 * (measure-sources.ts, figure-sql.ts): table names, how a record's JSON is read, whole days
 * between two dates, aggregates SQLite has and PostgreSQL spells otherwise, and where an item's
 * derived custody and trace state live. Everything else (which rows each measure counts, its
 * dimensions, how figures group them) is written once, so the two sides cannot count differently.
 *
 * Parameters are written `@name` on both sides; the server's runner numbers them ($1...).
 */
export interface MeasureDialect {
  readonly tables: {
    /** Alias `i`: items with the laptop's columns (migration 40 there, 70 and 140 here). */
    readonly items: string;
    readonly intakeEvents: string;
    readonly intakePersons: string;
    readonly locations: string;
    readonly custodyRecords: string;
    readonly custodyItemEvents: string;
  };
  /**
   * Joins an item (alias `i`) may need for its derived state, by the alias they bring in; added
   * to a figure only when it reads that alias (as the intake and place joins are).
   */
  readonly itemStateJoins: Readonly<Record<string, string>>;
  /** The column holding a record's JSON (custody records, locations). */
  readonly data: string;
  /** The column holding a custody event's summary (CustodyEventSummary). */
  readonly effect: string;
  /** A JSON value at `path` as text (NULL when absent). */
  jsonText(column: string, path: readonly string[]): string;
  /** A JSON number at `path` as a number. */
  jsonNumber(column: string, path: readonly string[]): string;
  /** A JSON boolean at `path` as 1 or 0 (NULL when absent). */
  jsonFlag(column: string, path: readonly string[]): string;
  /** A join over the elements of the JSON array at `path`, each as `alias`. */
  arrayElements(column: string, path: readonly string[], alias: string): string;
  /** A field of an element that arrayElements gave, as text. */
  elementText(alias: string, path: readonly string[]): string;
  /** Whole days from one `YYYY-MM-DD` text to a later one. */
  wholeDays(later: string, earlier: string): string;
  /** An expression the planner should not answer from an index. */
  unindexed(sql: string): string;
  /** A condition that holds for no row. */
  readonly never: string;
  /** The sum of an expression, 0 over no row or only NULLs. */
  sumOrZero(sql: string): string;
  /** How many rows have the expression NULL. */
  countNull(sql: string): string;
  /** An item's (alias) status as custody derived it, NULL if no custody record names it. */
  custodyStatus(alias: string): string;
  /** The day its derived status began. */
  statusSince(alias: string): string;
  /** A weapon's (alias `i`) trace status now (its trace requests', else its intake's). */
  readonly traceStatus: string;
}
