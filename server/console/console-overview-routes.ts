import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { consoleApiPrefix } from '../../shared/console/api.ts';
import { consoleOverviewRoutes, OverviewQuerySchema } from '../../shared/console/overview.ts';
import type { ConsolePermission } from '../../shared/console/roles.ts';
import type { Database } from '../db/database.ts';
import { computeServerMeasures } from '../measures/measures-queries.ts';

/** Refuses a request without a session holding the permission (the console's own guard). */
export type ConsoleGuard = (
  permission: ConsolePermission,
) => (request: FastifyRequest) => Promise<void>;
/** Parses a request part or refuses it with VALIDATION_ERROR (400), never a 5xx. */
export type ConsoleParse = <S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
) => z.output<S>;

export interface ConsoleOverviewOptions {
  readonly db: Database;
  readonly guard: ConsoleGuard;
  readonly parse: ConsoleParse;
}

/**
 * The overview's data: the national measures for a filter, over PostgreSQL, by the same shared
 * definitions the laptops use (server/measures). Reading them needs `data.view` (every role).
 */
export function consoleOverviewRoutesPlugin({ db, guard, parse }: ConsoleOverviewOptions) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      `${consoleApiPrefix}${consoleOverviewRoutes.measures}`,
      { preHandler: guard('data.view') },
      async (request) =>
        computeServerMeasures(db, parse(OverviewQuerySchema, request.query, 'filter')),
    );
  };
}
