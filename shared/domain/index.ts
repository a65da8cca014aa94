/**
 * The SALW Field data model (salw-domain.md §a): one contract for forms, IPC, storage, sync and
 * the server. Import from here; the modules behind it may move.
 */
export * from './ammunition-lot.ts';
export * from './attachment.ts';
export * from './campaign.ts';
export * from './collection-details.ts';
export * from './country-code.ts';
export * from './correction.ts';
export * from './custody-decision.ts';
export * from './custody-transfer.ts';
export * from './destruction-event.ts';
export * from './enums.ts';
export * from './explosive-item.ts';
export * from './ids.ts';
export * from './intake-event.ts';
export * from './item-ref.ts';
export * from './location.ts';
export * from './loss-incident.ts';
export * from './marking.ts';
export {
  DomainMessageKeySchema,
  domainMessageKeys,
  type DomainMessageKey,
} from './message-keys.ts';
export * from './part.ts';
export * from './people.ts';
export * from './quantity.ts';
export * from './record-meta.ts';
export * from './seal.ts';
export * from './seizure-details.ts';
export * from './serial-number.ts';
export * from './stock-check.ts';
export * from './weapon-item.ts';
export {
  DomainIssueSchema,
  IsoDateSchema,
  RevisionSchema,
  TimeOfDaySchema,
  TimestampSchema,
  YearSchema,
  requiredTextSchema,
  textSchema,
  type DomainIssue,
} from './primitives.ts';
