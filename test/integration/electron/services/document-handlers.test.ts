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
