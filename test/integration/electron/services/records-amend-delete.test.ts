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
import { recordFinalSurrender, surrenderSerials } from '../../../support/final-intake.ts';

/**
 * Amending a final record and deleting a draft, through the real dispatcher into the real
 * encrypted store, as the record page drives them (and as a forged renderer could call them).
 */

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];
type View = ProcedureOutput<'getIntake'>;

let app: DispatchedApp;
let admin: { id: string; passphrase: string };
let final: View;

function outboxOf(id: string) {
  const { db } = app.services.session.requireUnlocked();
  return db
    .prepare(
      `SELECT op, base_revision AS baseRevision, changed_fields_json AS changedFields
       FROM outbox WHERE entity_id = ? ORDER BY mutation_id`,
    )
    .all(id) as { op: string; baseRevision: number; changedFields: string | null }[];
}

function count(sql: string, ...params: unknown[]): number {
  const { db } = app.services.session.requireUnlocked();
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

/** The final record with its first weapon's serial corrected. */
function corrected(view: View, serial: string): Draft {
  const event = view.event as Draft;
  return {
    ...event,
    status: 'draft',
    weapons: (event.weapons ?? []).map((weapon, index) =>
      index === 0 ? { ...weapon, serialNumber: serial } : weapon,
    ),
  } as Draft;
}

beforeAll(async () => {
  app = await startDispatchedApp({ prefix: 'amend' });
  const passphrase = goodPassphrase('amend');
  const { user } = await setUpFirstPerson(app, { name: 'Amina Hadžić', passphrase });
  admin = { id: user.id, passphrase };
  final = await recordFinalSurrender(app, 'Amina Hadžić');
});

afterAll(async () => {
  await app.close();
});

describe('amendIntake', () => {
  it('refuses an amendment without a reason, and one of only spaces, writing nothing', async () => {
    const before = storeCounts(app);
    for (const reason of ['', '   ']) {
      const failure = await app.fail('amendIntake', {
        draft: corrected(final, 'M70-ČĆ 4412'),
        expectedRevision: final.revision,
        reason,
      });
      expect(failure.code).toBe('VALIDATION_ERROR');
      expect(failure.issues?.map((issue) => issue.path)).toEqual(['reason']);
    }
    const missing = await app.fail('amendIntake', {
      draft: corrected(final, 'M70-ČĆ 4412'),
      expectedRevision: final.revision,
    });
    expect(missing.code).toBe('VALIDATION_ERROR');
    expect(storeCounts(app)).toEqual(before);
  });

  it('holds the amended record to the final form and refuses one that changes nothing', async () => {
    const before = storeCounts(app);
    const incomplete = await app.fail('amendIntake', {
      draft: { ...corrected(final, 'x'), recordingAgency: undefined, occurredAt: '2999-01-01' },
      expectedRevision: final.revision,
      reason: 'Testing',
    });
    expect(incomplete.code).toBe('VALIDATION_ERROR');
    expect(incomplete.issues?.map((issue) => issue.path).sort()).toEqual(
      ['occurredAt', 'recordingAgency'].sort(),
    );
    const same = await app.fail('amendIntake', {
      draft: { ...(final.event as Draft), status: 'draft' } as Draft,
      expectedRevision: final.revision,
      reason: 'Nothing really',
    });
    expect(same.code).toBe('VALIDATION_ERROR');
    expect(same.message).toMatch(/changes nothing/);
    const stale = await app.fail('amendIntake', {
      draft: corrected(final, 'M70-ČĆ 4412'),
      expectedRevision: final.revision - 1,
      reason: 'Serial misread',
    });
    expect(stale.code).toBe('CONFLICT');
    expect(storeCounts(app)).toEqual(before);
  });

  it('makes a new revision that stays final, keeps the old one in history with the reason, and syncs as amend', async () => {
    const reason = 'Serijski broj pogrešno pročitan: 4411 → 4412';
    const amended = await app.ok('amendIntake', {
      draft: {
        ...corrected(final, 'M70-ČĆ 4412'),
        weapons: (corrected(final, 'M70-ČĆ 4412').weapons ?? []).map((weapon) => ({
          ...weapon,
          serialChecks: [],
        })),
      } as Draft,
      expectedRevision: final.revision,
      reason,
    });
    expect(amended.status).toBe('final');
    expect(amended.revision).toBe(final.revision + 1);
    expect(amended.finalisedAt).toBe(final.finalisedAt);
    expect(amended.event.weapons[0]?.serialNumber).toBe('M70-ČĆ 4412');
    // The corrected serial was checked again, by main, whatever the form sent.
    expect(amended.event.weapons[0]?.serialChecks).toEqual([
      expect.objectContaining({ against: 'local_records', result: 'no_match', by: admin.id }),
      expect.objectContaining({ against: 'watch_list', result: 'no_match', by: admin.id }),
    ]);

    const history = await app.ok('getIntakeHistory', { id: final.event.id });
    const last = history.at(-1);
    expect(last).toMatchObject({ action: 'intake.amended', reason, changedFields: ['weapons'] });
    expect(history.filter((entry) => entry.reason !== undefined)).toHaveLength(1);
    // The old revision is kept: the amendment's "before" is the record as finalised.
    const { db } = app.services.session.requireUnlocked();
    const entry = db
      .prepare(
        "SELECT before_json AS before FROM audit_log WHERE entity_id = ? AND action = 'intake.amended'",
      )
      .get(final.event.id) as { before: string };
    expect(JSON.parse(entry.before).weapons[0].serialNumber).toBe(surrenderSerials[0]);

    const ops = outboxOf(final.event.id);
    expect(ops.at(-1)).toEqual({ op: 'amend', baseRevision: 0, changedFields: '["weapons"]' });
    // Search finds the amended serial, the item rows follow the record.
    const found = await app.ok('listIntakes', { serial: 'M70 ČĆ 4412' });
    expect(found.items.map((item) => item.id)).toEqual([final.event.id]);
    expect(await app.ok('verifyAuditLog')).toMatchObject({ ok: true });
    final = amended;
  });

  it('refuses a role that may not amend (FORBIDDEN), whatever the renderer sends', async () => {
    const passphrase = goodPassphrase('custody');
    const custody = await app.ok('addPerson', {
      name: 'Milan Jovanović',
      role: 'custody_officer',
      passphrase,
    });
    await app.ok('lock');
    await app.ok('unlock', { userId: custody.id, passphrase });
    const before = storeCounts(app);
    const failure = await app.fail('amendIntake', {
      draft: corrected(final, 'M70-ČĆ 9999'),
      expectedRevision: final.revision,
      reason: 'Forged',
    });
    expect(failure.code).toBe('FORBIDDEN');
    expect(storeCounts(app)).toEqual(before);
    await app.ok('lock');
    await app.ok('unlock', { userId: admin.id, passphrase: admin.passphrase });
  });

  it('refuses a forged amendment of a draft, or of a record that does not exist', async () => {
    const draft = (await app.ok('newIntakeDraft')) as Draft;
    const saved = await app.ok('saveIntakeDraft', {
      draft: { ...draft, context: 'found' },
      expectedRevision: null,
    });
    const before = storeCounts(app);
    const notFinal = await app.fail('amendIntake', {
      draft: { ...(saved.event as Draft), notes: 'x' },
      expectedRevision: saved.revision,
      reason: 'Forged',
    });
    expect(notFinal.code).toBe('VALIDATION_ERROR');
    const missing = await app.fail('amendIntake', {
      draft: { ...(saved.event as Draft), id: randomUUID() },
      expectedRevision: 1,
      reason: 'Forged',
    });
    expect(missing.code).toBe('NOT_FOUND');
    expect(storeCounts(app)).toEqual(before);
    // A draft is still edited as a draft, and a final record is still never saved as one.
    const editFinal = await app.fail('saveIntakeDraft', {
      draft: corrected(final, 'M70-ČĆ 1'),
      expectedRevision: final.revision,
    });
    expect(editFinal.code).toBe('RECORD_FINAL');
  });
});

describe('deleteIntakeDraft', () => {
  it('never deletes a final record', async () => {
    const before = storeCounts(app);
    const failure = await app.fail('deleteIntakeDraft', {
      id: final.event.id,
      expectedRevision: final.revision,
    });
    expect(failure.code).toBe('RECORD_FINAL');
    expect(storeCounts(app)).toEqual(before);
    expect((await app.ok('getIntake', { id: final.event.id })).status).toBe('final');
  });

  it('deletes a draft never sent: record, items and its waiting changes go, the history stays', async () => {
    const draft = (await app.ok('newIntakeDraft')) as Draft;
    const saved = await app.ok('saveIntakeDraft', {
      draft: {
        ...draft,
        context: 'found',
        weapons: [{ id: randomUUID(), serialNumber: 'DEL-1', markings: [], photos: [] }],
        ammunition: [
          {
            id: randomUUID(),
            quantity: { kind: 'ammunition', unit: 'rounds', amount: 20 },
            photos: [],
          },
        ],
      } as Draft,
      expectedRevision: null,
    });
    expect(count('SELECT count(*) AS n FROM items WHERE intake_event_id = ?', draft.id)).toBe(2);
    const stale = await app.fail('deleteIntakeDraft', { id: draft.id, expectedRevision: 0 });
    expect(stale.code).toBe('CONFLICT');

    expect(
      await app.ok('deleteIntakeDraft', { id: draft.id, expectedRevision: saved.revision }),
    ).toEqual({ ok: true });
    expect((await app.fail('getIntake', { id: draft.id })).code).toBe('NOT_FOUND');
    expect(count('SELECT count(*) AS n FROM items WHERE intake_event_id = ?', draft.id)).toBe(0);
    // Never sent, so nothing to tell the server: its create left the outbox with it.
    expect(outboxOf(draft.id)).toEqual([]);
    const { db } = app.services.session.requireUnlocked();
    const actions = db
      .prepare('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq')
      .pluck()
      .all(draft.id);
    expect(actions).toEqual(['intake.draft_created', 'intake.draft_deleted']);
    // Saving the deleted draft again (an editor left open) does not bring it back.
    const again = await app.fail('saveIntakeDraft', {
      draft: saved.event as Draft,
      expectedRevision: saved.revision,
    });
    expect(again.code).toBe('NOT_FOUND');
    expect(await app.ok('verifyAuditLog')).toMatchObject({ ok: true });
  });

  it('queues a delete for a draft the server may hold (acknowledged, or sent and unanswered)', async () => {
    const { db } = app.services.session.requireUnlocked();
    for (const how of ['acknowledged', 'in flight'] as const) {
      const draft = (await app.ok('newIntakeDraft')) as Draft;
      const saved = await app.ok('saveIntakeDraft', {
        draft: { ...draft, context: 'seized' },
        expectedRevision: null,
      });
      if (how === 'acknowledged') {
        // As a push's answer leaves it: the create acknowledged, the server at revision 1.
        db.prepare('DELETE FROM outbox WHERE entity_id = ?').run(draft.id);
        db.prepare('UPDATE intake_events SET server_rev = 1 WHERE id = ?').run(draft.id);
      } else {
        db.prepare('UPDATE outbox SET wire_id = 900001 WHERE entity_id = ?').run(draft.id);
      }
      await app.ok('deleteIntakeDraft', { id: draft.id, expectedRevision: saved.revision });
      const ops = outboxOf(draft.id);
      expect(ops.at(-1), how).toEqual({
        op: 'delete',
        baseRevision: how === 'acknowledged' ? 1 : 0,
        changedFields: '[]',
      });
      expect(
        ops.map((op) => op.op),
        how,
      ).toEqual(how === 'acknowledged' ? ['delete'] : ['create', 'delete']);
      db.prepare('DELETE FROM outbox WHERE entity_id = ?').run(draft.id);
    }
  });

  it('refuses a role that may not delete, and a draft that does not exist', async () => {
    const draft = (await app.ok('newIntakeDraft')) as Draft;
    const saved = await app.ok('saveIntakeDraft', { draft, expectedRevision: null });
    const passphrase = goodPassphrase('destruction');
    const officer = await app.ok('addPerson', {
      name: 'Jelena Nikolić',
      role: 'destruction_officer',
      passphrase,
    });
    await app.ok('lock');
    await app.ok('unlock', { userId: officer.id, passphrase });
    const before = storeCounts(app);
    const failure = await app.fail('deleteIntakeDraft', {
      id: draft.id,
      expectedRevision: saved.revision,
    });
    expect(failure.code).toBe('FORBIDDEN');
    expect(storeCounts(app)).toEqual(before);
    await app.ok('lock');
    await app.ok('unlock', { userId: admin.id, passphrase: admin.passphrase });
    const missing = await app.fail('deleteIntakeDraft', { id: randomUUID(), expectedRevision: 1 });
    expect(missing.code).toBe('NOT_FOUND');
  });
});
