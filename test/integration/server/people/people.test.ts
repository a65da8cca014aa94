import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PeopleFeedResponseSchema,
  PeopleReportResponseSchema,
  PushResponseSchema,
  SyncErrorBodySchema,
  syncRoutes,
  type EnrollResponse,
  type MutationAuthor,
} from '../../../../shared/sync/protocol.ts';
import { parseAdminCommand, runAdminCommand } from '../../../../server/cli/admin-commands.ts';
import { intakeDraftCreations, request, syncClient } from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

const ana = {
  id: '0190a8e4-0000-7000-8000-00000000a001',
  name: 'Ana Field',
  role: 'field_officer',
  createdAt: '2026-11-30T08:00:00.000Z',
} as const;
const boris = {
  id: '0190a8e4-0000-7000-8000-00000000a002',
  name: 'Boris Lead',
  role: 'team_lead',
  createdAt: '2026-11-30T08:05:00.000Z',
} as const;

/**
 * People at the centre, on both backends, over real HTTP: laptops report their people, an
 * administrator sets roles and deactivates people through the admin operations (what the command
 * line and the console call), laptops read the decisions after their cursor, and push judges a
 * change by the centre's role once it set one.
 */
describe.each(syncBackends)('people from the centre (%s)', (backend) => {
  let server: SyncServerHandle;
  let laptop: EnrollResponse;
  let mutationId = 0;

  const report = (people: unknown, device: EnrollResponse = laptop) =>
    request(`${server.url}${syncRoutes.people}`, {
      method: 'POST',
      credential: device.credential,
      body: JSON.stringify({ people }),
    });
  const feed = async (query: string) =>
    request(`${server.url}${syncRoutes.people}${query}`, { credential: laptop.credential });
  const decisions = async (after: number) => {
    const response = await feed(`?after=${after}`);
    expect(response.status).toBe(200);
    return PeopleFeedResponseSchema.parse(response.json);
  };
  /** One intake created by `author` (the role as the laptop sends it); the push's outcome. */
  const pushIntake = async (author: MutationAuthor) => {
    mutationId += 1;
    const [created] = intakeDraftCreations(1, mutationId, author);
    const response = await syncClient(server.url, laptop).push([created!]);
    expect(response.status).toBe(200);
    return PushResponseSchema.parse(response.json).results[0]!;
  };

  beforeAll(async () => {
    server = await startSyncServer({ backend });
    laptop = await server.enrollDevice('Team 3 laptop');
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('records every person a laptop reports, once: the same report again changes nothing', async () => {
    const first = await report([ana, boris]);
    expect(first.status).toBe(200);
    expect(PeopleReportResponseSchema.parse(first.json)).toEqual({ added: 2, updated: 0 });
    expect(PeopleReportResponseSchema.parse((await report([boris, ana])).json)).toEqual({
      added: 0,
      updated: 0,
    });
    // The laptop's administrator renamed Ana and made her a team lead.
    const renamed = { ...ana, name: 'Ana Field-Petrović', role: 'team_lead' };
    expect(PeopleReportResponseSchema.parse((await report([renamed, boris])).json)).toEqual({
      added: 0,
      updated: 1,
    });
    const { people } = await server.admin.people();
    expect(people.map((p) => [p.name, p.role, p.roleSetBy, p.reportedBy?.name])).toEqual([
      ['Ana Field-Petrović', 'team_lead', 'laptop', 'Team 3 laptop'],
      ['Boris Lead', 'team_lead', 'laptop', 'Team 3 laptop'],
    ]);
    await report([ana, boris]);
  });

  it('refuses bad input to the people routes with a clear 400, and strangers with 401', async () => {
    const cases: Array<[unknown, string]> = [
      [[{ ...ana, role: 'general' }], '0.role'],
      [[{ ...ana, id: 'not-a-uuid' }], '0.id'],
      [[ana, ana], ''],
      [[{ ...ana, name: '   ' }], '0.name'],
    ];
    for (const [people, path] of cases) {
      const response = await report(people);
      expect(response.status).toBe(400);
      const body = SyncErrorBodySchema.parse(response.json);
      expect(body).toMatchObject({
        error: 'VALIDATION_ERROR',
        message: 'The people report is not valid.',
      });
      expect(body.issues?.map((issue) => issue.path)).toContain(
        `people.${path}`.replace(/\.$/, ''),
      );
    }
    for (const query of ['?after=-1', '?after=abc', '?limit=0', '?limit=100000']) {
      const response = await feed(query);
      expect(response.status, query).toBe(400);
      expect(SyncErrorBodySchema.parse(response.json).error).toBe('VALIDATION_ERROR');
    }
    const stranger = await request(`${server.url}${syncRoutes.people}`, {
      method: 'POST',
      body: JSON.stringify({ people: [ana] }),
    });
    expect(stranger.status).toBe(401);
  });

  it('gives laptops the centre role decisions after their cursor, and push follows that role', async () => {
    // As the laptop says: a field officer may record an intake.
    expect((await pushIntake({ ...ana, role: 'field_officer' })).outcome).toBe('applied');
    const before = await decisions(0);
    expect(before.people).toEqual([]);

    const changed = await server.admin.setPersonRole('Ana Field', 'custody_officer');
    expect(changed).toMatchObject({
      kind: 'changed',
      person: {
        id: ana.id,
        role: 'custody_officer',
        roleSetBy: 'centre',
        laptopRole: 'field_officer',
      },
    });
    // Asked again: nothing new to decide.
    expect((await server.admin.setPersonRole(ana.id, 'custody_officer')).kind).toBe('unchanged');

    const after = await decisions(before.next);
    expect(after.people).toEqual([
      expect.objectContaining({ id: ana.id, role: 'custody_officer', deactivated: false }),
    ]);
    expect(after.hasMore).toBe(false);
    expect((await decisions(after.next)).people).toEqual([]);

    // The laptop still says field officer: the server goes by the centre's custody officer.
    const refused = await pushIntake({ ...ana, role: 'field_officer' });
    expect(refused).toMatchObject({ outcome: 'rejected', reason: 'forbidden' });
    expect(refused.message).toContain('custody_officer');
    // A later report of the laptop's role does not undo the centre's decision.
    await report([ana, boris]);
    expect((await server.admin.people()).people.find((p) => p.id === ana.id)).toMatchObject({
      role: 'custody_officer',
      roleSetBy: 'centre',
    });
    // And the centre can give the role back.
    await server.admin.setPersonRole(ana.id, 'field_officer');
    expect((await pushIntake({ ...ana, role: 'custody_officer' })).outcome).toBe('applied');
  });

  it('deactivates and reactivates a person; their changes are still accepted, and each decision is kept', async () => {
    const start = (await decisions(0)).next;
    const deactivated = await server.admin.deactivatePerson('Boris Lead');
    expect(deactivated).toMatchObject({ kind: 'changed', person: { id: boris.id } });
    expect((await server.admin.deactivatePerson(boris.id)).kind).toBe('unchanged');
    expect((await decisions(start)).people).toEqual([
      expect.objectContaining({ id: boris.id, role: null, deactivated: true }),
    ]);
    // Recorded offline before the laptop heard of it: still arrives.
    expect((await pushIntake({ ...boris })).outcome).toBe('applied');

    const reactivated = await server.admin.reactivatePerson(boris.id);
    expect(reactivated).toMatchObject({ kind: 'changed', person: { deactivatedAt: null } });
    expect((await decisions(start)).people).toEqual([
      expect.objectContaining({ id: boris.id, deactivated: false }),
    ]);

    const { changes } = await server.admin.personChanges();
    expect(
      changes.map((c) => [c.person.name, c.change, c.roleBefore, c.roleAfter, c.changedBy]),
    ).toEqual([
      ['Boris Lead', 'reactivated', 'team_lead', 'team_lead', 'command line'],
      ['Boris Lead', 'deactivated', 'team_lead', 'team_lead', 'command line'],
      ['Ana Field', 'role', 'custody_officer', 'field_officer', 'command line'],
      ['Ana Field', 'role', 'field_officer', 'custody_officer', 'command line'],
    ]);
    expect((await server.admin.personChanges(ana.id)).changes).toHaveLength(2);
  });

  it('pages the decisions in revision order', async () => {
    const page = await feed('?after=0&limit=1');
    const first = PeopleFeedResponseSchema.parse(page.json);
    expect(first.people).toHaveLength(1);
    expect(first.hasMore).toBe(true);
    const rest = await decisions(first.next);
    expect(rest.people.length).toBeGreaterThan(0);
    expect(rest.people.every((person) => person.rev > first.next)).toBe(true);
  });

  it('answers the command line in the administrator words, by name or id', async () => {
    const run = async (command: string, ...args: string[]) => {
      const parsed = parseAdminCommand(command, args);
      if (parsed.kind === 'invalid') return parsed.result;
      if (parsed.kind === 'check') throw new Error('check does not run here');
      return runAdminCommand(server.admin, parsed);
    };
    expect(await run('person-role', 'Nobody Here', 'team_lead')).toEqual({
      ok: false,
      lines: ['No person "Nobody Here". The list: npm run server -- people'],
    });
    expect(parseAdminCommand('person-role', ['Ana Field', 'general'])).toMatchObject({
      kind: 'invalid',
      result: { ok: false, lines: expect.arrayContaining([expect.stringContaining('Roles: ')]) },
    });
    const listed = await run('people');
    expect(listed).toMatchObject({ ok: true });
    expect(listed.lines.join('\n')).toContain(
      `${boris.id}  "Boris Lead"  team_lead (set by the laptop)  active  on "Team 3 laptop"`,
    );
    expect(await run('person-deactivate', 'Boris Lead')).toMatchObject({
      ok: true,
      lines: [expect.stringMatching(/^Deactivated .*Boris Lead.*can no longer unlock/)],
    });
    // Two people of one name: the command asks for an id instead of guessing.
    const twin = { ...boris, id: '0190a8e4-0000-7000-8000-00000000a003' };
    await report([ana, boris, twin]);
    expect(await run('person-reactivate', 'Boris Lead')).toMatchObject({
      ok: false,
      lines: ['Several people are named "Boris Lead"; use an id:', boris.id, twin.id],
    });
  });
});
