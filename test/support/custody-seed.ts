import type { Page } from 'playwright-core';
import { tinyPng } from './tiny-png.ts';

/** What the custody renderer tests start from: names they look for on the screens. */
export interface SurrenderNames {
  readonly storageName: string;
  readonly collectionName: string;
  /** The surrender's weapons, one per serial (none for a surrender of ammunition only). */
  readonly serials: readonly string[];
  /** How many ammunition lots: the first 500 rounds of LOT-88, any others 20 rounds each. */
  readonly lots?: number;
}

export interface SeededSurrender {
  readonly intakeId: string;
  readonly storageId: string;
  readonly weaponIds: readonly string[];
  /** The first lot (LOT-88, 500 rounds). */
  readonly lotId: string;
  readonly lotIds: readonly string[];
  readonly collectionId: string;
}

/**
 * A storage site, a collection point and a final surrender there of a weapon per serial and a
 * lot of 500 rounds (or `lots` lots), made through window.api in the page (the editor has its
 * own tests).
 */
export async function seedSurrender(
  page: Page,
  { storageName, collectionName, serials, lots = 1 }: SurrenderNames,
): Promise<SeededSurrender> {
  const photoBase64 = tinyPng([200, 30, 30]).toString('base64');
  return page.evaluate(
    async ({ photoBase64, serials, lots, storageName, collectionName }) => {
      const api = window.api!;
      const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        return result.value;
      };
      const storage = {
        id: crypto.randomUUID(),
        name: storageName,
        locationType: 'storage_site',
        jurisdiction: 'RS',
      } as const;
      const collection = {
        id: crypto.randomUUID(),
        name: collectionName,
        locationType: 'collection_point_fixed',
        jurisdiction: 'RS',
      } as const;
      unwrap(await api.saveLocation(storage));
      unwrap(await api.saveLocation(collection));
      const photo = unwrap(await api.addPhoto({ dataBase64: photoBase64, kind: 'whole_weapon' }));
      const weapon = (serialNumber: string) => ({
        id: crypto.randomUUID(),
        category: 'small_arm' as const,
        weaponType: 'assault_rifle' as const,
        manufacturer: 'Zastava',
        model: 'M70',
        calibre: '7.62x39',
        serialNumber,
        serialStatus: 'present' as const,
        markingCondition: 'intact' as const,
        lifecycleStatus: 'in_custody' as const,
        traceStatus: 'not_attempted' as const,
        markings: [],
        photos: [photo],
      });
      const weapons = serials.map(weapon);
      const ammunition = Array.from({ length: lots }, (_, n) => ({
        id: crypto.randomUUID(),
        ammoClass: 'small_arms_cartridge' as const,
        calibre: '7.62x39',
        lotBatchNumber: n === 0 ? 'LOT-88' : `LOT-88/${String(n + 1).padStart(3, '0')}`,
        quantity: {
          kind: 'ammunition' as const,
          unit: 'rounds' as const,
          amount: n === 0 ? 500 : 20,
        },
        photos: [],
      }));
      const draft = unwrap(await api.newIntakeDraft());
      const saved = unwrap(
        await api.saveIntakeDraft({
          draft: {
            ...draft,
            context: 'surrendered',
            occurredAt: '2025-03-01',
            locationId: collection.id,
            recordingAgency: 'PU Čačak',
            recordingOfficer: 'Ana Petrović',
            collection: {
              collectionMethod: 'walk_in_station',
              surrenderingPartyType: 'household',
              anonymous: false,
              campaignBased: false,
              dispositionRequested: 'surrender_for_destruction',
              receiptNumber: 'R-2025-17',
            },
            weapons,
            ammunition,
          },
          expectedRevision: null,
        }),
      );
      unwrap(await api.finaliseIntake({ id: draft.id, expectedRevision: saved.revision }));
      return {
        intakeId: draft.id,
        storageId: storage.id,
        weaponIds: weapons.map((entry) => entry.id),
        lotId: ammunition[0]!.id,
        lotIds: ammunition.map((lot) => lot.id),
        collectionId: collection.id,
      };
    },
    { photoBase64, serials: [...serials], lots, storageName, collectionName },
  );
}

/** The whole surrender moved into the storage site, signed and sealed through window.api. */
export async function moveIntoStore(
  page: Page,
  seeded: SeededSurrender,
  passphrase: string,
): Promise<void> {
  const signatureBase64 = tinyPng([10, 10, 10]).toString('base64');
  await page.evaluate(
    async ({ seeded, signatureBase64, passphrase }) => {
      const api = window.api!;
      const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        return result.value;
      };
      const image = unwrap(await api.addPhoto({ dataBase64: signatureBase64, kind: 'signature' }));
      const signature = { signedBy: 'Ana Petrović', signedAt: new Date().toISOString(), image };
      unwrap(
        await api.recordCustodyTransfer({
          transfer: {
            items: [
              ...seeded.weaponIds.map((id) => ({ kind: 'weapon' as const, id })),
              ...seeded.lotIds.map((id) => ({ kind: 'ammunition_lot' as const, id })),
            ],
            fromHolder: { name: 'Ana Petrović', unit: 'PU', locationId: seeded.collectionId },
            toHolder: { name: 'Milan Kostić', unit: 'Skladište', locationId: seeded.storageId },
            transferredAt: new Date().toISOString(),
            purpose: 'to_storage',
            handoverSignature: signature,
            receiptSignature: { ...signature, signedBy: 'Milan Kostić' },
          },
          passphrase,
        }),
      );
    },
    { seeded, signatureBase64, passphrase },
  );
}
