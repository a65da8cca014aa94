import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpFirstPerson, startDispatchedApp } from '../../../support/dispatched-app.ts';
import { RendererSession } from '../../../support/renderer-session.ts';
import { startSyncServer, type SyncServerHandle } from '../../../support/sync-server.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

// Rounds run on syncNow only: what each screen shows is staged step by step.
process.env.SALW_TEST_SYNC_POLL_ONLY = '1';

const shots = process.env.SALW_SCREENSHOTS;
async function shot(page: Page, name: string): Promise<void> {
  if (shots !== undefined) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

const officer = { name: 'Nikola Jovanović', passphrase: 'Granica-Officer#7Q' };

/** Two final surrenders by the signed-in person, through window.api; synced. */
async function recordTwoFinalSurrenders(page: Page): Promise<string[]> {
  const png = tinyPng([200, 30, 30], 4).toString('base64');
  return page.evaluate(async (png) => {
    const api = window.api!;
    const must = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value;
    };
    const place = {
      id: crypto.randomUUID(),
      locationType: 'collection_point_fixed' as const,
      name: 'Sabirno mesto Čačak',
      jurisdiction: 'RS' as const,
    };
    must(await api.saveLocation(place));
    const ids: string[] = [];
    for (const serial of ['M70-4411', 'M70-5520']) {
      const photo = must(await api.addPhoto({ dataBase64: png, kind: 'whole_weapon' }));
      const draft = must(await api.newIntakeDraft());
      const saved = must(
        await api.saveIntakeDraft({
          draft: {
            ...draft,
            context: 'surrendered',
            occurredAt: '2024-03-01',
            locationId: place.id,
            recordingAgency: 'PU Čačak',
            recordingOfficer: 'Nikola Jovanović',
            collection: {
              collectionMethod: 'walk_in_station',
              surrenderingPartyType: 'household',
              anonymous: false,
              campaignBased: false,
              dispositionRequested: 'surrender_for_destruction',
            },
            weapons: [
              {
                id: crypto.randomUUID(),
                category: 'small_arm' as const,
                weaponType: 'assault_rifle' as const,
                manufacturer: 'Zastava',
                model: 'M70',
                calibre: '7.62x39',
                serialNumber: serial,
                serialStatus: 'present' as const,
                markingCondition: 'intact' as const,
                lifecycleStatus: 'in_custody' as const,
                traceStatus: 'not_attempted' as const,
                markings: [],
                photos: [photo],
              },
            ],
          },
          expectedRevision: null,
        }),
      );
      must(await api.finaliseIntake({ id: draft.id, expectedRevision: saved.revision }));
      ids.push(draft.id);
    }
    must(await api.syncNow());
    return ids;
  }, png);
}

/**
 * Review on the laptop, in Chromium: a team's administrator reviews two final records in bulk
 * from the list, then one on its page; the author sees the record with issues as a task, in
 * English and in Serbian.
 */
describe('review screens', () => {
  let server: SyncServerHandle;
  let session: RendererSession;
  let officerId: string;
  let recordIds: string[];

  beforeAll(async () => {
    server = await startSyncServer({ backend: 'pglite' });
    session = await RendererSession.open();
    const admin = await session.setUpPerson();
    const code = await server.enroll('Team 3 laptop');
    officerId = await session.page.evaluate(
      async ({ serverUrl, code, officer }) => {
        const api = window.api!;
        const enrolled = await api.enrollDevice({ serverUrl, code });
        if (!enrolled.ok) throw new Error(JSON.stringify(enrolled.error));
        const added = await api.addPerson({ ...officer, role: 'field_officer' });
        if (!added.ok) throw new Error(JSON.stringify(added.error));
        return added.value.id;
      },
      { serverUrl: server.url, code, officer },
    );
    await session.signInAs({ userId: officerId, passphrase: officer.passphrase });
    recordIds = await recordTwoFinalSurrenders(session.page);
    await session.signInAs(admin);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it('reviews the selected records in bulk from the list, and filters by review', async () => {
    const { page } = session;
    await page.goto(`${session.preview.url}#/records`);
    const boxes = page.getByRole('checkbox', { name: /^Select .+ for review$/ });
    await expect.poll(() => boxes.count()).toBe(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await expect.poll(() => page.getByText('2 records selected').count()).toBe(1);
    await page.getByLabel('Review decision').selectOption({ label: 'Has issues' });
    await page.getByLabel('Comment').fill('The receipt number is missing.');
    await shot(page, 'review-bulk-en');
    await page.getByRole('button', { name: 'Review selected' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe('2 records reviewed.');
    await expect
      .poll(() => page.getByTestId('review-standing').allTextContents())
      .toEqual(['Has issues', 'Has issues']);

    await page.getByLabel('Review', { exact: true }).selectOption({ label: 'Approved' });
    await expect.poll(() => page.getByText('No records match').count()).toBe(1);
    await page.getByLabel('Review', { exact: true }).selectOption({ label: 'Has issues' });
    await expect.poll(() => page.getByTestId('review-standing').count()).toBe(2);
  });

  it('shows the review on the record page and approves it there, with its history', async () => {
    const { page } = session;
    await page.goto(`${session.preview.url}#/records/${recordIds[1]}`);
    const panel = page.locator('section.review-panel');
    await expect
      .poll(() => panel.getByTestId('review-standing').first().textContent())
      .toBe('Has issues');
    expect(await panel.textContent()).toContain('The receipt number is missing.');
    await panel.getByRole('radio', { name: 'Approve' }).check();
    await panel.getByRole('button', { name: 'Save review' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('Review saved.');
    await expect
      .poll(() => panel.getByTestId('review-standing').first().textContent())
      .toBe('Approved');
    await expect.poll(() => panel.locator('.review-history li').count()).toBe(2);
    await shot(page, 'review-panel-en');
  });

  it("lists the author's record with issues as a task, in English and Serbian", async () => {
    const { page } = session;
    await session.signInAs({ userId: officerId, passphrase: officer.passphrase });
    await page.goto(`${session.preview.url}#/records`);
    const tasks = page.getByTestId('review-tasks');
    await expect
      .poll(() => tasks.getByRole('heading').first().textContent())
      .toBe('1 record of yours needs fixing');
    expect(await tasks.textContent()).toContain('Ana Petrović: “The receipt number is missing.”');
    // Seen from any screen: the navigation's Records link counts the tasks, in words for a
    // screen reader.
    expect(await page.getByTestId('records-nav-badge').textContent()).toBe('1');
    expect(
      await page
        .getByRole('navigation')
        .getByRole('link', { name: 'Records 1 record of yours needs fixing' })
        .count(),
    ).toBe(1);
    // A field officer reviews nothing: no selection, no review form.
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await shot(page, 'review-tasks-en');
    // The Sync screen does not say nothing needs the officer while review waits on them.
    await page.goto(`${session.preview.url}#/sync`);
    const waiting = page.getByTestId('review-tasks-waiting');
    await expect
      .poll(() => waiting.locator('p').first().textContent())
      .toBe('1 record of yours needs fixing');
    expect(await page.getByTestId('no-issues').count()).toBe(0);
    await shot(page, 'sync-review-tasks-en');
    await waiting.getByRole('link', { name: 'Go to Records' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/records$/);
    await tasks.getByRole('link').click();
    await expect.poll(() => page.url()).toContain(recordIds[0]);
    expect(await page.getByRole('button', { name: 'Save review' }).count()).toBe(0);
    await expect
      .poll(() => page.locator('section.review-panel').textContent())
      .toContain('The receipt number is missing.');

    await page.evaluate(() => window.api!.updateSettings({ language: 'sr-Latn' }));
    await page.goto(`${session.preview.url}#/records`);
    await expect
      .poll(() => page.getByTestId('review-tasks').getByRole('heading').first().textContent())
      .toBe('1 vaš zapis treba ispraviti');
    await shot(page, 'review-tasks-sr');
    await page.goto(`${session.preview.url}#/sync`);
    const čeka = page.getByTestId('review-tasks-waiting');
    await expect
      .poll(() => čeka.locator('p').first().textContent())
      .toBe('1 vaš zapis treba ispraviti');
    expect(await čeka.getByRole('link', { name: 'Idi na Evidenciju' }).count()).toBe(1);
    await shot(page, 'sync-review-tasks-sr');
    await page.goto(`${session.preview.url}#/records/${recordIds[1]}`);
    await expect
      .poll(() =>
        page.locator('section.review-panel').getByTestId('review-standing').first().textContent(),
      )
      .toBe('Odobren');
    await shot(page, 'review-panel-sr');
    await page.evaluate(() => window.api!.updateSettings({ language: 'en' }));
  });

  it('shows an amendment made on another laptop in the record’s history, with its reason', async () => {
    const { page } = session;
    const earlierReason = 'Receipt number typed from memory';
    const reason = 'Receipt number added from the paper register, as the review asked';
    // The team's lead laptop pulls the record and amends it; this laptop only pulls the change.
    const lead = await startDispatchedApp({
      prefix: 'review-lead',
      sync: { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 },
    });
    try {
      await setUpFirstPerson(lead, { name: 'Milica Stanković' });
      await lead.ok('enrollDevice', {
        serverUrl: server.url,
        code: await server.enroll('Lead laptop'),
      });
      await lead.ok('syncNow');
      // Two amendments in one sync: this laptop receives only the last revision, and its
      // history still lists both, each with its reason.
      const view = await lead.ok('getIntake', { id: recordIds[0]! });
      const first = await lead.ok('amendIntake', {
        draft: { ...(view.event as object), status: 'draft', notes: 'Receipt 2024/11' } as never,
        expectedRevision: view.revision,
        reason: earlierReason,
      });
      await lead.ok('amendIntake', {
        draft: { ...(first.event as object), status: 'draft', notes: 'Receipt 2024/117' } as never,
        expectedRevision: first.revision,
        reason,
      });
      expect(await lead.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    } finally {
      await lead.close();
    }
    await page.evaluate(() => window.api!.syncNow());
    await page.goto(`${session.preview.url}#/records/${recordIds[0]}`);
    const last = page.getByTestId('history').locator('li').last();
    await expect.poll(() => last.locator('.history__what').textContent()).toBe('Amended');
    expect(await last.locator('.history__meta').textContent()).toContain('Milica Stanković');
    expect(await last.getByTestId('history-reason').textContent()).toContain(reason);
    const before = page.getByTestId('history').locator('li').nth(-2);
    expect(await before.locator('.history__what').textContent()).toBe('Amended');
    expect(await before.locator('.history__meta').textContent()).toContain('Milica Stanković');
    expect(await before.getByTestId('history-reason').textContent()).toContain(earlierReason);
    // Nothing in the history is shown by its internal name.
    for (const what of await page
      .getByTestId('history')
      .locator('.history__what')
      .allTextContents())
      expect(what).not.toMatch(/^[a-z_]+\.[a-z_]+/);
    await last.scrollIntoViewIfNeeded();
    await shot(page, 'history-pulled-amendment-en');

    await page.evaluate(() => window.api!.updateSettings({ language: 'sr-Latn' }));
    await page.reload();
    await expect
      .poll(() =>
        page.getByTestId('history').locator('li').last().locator('.history__what').textContent(),
      )
      .toBe('Zapis izmenjen');
    await shot(page, 'history-pulled-amendment-sr');
    await page.evaluate(() => window.api!.updateSettings({ language: 'en' }));
  });
});
