import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { syncRoutes, type RecordAttachments, type SyncEntity } from '../../shared/sync/protocol.ts';
import type { Database } from '../db/database.ts';
import { deviceOf, requireDevice } from '../http/device-request.ts';
import { parseInput } from '../http/parse-input.ts';
import { SyncHttpError } from '../http/sync-http-error.ts';
import { photosReferencedBy } from '../sync/photo-refs.ts';
import { inTeamScopeSql, teamViewIds } from '../teams/team-scope.ts';

const ParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** Expected versus received photos of one record (the ODK model, 7.5). */
export function recordAttachmentsPlugin(db: Database) {
  return async (app: FastifyInstance): Promise<void> => {
    requireDevice(app, db);
    app.get(
      syncRoutes.recordAttachments('ID').replace('ID', ':id'),
      async (request): Promise<RecordAttachments> => {
        const device = deviceOf(request);
        const { id } = parseInput(ParamsSchema, request.params, 'record id');
        // Outside the team's scope, a record is one the server does not have for this laptop.
        const { rows } = await db.query<{ data: unknown; entity: SyncEntity }>(
          `SELECT data, entity FROM records r
           WHERE r.id = $1 AND ($2 OR ${inTeamScopeSql('r.id', '$3')})`,
          [id, device.national, teamViewIds(device.teamId)],
        );
        const row = rows[0];
        if (row === undefined)
          throw new SyncHttpError(404, 'NOT_FOUND', 'The server has no such record.');
        const expected = photosReferencedBy(row.entity, row.data);
        const received = await db.query<{ sha256: string }>(
          `SELECT sha256 FROM files
         WHERE sha256 = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb))) ORDER BY sha256`,
          [JSON.stringify(expected)],
        );
        return { recordId: id, expected, received: received.rows.map((file) => file.sha256) };
      },
    );
  };
}
