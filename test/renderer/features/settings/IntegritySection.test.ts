import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../../support/axe.ts';
import { openDataFolder } from '../../../support/open-data.ts';
import { RendererSession } from '../../../support/renderer-session.ts';

/**
 * The integrity check in Settings, as a person uses it: the audit history and the database file
 * both intact after some work, then an audit entry changed behind the app's back (a second
 * connection with the data key, the append-only triggers dropped) is reported at that entry.
 */
describe('the integrity check, in Settings', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
    await session.page.evaluate(async () => {
      for (const notes of ['first find', 'second find']) {
        const draft = await window.api!.newIntakeDraft();
        if (!draft.ok) throw new Error('no draft');
        await window.api!.saveIntakeDraft({
          draft: { ...draft.value, context: 'found', notes },
          expectedRevision: null,
        });
      }
    });
    await session.goTo('Settings');
  });

  afterAll(async () => {
    await session?.close();
  });

  const section = () => session.page.getByRole('region', { name: 'Integrity check' });

  it('checks the database file and the audit history from the keyboard, and says both are intact', async () => {
    const { page } = session;
    await expect(section().getByTestId('audit-check').textContent()).resolves.toBe(
      'Not checked yet: choose Check now.',
    );
    await section().getByRole('button', { name: 'Check now' }).focus();
    await page.keyboard.press('Enter');
    await section()
      .getByTestId('audit-check')
      .getByText(/^Intact: all \d+ entries are as they were written\.$/)
      .waitFor();
    await expect(section().getByTestId('database-check').textContent()).resolves.toMatch(
      /^No damage found \(checked .+\)\.$/,
    );
    expect(await section().getByRole('alert').count()).toBe(0);
    // The focus stays on the button, for the next check.
    await expect(
      section()
        .getByRole('button', { name: 'Check now' })
        .evaluate((b) => b === document.activeElement),
    ).resolves.toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('reports an audit entry changed outside the app, at that entry, with what to do', async () => {
    const person = session.person!;
    const data = await openDataFolder(session.dataDir, person.userId, person.passphrase);
    let edited = 0;
    try {
      data.db.exec('DROP TRIGGER audit_log_no_update');
      edited = data.db
        .prepare("SELECT max(seq) FROM audit_log WHERE action = 'intake.draft_created'")
        .pluck()
        .get() as number;
      data.db
        .prepare(`UPDATE audit_log SET after_json = '{"notes":"nothing"}' WHERE seq = ?`)
        .run(edited);
    } finally {
      data.close();
    }
    await section().getByRole('button', { name: 'Check now' }).click();
    await section()
      .getByText(
        `Changed outside SALW Field: entry ${edited} was edited. The ${edited - 1} entries before it are intact.`,
      )
      .waitFor();
    await section()
      .getByRole('alert')
      .getByText('The history of who recorded what may have been tampered with.', { exact: false })
      .waitFor();
  });

  it('reads in Serbian', async () => {
    const { page } = session;
    await page.getByRole('main').getByLabel('Language').selectOption('sr-Latn');
    const serbian = page.getByRole('region', { name: 'Provera integriteta' });
    await serbian.getByRole('button', { name: 'Proveri sada' }).click();
    await serbian.getByText(/^Menjano van aplikacije SALW Field: unos \d+ je izmenjen\./).waitFor();
    await expect(serbian.getByTestId('database-check').textContent()).resolves.toMatch(
      /^Oštećenja nisu nađena \(provereno .+\)\.$/,
    );
    await page.getByRole('main').getByLabel('Jezik').selectOption('en');
  });

  it('ran without a script error or a CSP violation', async () => {
    expect(session.pageErrors).toEqual([]);
    expect(await session.cspViolations()).toEqual([]);
  });
});
