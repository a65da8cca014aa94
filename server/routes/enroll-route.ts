import type { FastifyInstance } from 'fastify';
import {
  EnrollRequestSchema,
  syncRoutes,
  type EnrollResponse,
} from '../../shared/sync/protocol.ts';
import { redeemEnrollmentCode } from '../auth/enrollment.ts';
import type { Database } from '../db/database.ts';
import { parseInput } from '../http/parse-input.ts';
import { checkProtocolVersion } from '../http/protocol-version.ts';
import { SyncHttpError } from '../http/sync-http-error.ts';

/**
 * Rate limited per client IP; unknown, used and expired codes get the same answer so the
 * endpoint tells a guesser nothing.
 */
export function enrollRoute(
  app: FastifyInstance,
  db: Database,
  clock: () => Date,
  perMinute: number,
): void {
  app.post(
    syncRoutes.enroll,
    { config: { rateLimit: { max: perMinute, timeWindow: 60_000 } } },
    async (request): Promise<EnrollResponse> => {
      checkProtocolVersion(request.body);
      const input = parseInput(EnrollRequestSchema, request.body, 'enrollment request');
      const enrolled = await redeemEnrollmentCode(
        db,
        input.code,
        input.appVersion,
        clock(),
        input.enrollmentKey,
      );
      if (enrolled === null) {
        throw new SyncHttpError(
          400,
          'ENROLLMENT_CODE_INVALID',
          'This enrollment code is not valid. Ask the administrator for a new one.',
        );
      }
      request.log.info({ deviceId: enrolled.deviceId }, 'device enrolled');
      return enrolled;
    },
  );
}
