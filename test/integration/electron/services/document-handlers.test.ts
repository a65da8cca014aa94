import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureInput, ProcedureOutput } from '../../../../shared/ipc/contract.ts';
import {
  goodPassphrase,
  setUpFirstPerson,
  startDispatchedApp,
  storeCounts,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import {
  recordFinalSurrender,
  surrenderLot,
  surrenderSerials,
} from '../../../support/final-intake.ts';
import { pdfText } from '../../../support/pdf-text.ts';
import { writeTraceRequest } from '../../../../electron/store/trace-requests-repository.ts';
import { TraceRequestSchema, type TraceRequest } from '../../../../shared/domain/trace-request.ts';

/**
 * The receipt as the record page asks for it: the renderer names a record, main reads it from its
 * own store, builds the PDF in the interface's language and hands it to the host's port (here the
 * preview's: the bytes come back for the page to download).
 */

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];

let app: DispatchedApp;
let final: ProcedureOutput<'finaliseIntake'>;
let person: { id: string; passphrase: string };

async function receipt(input: ProcedureInput<'makeIntakeReceipt'>) {
  const delivery = await app.ok('makeIntakeReceipt', input);
  if (delivery.kind !== 'download') throw new Error(`expected a download, got ${delivery.kind}`);
  const bytes = Buffer.from(delivery.dataBase64, 'base64');
  const { text } = await pdfText(bytes);
  return { delivery, bytes, text: text.replace(/\s+/g, ' ') };
}

beforeAll(async () => {
  app = await startDispatchedApp({ prefix: 'documents' });
  const passphrase = goodPassphrase('documents');
  const { user } = await setUpFirstPerson(app, { name: 'Amina Hadžić', passphrase });
  person = { id: user.id, passphrase };
  final = await recordFinalSurrender(app, 'Amina Hadžić');
});

afterAll(async () => {
  await app.close();
});

describe('makeIntakeReceipt', () => {
  it('makes the surrender receipt of a final record with every serial, lot and quantity', async () => {
    const before = storeCounts(app);
    const { delivery, bytes, text } = await receipt({ id: final.event.id });
    expect(delivery.fileName).toMatch(/^surrender-receipt-.+\.pdf$/);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    for (const expected of [
      'Surrender receipt',
      'Sabirno mesto Čačak',
      'PU Čačak',
      'Amina Hadžić',
      ...surrenderSerials,
      'BRL-5521',
      surrenderLot,
      '500 rounds',
      '2 pieces',
      'Signature',
    ]) {
      expect(text).toContain(expected);
    }
    // Photos only when asked; making a document changes nothing in the store.
    expect(text).not.toContain('Photos');
    expect(storeCounts(app)).toEqual(before);
  });

  it('prints the photos when asked', async () => {
    const without = await receipt({ id: final.event.id });
    const withPhotos = await receipt({ id: final.event.id, includePhotos: true });
    expect(withPhotos.text).toContain('Weapon 1, photo 1');
    expect(withPhotos.text).not.toContain('is not printed here');
    expect(withPhotos.bytes.length).toBeGreaterThan(without.bytes.length);
  });

  it('speaks the interface language: Serbian Latin with its letters', async () => {
    await app.ok('updateSettings', { language: 'sr-Latn' });
    const { text } = await receipt({ id: final.event.id });
    for (const expected of ['Potvrda o predaji', 'Službeno lice', '500 metaka', 'Potpis']) {
      expect(text).toContain(expected);
    }
    await app.ok('updateSettings', { language: 'en' });
  });

  it('speaks the language asked for, whatever the interface speaks, and no unknown one', async () => {
    const { text, delivery } = await receipt({ id: final.event.id, language: 'fr' });
    for (const expected of ['Récépissé de remise', '500 cartouches', 'Amina Hadžić']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Surrender receipt');
    // Asking is not setting: the next receipt nobody asked a language of is the screen's.
    const english = await receipt({ id: final.event.id });
    expect(english.text).toContain('Surrender receipt');
    // The French copy is named apart from the screen's: saved side by side, neither replaces the other.
    expect(english.delivery.fileName).toMatch(/^surrender-receipt-[\w-]+\.pdf$/);
    expect(delivery.fileName).toBe(english.delivery.fileName.replace(/\.pdf$/, '-fr.pdf'));
    // Asked for in the screen's own language, it is the screen's copy.
    const same = await receipt({ id: final.event.id, language: 'en' });
    expect(same.delivery.fileName).toBe(english.delivery.fileName);
    const refused = await app.fail('makeIntakeReceipt', { id: final.event.id, language: 'de' });
    expect(refused.code).toBe('VALIDATION_ERROR');
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'language' })]);
  });

  it('shows an amendment and its reason, and reads the record from the store, not the caller', async () => {
    const event = final.event as Draft;
    const amended = await app.ok('amendIntake', {
      draft: { ...event, status: 'draft', recordingOfficer: 'Marko Petrović' } as Draft,
      expectedRevision: final.revision,
      reason: 'Pogrešno ime službenog lica',
    });
    // Whatever else a forged call sends, only the id is taken.
    const forged = await app.call('makeIntakeReceipt', {
      id: final.event.id,
      event: { ...event, weapons: [] },
    });
    expect(forged.ok).toBe(true);
    const { text } = await receipt({ id: final.event.id });
    expect(text).toContain('Marko Petrović');
    expect(text).toContain('Pogrešno ime službenog lica');
    expect(text).toContain(`revision ${String(amended.revision)}`);
    for (const serial of surrenderSerials) expect(text).toContain(serial);
  });

  it('reports a find as found items, not as a seizure, in its title and file name', async () => {
    // A find handed in during a collection (A4/A5), with the surrender's place and items.
    const {
      id: _id,
      recordNumber: _number,
      status: _status,
      revision: _revision,
      ...rest
    } = final.event as Draft & { recordNumber?: string; revision?: number };
    const draft = (await app.ok('newIntakeDraft')) as Draft;
    const fresh = <T extends { id: string }>(items: readonly T[] | undefined) =>
      (items ?? []).map((item) => ({ ...item, id: randomUUID() }));
    const saved = await app.ok('saveIntakeDraft', {
      draft: {
        ...rest,
        id: draft.id,
        revision: draft.revision,
        status: 'draft',
        context: 'found',
        weapons: fresh(rest.weapons),
        parts: fresh(rest.parts),
        ammunition: fresh(rest.ammunition),
        explosives: fresh(rest.explosives),
      } as Draft,
      expectedRevision: null,
    });
    await app.ok('finaliseIntake', { id: draft.id, expectedRevision: saved.revision });
    const { delivery, text } = await receipt({ id: draft.id });
    expect(delivery.fileName).toMatch(/^found-items-report-.+\.pdf$/);
    expect(text).toContain('Found items report');
    expect(text).not.toContain('Seizure report');
    const serbian = await receipt({ id: draft.id, language: 'sr-Latn' });
    expect(serbian.text).toContain('Zapisnik o pronađenim predmetima');
  });

  it('refuses a draft, a record that does not exist, and answers LOCKED while locked', async () => {
    const draft = (await app.ok('newIntakeDraft')) as Draft;
    await app.ok('saveIntakeDraft', {
      draft: { ...draft, context: 'seized' },
      expectedRevision: null,
    });
    expect((await app.fail('makeIntakeReceipt', { id: draft.id })).code).toBe('VALIDATION_ERROR');
    expect((await app.fail('makeIntakeReceipt', { id: randomUUID() })).code).toBe('NOT_FOUND');
    expect((await app.fail('makeIntakeReceipt', { id: 'not an id' })).code).toBe(
      'VALIDATION_ERROR',
    );
    await app.ok('lock');
    expect((await app.fail('makeIntakeReceipt', { id: final.event.id })).code).toBe('LOCKED');
    await app.ok('unlock', { userId: person.id, passphrase: person.passphrase });
  });
});

describe('makeTraceRequestDocument', () => {
  const weaponOf = () => final.event.weapons[0]!;

  /** A request as the trace screen will save it, written straight into the real store. */
  function storeRequest(overrides: Record<string, unknown>): TraceRequest {
    const weapon = weaponOf();
    const request = TraceRequestSchema.parse({
      id: randomUUID(),
      itemId: weapon.id,
      intakeEventId: final.event.id,
      weapon: {
        ...weapon,
        markings: [
          {
            id: randomUUID(),
            component: 'barrel',
            markingKind: 'proof_mark',
            textAsRead: 'ZCZ 84',
            legibility: 'legible',
          },
        ],
      },
      requestingAgency: 'Uprava granične policije',
      caseReference: 'KU-2026/118',
      addresseeBasis: 'country_of_manufacture',
      addresseeCountry: 'RS',
      addresseeAuthority: 'NCB INTERPOL Beograd',
      channel: 'iarms',
      illicitNature: 'Predato bez dozvole; Zakon o oružju i municiji, čl. 31.',
      intendedUse: 'Utvrđivanje poslednjeg zakonitog vlasnika.',
      steps: [{ status: 'sent', on: '2026-10-01', note: 'Preko NCB Beograd.' }],
      ...overrides,
    });
    const { db } = app.services.session.requireUnlocked();
    db.transaction(() => writeTraceRequest(db, request, '2026-10-01T10:00:00Z', person.id, 1))();
    return request;
  }

  async function traceDocument(input: ProcedureInput<'makeTraceRequestDocument'>) {
    const delivery = await app.ok('makeTraceRequestDocument', input);
    if (delivery.kind !== 'download') throw new Error(`expected a download, got ${delivery.kind}`);
    const bytes = Buffer.from(delivery.dataBase64, 'base64');
    const { text } = await pdfText(bytes);
    return { delivery, bytes, text: text.replace(/\s+/g, ' ') };
  }

  it('prints a sent request read from the store: the serial, markings, addressee and steps', async () => {
    const request = storeRequest({});
    const before = storeCounts(app);
    const { delivery, bytes, text } = await traceDocument({ id: request.id });
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(delivery.fileName).toBe('trace-request-KU-2026-118.pdf');
    for (const expected of [
      'Firearm trace request',
      surrenderSerials[0],
      'ZCZ 84',
      'Serbia (RS)',
      'NCB INTERPOL Beograd',
      '1 Oct 2026 Sent Preko NCB Beograd.',
      'Zakon o oružju i municiji, čl. 31.',
      'Requesting officer',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('not sent');
    expect(text).not.toContain('Photos of the weapon');
    // Printing changes nothing in the store.
    expect(storeCounts(app)).toEqual(before);
  });

  it("prints the weapon's photos from the store when asked", async () => {
    const request = storeRequest({});
    const without = await traceDocument({ id: request.id });
    const withPhotos = await traceDocument({ id: request.id, includePhotos: true });
    expect(withPhotos.text).toContain('Photos of the weapon');
    expect(withPhotos.text).toContain('Photo 1 · Whole weapon · Levo');
    expect(withPhotos.text).not.toContain('is not printed here');
    expect(withPhotos.bytes.length).toBeGreaterThan(without.bytes.length);
  });

  it('marks a draft as not sent, in its name too, and speaks Serbian when the interface does', async () => {
    const draft = storeRequest({ steps: [], caseReference: undefined });
    await app.ok('updateSettings', { language: 'sr-Latn' });
    const { delivery, text } = await traceDocument({ id: draft.id });
    await app.ok('updateSettings', { language: 'en' });
    expect(delivery.fileName).toBe(`trace-request-${draft.id.slice(0, 8)}-draft.pdf`);
    for (const expected of [
      'Zahtev za praćenje vatrenog oružja',
      'Nacrt – nije poslat',
      'Srbija (RS)',
      surrenderSerials[0],
      'Potpis',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints in the language asked for from an English screen', async () => {
    const request = storeRequest({});
    const { text, delivery } = await traceDocument({ id: request.id, language: 'fr' });
    expect(delivery.fileName).toMatch(/^trace-request-[\w-]+-fr\.pdf$/);
    for (const expected of [
      "Demande de traçage d'arme à feu",
      'Serbie (RS)',
      surrenderSerials[0],
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Firearm trace request');
  });

  it('answers NOT_FOUND for a request that does not exist, and LOCKED while locked', async () => {
    const request = storeRequest({});
    const missing = await app.fail('makeTraceRequestDocument', { id: randomUUID() });
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toContain('trace request does not exist');
    expect((await app.fail('makeTraceRequestDocument', { id: 'not an id' })).code).toBe(
      'VALIDATION_ERROR',
    );
    await app.ok('lock');
    expect((await app.fail('makeTraceRequestDocument', { id: request.id })).code).toBe('LOCKED');
    await app.ok('unlock', { userId: person.id, passphrase: person.passphrase });
  });
});
