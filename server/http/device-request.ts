import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateDevice, type AuthenticatedDevice } from '../auth/device-auth.ts';
import type { Queryable } from '../db/database.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the device-auth hook on every route that needs an enrolled device. */
    device: AuthenticatedDevice | null;
  }
}

/**
 * Authenticates in onRequest, before the body is read: a revoked or unknown device is refused
 * without the server parsing (or buffering) what it sent.
 */
export function requireDevice(app: FastifyInstance, db: Queryable): void {
  if (!app.hasRequestDecorator('device')) app.decorateRequest('device', null);
  app.addHook('onRequest', async (request) => {
    request.device = await authenticateDevice(db, request);
  });
}

export function deviceOf(request: FastifyRequest): AuthenticatedDevice {
  if (request.device === null) throw new Error('Route registered without requireDevice.');
  return request.device;
}
