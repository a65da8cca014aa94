import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDeviceDatabase,
  openDeviceDatabase,
} from '../../../../electron/store/device-database.ts';
import type { Db } from '../../../../electron/store/encrypted-database.ts';
import {
  appendOutbox,
  pendingOutboxCount,
  type OutboxMutation,
} from '../../../../electron/store/outbox.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const mutation = (entityId: string): OutboxMutation => ({
  entity: 'intake_event',
  entityId,
  op: 'upsert',
  baseRevision: 0,
  payload: { id: entityId, serial: 'AK-47 123456' },
  createdAt: new Date().toISOString(),
  createdBy: 'user-1',
});

describe('outbox', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let db: Db;
  const dek = randomBytes(32);
  const dbId = randomUUID();

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('outbox'));
    db = createDeviceDatabase(dir, dek, dbId, new Date().toISOString());
  });
  afterEach(async () => {
    if (db.open) db.close();
    await remove();
  });

  it('hands out strictly increasing mutation ids', () => {
    const ids = Array.from({ length: 20 }, (_, i) => appendOutbox(db, mutation(`e-${i}`)));
    for (let i = 1; i < ids.length; i += 1) expect(ids[i]).toBeGreaterThan(ids[i - 1] ?? 0);
    expect(pendingOutboxCount(db)).toBe(20);
  });

  it('never reuses an id after the newest rows were deleted (AUTOINCREMENT)', () => {
    const first = [1, 2, 3].map((i) => appendOutbox(db, mutation(`e-${i}`)));
    const highest = Math.max(...first);
    // Pushed and acknowledged: sync removes them, the newest included.
    db.prepare('DELETE FROM outbox').run();
    const next = appendOutbox(db, mutation('e-4'));
    expect(next).toBeGreaterThan(highest);
    expect(pendingOutboxCount(db)).toBe(1);
  });

  it('never reuses an id across a close and reopen either', () => {
    const highest = [1, 2, 3].map((i) => appendOutbox(db, mutation(`e-${i}`))).at(-1) ?? 0;
    db.prepare('DELETE FROM outbox WHERE mutation_id >= ?').run(highest - 1);
    db.close();
    db = openDeviceDatabase(dir, dek, dbId);
    expect(appendOutbox(db, mutation('e-4'))).toBeGreaterThan(highest);
  });

  it('stores the payload as JSON and counts only pending rows', () => {
    const id = appendOutbox(db, mutation('e-1'));
    appendOutbox(db, mutation('e-2'));
    db.prepare("UPDATE outbox SET state = 'sent' WHERE mutation_id = ?").run(id);
    expect(pendingOutboxCount(db)).toBe(1);
    const row = db
      .prepare('SELECT payload_json, state FROM outbox WHERE mutation_id = ?')
      .get(id) as {
      payload_json: string;
      state: string;
    };
    expect(JSON.parse(row.payload_json)).toEqual({ id: 'e-1', serial: 'AK-47 123456' });
    expect(row.state).toBe('sent');
  });

  describe('saves of one record in a row (autosave)', () => {
    const save = (entityId: string, notes: string, patch: Partial<OutboxMutation> = {}) =>
      appendOutbox(db, {
        ...mutation(entityId),
        op: 'update',
        payload: { id: entityId, notes },
        changedFields: ['notes'],
        ...patch,
      });
    const rows = () =>
      db
        .prepare(
          `SELECT mutation_id AS id, entity_id AS entityId, op, payload_json AS payload,
             changed_fields_json AS fields, created_at AS createdAt FROM outbox ORDER BY mutation_id`,
        )
        .all() as Array<{
        id: number;
        entityId: string;
        op: string;
        payload: string;
        fields: string | null;
        createdAt: string;
      }>;

    it('fold into the waiting row: the latest state, every field touched, the first time', () => {
      const first = save('e-1', 'one', { createdAt: '2026-11-20T08:00:00.000Z' });
      const again = save('e-1', 'two', {
        changedFields: ['occurredAt'],
        createdAt: '2026-11-20T08:05:00.000Z',
      });
      expect(again).toBe(first);
      expect(rows()).toEqual([
        {
          id: first,
          entityId: 'e-1',
          op: 'update',
          payload: JSON.stringify({ id: 'e-1', notes: 'two' }),
          fields: JSON.stringify(['notes', 'occurredAt']),
          createdAt: '2026-11-20T08:00:00.000Z',
        },
      ]);
    });

    it('fold into a waiting create, which keeps sending every field', () => {
      const created = save('e-1', 'one', { op: 'create', changedFields: null });
      expect(save('e-1', 'two')).toBe(created);
      expect(rows()).toMatchObject([{ op: 'create', fields: null, payload: /two/ }]);
    });

    it('stay apart once the row was sent, after another record, by another person, or for another step', () => {
      const sent = save('e-1', 'one');
      db.prepare('UPDATE outbox SET wire_id = 1 WHERE mutation_id = ?').run(sent);
      // In flight: the server may already hold 'one'; 'two' is a change of its own.
      expect(save('e-1', 'two')).not.toBe(sent);
      save('e-2', 'other record');
      // Another record was queued in between: folding would send 'three' ahead of it.
      const third = save('e-1', 'three');
      expect(save('e-1', 'four', { createdBy: 'user-2' })).not.toBe(third);
      save('e-1', 'final', { op: 'finalise' });
      expect(rows().map((row) => [row.entityId, row.op, JSON.parse(row.payload).notes])).toEqual([
        ['e-1', 'update', 'one'],
        ['e-1', 'update', 'two'],
        ['e-2', 'update', 'other record'],
        ['e-1', 'update', 'three'],
        ['e-1', 'update', 'four'],
        ['e-1', 'finalise', 'final'],
      ]);
    });
  });

  it('rolls back with the change it belongs to', () => {
    expect(() =>
      db.transaction(() => {
        appendOutbox(db, mutation('e-1'));
        throw new Error('save failed');
      })(),
    ).toThrow('save failed');
    expect(pendingOutboxCount(db)).toBe(0);
  });
});
