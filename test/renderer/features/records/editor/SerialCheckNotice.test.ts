import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../../../support/axe.ts';
import {
  moveIntoStore,
  seedSurrender,
  type SeededSurrender,
} from '../../../../support/custody-seed.ts';
import { defaultPerson, RendererSession } from '../../../../support/renderer-session.ts';
import { tinyPng } from '../../../../support/tiny-png.ts';

const serials = ['M70-AB 7001', 'CZ99-7002', 'M48-7003'] as const;

/**
 * Issue 15: typing, in a new record, the serial of a weapon this laptop recorded destroyed raises
 * an alarm that cannot be missed, with a link to it; a weapon seen before and still held is named
 * without an alarm; make narrows.
 */
describe('the serial check in the weapon editor', () => {
  let session: RendererSession;
  let seeded: SeededSurrender;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    const { page } = session;
    seeded = await seedSurrender(page, {
      storageName: 'Skladište Kragujevac',
      collectionName: 'Sabirno mesto Kraljevo',
      serials,
    });
    await moveIntoStore(page, seeded, defaultPerson.passphrase);
    // The first weapon is destroyed at the store.
    await page.evaluate(
      async ({ weaponId, storageId, passphrase, png }) => {
        const api = window.api!;
        const photo = await api.addPhoto({ dataBase64: png, kind: 'scene' });
        if (!photo.ok) throw new Error(photo.error.message);
        const result = await api.recordDestruction({
          destruction: {
            destructionDate: new Date().toISOString().slice(0, 10),
            siteLocationId: storageId,
            organisingAuthority: 'MUP',
            method: 'crushing',
            items: [{ kind: 'weapon', id: weaponId }],
            aggregateCounts: [],
            preDestructionVerification: {
              verifiedBy: 'Milan Kostić',
              countChecked: true,
              serialsChecked: true,
              itemsTicked: [weaponId],
              result: 'all_match',
            },
            witnesses: [{ name: 'Jelena Ilić', organisation: 'UNDP', role: 'Observer' }],
            photos: [photo.value],
            certificateNumber: 'UN-7001',
            certificateSignatories: ['Milan Kostić'],
            certificateFile: { ...photo.value, kind: 'document' },
          },
          passphrase,
        });
        if (!result.ok) throw new Error(result.error.message);
      },
      {
        weaponId: seeded.weaponIds[0] ?? '',
        storageId: seeded.storageId,
        passphrase: defaultPerson.passphrase,
        png: tinyPng([80, 80, 80]).toString('base64'),
      },
    );
  }, 60_000);
  afterAll(async () => {
    await session?.close();
  });

  it('raises the alarm for the serial of a destroyed weapon, however it is typed', async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByRole('heading', { level: 1, name: 'New record' }).waitFor();
    await page.getByRole('button', { name: 'Add weapon' }).click();
    const card = page.getByRole('article', { name: 'Weapon 1' });
    await card.getByLabel('Serial number as read').fill('m70 ab-7001');
    const alarm = card.getByRole('alert').filter({ hasText: 'Alarm' });
    await alarm.waitFor();
    expect(await alarm.innerText()).toContain('Recorded destroyed:');
    expect(await alarm.getByRole('link', { name: serials[0] }).getAttribute('href')).toBe(
      `#/items/${seeded.weaponIds[0]}`,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A weapon seen before and still in the store: named, no alarm.
    await card.getByLabel('Serial number as read').fill('CZ99 7002');
    const seen = card.getByTestId('serial-check');
    await expect.poll(() => seen.innerText()).toContain('Seen before: 1 item');
    expect(await card.getByRole('alert').count()).toBe(0);

    // Another make: left out, and said so.
    await card.getByLabel('Manufacturer', { exact: true }).fill('Beretta');
    await expect
      .poll(() => seen.innerText())
      .toBe(
        'Left out: 1 match (a record or a watch list entry) with this serial but another make or calibre.',
      );
  });
});
