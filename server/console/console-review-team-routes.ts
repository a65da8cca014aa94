import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  ReviewQueueQuerySchema,
  ReviewRequestSchema,
  reviewRoutes,
} from '../../shared/console/review-api.ts';
import type { ConsolePermission } from '../../shared/console/roles.ts';
import {
  CreateTeamRequestSchema,
  PersonActiveRequestSchema,
  PersonRoleRequestSchema,
  TeamScopeRequestSchema,
  teamsPeopleRoutes,
} from '../../shared/console/teams-people-api.ts';
import type { Database } from '../db/database.ts';
import { writeAudit, type AuditActor } from './console-audit.ts';
import type { ChangesListener } from '../review/review-records.ts';
import { listReviewQueue, reviewFromConsole, reviewRecordDetail } from './console-review.ts';
import type { ActiveSession } from './console-sessions.ts';
import {
  changeConsoleTeamScope,
  createConsoleTeam,
  decideAboutConsolePerson,
  listConsolePeople,
  listConsoleTeams,
} from './console-teams-people.ts';
import { ConsoleHttpError } from './console-http-error.ts';

/** What console-routes.ts lends these routes: its session guard, parsing and audit actor. */
export interface ConsoleRouteKit {
  readonly db: Database;
  readonly clock: () => Date;
  readonly route: (path: string) => string;
  readonly write: { bodyLimit: number };
  /** The signed-in session with the permission; for writes, its CSRF token too. */
  readonly require: (
    request: FastifyRequest,
    permission: ConsolePermission | null,
  ) => Promise<ActiveSession>;
  readonly parse: <S extends z.ZodType>(schema: S, input: unknown, what: string) => z.output<S>;
  readonly actorOf: (session: ActiveSession, request: FastifyRequest) => AuditActor;
  /** Tells the laptops' event streams that changes were stored (a review): they pull at once. */
  readonly notifier?: ChangesListener;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in an address that is not a UUID names nothing (and must not reach a uuid cast). */
function idIn(params: unknown, what: string): string {
  const id = (params as { id?: unknown }).id;
  if (typeof id !== 'string' || !uuidPattern.test(id)) {
    throw new ConsoleHttpError(404, 'NOT_FOUND', `No such ${what}.`);
  }
  return id;
}

/**
 * The review queue, teams and people (issue 17 items 3 and 4). Roles, checked here: everyone
 * signed in with data.view reads; reviewers and administrators review (records.review); only
 * administrators change teams and people (accounts.manage: they manage who does what).
 */
export function registerReviewTeamRoutes(app: FastifyInstance, kit: ConsoleRouteKit): void {
  const { db, clock, route, write, require, parse, actorOf } = kit;

  app.get(route(reviewRoutes.queue), async (request) => {
    await require(request, 'data.view');
    return listReviewQueue(db, parse(ReviewQueueQuerySchema, request.query, 'filter'));
  });

  app.get(route('/reviews/records/:id'), async (request) => {
    await require(request, 'data.view');
    return reviewRecordDetail(db, idIn(request.params, 'record'));
  });

  app.post(route(reviewRoutes.review), write, async (request) => {
    const session = await require(request, 'records.review');
    const input = parse(ReviewRequestSchema, request.body, 'review');
    const now = clock();
    const answer = await reviewFromConsole(
      db,
      { accountId: session.account.id, name: session.account.name || session.account.email },
      input,
      now,
      kit.notifier,
    );
    const actor = actorOf(session, request);
    await db.transaction(async (tx) => {
      for (const result of answer.results) {
        if (result.outcome !== 'applied') continue;
        await writeAudit(tx, actor, 'record.reviewed', result.recordId, now, {
          state: input.state,
          ...(input.comment === undefined || input.comment === ''
            ? {}
            : { comment: input.comment }),
        });
      }
    });
    return answer;
  });

  app.get(route(teamsPeopleRoutes.teams), async (request) => {
    await require(request, 'data.view');
    return listConsoleTeams(db);
  });

  app.post(route(teamsPeopleRoutes.createTeam), write, async (request) => {
    const session = await require(request, 'accounts.manage');
    const input = parse(CreateTeamRequestSchema, request.body, 'team');
    return createConsoleTeam(db, input, actorOf(session, request), clock());
  });

  app.post(route('/teams/:id/scope'), write, async (request) => {
    const session = await require(request, 'accounts.manage');
    const id = idIn(request.params, 'team');
    const input = parse(TeamScopeRequestSchema, request.body, 'scope change');
    return changeConsoleTeamScope(db, id, input, actorOf(session, request), clock());
  });

  app.get(route(teamsPeopleRoutes.people), async (request) => {
    await require(request, 'data.view');
    return { people: await listConsolePeople(db) };
  });

  app.post(route('/people/:id/role'), write, async (request) => {
    const session = await require(request, 'accounts.manage');
    const id = idIn(request.params, 'person');
    const { role } = parse(PersonRoleRequestSchema, request.body, 'role');
    return decideAboutConsolePerson(
      db,
      id,
      { kind: 'role', role },
      actorOf(session, request),
      clock(),
    );
  });

  app.post(route('/people/:id/active'), write, async (request) => {
    const session = await require(request, 'accounts.manage');
    const id = idIn(request.params, 'person');
    const { active } = parse(PersonActiveRequestSchema, request.body, 'request');
    return decideAboutConsolePerson(
      db,
      id,
      { kind: active ? 'reactivate' : 'deactivate' },
      actorOf(session, request),
      clock(),
    );
  });
}
