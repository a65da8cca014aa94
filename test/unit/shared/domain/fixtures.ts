import type { z } from 'zod';
import type { AttachmentRef } from '../../../../shared/domain/attachment.ts';

/** Deterministic v7-shaped ids: id(1), id(2)… */
export function id(n: number): string {
  return `0190a5c8-5f5e-7c3b-9f1a-${n.toString(16).padStart(12, '0')}`;
}

export function sha(n: number): string {
  return n.toString(16).padStart(64, '0');
}

export function photo(n: number, kind: AttachmentRef['kind'] = 'whole_weapon'): AttachmentRef {
  return { sha256: sha(n), mime: 'image/jpeg', size: 2_400_000, kind };
}

/** [dotted path, message] of every issue, in zod's order; throws if the input passes. */
export function issuesOf(schema: z.ZodType, input: unknown): Array<[string, string]> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the schema to reject the input');
  return result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
}

/** A Zastava M70 seized at a road border crossing, fully documented. */
export function finalAssaultRifle(n: number) {
  return {
    id: id(100 + n),
    category: 'small_arm',
    weaponType: 'assault_rifle',
    manufacturer: 'Zastava',
    model: 'M70AB2',
    calibre: '7.62x39',
    calibreNormalised: '7.62x39mm',
    serialNumber: `АК-47 № ${n}23456`,
    serialStatus: 'present',
    serialLocation: 'frame_receiver',
    countryOfManufacture: 'RS',
    yearOfManufacture: 1986,
    markingCondition: 'intact',
    actionType: 'automatic',
    condition: 'serviceable',
    lifecycleStatus: 'evidence_hold',
    traceStatus: 'not_attempted',
    markings: [
      {
        id: id(200 + n),
        component: 'frame_receiver',
        markingKind: 'serial',
        textAsRead: `${n}23456`,
        legibility: 'legible',
        photoSha256: sha(300 + n),
      },
    ],
    photos: [photo(400 + n), photo(300 + n, 'marking')],
  };
}

/** A pistol whose serial was ground off: no serial, still a complete record. */
export function finalPistolWithoutSerial(n: number) {
  return {
    id: id(100 + n),
    category: 'small_arm',
    weaponType: 'self_loading_pistol',
    manufacturer: 'unknown',
    model: 'unknown',
    calibre: '9x19',
    serialStatus: 'not_present',
    markingCondition: 'altered_obliterated',
    lifecycleStatus: 'evidence_hold',
    traceStatus: 'not_attempted',
    markings: [],
    photos: [photo(500 + n)],
  };
}

/** A realistic border seizure: two weapons, ammunition in rounds and in a box, a grenade. */
export function borderSeizure() {
  return {
    id: id(1),
    status: 'final',
    revision: 3,
    context: 'seized',
    occurredAt: '2025-03-14',
    occurredTime: '06:40',
    locationId: id(2),
    recordingAgency: 'Border Police, Batrovci crossing',
    recordingOfficer: 'Insp. J. Petrović',
    agencyCaseRef: 'KT-114/25',
    notes: 'Found in a hidden compartment behind the rear seat.',
    seizure: {
      seizingAgencyType: 'border_police',
      legalJustification: 'illicit_trafficking',
      detectionMethod: 'xray_scanner',
      direction: 'exit',
      conveyance: 'private_car',
      concealment: 'hidden_compartment',
      routeDepartureCountry: 'RS',
      routeDestinationCountry: 'HR',
      routeTransitCountries: [],
      personsInvolved: [{ nationality: 'RS', sex: 'male', ageBand: '35_49' }],
      iarmsChecked: true,
      iarmsHit: false,
    },
    weapons: [finalAssaultRifle(1), finalPistolWithoutSerial(2)],
    parts: [
      {
        id: id(600),
        partType: 'magazine',
        quantity: { kind: 'parts', unit: 'pieces', amount: 4 },
        photos: [],
      },
    ],
    ammunition: [
      {
        id: id(700),
        ammoClass: 'small_arms_cartridge',
        calibre: '7.62x39',
        headstampText: 'ППУ 85',
        quantity: { kind: 'ammunition', unit: 'rounds', amount: 120 },
        photos: [],
      },
      {
        id: id(701),
        ammoClass: 'small_arms_cartridge',
        calibre: '9x19',
        quantity: { kind: 'ammunition', unit: 'boxes', amount: 1 },
        photos: [],
      },
    ],
    explosives: [
      {
        id: id(800),
        eoType: 'hand_grenade',
        quantity: { kind: 'explosives', unit: 'pieces', amount: 1 },
        safetyStatus: 'eod_required',
        photos: [],
      },
    ],
    photos: [photo(900, 'scene')],
  };
}

/** A surrender under a campaign: collection details, the campaign named, one rifle. */
export function campaignSurrender() {
  const { seizure: _seizure, agencyCaseRef: _caseRef, ...header } = borderSeizure();
  return {
    ...header,
    context: 'surrendered',
    campaignId: id(3),
    collection: {
      collectionMethod: 'walk_in_station',
      surrenderingPartyType: 'individual',
      anonymous: true,
      campaignBased: true,
      dispositionRequested: 'surrender_for_destruction',
      surrendererSex: 'female',
      surrendererAgeBand: '65_plus',
      receiptNumber: 'R-0042',
    },
    weapons: [finalAssaultRifle(1)],
    parts: [],
    ammunition: [],
    explosives: [],
  };
}
