import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  AcceptInvitationRequestSchema,
  AuditQuerySchema,
  ChangeRoleRequestSchema,
  CompletePasswordResetSchema,
  ConflictsQuerySchema,
  consoleApiPrefix,
  consoleCsrfHeader,
  consoleRoutes,
  EnrollDeviceRequestSchema,
  IdParamSchema,
  InviteRequestSchema,
  RejectedParamSchema,
  RequestPasswordResetSchema,
  SetDisabledRequestSchema,
  SignInRequestSchema,
  type ConsoleSession,
} from '../../shared/console/api.ts';
import { permissionsOf, roleMay, type ConsolePermission } from '../../shared/console/roles.ts';
import type { Database } from '../db/database.ts';
import type { EventStreams } from '../http/event-streams.ts';
import { SyncHttpError } from '../http/sync-http-error.ts';
import {
  acceptInvitation,
  changeRole,
  completePasswordReset,
  inviteAccount,
  listAccounts,
  requestPasswordReset,
  setDisabled,
  signIn,
} from './console-accounts.ts';
import { listAudit, writeAudit, type AuditActor } from './console-audit.ts';
import {
  listConflicts,
  listRejected,
  resolveConflict,
  resolveRejected,
} from './console-conflicts.ts';
import { enrollFromConsole, listConsoleDevices, revokeFromConsole } from './console-devices.ts';
import type { ChangesListener } from '../review/review-records.ts';
import { registerReviewTeamRoutes } from './console-review-team-routes.ts';
import { ConsoleHttpError, forbidden, notSignedIn } from './console-http-error.ts';
import {
  endSession,
  readSession,
  sessionCookieName,
  type ActiveSession,
  type NewSession,
} from './console-sessions.ts';
import { consoleDataRoutes } from '../console-data/console-data-routes.ts';
import type { Mailer } from './mailer.ts';
import { codeAttemptWait, recordCodeFailure } from './sign-in-throttle.ts';

export interface ConsoleRoutesOptions {
  readonly db: Database;
  readonly clock: () => Date;
  readonly mailer: Mailer;
  readonly streams: EventStreams;
  /** Under TLS the session cookie is Secure. */
  readonly tls: boolean;
  /** The console's public address (SALW_PUBLIC_URL), when the server sits behind a proxy. */
  readonly publicUrl: string | undefined;
  readonly enrollmentCodeMinutes: number;
  /** The server's change notifier: a review made here pokes the laptops' event streams. */
  readonly notifier?: ChangesListener;
}

/** Console requests are small forms; a megabyte is never one. */
const bodyLimit = 64 * 1024;

function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ConsoleHttpError(400, 'VALIDATION_ERROR', `The ${what} is not valid.`, {
    issues: result.error.issues.slice(0, 50).map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  });
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

declare module 'fastify' {
  interface FastifyRequest {
    consoleSession?: ActiveSession;
  }
}

/**
 * The console's JSON API under /console/api. Sessions are HttpOnly, SameSite=Strict cookies
 * (Secure under TLS); every state-changing request must come from the console's own origin
 * (Origin header) and, once signed in, carry the session's CSRF token in a header a cross-site
 * form cannot set. Roles are checked here, per route (shared/console/roles.ts).
 */
export function consoleRoutesPlugin(options: ConsoleRoutesOptions) {
  const { db, clock } = options;
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(cookie);
    app.setErrorHandler((error, _request, reply) => {
      if (error instanceof ConsoleHttpError) return reply.code(error.statusCode).send(error.body);
      if (error instanceof SyncHttpError) return reply.code(error.statusCode).send(error.body);
      // Fastify's own refusals and failures: the server's one handler words them.
      throw error;
    });
    app.addHook('onSend', async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
    });

    const origins = (request: FastifyRequest): string[] => {
      const own = `${request.protocol}://${request.host}`;
      return options.publicUrl === undefined ? [own] : [own, new URL(options.publicUrl).origin];
    };
    const consoleUrl = (request: FastifyRequest): string =>
      options.publicUrl ?? `${request.protocol}://${request.host}/console/`;
    const serverUrl = (request: FastifyRequest): string =>
      options.publicUrl === undefined
        ? `${request.protocol}://${request.host}`
        : new URL(options.publicUrl).origin;

    // Every state-changing request, signed in or not (sign-in itself: no login CSRF).
    app.addHook('onRequest', async (request) => {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      const origin = request.headers.origin;
      if (origin === undefined || !origins(request).includes(origin)) {
        throw new ConsoleHttpError(
          403,
          'CSRF_REJECTED',
          'This request did not come from the console itself.',
        );
      }
    });

    const sessionOf = async (request: FastifyRequest): Promise<ActiveSession | null> => {
      const token = request.cookies[sessionCookieName];
      if (token === undefined) return null;
      return readSession(db, token, clock());
    };
    /** The signed-in session with the permission; for writes, the CSRF token too. */
    const require = async (
      request: FastifyRequest,
      permission: ConsolePermission | null,
    ): Promise<ActiveSession> => {
      const session = await sessionOf(request);
      if (session === null) throw notSignedIn();
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const sent = request.headers[consoleCsrfHeader];
        if (typeof sent !== 'string' || !sameText(sent, session.csrfToken)) {
          throw new ConsoleHttpError(
            403,
            'CSRF_REJECTED',
            'The request lacks this session’s CSRF token.',
          );
        }
      }
      if (permission !== null && !roleMay(session.account.role, permission)) throw forbidden();
      return session;
    };
    const actorOf = (session: ActiveSession, request: FastifyRequest): AuditActor => ({
      accountId: session.account.id,
      label: session.account.email,
      address: request.ip,
    });
    const setSessionCookie = (reply: FastifyReply, session: NewSession) => {
      void reply.setCookie(sessionCookieName, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.tls,
        path: '/console',
      });
    };
    const describe = (session: ActiveSession | null): ConsoleSession =>
      session === null
        ? { signedIn: false }
        : {
            signedIn: true,
            account: session.account,
            permissions: permissionsOf(session.account.role),
            csrfToken: session.csrfToken,
            expiresAt: session.expiresAt.toISOString(),
          };
    const opened = async (reply: FastifyReply, created: NewSession): Promise<ConsoleSession> => {
      setSessionCookie(reply, created);
      return describe(await readSession(db, created.token, clock()));
    };
    const route = (path: string) => `${consoleApiPrefix}${path}`;
    const write = { bodyLimit };

    app.get(route(consoleRoutes.session), async (request) => describe(await sessionOf(request)));

    app.post(route(consoleRoutes.signIn), write, async (request, reply) => {
      const input = parse(SignInRequestSchema, request.body, 'sign-in');
      return opened(reply, await signIn({ db, now: clock() }, input, request.ip));
    });

    app.post(route(consoleRoutes.signOut), write, async (request, reply) => {
      const session = await require(request, null);
      await db.transaction(async (tx) => {
        await endSession(tx, session.tokenHash, clock());
        const actor = actorOf(session, request);
        await writeAudit(tx, actor, 'account.signed_out', session.account.email, clock());
      });
      void reply.clearCookie(sessionCookieName, { path: '/console' });
      return { signedIn: false } satisfies ConsoleSession;
    });

    /** Runs a code's redemption under the per-address limit on wrong codes. */
    const withCode = async <T>(request: FastifyRequest, redeem: () => Promise<T>): Promise<T> => {
      const wait = await codeAttemptWait(db, request.ip, clock());
      if (wait > 0) {
        throw new ConsoleHttpError(
          429,
          'RATE_LIMITED',
          `Too many wrong codes: wait ${String(wait)} seconds.`,
          {
            retryAfterSeconds: wait,
          },
        );
      }
      try {
        return await redeem();
      } catch (error) {
        const code = error instanceof ConsoleHttpError ? error.body.error : null;
        if (code === 'CODE_INVALID' || code === 'CODE_EXPIRED') {
          await recordCodeFailure(db, request.ip, clock());
        }
        throw error;
      }
    };

    app.post(route(consoleRoutes.acceptInvitation), write, async (request, reply) => {
      const input = parse(AcceptInvitationRequestSchema, request.body, 'invitation');
      const created = await withCode(request, () =>
        acceptInvitation({ db, now: clock() }, input, request.ip),
      );
      return opened(reply, created);
    });

    app.post(route(consoleRoutes.requestPasswordReset), write, async (request) => {
      const { email, language } = parse(RequestPasswordResetSchema, request.body, 'reset request');
      await requestPasswordReset(
        { db, mailer: options.mailer, consoleUrl: consoleUrl(request), now: clock() },
        { email, language: language ?? 'en' },
        request.ip,
      );
      return { ok: true as const };
    });

    app.post(route(consoleRoutes.completePasswordReset), write, async (request) => {
      const input = parse(CompletePasswordResetSchema, request.body, 'password reset');
      await withCode(request, () => completePasswordReset({ db, now: clock() }, input, request.ip));
      return { ok: true as const };
    });

    app.get(route(consoleRoutes.accounts), async (request) => {
      await require(request, 'accounts.manage');
      return { accounts: await listAccounts(db) };
    });

    app.post(route(consoleRoutes.invite), write, async (request) => {
      const session = await require(request, 'accounts.manage');
      const input = parse(InviteRequestSchema, request.body, 'invitation');
      return inviteAccount(
        { db, mailer: options.mailer, consoleUrl: consoleUrl(request), now: clock() },
        input,
        actorOf(session, request),
      );
    });

    app.post(route('/accounts/:id/role'), write, async (request) => {
      const session = await require(request, 'accounts.manage');
      const { id } = parse(IdParamSchema, request.params, 'address');
      const { role } = parse(ChangeRoleRequestSchema, request.body, 'role');
      await changeRole({ db, now: clock() }, accountId(id), role, actorOf(session, request));
      return { ok: true as const };
    });

    app.post(route('/accounts/:id/disabled'), write, async (request) => {
      const session = await require(request, 'accounts.manage');
      const { id } = parse(IdParamSchema, request.params, 'address');
      const { disabled } = parse(SetDisabledRequestSchema, request.body, 'request');
      await setDisabled({ db, now: clock() }, accountId(id), disabled, actorOf(session, request));
      return { ok: true as const };
    });

    app.get(route(consoleRoutes.devices), async (request) => {
      await require(request, 'devices.view');
      return { devices: await listConsoleDevices(db) };
    });

    app.post(route(consoleRoutes.enrollDevice), write, async (request) => {
      const session = await require(request, 'devices.manage');
      const { name, teamId } = parse(EnrollDeviceRequestSchema, request.body, 'enrollment');
      return enrollFromConsole(
        db,
        {
          name,
          teamId,
          serverUrl: serverUrl(request),
          codeMinutes: options.enrollmentCodeMinutes,
          now: clock(),
        },
        actorOf(session, request),
      );
    });

    app.post(route('/devices/:id/revoke'), write, async (request) => {
      const session = await require(request, 'devices.manage');
      const { id } = parse(IdParamSchema, request.params, 'address');
      await revokeFromConsole(db, id, clock(), actorOf(session, request), options.streams);
      return { ok: true as const };
    });

    app.get(route(consoleRoutes.conflicts), async (request) => {
      await require(request, 'conflicts.view');
      const { show } = parse(ConflictsQuerySchema, request.query, 'query');
      const [conflicts, rejected] = [await listConflicts(db, show), await listRejected(db, show)];
      return { conflicts, rejected };
    });

    app.post(route('/conflicts/:id/resolve'), write, async (request) => {
      const session = await require(request, 'conflicts.resolve');
      const { id } = parse(IdParamSchema, request.params, 'address');
      await resolveConflict(db, id, clock(), actorOf(session, request));
      return { ok: true as const };
    });

    app.post(route('/rejected/:deviceId/:mutationId/resolve'), write, async (request) => {
      const session = await require(request, 'conflicts.resolve');
      const { deviceId, mutationId } = parse(RejectedParamSchema, request.params, 'address');
      await resolveRejected(db, deviceId, mutationId, clock(), actorOf(session, request));
      return { ok: true as const };
    });

    app.get(route(consoleRoutes.audit), async (request) => {
      await require(request, 'audit.view');
      return { entries: await listAudit(db, parse(AuditQuerySchema, request.query, 'query')) };
    });

    // The review queue, teams and people (issue 17 items 3 and 4), under the same guard.
    registerReviewTeamRoutes(app, {
      db,
      clock,
      route,
      write,
      require,
      parse,
      actorOf,
      notifier: options.notifier,
    });

    // The data pages' routes (overview, register, reports, exports): every role may read them
    // (data.view); each export or report file leaves an entry in the console's audit log.
    await app.register(
      consoleDataRoutes(db, {
        clock,
        preHandler: async (request) => {
          request.consoleSession = await require(request, 'data.view');
        },
        audit: async (request, entry) => {
          const session = request.consoleSession;
          if (session === undefined) return;
          await writeAudit(db, actorOf(session, request), 'export.created', entry.what, clock(), {
            format: entry.format,
            filter: entry.filter,
            rows: entry.rows,
          });
        },
      }),
      { prefix: consoleApiPrefix },
    );
  };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in an address that is not a UUID names no account (and must not reach a uuid cast). */
function accountId(id: string): string {
  if (!uuidPattern.test(id)) throw new ConsoleHttpError(404, 'NOT_FOUND', 'No such account.');
  return id;
}
