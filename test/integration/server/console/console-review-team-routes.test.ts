import { AuditListSchema } from '../../../../shared/console/api.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../../../server/console/mailer.ts';
import { reviewRoutes } from '../../../../shared/console/review-api.ts';
import { teamsPeopleRoutes } from '../../../../shared/console/teams-people-api.ts';
import { reviewIdFor } from '../../../../shared/domain/record-review.ts';
import {
  CHANGES_EVENT,
  PullResponseSchema,
  PushResponseSchema,
  syncRoutes,
  type EnrollResponse,
  type Mutation,
} from '../../../../shared/sync/protocol.ts';
import { borderSeizure } from '../../../unit/shared/domain/fixtures.ts';
import { consoleSession } from '../../../support/console-session.ts';
import {
  mutation,
  newRecordId,
  syncClient,
  testAuthor,
  withFreshItemIds,
} from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

describe.each(syncBackends)('console review queue, teams and people (%s)', (backend) => {
  let server: SyncServerHandle;
  let device: EnrollResponse;
  const log: string[] = [];
  let laptop: ReturnType<typeof syncClient>;
  let next = 1;
  let placeId: string;
  const finals: string[] = [];
  let draftId: string;
  let admin: Awaited<ReturnType<typeof consoleSession>>;
  let reviewer: Awaited<ReturnType<typeof consoleSession>>;
  let viewer: Awaited<ReturnType<typeof consoleSession>>;

  async function push(partial: Partial<Mutation> & { entityId: string }) {
    const response = await laptop.push([mutation({ ...partial, mutationId: next })]);
    next += 1;
    expect(response.status, response.text).toBe(200);
    const result = PushResponseSchema.parse(response.json).results[0];
    expect(result?.outcome, result?.message ?? '').toBe('applied');
  }

  /** A complete border seizure at the laptop's place; finalised unless asked for a draft. */
  async function seizure(final: boolean): Promise<string> {
    const { id: _id, status: _status, revision: _revision, ...fields } = borderSeizure();
    const id = newRecordId();
    await push({
      entityId: id,
      op: 'create',
      fields: {
        ...fields,
        // Numbered as the laptop numbers its records: the audit log names a record by it.
        recordNumber: `BP7QX-${String(next).padStart(5, '0')}`,
        ...withFreshItemIds(fields),
        locationId: placeId,
      },
    });
    if (final) await push({ entityId: id, op: 'finalise', baseRev: 1, fields: {} });
    return id;
  }

  beforeAll(async () => {
    server = await startSyncServer({
      backend,
      mailer: createMailer({
        smtpUrl: undefined,
        from: 'console@localhost',
        warn: (message) => log.push(message),
      }),
    });
    device = await server.enrollDevice('Border laptop 1');
    laptop = syncClient(server.url, device);
    placeId = newRecordId();
    await push({
      entity: 'location',
      entityId: placeId,
      op: 'create',
      fields: { locationType: 'border_crossing_road', name: 'Batrovci', jurisdiction: 'RS' },
    });
    finals.push(await seizure(true), await seizure(true), await seizure(true));
    draftId = await seizure(false);
    admin = await consoleSession(server, log, 'admin@example.org', 'administrator');
    reviewer = await consoleSession(server, log, 'rev@example.org', 'reviewer');
    viewer = await consoleSession(server, log, 'view@example.org', 'viewer');
  }, 180_000);
  afterAll(() => server.stop());

  it('lists final records to review (not drafts), with their place, for every role', async () => {
    const queue = await viewer.get(`${reviewRoutes.queue}?standing=not_reviewed`);
    expect(queue.status, queue.text).toBe(200);
    const rows = (queue.json as { rows: Array<{ id: string; placeName: string }> }).rows;
    expect(rows.map((row) => row.id).sort()).toEqual([...finals].sort());
    expect(rows.map((row) => row.id)).not.toContain(draftId);
    expect(rows[0]?.placeName).toBe('Batrovci');
    const filtered = await viewer.get(
      `${reviewRoutes.queue}?standing=not_reviewed&entity=custody_transfer`,
    );
    expect((filtered.json as { rows: unknown[] }).rows).toEqual([]);
    const bad = await viewer.get(`${reviewRoutes.queue}?standing=lost`);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: 'VALIDATION_ERROR' });
  });

  it('refuses a viewer’s review with a plain 403, and a has-issues review without a comment', async () => {
    const refused = await viewer.post(reviewRoutes.review, {
      recordIds: [finals[0]],
      state: 'approved',
    });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({ error: 'FORBIDDEN', message: 'Your role does not allow this.' });
    const noComment = await reviewer.post(reviewRoutes.review, {
      recordIds: [finals[0]],
      state: 'has_issues',
    });
    expect(noComment.status).toBe(400);
    expect(noComment.json).toMatchObject({
      error: 'VALIDATION_ERROR',
      issues: [{ path: 'comment' }],
    });
    const noCsrf = await reviewer.post(
      reviewRoutes.review,
      { recordIds: [finals[0]], state: 'approved' },
      { csrf: false },
    );
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.json).toMatchObject({ error: 'CSRF_REJECTED' });
  });

  it('reviews one record with issues and two in bulk; the laptop pulls the states; each in the audit log', async () => {
    // The laptop's event stream: a console review tells it to pull at once, as a push does.
    const stream = new AbortController();
    const events = await fetch(`${server.url}${syncRoutes.events}`, {
      headers: { authorization: `Bearer ${device.credential}` },
      signal: stream.signal,
    });
    let said = '';
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of events.body!) said += decoder.decode(chunk, { stream: true });
      } catch {
        // Aborted below.
      }
    })();
    await expect.poll(() => said).toContain(': open');
    const issues = await reviewer.post(reviewRoutes.review, {
      recordIds: [finals[0]],
      state: 'has_issues',
      comment: 'Serial of the second rifle unreadable: add a photo.',
    });
    expect(issues.status, issues.text).toBe(200);
    expect(issues.json).toEqual({
      results: [{ recordId: finals[0], outcome: 'applied', message: null }],
    });
    await expect.poll(() => said).toContain(`event: ${CHANGES_EVENT}`);
    stream.abort();
    // A draft among the rows refuses the request before anything is written.
    const withDraft = await reviewer.post(reviewRoutes.review, {
      recordIds: [finals[1], draftId],
      state: 'approved',
    });
    expect(withDraft.status).toBe(400);
    expect(withDraft.json).toMatchObject({ error: 'VALIDATION_ERROR' });
    const bulk = await reviewer.post(reviewRoutes.review, {
      recordIds: [finals[1], finals[2]],
      state: 'approved',
    });
    expect(
      (bulk.json as { results: Array<{ outcome: string }> }).results.map((r) => r.outcome),
    ).toEqual(['applied', 'applied']);

    const standing = async (state: string) =>
      (
        (await reviewer.get(`${reviewRoutes.queue}?standing=${state}`)).json as {
          rows: Array<{ id: string; comment: string | null }>;
        }
      ).rows;
    expect((await standing('has_issues')).map((row) => [row.id, row.comment])).toEqual([
      [finals[0], 'Serial of the second rifle unreadable: add a photo.'],
    ]);
    expect((await standing('approved')).map((row) => row.id).sort()).toEqual(
      [finals[1], finals[2]].sort(),
    );
    expect(await standing('not_reviewed')).toEqual([]);

    const detail = await viewer.get(reviewRoutes.record(finals[0] ?? ''));
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({
      row: { standing: 'has_issues' },
      fields: { locationId: placeId, status: 'final' },
      history: [{ state: 'has_issues', reviewerName: 'rev' }],
    });

    // The laptop's next pull carries the review like any other pushed change.
    const pulled = PullResponseSchema.parse((await laptop.pull({ limit: 1000 })).json);
    const review = pulled.changes.find((record) => record.id === reviewIdFor(finals[0] ?? ''));
    expect(review?.data).toMatchObject({
      reviewedRecordId: finals[0],
      state: 'has_issues',
      comment: 'Serial of the second rifle unreadable: add a photo.',
    });

    const audit = await admin.get('/audit');
    const reviewed = AuditListSchema.parse(audit.json).entries.filter(
      (entry) => entry.action === 'record.reviewed',
    );
    expect(reviewed.map((entry) => entry.target).sort()).toEqual([...finals].sort());
    // Each named by its record number, as the records were numbered on the laptop.
    const numbers = await server.db.query<{ id: string; number: string }>(
      `SELECT id, data ->> 'recordNumber' AS number FROM records WHERE id = ANY ($1::text[])`,
      [finals],
    );
    expect(numbers.rows.every((row) => /^BP7QX-\d{5}$/.test(row.number))).toBe(true);
    expect(reviewed.map((entry) => [entry.target, entry.recordNumber]).sort()).toEqual(
      numbers.rows.map((row) => [row.id, row.number]).sort(),
    );
    expect(new Set(reviewed.map((entry) => entry.actor))).toEqual(new Set(['rev@example.org']));
  });

  it('lets an administrator create a team with a site and change its scope; others may only read', async () => {
    const refused = await reviewer.post(teamsPeopleRoutes.createTeam, {
      name: 'Border police north',
      organisation: 'Border police',
    });
    expect(refused.status).toBe(403);
    const bad = await admin.post(teamsPeopleRoutes.createTeam, {
      name: 'Border police north',
      organisation: 'Border police',
      jurisdictions: ['Serbia'],
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: 'VALIDATION_ERROR' });

    const created = await admin.post(teamsPeopleRoutes.createTeam, {
      name: 'Border police north',
      organisation: 'Border police',
      sites: [placeId],
    });
    expect(created.status, created.text).toBe(200);
    // Every final seizure (and its draft) happens at that place: they entered the scope.
    expect(created.json).toMatchObject({ team: { name: 'Border police north' } });
    expect((created.json as { entered: number }).entered).toBeGreaterThan(0);
    const teamId = (created.json as { team: { id: string } }).team.id;
    const again = await admin.post(teamsPeopleRoutes.createTeam, {
      name: 'border police north',
      organisation: 'Border police',
    });
    expect(again.status).toBe(400);

    const scope = await admin.post(teamsPeopleRoutes.teamScope(teamId), {
      addJurisdictions: ['me'],
    });
    expect(scope.status, scope.text).toBe(200);
    const list = await viewer.get(teamsPeopleRoutes.teams);
    const team = (
      list.json as {
        teams: Array<{ id: string; jurisdictions: string[]; sites: unknown[]; devices: unknown[] }>;
      }
    ).teams.find((candidate) => candidate.id === teamId);
    expect(team).toMatchObject({
      jurisdictions: ['ME'],
      sites: [{ id: placeId, name: 'Batrovci' }],
      devices: [],
    });
    // The team filter of the review queue reads the team's scope.
    const queue = await viewer.get(`${reviewRoutes.queue}?standing=approved&teamId=${teamId}`);
    expect((queue.json as { rows: unknown[] }).rows).toHaveLength(2);
    // A team no one has is refused as reports and exports refuse it, not shown every record.
    const noTeam = await viewer.get(
      `${reviewRoutes.queue}?standing=approved&teamId=0190a8e4-0000-7000-8000-00000000fffe`,
    );
    expect(noTeam.status).toBe(400);
    expect(noTeam.json).toMatchObject({ error: 'UNKNOWN_TEAM' });
    const unknown = await admin.post(
      teamsPeopleRoutes.teamScope('0190a8e4-0000-7000-8000-00000000ffff'),
      { addJurisdictions: ['RS'] },
    );
    expect(unknown.status).toBe(404);
  });

  it('lets an administrator change a person’s role and deactivate them; each in the audit log', async () => {
    const people = await viewer.get(teamsPeopleRoutes.people);
    const ana = (
      people.json as { people: Array<{ id: string; name: string; deactivatedAt: string | null }> }
    ).people.find((person) => person.id === testAuthor.id);
    expect(ana).toMatchObject({ name: 'Ana Field', deactivatedAt: null });

    expect(
      (await reviewer.post(teamsPeopleRoutes.personActive(testAuthor.id), { active: false }))
        .status,
    ).toBe(403);
    expect(
      (await admin.post(teamsPeopleRoutes.personRole(testAuthor.id), { role: 'chief' })).status,
    ).toBe(400);
    expect(
      (await admin.post(teamsPeopleRoutes.personRole('not-an-id'), { role: 'team_lead' })).status,
    ).toBe(404);

    const role = await admin.post(teamsPeopleRoutes.personRole(testAuthor.id), {
      role: 'team_lead',
    });
    expect(role.json).toMatchObject({
      changed: true,
      person: { role: 'team_lead', roleSetBy: 'centre' },
    });
    const off = await admin.post(teamsPeopleRoutes.personActive(testAuthor.id), { active: false });
    expect(off.status, off.text).toBe(200);
    expect(
      (off.json as { person: { deactivatedAt: string | null } }).person.deactivatedAt,
    ).not.toBeNull();
    const offAgain = await admin.post(teamsPeopleRoutes.personActive(testAuthor.id), {
      active: false,
    });
    expect(offAgain.json).toMatchObject({ changed: false });

    const audit = (
      (await admin.get('/audit')).json as {
        entries: Array<{ action: string; target: string; actor: string }>;
      }
    ).entries;
    expect(
      audit
        .filter((entry) => entry.action.startsWith('person.'))
        .map((entry) => [entry.action, entry.target, entry.actor]),
    ).toEqual([
      ['person.deactivated', 'Ana Field', 'admin@example.org'],
      ['person.role_changed', 'Ana Field', 'admin@example.org'],
    ]);
  });
});
