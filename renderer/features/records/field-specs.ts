import type { DomainEnum } from '../../components/domain-enums.ts';

/**
 * Where each editor field lives in the draft (its path) and which enumeration labels its options.
 * Kept out of the JSX so the markup holds no untranslated-looking strings, and so a path is
 * written once for the input, its message and its place in the finalise summary.
 */
interface FieldSpec {
  readonly path: string;
}
interface EnumFieldSpec<E extends DomainEnum> extends FieldSpec {
  readonly enumName: E;
}

const at = (path: string): FieldSpec => ({ path });
const choice = <E extends DomainEnum>(path: string, enumName: E): EnumFieldSpec<E> => ({
  path,
  enumName,
});

export const header = {
  context: choice('context', 'intakeContext'),
  occurredAt: at('occurredAt'),
  occurredTime: at('occurredTime'),
  locationId: at('locationId'),
  recordingAgency: at('recordingAgency'),
  recordingOfficer: at('recordingOfficer'),
  agencyCaseRef: at('agencyCaseRef'),
  campaignId: at('campaignId'),
  notes: at('notes'),
  weapons: at('weapons'),
  parts: at('parts'),
  ammunition: at('ammunition'),
  explosives: at('explosives'),
} as const;

export const seizure = {
  section: at('seizure'),
  seizingAgencyType: choice('seizure.seizingAgencyType', 'seizingAgencyType'),
  legalJustification: choice('seizure.legalJustification', 'legalJustification'),
  offenceType: at('seizure.offenceType'),
  detectionMethod: choice('seizure.detectionMethod', 'detectionMethod'),
  direction: choice('seizure.direction', 'direction'),
  conveyance: choice('seizure.conveyance', 'conveyance'),
  concealment: choice('seizure.concealment', 'concealment'),
  concealmentNote: at('seizure.concealmentNote'),
  routeDepartureCountry: at('seizure.routeDepartureCountry'),
  routeDestinationCountry: at('seizure.routeDestinationCountry'),
  linkedProsecutionRef: at('seizure.linkedProsecutionRef'),
  iarmsChecked: at('seizure.iarmsChecked'),
  iarmsHit: at('seizure.iarmsHit'),
} as const;

export const collection = {
  section: at('collection'),
  collectionMethod: choice('collection.collectionMethod', 'collectionMethod'),
  surrenderingPartyType: choice('collection.surrenderingPartyType', 'surrenderingPartyType'),
  dispositionRequested: choice('collection.dispositionRequested', 'dispositionRequested'),
  receiptNumber: at('collection.receiptNumber'),
  anonymous: at('collection.anonymous'),
  campaignBased: at('collection.campaignBased'),
  surrendererSex: choice('collection.surrendererSex', 'sex'),
  surrendererAgeBand: choice('collection.surrendererAgeBand', 'ageBand'),
  incentiveGiven: choice('collection.incentiveGiven', 'incentiveType'),
  incentiveValue: at('collection.incentiveValue'),
} as const;

export function weapon(index: number) {
  const base = `weapons.${index}`;
  return {
    base: at(base),
    weaponType: choice(`${base}.weaponType`, 'weaponType'),
    category: choice(`${base}.category`, 'weaponCategory'),
    manufacturer: at(`${base}.manufacturer`),
    model: at(`${base}.model`),
    calibre: at(`${base}.calibre`),
    serialStatus: choice(`${base}.serialStatus`, 'serialStatus'),
    serialNumber: at(`${base}.serialNumber`),
    serialLocation: choice(`${base}.serialLocation`, 'serialLocation'),
    markingCondition: choice(`${base}.markingCondition`, 'markingCondition'),
    traceStatus: choice(`${base}.traceStatus`, 'traceStatus'),
    countryOfManufacture: at(`${base}.countryOfManufacture`),
    yearOfManufacture: at(`${base}.yearOfManufacture`),
    actionType: choice(`${base}.actionType`, 'actionType'),
    condition: choice(`${base}.condition`, 'weaponCondition'),
    pointOfDiversionNote: at(`${base}.pointOfDiversionNote`),
  } as const;
}

export function marking(weaponIndex: number, index: number) {
  const base = `weapons.${weaponIndex}.markings.${index}`;
  return {
    base: at(base),
    component: choice(`${base}.component`, 'markingComponent'),
    markingKind: choice(`${base}.markingKind`, 'markingKind'),
    textAsRead: at(`${base}.textAsRead`),
    legibility: choice(`${base}.legibility`, 'legibility'),
    photoSha256: at(`${base}.photoSha256`),
  } as const;
}

export function part(index: number) {
  const base = `parts.${index}`;
  return {
    base: at(base),
    partType: choice(`${base}.partType`, 'partType'),
    quantity: at(`${base}.quantity`),
    amount: at(`${base}.quantity.amount`),
    serialNumber: at(`${base}.serialNumber`),
    markingText: at(`${base}.markingText`),
  } as const;
}

export function ammunitionLot(index: number) {
  const base = `ammunition.${index}`;
  return {
    base: at(base),
    ammoClass: choice(`${base}.ammoClass`, 'ammoClass'),
    calibre: at(`${base}.calibre`),
    quantity: at(`${base}.quantity`),
    amount: at(`${base}.quantity.amount`),
    unit: choice(`${base}.quantity.unit`, 'ammoQuantityUnit'),
    headstampText: at(`${base}.headstampText`),
    lotBatchNumber: at(`${base}.lotBatchNumber`),
    countryOfManufacture: at(`${base}.countryOfManufacture`),
    yearOfManufacture: at(`${base}.yearOfManufacture`),
    packagingMarks: at(`${base}.packagingMarks`),
    condition: choice(`${base}.condition`, 'ammoCondition'),
    hazardClass: at(`${base}.hazardClass`),
  } as const;
}

export function explosiveItem(index: number) {
  const base = `explosives.${index}`;
  return {
    base: at(base),
    eoType: choice(`${base}.eoType`, 'explosiveType'),
    quantity: at(`${base}.quantity`),
    amount: at(`${base}.quantity.amount`),
    unit: choice(`${base}.quantity.unit`, 'explosiveQuantityUnit'),
    safetyStatus: choice(`${base}.safetyStatus`, 'explosiveSafetyStatus'),
    eodTeamNotifiedAt: at(`${base}.eodTeamNotifiedAt`),
    description: at(`${base}.description`),
  } as const;
}
