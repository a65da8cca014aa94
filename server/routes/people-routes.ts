import type { FastifyInstance } from 'fastify';
import {
  PeopleFeedQuerySchema,
  PeopleReportSchema,
  syncRoutes,
} from '../../shared/sync/protocol.ts';
import type { Database } from '../db/database.ts';
import { deviceOf, requireDevice } from '../http/device-request.ts';
import { parseInput } from '../http/parse-input.ts';
import { peopleFeed, reportPeople } from '../people/people.ts';

/**
 * People between a laptop and the centre (issue 17, item 2): POST reports the laptop's people,
 * GET gives the centre's decisions about people after the laptop's cursor. Both need an enrolled,
 * unrevoked laptop; a laptop sees every decision (a person may sign in on any laptop of theirs).
 */
export function peopleRoutesPlugin(db: Database, clock: () => Date) {
  return async (app: FastifyInstance): Promise<void> => {
    requireDevice(app, db);
    app.post(syncRoutes.people, async (request) => {
      const device = deviceOf(request);
      const report = parseInput(PeopleReportSchema, request.body, 'people report');
      return reportPeople(db, device.id, report.people, clock());
    });
    app.get(syncRoutes.people, async (request) => {
      const query = parseInput(PeopleFeedQuerySchema, request.query, 'people query');
      return peopleFeed(db, query);
    });
  };
}
