import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ProcedureInput,
  ProcedureName,
  ProcedureOutput,
} from '../../../../shared/ipc/contract.ts';
import type { IpcErrorCode } from '../../../../shared/ipc/errors.ts';
import {
  goodPassphrase,
  setUpFirstPerson,
  startDispatchedApp,
  storeCounts,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { recordNumberPrefix } from '../../../../electron/store/record-numbers.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

/**
 * The record workflow as the renderer drives it: every call goes through the real dispatcher
 * (sender check, zod, handler, output check) into the real services and the real encrypted store.
 * The tests run in order on one data folder, like an officer's shift: a border seizure is drafted,
 * refused while incomplete, completed with photos, finalised, then searched and audited.
 */

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];
type Location = ProcedureInput<'saveLocation'>;
type PhotoRef = ProcedureOutput<'addPhoto'>;

const v7Pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let app: DispatchedApp;
let person: { id: string; name: string };
let passphrase: string;
/** A second person, added later on: he edits a record of Amina's but creates none. */
const marko = { id: '', passphrase: goodPassphrase('colleague') };
/** Successful changes made by this file (each must add exactly one audit entry and one outbox row). */
let changes = 0;
/** Audit entries set-up leaves: the first person, and their recovery code confirmed as kept. */
const setUpEntries = 2;

const border: Location = {
  id: randomUUID(),
  locationType: 'border_crossing_road',
  name: 'Granični prelaz Horgoš',
  jurisdiction: 'RS',
  adminArea1: 'Severnobački okrug',
  adminArea2: 'Kanjiža',
  lat: 46.1522,
  lon: 19.9748,
  accuracyM: 50,
};
const station: Location = {
  id: randomUUID(),
  locationType: 'inland_police_station',
  name: 'PS Novi Sad',
  jurisdiction: 'RS',
};
const collectionPoint: Location = {
  id: randomUUID(),
  locationType: 'collection_point_mobile',
  name: 'Mobilni punkt Kraljevo',
  jurisdiction: 'RS',
};

/** The border seizure followed through the whole file. */
const seizureId = { value: '' };
const weaponIds = [randomUUID(), randomUUID()] as const;
const markingIds = [randomUUID(), randomUUID()] as const;
const photos: PhotoRef[] = [];
const pngs = [
  tinyPng([200, 30, 30]),
  tinyPng([30, 200, 30]),
  tinyPng([30, 30, 200]),
  tinyPng([90, 90, 90], 3),
];
/** The other records the list filters are checked against. */
const others = { surrender: randomUUID(), found: randomUUID(), undated: '' };

/**
 * A call that must change the store: exactly one new audit entry, and the change in the outbox:
 * a new row, or folded into the newest row when it saves the same record again (see outbox.ts).
 */
async function change<N extends ProcedureName>(
  procedure: N,
  input: ProcedureInput<N>,
): Promise<ProcedureOutput<N>> {
  const before = storeCounts(app);
  const value = await app.ok(procedure, input);
  const after = storeCounts(app);
  expect(after.audit - before.audit, `${procedure}: audit entries`).toBe(1);
  expect(after.outbox - before.outbox, `${procedure}: outbox rows`).toBeLessThanOrEqual(1);
  expect(after.outboxNewest, `${procedure}: the change is in the outbox`).not.toBe(
    before.outboxNewest,
  );
  changes += 1;
  return value;
}

/** A call that must be refused with `code` and leave every table exactly as it was. */
async function refused(procedure: ProcedureName, input: unknown, code: IpcErrorCode) {
  const before = storeCounts(app);
  const failure = await app.fail(procedure, input);
  expect(failure.code, JSON.stringify(failure)).toBe(code);
  expect(storeCounts(app), `${procedure} refused with ${code} but wrote`).toEqual(before);
  return failure;
}

function lastOutboxRow() {
  const { db } = app.services.session.requireUnlocked();
  return db
    .prepare(
      `SELECT entity, entity_id AS entityId, op, base_revision AS baseRevision, payload_json AS payload,
         changed_fields_json AS changedFields, state FROM outbox ORDER BY mutation_id DESC LIMIT 1`,
    )
    .get() as {
    entity: string;
    entityId: string;
    op: string;
    baseRevision: number;
    payload: string;
    changedFields: string | null;
    state: string;
  };
}

async function freshDraft(): Promise<Draft> {
  return (await app.ok('newIntakeDraft')) as Draft;
}

/** The laptop's calendar date, as main prefills a new record's date. */
function localToday(): string {
  const at = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** newIntakeDraft, with the dates it could have prefilled (two only across a midnight). */
async function newDraftOn(): Promise<{ draft: Draft; today: string[] }> {
  const before = localToday();
  const draft = await freshDraft();
  return { draft, today: [...new Set([before, localToday()])] };
}

beforeAll(async () => {
  app = await startDispatchedApp({ prefix: 'records' });
  passphrase = goodPassphrase('records');
  const { user } = await setUpFirstPerson(app, { name: 'Amina Hadžić', passphrase });
  person = { id: user.id, name: user.name };
});

afterAll(async () => {
  await app.close();
});

describe('record procedures through the dispatcher', () => {
  it('starts with the audit entries of set-up and one outbox row: the person created at set-up', () => {
    expect(storeCounts(app)).toMatchObject({
      intakes: 0,
      audit: setUpEntries,
      outbox: 1,
      locations: 0,
    });
  });

  it('saves locations (a road border crossing in Serbia, a station, a collection point)', async () => {
    const saved = await change('saveLocation', border);
    expect(saved).toEqual(border);
    expect(lastOutboxRow()).toMatchObject({
      entity: 'location',
      entityId: border.id,
      op: 'create',
      state: 'pending',
    });
    await change('saveLocation', station);
    await change('saveLocation', collectionPoint);
    // Saving again updates, it does not duplicate.
    await change('saveLocation', { ...station, name: 'Policijska stanica Novi Sad' });
    station.name = 'Policijska stanica Novi Sad';
    expect(lastOutboxRow()).toMatchObject({ op: 'update', entityId: station.id });
    const listed = await app.ok('listLocations');
    expect(listed.map((location) => location.name)).toEqual([
      'Granični prelaz Horgoš',
      'Mobilni punkt Kraljevo',
      'Policijska stanica Novi Sad',
    ]);
    expect(listed.find((location) => location.id === border.id)).toEqual(border);
  });

  it('newIntakeDraft hands out a fresh v7 id, dated today and recorded by the person, and stores nothing', async () => {
    const before = storeCounts(app);
    const { draft: first, today } = await newDraftOn();
    const second = await app.ok('newIntakeDraft');
    expect(first.id).toMatch(v7Pattern);
    expect(first.id.charAt(14)).toBe('7'); // the version nibble
    expect(second.id).toMatch(v7Pattern);
    expect(second.id).not.toBe(first.id);
    // Prefilled: the laptop's date today, and (their first record) the person as its officer;
    // no agency until a record of theirs names one.
    expect(today).toContain(first.occurredAt);
    expect(first).toEqual({
      id: first.id,
      status: 'draft',
      revision: 0,
      occurredAt: first.occurredAt,
      recordingOfficer: 'Amina Hadžić',
      weapons: [],
      parts: [],
      ammunition: [],
      explosives: [],
      photos: [],
    });
    expect(storeCounts(app)).toEqual(before);
    expect(await app.ok('listIntakes', {})).toEqual({ items: [], total: 0 });
    await refused('getIntake', { id: first.id }, 'NOT_FOUND');
  });

  it('saves a half-filled draft as revision 1, created by the signed-in person', async () => {
    const draft: Draft = {
      ...(await freshDraft()),
      context: 'seized',
      occurredAt: '2024-06-14',
      occurredTime: '03:40',
      locationId: border.id,
      recordingAgency: '  Uprava granične policije  ',
      seizure: { seizingAgencyType: 'border_police', detectionMethod: 'xray_scanner' },
      weapons: [
        {
          id: weaponIds[0],
          weaponType: 'assault_rifle',
          serialNumber: 'AK-47 123456',
          markings: [],
          photos: [],
        },
      ],
    };
    seizureId.value = draft.id;
    const view = await change('saveIntakeDraft', { draft, expectedRevision: null });
    expect(view).toMatchObject({
      revision: 1,
      status: 'draft',
      createdBy: person,
      updatedBy: person,
      finalisedAt: null,
      finalisedBy: null,
    });
    expect(view.event).toMatchObject({ id: draft.id, status: 'draft', revision: 1 });
    // Free text is trimmed; the serial is kept exactly as read, next to its search form.
    expect(view.event.recordingAgency).toBe('Uprava granične policije');
    expect(view.event.weapons[0]).toMatchObject({
      serialNumber: 'AK-47 123456',
      serialNumberNormalised: 'AK47123456',
    });
    expect(view.createdAt).toBe(view.updatedAt);
    expect(lastOutboxRow()).toMatchObject({
      entity: 'intake_event',
      entityId: draft.id,
      op: 'create',
      baseRevision: 0,
    });
    expect(storeCounts(app)).toMatchObject({ intakes: 1, weapons: 1 });
  });

  it('saves again on revision 1 and moves to revision 2', async () => {
    const current = await app.ok('getIntake', { id: seizureId.value });
    const view = await change('saveIntakeDraft', {
      draft: {
        ...(current.event as Draft),
        agencyCaseRef: 'KT-1234/24',
        notes: 'Two weapons in a compartment behind the driver cab.',
      },
      expectedRevision: 1,
    });
    expect(view.revision).toBe(2);
    expect(view.event.revision).toBe(2);
    expect(view.status).toBe('draft');
    expect(view.createdBy).toEqual(person);
    // Never sent yet: the save folds into the waiting create, which now carries this state.
    expect(lastOutboxRow()).toMatchObject({ op: 'create', baseRevision: 0, changedFields: null });
    expect(JSON.parse(lastOutboxRow().payload)).toMatchObject({
      agencyCaseRef: 'KT-1234/24',
      revision: 2,
    });
  });

  it('refuses a stale save (based on revision 1) with CONFLICT and changes nothing', async () => {
    const current = await app.ok('getIntake', { id: seizureId.value });
    const failure = await refused(
      'saveIntakeDraft',
      {
        draft: { ...(current.event as Draft), notes: 'Overwritten by a second window' },
        expectedRevision: 1,
      },
      'CONFLICT',
    );
    expect(failure.message).toMatch(/changed in the meantime/);
    const after = await app.ok('getIntake', { id: seizureId.value });
    expect(after.revision).toBe(2);
    expect(after.event.notes).toBe('Two weapons in a compartment behind the driver cab.');
    expect(after).toEqual(current);
    // A record that was never saved cannot be "expected" at a revision.
    await refused(
      'saveIntakeDraft',
      { draft: await freshDraft(), expectedRevision: 3 },
      'NOT_FOUND',
    );
  });

  it('refuses a draft that names an unknown location, at path locationId', async () => {
    const failure = await refused(
      'saveIntakeDraft',
      { draft: { ...(await freshDraft()), locationId: randomUUID() }, expectedRevision: null },
      'VALIDATION_ERROR',
    );
    expect(failure.issues).toEqual([
      { path: 'locationId', message: 'invalidOption', code: 'custom' },
    ]);
    // Also on a saved record: the refused save leaves it at its revision.
    const current = await app.ok('getIntake', { id: seizureId.value });
    await refused(
      'saveIntakeDraft',
      { draft: { ...(current.event as Draft), locationId: randomUUID() }, expectedRevision: 2 },
      'VALIDATION_ERROR',
    );
    expect((await app.ok('getIntake', { id: seizureId.value })).revision).toBe(2);
  });

  it('refuses a draft whose weapon photo was never added, at weapons.0.photos.0', async () => {
    const failure = await refused(
      'saveIntakeDraft',
      {
        draft: {
          ...(await freshDraft()),
          weapons: [
            {
              id: randomUUID(),
              markings: [],
              photos: [
                { sha256: 'ab'.repeat(32), mime: 'image/png', size: 120, kind: 'whole_weapon' },
              ],
            },
          ],
        },
        expectedRevision: null,
      },
      'VALIDATION_ERROR',
    );
    expect(failure.issues).toEqual([
      { path: 'weapons.0.photos.0', message: 'photoNotAttached', code: 'custom' },
    ]);
  });

  it('refuses a draft whose ammunition lot points at a photo never added, at its path', async () => {
    const failure = await refused(
      'saveIntakeDraft',
      {
        draft: {
          ...(await freshDraft()),
          ammunition: [
            {
              id: randomUUID(),
              quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 },
              photos: [
                { sha256: 'cd'.repeat(32), mime: 'image/png', size: 120, kind: 'packaging' },
              ],
            },
          ],
        },
        expectedRevision: null,
      },
      'VALIDATION_ERROR',
    );
    expect(failure.issues).toEqual([
      { path: 'ammunition.0.photos.0', message: 'photoNotAttached', code: 'custom' },
    ]);
  });

  it('refuses to finalise the incomplete draft, listing every missing field by path', async () => {
    const failure = await refused(
      'finaliseIntake',
      { id: seizureId.value, expectedRevision: 2 },
      'VALIDATION_ERROR',
    );
    expect(failure.message).toMatch(/not complete/);
    const issues = failure.issues ?? [];
    const pairs = issues.map((issue) => `${issue.path} ${issue.message}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        'seizure.legalJustification required',
        // A road border crossing: direction and conveyance are required there (A5).
        'seizure.direction required',
        'seizure.conveyance required',
        'weapons.0.photos photoRequired',
        'weapons.0.category required',
        'weapons.0.manufacturer required',
        'weapons.0.model required',
        'weapons.0.calibre required',
        'weapons.0.serialStatus required',
        'weapons.0.markingCondition required',
        'weapons.0.traceStatus required',
      ]),
    );
    // Filled-in fields are not reported (the officer was prefilled with the person's name).
    expect(pairs.some((pair) => pair.startsWith('recordingOfficer'))).toBe(false);
    expect(pairs.some((pair) => pair.startsWith('recordingAgency'))).toBe(false);
    expect(pairs.some((pair) => pair.startsWith('occurredAt'))).toBe(false);
    expect(pairs.some((pair) => pair.startsWith('locationId'))).toBe(false);
    // Issues carry keys and paths only, never the values typed.
    expect(JSON.stringify(failure)).not.toContain('AK-47');

    const after = await app.ok('getIntake', { id: seizureId.value });
    expect(after).toMatchObject({ status: 'draft', revision: 2, finalisedAt: null });

    await refused('finaliseIntake', { id: seizureId.value, expectedRevision: 1 }, 'CONFLICT');
    await refused('finaliseIntake', { id: randomUUID(), expectedRevision: 0 }, 'NOT_FOUND');
  });

  it('adds photos: real PNGs stored once each, encrypted, and read back byte for byte', async () => {
    const kinds = ['whole_weapon', 'marking', 'whole_weapon', 'marking'] as const;
    for (const [index, png] of pngs.entries()) {
      const ref = await change('addPhoto', {
        dataBase64: png.toString('base64'),
        kind: kinds[index] ?? 'other',
        caption: `Photo ${index + 1}`,
      });
      expect(ref).toMatchObject({ mime: 'image/png', size: png.byteLength, kind: kinds[index] });
      expect(ref.sha256).toMatch(/^[0-9a-f]{64}$/);
      photos.push(ref);
    }
    expect(new Set(photos.map((photo) => photo.sha256)).size).toBe(4);
    expect(lastOutboxRow()).toMatchObject({ entity: 'attachment', op: 'create' });

    // The same photo again: same digest, no second row, no second file, no new change.
    const before = storeCounts(app);
    const again = await app.ok('addPhoto', {
      dataBase64: pngs[0]?.toString('base64') ?? '',
      kind: 'whole_weapon',
      caption: 'The same photo, picked twice',
    });
    expect(again.sha256).toBe(photos[0]?.sha256);
    expect(storeCounts(app)).toEqual(before);
    const blobs = await readdir(path.join(app.dir, 'blobs'));
    expect(blobs.sort()).toEqual(photos.map((photo) => `${photo.sha256}.bin`).sort());

    for (const [index, photo] of photos.entries()) {
      const read = await app.ok('getPhoto', { sha256: photo.sha256 });
      expect(read.mime).toBe('image/png');
      expect(Buffer.from(read.dataBase64, 'base64').equals(pngs[index] ?? Buffer.alloc(0))).toBe(
        true,
      );
    }
    await refused('getPhoto', { sha256: 'cd'.repeat(32) }, 'NOT_FOUND');
  });

  it("says a photo of another laptop's record is still on the server (PHOTO_NOT_DOWNLOADED)", async () => {
    const { db } = app.services.session.requireUnlocked();
    const sha256 = 'ab'.repeat(32);
    // What a pull leaves for a photo whose bytes have not been downloaded yet.
    db.prepare(
      `INSERT INTO attachments (sha256, mime, size, created_at, created_by, server_rev, upload_state)
       VALUES (?, 'image/jpeg', 1234, ?, ?, 3, 'remote')`,
    ).run(sha256, new Date().toISOString(), person.id);
    const failure = await refused('getPhoto', { sha256 }, 'PHOTO_NOT_DOWNLOADED');
    expect(failure.message).toBe(
      'This photo is still on the server; it arrives with the next sync.',
    );
    db.prepare('DELETE FROM attachments WHERE sha256 = ?').run(sha256);
  });

  it('refuses a text file disguised as a photo (unsupportedImageType) and stores nothing', async () => {
    const blobsBefore = await readdir(path.join(app.dir, 'blobs'));
    const failure = await refused(
      'addPhoto',
      {
        dataBase64: Buffer.from(
          'Zapisnik o oduzimanju.\nThis is a text file, not a photo.\n',
        ).toString('base64'),
        kind: 'whole_weapon',
      },
      'VALIDATION_ERROR',
    );
    expect(failure.issues).toEqual([
      { path: 'dataBase64', message: 'unsupportedImageType', code: 'custom' },
    ]);
    // An SVG (which can carry script) is not a photo either, whatever the renderer calls it.
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const svgFailure = await refused(
      'addPhoto',
      { dataBase64: svg.toString('base64'), kind: 'marking' },
      'VALIDATION_ERROR',
    );
    expect(svgFailure.issues?.[0]?.message).toBe('unsupportedImageType');
    expect(await readdir(path.join(app.dir, 'blobs'))).toEqual(blobsBefore);
  });

  it('completes the seizure (two weapons, markings, photos) and finalises it', async () => {
    const [p1, p2, p3, p4] = photos;
    if (p1 === undefined || p2 === undefined || p3 === undefined || p4 === undefined)
      throw new Error('photos missing');
    const current = await app.ok('getIntake', { id: seizureId.value });
    const complete: Draft = {
      ...(current.event as Draft),
      recordingOfficer: 'Marko Petrović',
      seizure: {
        seizingAgencyType: 'border_police',
        legalJustification: 'illicit_trafficking',
        offenceType: 'Nedozvoljena trgovina oružjem',
        detectionMethod: 'xray_scanner',
        direction: 'entry',
        conveyance: 'truck',
        concealment: 'hidden_compartment',
        routeDepartureCountry: 'HU',
        routeTransitCountries: ['RS'],
        routeDestinationCountry: 'BA',
        personsInvolved: [{ nationality: 'BA', sex: 'male', ageBand: '35_49' }],
        iarmsChecked: true,
        iarmsHit: false,
      },
      weapons: [
        {
          id: weaponIds[0],
          category: 'small_arm',
          weaponType: 'assault_rifle',
          manufacturer: 'Zastava Arms',
          model: 'M70AB2',
          calibre: '7.62x39mm',
          calibreNormalised: '7.62x39mm',
          serialNumber: 'AK-47 123456',
          serialStatus: 'present',
          serialLocation: 'frame_receiver',
          countryOfManufacture: 'RS',
          yearOfManufacture: 1985,
          markingCondition: 'intact',
          actionType: 'automatic',
          condition: 'serviceable',
          lifecycleStatus: 'evidence_hold',
          traceStatus: 'national_check_done',
          markings: [
            {
              id: markingIds[0],
              component: 'frame_receiver',
              markingKind: 'manufacturer',
              textAsRead: 'ZASTAVA KRAGUJEVAC',
              legibility: 'legible',
              photoSha256: p2.sha256,
            },
          ],
          photos: [p1, p2],
        },
        {
          id: weaponIds[1],
          category: 'small_arm',
          weaponType: 'self_loading_pistol',
          manufacturer: 'Zastava Arms',
          model: 'CZ 99',
          calibre: '9x19mm',
          serialNumber: 'CZ99-0417',
          serialStatus: 'present',
          serialLocation: 'slide',
          markingCondition: 'partially_legible',
          lifecycleStatus: 'evidence_hold',
          traceStatus: 'not_attempted',
          markings: [
            {
              id: markingIds[1],
              component: 'slide',
              markingKind: 'import_mark',
              textAsRead: 'IMP. BIH 2003',
              legibility: 'partially_legible',
              photoSha256: p4.sha256,
            },
          ],
          photos: [p3, p4],
        },
      ],
    };
    const saved = await change('saveIntakeDraft', { draft: complete, expectedRevision: 2 });
    expect(saved).toMatchObject({ revision: 3, status: 'draft' });
    expect(storeCounts(app)).toMatchObject({ intakes: 1, weapons: 2, markings: 2 });

    const final = await change('finaliseIntake', { id: seizureId.value, expectedRevision: 3 });
    expect(final).toMatchObject({
      status: 'final',
      revision: 4,
      createdBy: person,
      updatedBy: person,
      finalisedBy: person,
    });
    expect(final.finalisedAt).not.toBeNull();
    expect(final.event).toMatchObject({ status: 'final', revision: 4 });
    const finalWeapons = final.event.weapons as Array<{ uniquelyIdentifiable?: boolean }>;
    expect(finalWeapons.map((weapon) => weapon.uniquelyIdentifiable)).toEqual([true, true]);
    expect(lastOutboxRow()).toMatchObject({
      entity: 'intake_event',
      entityId: seizureId.value,
      op: 'finalise',
      baseRevision: 0,
    });
    expect(JSON.parse(lastOutboxRow().payload)).toMatchObject({ status: 'final', revision: 4 });
  });

  it('refuses to edit or finalise the final record again (RECORD_FINAL)', async () => {
    const current = await app.ok('getIntake', { id: seizureId.value });
    const edit = await refused(
      'saveIntakeDraft',
      {
        draft: { ...(current.event as Draft), status: 'draft', notes: 'A quiet correction' },
        expectedRevision: 4,
      },
      'RECORD_FINAL',
    );
    expect(edit.message).toMatch(/final/);
    // Even a "draft" based on an old revision hits RECORD_FINAL, not CONFLICT.
    await refused(
      'saveIntakeDraft',
      { draft: { ...(current.event as Draft), status: 'draft' }, expectedRevision: 2 },
      'RECORD_FINAL',
    );
    await refused('finaliseIntake', { id: seizureId.value, expectedRevision: 4 }, 'RECORD_FINAL');
    expect(await app.ok('getIntake', { id: seizureId.value })).toEqual(current);
  });

  it('getIntake totals the weapons (2 pieces) and nothing else', async () => {
    const view = await app.ok('getIntake', { id: seizureId.value });
    expect(view.totals).toEqual({
      weapons: { kind: 'weapons', unit: 'pieces', amount: 2 },
      parts: { kind: 'parts', unit: 'pieces', amount: 0 },
      ammunition: [],
      explosives: [],
    });
  });

  it('adds a surrender, a found item and an undated draft for the list filters', async () => {
    await change('saveIntakeDraft', {
      draft: {
        ...(await freshDraft()),
        id: others.surrender,
        context: 'surrendered',
        occurredAt: '2024-03-01',
        locationId: collectionPoint.id,
        collection: {
          collectionMethod: 'mobile_team',
          surrenderingPartyType: 'household',
          anonymous: true,
          campaignBased: false,
          dispositionRequested: 'surrender_for_destruction',
        },
        weapons: [
          {
            id: randomUUID(),
            weaponType: 'rifle_carbine',
            serialNumber: 'M48 77812',
            markings: [],
            photos: [],
          },
        ],
      },
      expectedRevision: null,
    });
    await change('saveIntakeDraft', {
      draft: {
        ...(await freshDraft()),
        id: others.found,
        context: 'found',
        occurredAt: '2024-06-15',
        locationId: station.id,
      },
      expectedRevision: null,
    });
    // The person clears the date a new record starts with.
    const { occurredAt: _prefilled, ...undated } = await freshDraft();
    others.undated = undated.id;
    await change('saveIntakeDraft', { draft: undated, expectedRevision: null });
    expect((await app.ok('listIntakes', {})).total).toBe(4);
  });

  it('listIntakes filters by context, status, date range (inclusive) and location', async () => {
    const ids = async (filter: ProcedureInput<'listIntakes'>) => {
      const { items, total } = await app.ok('listIntakes', filter);
      expect(total).toBe(items.length);
      return items.map((item) => item.id);
    };
    expect(await ids({ context: 'seized' })).toEqual([seizureId.value]);
    expect(await ids({ context: 'surrendered' })).toEqual([others.surrender]);
    expect(await ids({ context: 'found' })).toEqual([others.found]);
    expect(await ids({ status: 'final' })).toEqual([seizureId.value]);
    expect((await ids({ status: 'draft' })).sort()).toEqual(
      [others.surrender, others.found, others.undated].sort(),
    );
    expect(await ids({ from: '2024-06-14', to: '2024-06-14' })).toEqual([seizureId.value]);
    expect(await ids({ from: '2024-03-01', to: '2024-06-14' })).toEqual([
      seizureId.value,
      others.surrender,
    ]);
    expect(await ids({ from: '2024-06-15' })).toEqual([others.found]);
    expect(await ids({ to: '2024-02-29' })).toEqual([]);
    expect(await ids({ locationId: border.id })).toEqual([seizureId.value]);
    expect(await ids({ locationId: collectionPoint.id })).toEqual([others.surrender]);
    expect(await ids({ locationId: randomUUID() })).toEqual([]);
    expect(await ids({ context: 'seized', status: 'draft' })).toEqual([]);

    const { items } = await app.ok('listIntakes', { context: 'seized' });
    const { db } = app.services.session.requireUnlocked();
    expect(items[0]).toEqual({
      id: seizureId.value,
      // The first record this laptop saved.
      recordNumber: `${recordNumberPrefix(db)}-00001`,
      status: 'final',
      context: 'seized',
      occurredAt: '2024-06-14',
      locationName: 'Granični prelaz Horgoš',
      weaponCount: 2,
      entryCounts: { weapon: 2, part: 0, ammunition: 0, explosive: 0 },
      serials: ['AK-47 123456', 'CZ99-0417'],
      updatedAt: expect.any(String) as unknown,
      updatedByName: 'Amina Hadžić',
      revision: 4,
      syncState: 'waiting',
      // Never synced, so never reviewed (a review judges a revision the server issued).
      reviewStanding: 'not_reviewed',
    });
    const undated = (await app.ok('listIntakes', { status: 'draft' })).items.find(
      (item) => item.id === others.undated,
    );
    expect(undated).toMatchObject({ context: null, occurredAt: null, locationName: null });
  });

  it('listIntakes pages newest first, with the total of all matches', async () => {
    // The undated draft sorts by its last change (today), then by date of occurrence.
    const order = [others.undated, others.found, seizureId.value, others.surrender];
    const all = await app.ok('listIntakes', {});
    expect(all.items.map((item) => item.id)).toEqual(order);
    const page1 = await app.ok('listIntakes', { limit: 2, offset: 0 });
    const page2 = await app.ok('listIntakes', { limit: 2, offset: 2 });
    const page3 = await app.ok('listIntakes', { limit: 2, offset: 4 });
    expect(page1.total).toBe(4);
    expect(page2.total).toBe(4);
    expect(page3).toEqual({ items: [], total: 4 });
    expect([...page1.items, ...page2.items].map((item) => item.id)).toEqual(order);
    const one = await app.ok('listIntakes', { limit: 1, offset: 1, status: 'draft' });
    expect(one.total).toBe(3);
    expect(one.items.map((item) => item.id)).toEqual([others.found]);
  });

  it('finds the record by a serial typed differently (case, spaces, dashes, Cyrillic look-alikes)', async () => {
    const found = async (serial: string) => {
      const { items, total } = await app.ok('listIntakes', { serial });
      expect(total, `search ${JSON.stringify(serial)}`).toBe(items.length);
      return items.map((item) => item.id);
    };
    for (const typed of [
      'AK-47 123456',
      'ak47123456',
      'AK 47 123 456',
      'ak-47-123-456',
      'АК-47 123456', // Cyrillic А and К
      'ак47123456', // Cyrillic, lower case
      'AK—47/123456', // em dash and a slash
      '47 1234', // a fragment
      'cz 99 0417',
      'СZ99-0417', // Cyrillic С
    ]) {
      expect(await found(typed), `search ${typed}`).toEqual([seizureId.value]);
    }
    // Marking text as read, not only serials.
    expect(await found('zastava kragujevac')).toEqual([seizureId.value]);
    expect(await found('imp bih')).toEqual([seizureId.value]);
    // A draft's serial is searchable too.
    expect(await found('m48-77812')).toEqual([others.surrender]);
    // No match, and LIKE wildcards are literal characters, not "anything".
    expect(await found('AK47999999')).toEqual([]);
    expect(await found('%')).toEqual([]);
    expect(await found('A%6')).toEqual([]);
    // Combined with another filter.
    expect((await app.ok('listIntakes', { serial: 'ak47', status: 'draft' })).items).toEqual([]);
  });

  it('records who changed a record when another person saves it', async () => {
    const added = await change('addPerson', {
      name: 'Marko Petrović',
      role: 'field_officer',
      passphrase: marko.passphrase,
    });
    marko.id = added.id;
    await app.ok('lock');
    await app.ok('unlock', { userId: marko.id, passphrase: marko.passphrase });
    const current = await app.ok('getIntake', { id: others.surrender });
    // Started from Amina's last record (the seizure Marko recorded): his name is on it already.
    expect(current.event.recordingOfficer).toBe('Marko Petrović');
    const view = await change('saveIntakeDraft', {
      draft: { ...(current.event as Draft), recordingAgency: 'PU Kraljevo' },
      expectedRevision: 1,
    });
    expect(view.createdBy).toEqual(person);
    expect(view.updatedBy).toEqual({ id: marko.id, name: 'Marko Petrović' });
    const history = await app.ok('getIntakeHistory', { id: others.surrender });
    expect(history.map((entry) => [entry.action, entry.userName])).toEqual([
      ['intake.draft_created', 'Amina Hadžić'],
      ['intake.draft_saved', 'Marko Petrović'],
    ]);
    expect(history[1]?.changedFields).toEqual(['recordingAgency']);
    await app.ok('lock');
    await app.ok('unlock', { userId: person.id, passphrase });
  });

  it('getIntakeHistory lists created, saved… and finalised in order, by whom and what changed', async () => {
    const history = await app.ok('getIntakeHistory', { id: seizureId.value });
    expect(history.map((entry) => entry.action)).toEqual([
      'intake.draft_created',
      'intake.draft_saved',
      'intake.draft_saved',
      'intake.finalised',
    ]);
    expect(history.every((entry) => entry.userName === 'Amina Hadžić')).toBe(true);
    const seqs = history.map((entry) => entry.seq ?? 0);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(4);
    const times = history.map((entry) => entry.at);
    expect([...times].sort()).toEqual(times);
    expect(history[0]?.changedFields).toEqual([
      'ammunition',
      'context',
      'explosives',
      'id',
      'locationId',
      'occurredAt',
      'occurredTime',
      'parts',
      'photos',
      // Given by main at the first save.
      'recordNumber',
      'recordingAgency',
      // Prefilled with the person's name.
      'recordingOfficer',
      'seizure',
      'status',
      'weapons',
    ]);
    expect(history[1]?.changedFields).toEqual(['agencyCaseRef', 'notes']);
    expect(history[2]?.changedFields).toEqual(['recordingOfficer', 'seizure', 'weapons']);
    expect(history[3]?.changedFields).toContain('status');
    await refused('getIntakeHistory', { id: randomUUID() }, 'NOT_FOUND');
  });

  it('verifyAuditLog walks an intact chain holding every change made', async () => {
    const result = await app.ok('verifyAuditLog');
    // Set-up wrote its entries; every change since wrote exactly one more.
    expect(result).toEqual({ ok: true, entries: setUpEntries + changes });
    expect(storeCounts(app)).toMatchObject({ audit: setUpEntries + changes });
    const { db } = app.services.session.requireUnlocked();
    // Every change is in the outbox: the newest row of each record holds its saved state
    // (saves of a record with nothing queued in between share one row).
    const notQueued = db
      .prepare(
        `SELECT e.id FROM intake_events e WHERE e.data_json IS NOT (SELECT o.payload_json
           FROM outbox o WHERE o.entity_id = e.id ORDER BY o.mutation_id DESC LIMIT 1)`,
      )
      .all();
    expect(notQueued).toEqual([]);
    const perEntity = db
      .prepare('SELECT entity, count(*) AS n FROM outbox GROUP BY entity ORDER BY entity')
      .all();
    expect(perEntity).toEqual([
      { entity: 'attachment', n: 4 },
      // Eight saves of records; the seizure's second save folded into its create.
      { entity: 'intake_event', n: 7 },
      { entity: 'location', n: 4 },
      { entity: 'user', n: 2 },
    ]);
  });

  it('answers LOCKED to every record procedure while locked, and writes nothing', async () => {
    const before = storeCounts(app);
    await app.ok('lock');
    const valid: { [N in ProcedureName]?: ProcedureInput<N> } = {
      listLocations: undefined,
      saveLocation: { ...border, name: 'Changed while locked' },
      newIntakeDraft: undefined,
      saveIntakeDraft: {
        draft: {
          id: randomUUID(),
          status: 'draft',
          revision: 0,
        },
        expectedRevision: null,
      },
      finaliseIntake: { id: others.found, expectedRevision: 1 },
      getIntake: { id: seizureId.value },
      listIntakes: {},
      getIntakeHistory: { id: seizureId.value },
      addPhoto: { dataBase64: pngs[0]?.toString('base64') ?? '', kind: 'whole_weapon' },
      getPhoto: { sha256: photos[0]?.sha256 ?? '' },
      verifyAuditLog: undefined,
    };
    const names = Object.keys(valid) as ProcedureName[];
    expect(names).toHaveLength(11);
    for (const name of names) {
      const failure = await app.fail(name, valid[name]);
      expect(failure.code, name).toBe('LOCKED');
      expect(failure.message).toMatch(/locked/i);
    }
    await app.ok('unlock', { userId: person.id, passphrase });
    expect(storeCounts(app)).toEqual(before);
    expect(await app.ok('verifyAuditLog')).toEqual({ ok: true, entries: setUpEntries + changes });
  });

  it("starts a new record with the agency and officer of the person's last record; another person's first with their own name only", async () => {
    // Amina records a found weapon for another agency, with a colleague as the officer.
    await change('saveIntakeDraft', {
      draft: {
        ...(await freshDraft()),
        context: 'found',
        occurredAt: '2024-07-02',
        locationId: station.id,
        recordingAgency: 'PU Novi Sad',
        recordingOfficer: 'Jelena Marković',
      },
      expectedRevision: null,
    });
    const before = storeCounts(app);
    const { draft: next, today } = await newDraftOn();
    expect(today).toContain(next.occurredAt);
    expect(next).toEqual({
      id: next.id,
      status: 'draft',
      revision: 0,
      occurredAt: next.occurredAt,
      recordingAgency: 'PU Novi Sad',
      recordingOfficer: 'Jelena Marković',
      weapons: [],
      parts: [],
      ammunition: [],
      explosives: [],
      photos: [],
    });

    // Marko has only edited a record of Amina's: his first record carries his name, and none of
    // Amina's agency or officer.
    await app.ok('lock');
    await app.ok('unlock', { userId: marko.id, passphrase: marko.passphrase });
    const { draft: his, today: hisToday } = await newDraftOn();
    expect(hisToday).toContain(his.occurredAt);
    expect(his).toEqual({
      id: his.id,
      status: 'draft',
      revision: 0,
      occurredAt: his.occurredAt,
      recordingOfficer: 'Marko Petrović',
      weapons: [],
      parts: [],
      ammunition: [],
      explosives: [],
      photos: [],
    });
    // Handing out drafts stores nothing.
    expect(storeCounts(app)).toEqual(before);
    await app.ok('lock');
    await app.ok('unlock', { userId: person.id, passphrase });
  });
});
