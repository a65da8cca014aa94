import type { FastifyInstance } from 'fastify';
import {
  PullQuerySchema,
  PushRequestSchema,
  SerialLookupRequestSchema,
  syncRoutes,
} from '../../shared/sync/protocol.ts';
import type { Database } from '../db/database.ts';
import { deviceOf, requireDevice } from '../http/device-request.ts';
import { sendJson } from '../http/json-reply.ts';
import { parseInput } from '../http/parse-input.ts';
import { checkProtocolVersion } from '../http/protocol-version.ts';
import { SyncHttpError } from '../http/sync-http-error.ts';
import type { ChangeNotifier } from '../sync/change-notifier.ts';
import { pullChanges } from '../sync/pull.ts';
import { applyPush } from '../sync/push.ts';
import { lookUpSerial } from '../sync/serial-lookup.ts';

/** Push and pull; both answer JSON text built by the sync modules (see push.ts / pull.ts). */
export function syncRoutesPlugin(db: Database, notifier: ChangeNotifier, clock: () => Date) {
  return async (app: FastifyInstance): Promise<void> => {
    requireDevice(app, db);
    app.post(syncRoutes.push, async (request, reply) => {
      const device = deviceOf(request);
      checkProtocolVersion(request.body);
      const push = parseInput(PushRequestSchema, request.body, 'push request');
      if (push.deviceId !== device.id) {
        throw new SyncHttpError(
          400,
          'VALIDATION_ERROR',
          'deviceId is not the authenticated device.',
          {
            issues: [{ path: 'deviceId', message: 'notThisDevice' }],
          },
        );
      }
      const body = await applyPush(db, device.id, push, clock());
      // Committed: the other laptops listening may pull it now.
      notifier.changesStored(device.id);
      return sendJson(request, reply, body);
    });
    app.get(syncRoutes.pull, async (request, reply) => {
      const device = deviceOf(request);
      const query = parseInput(PullQuerySchema, request.query, 'pull query');
      return sendJson(request, reply, await pullChanges(db, device, query));
    });
    // The serial check's server half (issue 15): what this device may see, nothing more.
    app.post(syncRoutes.serialLookup, async (request, reply) => {
      const device = deviceOf(request);
      const lookup = parseInput(SerialLookupRequestSchema, request.body, 'serial lookup');
      return sendJson(request, reply, JSON.stringify(await lookUpSerial(db, device.id, lookup)));
    });
  };
}
