/** One schema step: applied once, in its own transaction, and recorded in schema_migrations. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Single statements (PGlite's parameterised protocol runs one statement per call). */
  readonly statements: readonly string[];
}
