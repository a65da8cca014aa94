/**
 * The dimensions each figure is broken down by, as the measures name them
 * (shared/measures/measure-results.ts): the tables' columns and the charts' bars.
 */
export const by = {
  none: [],
  context: ['context'],
  legalJustification: ['legalJustification'],
  category: ['category'],
  categoryAndType: ['category', 'weaponType'],
  weaponType: ['weaponType'],
  identifiable: ['uniquelyIdentifiable'],
  identifiableAndMarking: ['uniquelyIdentifiable', 'markingCondition'],
  partType: ['partType'],
  ammoClass: ['ammoClass'],
  eoType: ['eoType'],
  method: ['method'],
  sourceContext: ['sourceContext'],
  sourceContextAndMethod: ['sourceContext', 'method'],
  age: ['age'],
  campaignAndDisposition: ['campaignId', 'disposition'],
  locationType: ['locationType'],
  direction: ['direction'],
  conveyance: ['conveyance'],
  route: ['departure', 'destination'],
  roleAndSex: ['role', 'sex'],
  roleAndAgeBand: ['role', 'ageBand'],
  discrepancyKind: ['discrepancyKind'],
  incidentKind: ['incidentKind'],
  meetsStandard: ['meetsStandard'],
  outcome: ['outcome'],
  how: ['how'],
} as const satisfies Record<string, readonly string[]>;
