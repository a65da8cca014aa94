import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemRefKindOf } from '../../../../shared/custody/item-custody.ts';
import { certificateWords } from '../../../../shared/documents/destruction-certificate.ts';
import { documentLabels } from '../../../../shared/documents/document-labels.ts';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import type { Language } from '../../../../shared/settings/settings.ts';
import {
  goodPassphrase,
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { recordFinalSurrender, surrenderSerials } from '../../../support/final-intake.ts';
import { pdfText } from '../../../support/pdf-text.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

type Destruction = ProcedureInput<'recordDestruction'>['destruction'];
type Photo = NonNullable<Destruction['photos']>[number];

/**
 * The end of an item's life through the real dispatcher: a stock check that finds a weapon
 * missing, the loss recorded (with iARMS notified), the rest destroyed with two witnesses by a
 * destruction officer, the certificate listing every serial, and what is refused afterwards.
 */
describe('stock checks, incidents and destruction', () => {
  let app: DispatchedApp;
  let admin: { passphrase: string; user: { id: string } };
  let items: Array<{ id: string; kind: string; serialNumber: string | null }>;
  const store = {
    id: randomUUID(),
    locationType: 'storage_site' as const,
    name: 'Magacin MUP Kraljevo',
    jurisdiction: 'RS' as const,
  };
  let photo: Photo;
  let officer: { id: string; passphrase: string };
  /** The destruction sealed below, whose certificate is printed again in other languages. */
  let sealedId: string;

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'destruction' });
    admin = await setUpFirstPerson(app, { name: 'Ana Petrović' });
    const intake = await recordFinalSurrender(app, 'Marko Marković');
    await app.ok('saveLocation', store);
    items = await app.ok('pickItems', { intakeEventId: intake.event.id });
    photo = await app.ok('addPhoto', {
      dataBase64: tinyPng([90, 90, 90]).toString('base64'),
      kind: 'scene',
    });
    const signature = await app.ok('addPhoto', {
      dataBase64: tinyPng([0, 0, 0]).toString('base64'),
      kind: 'signature',
    });
    const at = '2024-03-05T09:30:00+01:00';
    await app.ok('recordCustodyTransfer', {
      transfer: {
        items: items.map((item) => ({
          kind: itemRefKindOf[item.kind as keyof typeof itemRefKindOf],
          id: item.id,
        })) as never,
        fromHolder: {
          name: 'Marko Marković',
          unit: 'PU Čačak',
          locationId: intake.event.locationId,
        },
        toHolder: { name: 'Jelena Ilić', unit: 'Magacin', locationId: store.id },
        transferredAt: at,
        purpose: 'to_storage',
        handoverSignature: { signedBy: 'Marko Marković', signedAt: at, image: signature },
        receiptSignature: { signedBy: 'Jelena Ilić', signedAt: at, image: signature },
      },
      passphrase: admin.passphrase,
    });
    const passphrase = goodPassphrase('destroyer');
    const person = await app.ok('addPerson', {
      name: 'Dragan Simić',
      role: 'destruction_officer',
      passphrase,
    });
    officer = { id: person.id, passphrase };
  });
  afterAll(async () => {
    await app?.close();
  });

  const pistol = () => items.find((item) => item.serialNumber === surrenderSerials[1])!;

  it('checks the stock against the records and records every discrepancy', async () => {
    const found = items
      .filter((item) => item.id !== pistol().id)
      .map((item) => ({
        itemId: item.id,
        amount: item.kind === 'ammunition' ? 480 : item.kind === 'explosive' ? 2 : 1,
      }));
    const { id } = await app.ok('recordStockCheck', {
      stockCheck: {
        siteLocationId: store.id,
        checkedAt: '2024-04-02T10:00:00+02:00',
        countedBy: 'Jelena Ilić',
        found,
        unlistedFinds: [{ description: 'An unmarked box of fuzes' }],
      },
      passphrase: admin.passphrase,
    });
    const view = await app.ok('getCustodyRecord', { id });
    expect(view.record.expected).toHaveLength(5);
    expect(view.record.discrepancies).toHaveLength(3);
    expect(view.record.discrepancies).toEqual(
      expect.arrayContaining([
        { kind: 'missing', itemId: pistol().id, expectedAmount: 1, foundAmount: 0 },
        {
          kind: 'count_differs',
          itemId: items.find((item) => item.kind === 'ammunition')!.id,
          expectedAmount: 500,
          foundAmount: 480,
        },
        { kind: 'not_on_record', description: 'An unmarked box of fuzes' },
      ]),
    );
    const timeline = (await app.ok('getItemCustody', { id: pistol().id })).timeline;
    expect(timeline.at(-1)).toMatchObject({
      type: 'stock_check',
      expectedAmount: 1,
      foundAmount: 0,
    });
  });

  it('records the missing weapon as lost, with iARMS notified: gone from the inventory', async () => {
    await app.ok('recordLossIncident', {
      incident: {
        incidentKind: 'theft',
        occurredAt: '2024-04-01T22:00:00+02:00',
        siteLocationId: store.id,
        items: [{ kind: 'weapon', id: pistol().id }],
        circumstances: 'The padlock of cage 3 was found cut during the stock check.',
        policeReference: 'KU 77/24',
        iarmsNotified: true,
        iarmsNotifiedOn: '2024-04-03',
      },
      passphrase: admin.passphrase,
    });
    expect((await app.ok('getItemCustody', { id: pistol().id })).status).toBe('lost_stolen');
    expect((await app.ok('getSiteInventory', { siteId: store.id })).total).toBe(4);
  });

  it('does not let a field officer or a custody-only role seal a destruction', async () => {
    const passphrase = goodPassphrase('custody');
    const custodian = await app.ok('addPerson', {
      name: 'Milan Kostić',
      role: 'custody_officer',
      passphrase,
    });
    await app.ok('lock');
    await app.ok('unlock', { userId: custodian.id, passphrase });
    const refused = await app.fail('recordDestruction', { destruction: destruction(), passphrase });
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('destruction_officer');
  });

  it('destroys the rest with two witnesses: destroyed, and the certificate lists every serial', async () => {
    await app.ok('lock');
    await app.ok('unlock', { userId: officer.id, passphrase: officer.passphrase });
    const { id } = await app.ok('recordDestruction', {
      destruction: destruction(),
      passphrase: officer.passphrase,
    });
    const rifle = items.find((item) => item.serialNumber === surrenderSerials[0])!;
    const custody = await app.ok('getItemCustody', { id: rifle.id });
    expect(custody.status).toBe('destroyed');
    // Dated by the day the record names, not the end-of-day moment it is ordered by.
    expect(custody.timeline.at(-1)).toMatchObject({ type: 'destruction', at: '2024-07-09' });
    expect((await app.ok('getSiteInventory', { siteId: store.id })).total).toBe(0);
    // The lot's amount at the site is written into the sealed record.
    const view = await app.ok('getCustodyRecord', { id });
    const lot = (view.record.items as Array<{ kind: string; quantity?: unknown }>).find(
      (ref) => ref.kind === 'ammunition_lot',
    );
    expect(lot?.quantity).toEqual({ kind: 'ammunition', unit: 'rounds', amount: 500 });

    const delivery = await app.ok('makeDestructionCertificate', { id });
    if (delivery.kind !== 'download') throw new Error(`expected a download, got ${delivery.kind}`);
    expect(delivery.fileName).toBe('destruction-certificate-UN-2024-0042.pdf');
    const { text } = await pdfText(Buffer.from(delivery.dataBase64, 'base64'));
    expect(text).toContain('Destruction certificate');
    expect(text).toContain('UN-2024-0042');
    expect(text).toContain(surrenderSerials[0]);
    expect(text).toContain('BRL-5521');
    expect(text).toContain('Witnesses');
    expect(text).toContain('Nadia Haddad');
    // Never summed across kinds: 1 weapon, 1 part, 500 rounds and 2 grenades stay apart.
    expect(text).toMatch(/Ammunition\s*1\s*500\s*rounds/);
    expect(text).toContain('Sealed');
    sealedId = id;
  });

  async function certificateText(
    input: ProcedureInput<'makeDestructionCertificate'>,
  ): Promise<string> {
    const delivery = await app.ok('makeDestructionCertificate', input);
    if (delivery.kind !== 'download') throw new Error(`expected a download, got ${delivery.kind}`);
    const { text } = await pdfText(Buffer.from(delivery.dataBase64, 'base64'));
    return text.replace(/\s+/g, ' ');
  }

  it('prints the certificate in Albanian and in Macedonian from an English screen', async () => {
    expect((await app.ok('getSettings')).language).toBe('en');
    const asked: ReadonlyArray<{ language: Language; title: string }> = [
      // What an Albanian and a Macedonian reader look for first: the title, in their words.
      { language: 'sq', title: 'Certifikatë asgjësimi' },
      { language: 'mk', title: 'Потврда за уништување' },
    ];
    for (const { language, title } of asked) {
      const words = certificateWords[language];
      const labels = documentLabels[language];
      const text = await certificateText({ id: sealedId, language });
      expect(text).toContain(title);
      for (const expected of [
        words.certificateNumber,
        words.witnesses,
        words.signatures,
        words.kind.weapon,
        labels.destructionMethod.cutting_mechanical,
        labels.weaponType.assault_rifle,
        // The facts stay as recorded, whatever the language.
        'UN-2024-0042',
        surrenderSerials[0],
        'Nadia Haddad',
      ]) {
        expect(text).toContain(expected);
      }
      for (const english of ['Destruction certificate', 'Witnesses', 'Assault rifle']) {
        expect(text).not.toContain(english);
      }
    }
    // The copy to sign before sealing takes a language too.
    const toSign = await certificateText({ destruction: destruction(), language: 'mk' });
    expect(toSign).toContain('Потврда за уништување');
    expect(toSign).toContain(certificateWords.mk.notSealed);
    // Asking changed nothing: the screen is English, and so is a certificate nobody asked a
    // language of.
    expect((await app.ok('getSettings')).language).toBe('en');
    expect(await certificateText({ id: sealedId })).toContain('Destruction certificate');
    // Each language's copy has a name of its own; the screen's keeps the plain one.
    const named = async (language?: Language) => {
      const delivery = await app.ok('makeDestructionCertificate', {
        id: sealedId,
        ...(language === undefined ? {} : { language }),
      });
      return delivery.kind === 'download' ? delivery.fileName : delivery.kind;
    };
    expect(await named()).toBe('destruction-certificate-UN-2024-0042.pdf');
    expect(await named('sq')).toBe('destruction-certificate-UN-2024-0042-sq.pdf');
    expect(await named('sr-Cyrl')).toBe('destruction-certificate-UN-2024-0042-sr-Cyrl.pdf');
  });

  it('refuses a language it does not know, naming it', async () => {
    for (const input of [
      { id: sealedId, language: 'de' },
      { destruction: destruction(), language: 'sr' },
    ]) {
      const refused = await app.fail('makeDestructionCertificate', input);
      expect(refused.code).toBe('VALIDATION_ERROR');
      expect(refused.issues).toEqual([expect.objectContaining({ path: 'language' })]);
    }
  });

  it('refuses to move or destroy again what is destroyed or stolen, naming it', async () => {
    const again = await app.fail('recordDestruction', {
      destruction: { ...destruction(), certificateNumber: 'UN-2024-0043' },
      passphrase: officer.passphrase,
    });
    expect(again.code).toBe('VALIDATION_ERROR');
    expect(again.message).toContain(`Weapon ${surrenderSerials[0]} is destroyed`);
    const stolen = await app.fail('recordDestruction', {
      destruction: {
        ...destruction(),
        items: [{ kind: 'weapon', id: pistol().id }],
        preDestructionVerification: {
          ...destruction().preDestructionVerification,
          itemsTicked: [pistol().id],
        },
        certificateNumber: 'X-1',
      },
      passphrase: officer.passphrase,
    });
    expect(stolen.message).toContain(`Weapon ${surrenderSerials[1]} is recorded lost or stolen`);
  });

  function destruction(): Destruction {
    const remaining = items.filter((item) => item.id !== pistol().id);
    return {
      destructionDate: '2024-07-09',
      siteLocationId: store.id,
      organisingAuthority: 'Ministarstvo unutrašnjih poslova',
      method: 'cutting_mechanical',
      items: remaining.map((item) => ({
        kind: itemRefKindOf[item.kind as keyof typeof itemRefKindOf],
        id: item.id,
      })) as Destruction['items'],
      aggregateCounts: [],
      preDestructionVerification: {
        verifiedBy: 'Dragan Simić',
        countChecked: true,
        serialsChecked: true,
        itemsTicked: remaining.map((item) => item.id),
        result: 'all_match',
      },
      witnesses: [
        { name: 'Nadia Haddad', organisation: 'UNDP SEESAC', role: 'Observer' },
        { name: 'Petar Nikolić', organisation: 'OSCE', role: 'Observer' },
      ],
      photos: [photo],
      certificateNumber: 'UN-2024-0042',
      certificateSignatories: ['Dragan Simić', 'Nadia Haddad'],
      certificateFile: { ...photo, kind: 'document' },
      publicEvent: true,
      publicOccasion: 'International Gun Destruction Day',
    };
  }
});
