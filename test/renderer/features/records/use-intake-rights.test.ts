import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RendererSession } from '../../../support/renderer-session.ts';

/**
 * A custody officer reads intake records but does not record them (the record type's roles,
 * shared/records/record-types.ts): the records screens offer them no New record, Edit or
 * Finalise, the editor's address says why instead of showing a form, and main refuses a forged
 * save with FORBIDDEN.
 */
describe('the records area for a custody officer', () => {
  let session: RendererSession;
  let draftId = '';
  const officer = { name: 'Milan Kostić', passphrase: 'Depot-Keeper-2026!' };

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    const prepared = await session.page.evaluate(async (person) => {
      const api = window.api!;
      const draft = await api.newIntakeDraft();
      if (!draft.ok) throw new Error(JSON.stringify(draft.error));
      const saved = await api.saveIntakeDraft({
        draft: { ...draft.value, context: 'surrendered', recordingAgency: 'PU Kraljevo' },
        expectedRevision: null,
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      const added = await api.addPerson({ ...person, role: 'custody_officer' });
      if (!added.ok) throw new Error(JSON.stringify(added.error));
      return { draftId: draft.value.id, userId: added.value.id };
    }, officer);
    draftId = prepared.draftId;
    await session.signInAs({ userId: prepared.userId, passphrase: officer.passphrase });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lists the records without offering a new one', async () => {
    const { page } = session;
    await session.goTo('Records');
    await page.getByText('Records found: 1').waitFor();
    expect(await page.getByRole('link', { name: 'New record' }).count()).toBe(0);
  });

  it("shows a draft's page without Edit", async () => {
    const { page } = session;
    await page.goto(`${session.preview.url.split('#')[0]}#/records/${draftId}`);
    await page.getByRole('heading', { level: 1, name: 'Surrendered' }).waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete draft' }).count()).toBe(0);
  });

  it('answers the editor address with what the role does, in English and Serbian, and no form', async () => {
    const { page } = session;
    await page.goto(`${session.preview.url.split('#')[0]}#/records/new`);
    await page
      .getByText(
        'Your role does not record seizures, finds or surrenders; a field officer, a team lead or an administrator does. You can read the records here.',
      )
      .waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Finalise record' }).count()).toBe(0);
    await page.getByRole('banner').getByLabel('Language').selectOption('sr-Latn');
    await page.getByText(/^Vaša uloga ne evidentira zaplene/).waitFor();
    await page.getByRole('banner').getByLabel('Jezik').selectOption('en');
  });

  it('is refused by main when the renderer forges a save', async () => {
    const refused = await session.page.evaluate(async () => {
      const api = window.api!;
      const draft = await api.newIntakeDraft();
      if (!draft.ok) return draft.error.code;
      const saved = await api.saveIntakeDraft({
        draft: { ...draft.value, notes: 'forged' },
        expectedRevision: null,
      });
      return saved.ok ? 'saved' : saved.error.code;
    });
    expect(refused).toBe('FORBIDDEN');
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});
