import type { FastifyInstance } from 'fastify';
import {
  SYNC_PROTOCOL_VERSION,
  syncRoutes,
  type HealthResponse,
} from '../../shared/sync/protocol.ts';
import type { Queryable } from '../db/database.ts';
import { readServerEpoch } from '../server-meta.ts';

/** No auth: a laptop checks that it reaches the right server before it has a credential. */
export function healthRoute(app: FastifyInstance, db: Queryable, clock: () => Date): void {
  app.get(syncRoutes.health, async (): Promise<HealthResponse> => ({
    status: 'ok',
    protocolVersion: SYNC_PROTOCOL_VERSION,
    serverEpoch: await readServerEpoch(db),
    time: clock().toISOString(),
  }));
}
