import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../../electron/store/audit-log.ts';
import { openDataFolder } from '../../../support/open-data.ts';
import { PreviewProcess } from '../../../support/preview-process.ts';
import rendererBuildSetup from '../../../support/renderer-build-setup.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const ITERATIONS = 50;
const person = {
  name: 'Crash Test Officer',
  passphrase: 'Kill-Nine-Evidence-2026!',
};

interface Ack {
  readonly id: string;
  readonly revision: number;
  readonly serial: string;
}

/**
 * "Data is never lost": the host is killed with SIGKILL at a random moment during a loop of saves,
 * 50 times. After each kill the database must open, pass integrity_check, hold every save the host
 * acknowledged (an HTTP response is what the renderer sees as "saved"), hold every record's saved
 * state in the outbox and an audit entry for every save, with an unbroken audit chain.
 */
describe('kill -9 of the host during saves', () => {
  let dataDir: string;
  let remove: () => Promise<void>;
  let userId: string;
  let locationId: string;
  const acked = new Map<string, Ack>();

  beforeAll(async () => {
    await rendererBuildSetup();
    ({ dir: dataDir, remove } = await makeTempDir('crash'));
    const host = await PreviewProcess.start(dataDir);
    const setUp = await host.value<{ currentUser: { id: string } }>('setUp', person);
    userId = setUp.currentUser.id;
    locationId = randomUUID();
    await host.value('saveLocation', {
      id: locationId,
      locationType: 'border_crossing_road',
      name: 'Batrovci',
      jurisdiction: 'RS',
    });
    await host.stop();
  }, 120_000);

  afterAll(async () => {
    await remove?.();
  });

  async function saveUntilKilled(host: PreviewProcess, iteration: number): Promise<Ack[]> {
    const local: Ack[] = [];
    // The kill is timed from the first acknowledged save, not from the start, so a slow host (a
    // busy CI machine) still dies in the middle of saves rather than before the first one.
    let killer: NodeJS.Timeout | undefined;
    const armKiller = () => {
      killer ??= setTimeout(() => host.kill('SIGKILL'), randomInt(20, 400));
    };
    try {
      for (let n = 0; ; n += 1) {
        const draft = await host.value<Record<string, unknown>>('newIntakeDraft');
        const serial = `SN-${iteration}-${n}`;
        const filled = {
          ...draft,
          context: 'seized',
          occurredAt: '2026-11-20',
          locationId,
          recordingAgency: 'Border Police',
          weapons: [
            {
              id: randomUUID(),
              serialNumber: serial,
              serialStatus: 'present',
              markings: [],
              photos: [],
            },
          ],
        };
        const first = await host.value<{ revision: number }>('saveIntakeDraft', {
          draft: filled,
          expectedRevision: null,
        });
        local.push({ id: String(draft.id), revision: first.revision, serial });
        armKiller();
        const second = await host.value<{ revision: number }>('saveIntakeDraft', {
          draft: { ...filled, notes: `edited in iteration ${iteration}` },
          expectedRevision: first.revision,
        });
        local.push({ id: String(draft.id), revision: second.revision, serial });
      }
    } catch {
      // The host died mid-request: everything acknowledged before this point must be on disk.
    } finally {
      if (killer) clearTimeout(killer);
    }
    return local;
  }

  it(`keeps every acknowledged save across ${ITERATIONS} kills`, async () => {
    let totalAcked = 0;
    for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
      const host = await PreviewProcess.start(dataDir);
      await host.value('unlock', { userId, passphrase: person.passphrase });
      const saves = await saveUntilKilled(host, iteration);
      host.kill('SIGKILL');
      await host.exited;
      for (const ack of saves) acked.set(ack.id, ack);
      totalAcked += saves.length;

      const data = await openDataFolder(dataDir, userId, person.passphrase);
      try {
        expect(data.db.pragma('integrity_check', { simple: true }), `iteration ${iteration}`).toBe(
          'ok',
        );
        const revisionOf = data.db.prepare('SELECT revision FROM intake_events WHERE id = ?');
        for (const ack of acked.values()) {
          const row = revisionOf.get(ack.id) as { revision: number } | undefined;
          expect(row, `record ${ack.serial} acknowledged before kill ${iteration}`).toBeDefined();
          expect(row?.revision).toBeGreaterThanOrEqual(ack.revision);
        }
        // Every record's saved state is in the outbox, in its newest row (a second save of a
        // record folds into the waiting row) and an audit entry for every save.
        const notQueued = data.db
          .prepare(
            `SELECT e.id FROM intake_events e WHERE e.data_json IS NOT (SELECT o.payload_json
               FROM outbox o WHERE o.entity_id = e.id ORDER BY o.mutation_id DESC LIMIT 1)`,
          )
          .all();
        expect(notQueued, `iteration ${iteration}`).toEqual([]);
        const audited = data.db
          .prepare(
            `SELECT count(*) AS n FROM audit_log
             WHERE action IN ('intake.draft_created', 'intake.draft_saved')`,
          )
          .get() as { n: number };
        const revisions = data.db
          .prepare('SELECT coalesce(sum(revision), 0) AS n FROM intake_events')
          .get() as { n: number };
        expect(audited.n).toBe(revisions.n);
        expect(verifyAuditChain(data.db, data.dbId)).toMatchObject({ ok: true });
      } finally {
        data.close();
      }
    }
    // The loop must really have saved under fire, or the test proves nothing.
    expect(totalAcked).toBeGreaterThan(ITERATIONS);
  }, 600_000);
});
