import { describe, expect, it } from 'vitest';
import {
  detailsFor,
  forFinalisation,
  prune,
  toDraftPayload,
} from '../../../../../renderer/features/records/draft-payload.ts';
import { newIntakeEventDraft } from '../../../../../shared/domain/intake-event.ts';
import { newWeaponItemDraft } from '../../../../../shared/domain/weapon-item.ts';

const eventId = '01a2029a-2088-7527-baa6-5fcd635c7c8a';
const weaponId = '01a2029a-2088-7527-baa6-5fcd635c7c8b';
const campaignId = '01a2029a-2088-7527-baa6-5fcd635c7c8c';

describe('prune', () => {
  it("drops '', null, NaN and undefined deeply, keeping array positions", () => {
    expect(
      prune({
        a: '',
        b: null,
        c: Number.NaN,
        d: undefined,
        e: 0,
        f: false,
        g: [{ x: '' }, { y: 1 }],
      }),
    ).toStrictEqual({ e: 0, f: false, g: [{}, { y: 1 }] });
  });
});

describe('toDraftPayload', () => {
  it('keeps a valid draft as it is (blank fields removed)', () => {
    const values = { ...newIntakeEventDraft(eventId), notes: '', recordingAgency: 'UGP' };
    const { draft, leftOut } = toDraftPayload(values);
    expect(leftOut).toStrictEqual([]);
    expect(draft?.recordingAgency).toBe('UGP');
    expect(draft).not.toHaveProperty('notes');
  });

  it('leaves out only the values that are not valid yet, and saves the rest', () => {
    const weapon = {
      ...newWeaponItemDraft(weaponId),
      yearOfManufacture: 20255,
      serialNumber: 'AK 1',
    };
    const values = {
      ...newIntakeEventDraft(eventId),
      notes: 'x'.repeat(2001),
      recordingAgency: 'UGP',
      weapons: [weapon],
    };
    const { draft, leftOut } = toDraftPayload(values);
    expect([...leftOut].sort()).toStrictEqual(['notes', 'weapons.0.yearOfManufacture']);
    expect(draft?.recordingAgency).toBe('UGP');
    expect(draft?.weapons?.[0]?.serialNumber).toBe('AK 1');
    expect(draft?.weapons?.[0]).not.toHaveProperty('yearOfManufacture');
    expect(draft).not.toHaveProperty('notes');
  });

  it('leaves out a value main refused while it is unchanged, and tries it again once changed', () => {
    const values = { ...newIntakeEventDraft(eventId), campaignId };
    const refused = new Map([['campaignId', JSON.stringify(campaignId)]]);
    expect(toDraftPayload(values, refused).draft).not.toHaveProperty('campaignId');
    expect(toDraftPayload(values, refused).leftOut).toStrictEqual(['campaignId']);
    const changed = { ...values, campaignId: weaponId };
    expect(toDraftPayload(changed, refused).draft?.campaignId).toBe(weaponId);
  });

  it('never turns an empty number input into NaN or 0', () => {
    const weapon = { ...newWeaponItemDraft(weaponId), yearOfManufacture: Number.NaN };
    const { draft } = toDraftPayload({ ...newIntakeEventDraft(eventId), weapons: [weapon] });
    expect(draft?.weapons?.[0]).not.toHaveProperty('yearOfManufacture');
  });

  it('saves an amount typed into an item whose quantity did not say its kind yet', () => {
    const values = {
      ...newIntakeEventDraft(eventId),
      parts: [{ id: weaponId, quantity: { amount: 3 }, photos: [] }],
      ammunition: [{ id: campaignId, quantity: { amount: 500, unit: 'rounds' }, photos: [] }],
      explosives: [{ id: eventId.replace(/a$/, 'd'), quantity: { amount: 2 }, photos: [] }],
    };
    const { draft, leftOut } = toDraftPayload(values);
    expect(leftOut).toStrictEqual([]);
    expect(draft?.parts?.[0]?.quantity).toStrictEqual({ kind: 'parts', unit: 'pieces', amount: 3 });
    expect(draft?.ammunition?.[0]?.quantity).toStrictEqual({
      kind: 'ammunition',
      unit: 'rounds',
      amount: 500,
    });
    expect(draft?.explosives?.[0]?.quantity).toStrictEqual({ kind: 'explosives', amount: 2 });
  });

  it('leaves out a fractional count of rounds and keeps the rest of the lot', () => {
    const lot = {
      id: campaignId,
      ammoClass: 'small_arms_cartridge',
      quantity: { kind: 'ammunition', amount: 12.5, unit: 'rounds' },
      photos: [],
    };
    const { draft, leftOut } = toDraftPayload({
      ...newIntakeEventDraft(eventId),
      ammunition: [lot],
    });
    expect(leftOut).toStrictEqual(['ammunition.0.quantity.amount']);
    expect(draft?.ammunition?.[0]).toMatchObject({
      ammoClass: 'small_arms_cartridge',
      quantity: { kind: 'ammunition', unit: 'rounds' },
    });
  });
});

describe('forFinalisation', () => {
  const base = newIntakeEventDraft(eventId);
  const collection = { collectionMethod: 'walk_in_station' as const, campaignBased: true };
  const seizure = { seizingAgencyType: 'customs' as const };

  it('keeps the seizure details of a seizure, drops collection details and the campaign', () => {
    const next = forFinalisation({ ...base, context: 'seized', collection, seizure, campaignId });
    expect(next.seizure).toStrictEqual(seizure);
    expect(next).not.toHaveProperty('collection');
    expect(next).not.toHaveProperty('campaignId');
  });

  it('gives a seizure without details an empty section, so each missing field is reported', () => {
    expect(forFinalisation({ ...base, context: 'found' }).seizure).toStrictEqual({});
  });

  it('keeps collection details and the campaign of a campaign-based surrender', () => {
    const next = forFinalisation({
      ...base,
      context: 'surrendered',
      collection,
      seizure,
      campaignId,
    });
    expect(next.collection).toStrictEqual(collection);
    expect(next.campaignId).toBe(campaignId);
    expect(next).not.toHaveProperty('seizure');
  });

  it('drops the campaign of a surrender that was not campaign-based', () => {
    const next = forFinalisation({
      ...base,
      context: 'surrendered',
      collection: { ...collection, campaignBased: false },
      campaignId,
    });
    expect(next).not.toHaveProperty('campaignId');
  });

  it('maps each context to the details section the editor shows', () => {
    expect(detailsFor('seized')).toBe('seizure');
    expect(detailsFor('found')).toBe('seizure');
    expect(detailsFor('surrendered')).toBe('collection');
    expect(detailsFor(undefined)).toBeNull();
  });
});
