/**
 * The kinds of record the app keeps, syncs and the server stores. Each has ONE definition in
 * record-types.ts; this list only names them, so the wire protocol can import it without the
 * domain schemas. Adding a record type: its name here, its definition there, one migration on
 * each side, its screens and tests.
 */
export const recordEntities = [
  'intake_event',
  'location',
  'campaign',
  'attachment',
  'custody_transfer',
  'custody_decision',
  'destruction_event',
  'stock_check',
  'loss_incident',
  'signing_key',
  'trace_request',
  'historic_count',
  'record_review',
] as const;
export type RecordEntity = (typeof recordEntities)[number];
