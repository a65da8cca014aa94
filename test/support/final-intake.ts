import { randomUUID } from 'node:crypto';
import type { ProcedureInput, ProcedureOutput } from '../../shared/ipc/contract.ts';
import type { DispatchedApp } from './dispatched-app.ts';
import { tinyPng } from './tiny-png.ts';

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];

/** The serials and lots a final surrender made by `recordFinalSurrender` holds. */
export const surrenderSerials = ['M70-ČĆ 4411', 'CZ99-0417'] as const;
export const surrenderLot = 'LOT-88/ŠĐ';

/** What a test may change in the surrender: its collection details, campaign and coordinates. */
export interface SurrenderChanges {
  readonly collection?: Partial<NonNullable<Draft['collection']>>;
  readonly campaignId?: string;
  /** Where it happened (its place has none), so it shows on a map. */
  readonly coordinates?: Draft['coordinates'];
}

/**
 * A complete surrender, finalised through the dispatcher as the editor would: two weapons (each
 * with a photo), a part, 500 rounds of 7.62x39 and 2 hand grenades, at a collection point.
 */
export async function recordFinalSurrender(
  app: DispatchedApp,
  officer: string,
  photoColour: readonly [number, number, number] = [200, 30, 30],
  changes: SurrenderChanges = {},
): Promise<ProcedureOutput<'finaliseIntake'>> {
  const place = {
    id: randomUUID(),
    locationType: 'collection_point_fixed' as const,
    name: 'Sabirno mesto Čačak',
    jurisdiction: 'RS' as const,
  };
  await app.ok('saveLocation', place);
  const photo = await app.ok('addPhoto', {
    dataBase64: tinyPng(photoColour).toString('base64'),
    kind: 'whole_weapon',
    caption: 'Levo',
  });
  const draft = (await app.ok('newIntakeDraft')) as Draft;
  const weapon = (serialNumber: string, weaponType: 'assault_rifle' | 'self_loading_pistol') => ({
    id: randomUUID(),
    category: 'small_arm' as const,
    weaponType,
    manufacturer: weaponType === 'assault_rifle' ? 'Zastava' : 'CZ',
    model: weaponType === 'assault_rifle' ? 'M70' : '99',
    calibre: weaponType === 'assault_rifle' ? '7.62x39' : '9x19',
    serialNumber,
    serialStatus: 'present' as const,
    markingCondition: 'intact' as const,
    lifecycleStatus: 'in_custody' as const,
    traceStatus: 'not_attempted' as const,
    markings: [],
    photos: [photo],
  });
  const saved = await app.ok('saveIntakeDraft', {
    draft: {
      ...draft,
      context: 'surrendered',
      occurredAt: '2024-03-01',
      locationId: place.id,
      recordingAgency: 'PU Čačak',
      recordingOfficer: officer,
      collection: {
        collectionMethod: 'walk_in_station',
        surrenderingPartyType: 'household',
        anonymous: false,
        campaignBased: false,
        dispositionRequested: 'surrender_for_destruction',
        receiptNumber: 'R-2024-17',
        ...changes.collection,
      },
      ...(changes.campaignId === undefined ? {} : { campaignId: changes.campaignId }),
      ...(changes.coordinates === undefined ? {} : { coordinates: changes.coordinates }),
      weapons: [
        weapon(surrenderSerials[0], 'assault_rifle'),
        weapon(surrenderSerials[1], 'self_loading_pistol'),
      ],
      parts: [
        {
          id: randomUUID(),
          partType: 'barrel',
          serialNumber: 'BRL-5521',
          quantity: { kind: 'parts', unit: 'pieces', amount: 1 },
          photos: [],
        },
      ],
      ammunition: [
        {
          id: randomUUID(),
          ammoClass: 'small_arms_cartridge',
          calibre: '7.62x39',
          lotBatchNumber: surrenderLot,
          quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 },
          photos: [],
        },
      ],
      explosives: [
        {
          id: randomUUID(),
          eoType: 'hand_grenade',
          quantity: { kind: 'explosives', unit: 'pieces', amount: 2 },
          safetyStatus: 'safe_to_store',
          photos: [],
        },
      ],
    },
    expectedRevision: null,
  });
  return app.ok('finaliseIntake', { id: draft.id, expectedRevision: saved.revision });
}
