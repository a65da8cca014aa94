import { createHash, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PullResponseSchema,
  syncRoutes,
  TUS_VERSION,
  type EnrollResponse,
} from '../../../../shared/sync/protocol.ts';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { startFaultProxy, type FaultProxy } from '../../../support/fault-proxy.ts';
import { openDataFolder } from '../../../support/open-data.ts';
import { RendererSession } from '../../../support/renderer-session.ts';
import { freePort } from '../../../support/server-process.ts';
import { mutation, pushInBatches } from '../../../support/sync-client.ts';
import { startSyncServer, type SyncServerHandle } from '../../../support/sync-server.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

// These tests stage another laptop's change that this one has not heard of yet; with the
// server's event stream on, it would hear of it at once. Rounds here run on Sync now and saves.
process.env.SALW_TEST_SYNC_POLL_ONLY = '1';

/**
 * The Sync screen, enrollment and record badges against a real sync API on loopback (PGlite):
 * what a field team sees when it enrolls, works offline, syncs, meets a conflict made by another
 * laptop and is revoked by an administrator.
 */

const laptopName = 'Team 3 laptop';

const phase = (page: Page) => page.getByTestId('sync-phase');

async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sync now' }).click();
  // The button reads "Syncing…" while the round runs and "Sync now" again when it has ended.
  await page.getByRole('button', { name: 'Sync now' }).waitFor();
}

/** Saves a seizure draft through the app's API, as the editor's autosave does. */
async function recordSeizure(page: Page, notes: string): Promise<string> {
  return page.evaluate(async (text) => {
    const api = window.api!;
    const draft = await api.newIntakeDraft();
    if (!draft.ok) throw new Error(JSON.stringify(draft.error));
    const saved = await api.saveIntakeDraft({
      draft: {
        ...draft.value,
        context: 'seized',
        occurredAt: '2025-03-12',
        notes: text,
        weapons: [
          {
            id: crypto.randomUUID(),
            weaponType: 'revolver',
            serialNumber: 'RV-2291',
            markings: [],
            photos: [],
          },
        ],
      },
      expectedRevision: null,
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    return saved.value.event.id;
  }, notes);
}

/** Another laptop's change, pushed straight to the server with its own credential. */
async function pushFromOtherLaptop(
  server: SyncServerHandle,
  other: EnrollResponse,
  recordId: string,
  baseRev: number,
  fields: Record<string, unknown>,
  {
    op = 'update',
    mutationId = 1,
    entity = 'intake_event',
  }: {
    op?: 'create' | 'update' | 'delete';
    mutationId?: number;
    entity?: 'intake_event' | 'attachment';
  } = {},
): Promise<void> {
  const [response] = await pushInBatches(
    server.url,
    other,
    [
      mutation({
        mutationId,
        entity,
        entityId: recordId,
        op,
        baseRev,
        fields,
        author: { id: randomUUID(), name: 'Marko Jovanović', role: 'field_officer' },
        deviceTime: new Date().toISOString(),
      }),
    ],
    { serverEpoch: other.serverEpoch },
  );
  if (response?.results[0]?.outcome !== 'applied')
    throw new Error(`push not applied: ${JSON.stringify(response)}`);
}

/** Another laptop's photo upload (tus: create, then the whole file in one checked chunk). */
async function uploadFromOtherLaptop(
  server: SyncServerHandle,
  other: EnrollResponse,
  bytes: Buffer,
): Promise<void> {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const auth = { authorization: `Bearer ${other.credential}`, 'tus-resumable': TUS_VERSION };
  const created = await fetch(`${server.url}${syncRoutes.files}`, {
    method: 'POST',
    headers: {
      ...auth,
      'upload-length': String(bytes.length),
      'upload-metadata': `sha256 ${b64(sha256)},mime ${b64('image/png')}`,
    },
  });
  const location = created.headers.get('location');
  if (created.status !== 201 || location === null) throw new Error(`tus create: ${created.status}`);
  const sent = await fetch(`${server.url}${location}`, {
    method: 'PATCH',
    headers: {
      ...auth,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': '0',
      'upload-checksum': `sha256 ${createHash('sha256').update(bytes).digest('base64')}`,
    },
    body: new Uint8Array(bytes),
  });
  if (sent.status !== 204) throw new Error(`tus patch: ${sent.status}`);
}

/** What the server holds for one record, read as another laptop would (a full pull). */
async function serverRecord(
  server: SyncServerHandle,
  other: EnrollResponse,
  recordId: string,
): Promise<{ serverRev: number; data: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${syncRoutes.pull}?limit=5000`, {
    headers: { authorization: `Bearer ${other.credential}` },
  });
  const pulled = PullResponseSchema.parse(await response.json());
  const record = pulled.changes.find((change) => change.id === recordId);
  if (record === undefined) throw new Error(`the server has no record ${recordId}`);
  return { serverRev: record.serverRev, data: record.data as Record<string, unknown> };
}

async function rowBadge(page: Page, notesRecordId: string): Promise<string> {
  const row = page
    .getByRole('row')
    .filter({ has: page.locator(`a[href="#/records/${notesRecordId}"]`) });
  return (await row.getByTestId('sync-state').innerText()).trim();
}

/** The person changes a draft's notes on this laptop (through window.api, as the editor saves). */
async function saveNotesHere(page: Page, id: string, notes: string): Promise<void> {
  await page.evaluate(
    async ({ id, notes }) => {
      const api = window.api!;
      const current = await api.getIntake({ id });
      if (!current.ok) throw new Error(JSON.stringify(current.error));
      const event = current.value.event;
      if (event.status !== 'draft') throw new Error('the record should still be a draft');
      const saved = await api.saveIntakeDraft({
        draft: { ...event, notes },
        expectedRevision: current.value.revision,
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    },
    { id, notes },
  );
}

describe('Sync with a real server', () => {
  let session: RendererSession;
  let server: SyncServerHandle;
  let recordId = '';

  beforeAll(async () => {
    server = await startSyncServer({ backend: 'pglite' });
    session = await RendererSession.openUnlocked();
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it('starts not enrolled, and says so in plain words', async () => {
    const { page } = session;
    await session.goTo('Sync');
    await expect(phase(page).innerText()).resolves.toBe('Not connected to a server');
    await page.getByRole('link', { name: 'Enroll this laptop in Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  });

  it('refuses a wrong code with a message that says what to do', async () => {
    const { page } = session;
    await page.getByLabel('Server address').fill(server.url);
    await page.getByLabel('Enrollment code').fill('AAAA-BBBB-CCCC');
    await page.getByRole('button', { name: 'Enroll' }).click();
    await page.getByText('This code was not accepted.', { exact: false }).waitFor();
    const code = page.getByLabel('Enrollment code');
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe(
      'true',
    );
  });

  it('says when no server answers at the address', async () => {
    const { page } = session;
    // A loopback port nobody listens on (no need to start and stop a whole server for it); the
    // code is well formed, so only the missing server can stop the enrollment.
    const deadUrl = `http://127.0.0.1:${await freePort()}`;
    await page.getByLabel('Server address').fill(deadUrl);
    await page.getByLabel('Enrollment code').fill('AAAA-BBBB-CCCC');
    await page.getByRole('button', { name: 'Enroll' }).click();
    await page.getByText('No server answered at this address.', { exact: false }).waitFor();
  });

  it('enrolls with a code typed in lower case with spaces, and shows the server and name', async () => {
    const { page } = session;
    const code = await server.enroll(laptopName);
    await page.getByLabel('Server address').fill(server.url);
    await page.getByLabel('Enrollment code').fill(` ${code.toLowerCase().replaceAll('-', ' ')} `);
    await page.getByRole('button', { name: 'Enroll' }).click();
    const enrolled = page.getByTestId('enrolled');
    await enrolled.waitFor();
    expect(await enrolled.innerText()).toContain(server.url);
    expect(await enrolled.innerText()).toContain(laptopName);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('keeps a seizure recorded while the server is down, and sends it once it is back', async () => {
    const { page } = session;
    await server.kill();
    recordId = await recordSeizure(page, 'Revolver under the driver seat');

    await session.goTo('Records');
    await expect.poll(() => rowBadge(page, recordId)).toContain('Waiting to send');

    await session.goTo('Sync');
    await syncNow(page);
    await expect(phase(page).innerText()).resolves.toBe('Offline: the server cannot be reached');
    await page.getByTestId('last-error').getByText('could not be reached').waitFor();
    await expect(page.getByTestId('waiting-records').innerText()).resolves.toContain('1');

    await server.restart();
    await syncNow(page);
    await expect(phase(page).innerText()).resolves.toBe('Up to date');
    await expect(page.getByTestId('last-success').innerText()).resolves.toMatch(/just now|minute/);
    await expect(page.getByTestId('waiting-changes').innerText()).resolves.toContain('0');

    await session.goTo('Records');
    await expect.poll(() => rowBadge(page, recordId)).toContain('Sent');
  });

  it("shows another laptop's change to the same field as a conflict, and resolves it", async () => {
    const { page } = session;
    const other = await server.enrollDevice('Team 5 laptop');
    const before = await serverRecord(server, other, recordId);
    await pushFromOtherLaptop(server, other, recordId, before.serverRev, {
      notes: 'Revolver in the spare wheel',
    });

    // The person edits the same field on this laptop before syncing.
    await saveNotesHere(page, recordId, 'Revolver under the passenger seat');

    await session.goTo('Sync');
    await syncNow(page);
    await expect(phase(page).innerText()).resolves.toBe('Some changes need your decision');
    await expect(page.getByTestId('sync-nav-badge').innerText()).resolves.toBe('1');

    const card = page.getByRole('article').filter({ hasText: 'Conflict' });
    const notes = card.getByRole('group', { name: 'Notes' });
    await expect(notes.getByTestId('server-value').innerText()).resolves.toBe(
      'Revolver in the spare wheel',
    );
    await expect(notes.getByTestId('my-value').innerText()).resolves.toBe(
      'Revolver under the passenger seat',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Resolving without a choice says what is missing and moves the focus there.
    await card.getByRole('button', { name: 'Resolve' }).click();
    await card.getByText('Choose a value for every field before resolving.').waitFor();
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value),
    ).toBe('server');

    await notes.getByRole('radio', { name: 'Keep my value' }).check();
    await card.getByRole('button', { name: 'Resolve' }).click();
    await page.getByTestId('no-issues').waitFor();

    await syncNow(page);
    await expect(phase(page).innerText()).resolves.toBe('Up to date');
    await expect
      .poll(async () => (await serverRecord(server, other, recordId)).data.notes)
      .toBe('Revolver under the passenger seat');

    await session.goTo('Records');
    await expect.poll(() => rowBadge(page, recordId)).toContain('Sent');
  });

  it('explains a change the server refused, and lets the person dismiss it', async () => {
    const { page } = session;
    const other = await server.enrollDevice('Team 6 laptop');
    const doomed = await recordSeizure(page, 'Pistol handed in at the station');
    await session.goTo('Sync');
    await syncNow(page);
    await expect(phase(page).innerText()).resolves.toBe('Up to date');

    // Another laptop deletes the draft; this laptop changes it before hearing of that.
    const before = await serverRecord(server, other, doomed);
    await pushFromOtherLaptop(server, other, doomed, before.serverRev, {}, { op: 'delete' });
    await saveNotesHere(page, doomed, 'Pistol and two magazines');

    await syncNow(page);
    const card = page.getByRole('article').filter({ hasText: 'Not accepted' });
    await expect(card.getByTestId('reject-reason').innerText()).resolves.toBe(
      'The record was deleted on the server, so the change could not be applied.',
    );
    await expect(page.getByTestId('sync-nav-badge').innerText()).resolves.toBe('1');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await card.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('no-issues').waitFor();
    await expect.poll(() => page.getByTestId('sync-nav-badge').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Needs your attention',
    );
  });

  it('warns when a change has waited more than a day, and stops once it is sent', async () => {
    const { page } = session;
    await server.kill();
    const waiting = await recordSeizure(page, 'Rifle left at the checkpoint');
    // A day and a bit later (the laptop's own outbox row, aged through a second connection).
    const person = session.person!;
    const data = await openDataFolder(session.dataDir, person.userId, person.passphrase);
    try {
      data.db
        .prepare('UPDATE outbox SET created_at = ? WHERE entity_id = ?')
        .run(new Date(Date.now() - 26 * 60 * 60 * 1000).toISOString(), waiting);
    } finally {
      data.close();
    }
    await session.goTo('Records');
    await session.goTo('Sync');
    const warning = page
      .getByRole('alert')
      .filter({ hasText: 'Unsent changes are more than a day old' });
    await warning.waitFor();
    await expect(warning.innerText()).resolves.toContain(
      '1 change exists only on this laptop. If the laptop is lost or damaged, it is gone.',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    await server.restart();
    await syncNow(page);
    await expect(phase(page).innerText()).resolves.toBe('Up to date');
    await expect.poll(() => warning.count()).toBe(0);
  });

  it('shows the record view with its sync state', async () => {
    await session.goTo('Records');
    const { page } = session;
    await page.locator(`a[href="#/records/${recordId}"]`).click();
    const notice = page.getByRole('region', { name: 'Sync' });
    await expect(notice.getByTestId('sync-state').innerText()).resolves.toContain('Sent');
  });

  it("shows another laptop's photo as on the server until its upload has finished, then the photo", async () => {
    const { page } = session;
    const other = await server.enrollDevice('Team 7 laptop');
    const photo = tinyPng([200, 120, 0], 8);
    const ref = {
      sha256: createHash('sha256').update(photo).digest('hex'),
      mime: 'image/png' as const,
      size: photo.length,
      kind: 'whole_weapon' as const,
    };
    // The other laptop's record change arrives before its photo upload has finished.
    const before = await serverRecord(server, other, recordId);
    const [weapon, ...rest] = before.data.weapons as Array<Record<string, unknown>>;
    await pushFromOtherLaptop(
      server,
      other,
      ref.sha256,
      0,
      { sha256: ref.sha256, mime: ref.mime, size: ref.size },
      { op: 'create', entity: 'attachment', mutationId: 1 },
    );
    await pushFromOtherLaptop(
      server,
      other,
      recordId,
      before.serverRev,
      { weapons: [{ ...weapon, photos: [ref] }, ...rest] },
      { mutationId: 2 },
    );

    await session.goTo('Sync');
    await syncNow(page);
    await session.goTo('Records');
    await page.locator(`a[href="#/records/${recordId}"]`).click();
    const thumbs = page.locator('.thumbs');
    await thumbs.getByText('On the server: arrives with the next sync').waitFor();

    await uploadFromOtherLaptop(server, other, photo);
    await session.goTo('Sync');
    await syncNow(page);
    await session.goTo('Records');
    await page.locator(`a[href="#/records/${recordId}"]`).click();
    await thumbs.getByRole('img').waitFor();
    expect(await thumbs.getByText('On the server: arrives with the next sync').count()).toBe(0);
  });

  it("says a serial typed here was seen on the server, on another laptop's record not yet pulled", async () => {
    const { page } = session;
    const other = await server.enrollDevice('Border crossing laptop');
    const otherRecord = randomUUID();
    await pushFromOtherLaptop(
      server,
      other,
      otherRecord,
      0,
      {
        status: 'draft',
        context: 'seized',
        occurredAt: '2025-04-02',
        recordNumber: 'BCX7-00041',
        weapons: [
          {
            id: randomUUID(),
            weaponType: 'self_loading_pistol',
            serialNumber: 'TT-33 5512',
            markings: [],
            photos: [],
          },
        ],
      },
      { op: 'create', mutationId: 1 },
    );
    // Not synced: this laptop does not hold that record; the check asks the server.
    await session.goTo('Records');
    await page.getByRole('link', { name: 'New record' }).click();
    await page.getByRole('button', { name: 'Add weapon' }).click();
    const card = page.getByRole('article', { name: 'Weapon 1' });
    await card.getByLabel('Serial number as read').fill('tt33-5512');
    const seen = card.getByText('Seen on the server: 1 item this laptop does not hold', {
      exact: false,
    });
    await seen.waitFor();
    expect(await card.getByText('record BCX7-00041, on the server').count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('tells the person plainly when an administrator revoked this laptop', async () => {
    const { page } = session;
    await server.revoke(laptopName);
    await session.goTo('Sync');
    // A revoked laptop has nothing to sync: the button goes away with the round's answer. The
    // laptop may learn of it by a round of its own first (on a loaded machine it often does):
    // then there is no button left to press, and the screen must say the same.
    const syncNow = page.getByRole('button', { name: 'Sync now' });
    if (await syncNow.isVisible()) await syncNow.click({ timeout: 5_000 }).catch(() => undefined);
    await expect.poll(() => phase(page).innerText()).toBe('This laptop can no longer sync');
    expect(await page.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    await page
      .getByText(
        'An administrator revoked this laptop; it can no longer send or receive records. Your records are still here. Ask for a new enrollment code.',
      )
      .waitFor();
    await expect(page.getByTestId('sync-nav-badge').innerText()).resolves.toBe('!');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await session.goTo('Settings');
    await page.getByRole('form', { name: 'Enroll this laptop' }).waitFor();
  });

  it('ran without a script error or a CSP violation', async () => {
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});

describe('A long sync, as the person watching the Sync screen sees it', () => {
  let session: RendererSession;
  let server: SyncServerHandle;
  let proxy: FaultProxy;

  beforeAll(async () => {
    server = await startSyncServer({ backend: 'pglite' });
    // A slow link: every push answer takes half a second.
    proxy = await startFaultProxy(() => server.url);
    proxy.setPolicy((request) =>
      request.path.startsWith(syncRoutes.push) ? { kind: 'delay', ms: 500 } : { kind: 'pass' },
    );
    session = await RendererSession.openUnlocked();
    const code = await server.enroll('Team 9 laptop');
    const enrolled = await session.page.evaluate((input) => window.api!.enrollDevice(input), {
      serverUrl: proxy.url,
      code,
    });
    if (!enrolled.ok) throw new Error(JSON.stringify(enrolled.error));
  });

  afterAll(async () => {
    await session?.close();
    await proxy?.close();
    await server?.stop();
  });

  it('shows a progress bar with how many changes of how many were sent', async () => {
    const { page } = session;
    await session.goTo('Sync');
    await expect.poll(() => phase(page).innerText(), { timeout: 20_000 }).toBe('Up to date');
    // More records than one batch (500): the bar stops at 500 while the second batch is sent.
    // (700, not a campaign's day of 1,200: each save is a round trip and a synced commit.)
    await page.evaluate(async () => {
      const api = window.api!;
      for (let n = 0; n < 700; n += 1) {
        const draft = await api.newIntakeDraft();
        if (!draft.ok) throw new Error(JSON.stringify(draft.error));
        const saved = await api.saveIntakeDraft({
          draft: { ...draft.value, context: 'surrendered', notes: `Handed in, receipt ${n}` },
          expectedRevision: null,
        });
        if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      }
    });
    const bar = page.getByRole('progressbar', { name: 'Sending your changes' });
    await bar.waitFor();
    expect(await bar.getAttribute('aria-valuemax')).toBe('700');
    await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe('500');
    await page.getByText('500 of 700').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The bar goes with the round; everything arrived.
    await expect.poll(() => phase(page).innerText(), { timeout: 20_000 }).toBe('Up to date');
    expect(await bar.count()).toBe(0);
    await expect(page.getByTestId('waiting-changes').innerText()).resolves.toContain('0');
  });
});
