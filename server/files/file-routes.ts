import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AttachmentMimeSchema, maxAttachmentBytes } from '../../shared/domain/attachment.ts';
import { syncRoutes, TUS_VERSION, UPLOAD_CHUNK_BYTES } from '../../shared/sync/protocol.ts';
import type { Database } from '../db/database.ts';
import { deviceOf, requireDevice } from '../http/device-request.ts';
import { SyncHttpError } from '../http/sync-http-error.ts';
import { inTeamScopeSql, teamViewIds } from '../teams/team-scope.ts';
import { FileStore } from './file-store.ts';
import {
  nonNegativeIntegerHeader,
  parseUploadChecksum,
  parseUploadMetadata,
  requireTusResumable,
} from './tus-headers.ts';

/**
 * Photo uploads: tus 1.0 core + creation + checksum (sha256), written by hand. @tus/server is not
 * a dependency and does not implement the checksum extension (nor does tusd): per-chunk 460 and
 * the whole-file SHA-256 check against the metadata would have to be bolted on around it, so a
 * small implementation on the same Fastify app, auth and error bodies is simpler and testable.
 * A chunk is verified before a byte of it is written; an interrupted PATCH writes nothing, so
 * the client resumes from HEAD's offset and re-sends that chunk whole.
 */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sha256Pattern = /^[0-9a-f]{64}$/;
/** A client on a good link may send up to 8 chunks per PATCH (7.5: "up to 8 MiB"). */
const maxPatchBytes = 8 * UPLOAD_CHUNK_BYTES;

interface UploadRow {
  id: string;
  device_id: string;
  sha256: string;
  mime: string;
  length: string | number;
  upload_offset: string | number;
  completed_at: Date | null;
}

export function fileRoutesPlugin(
  db: Database,
  dataDir: string,
  filesKey: Buffer,
  clock: () => Date,
) {
  return async (app: FastifyInstance): Promise<void> => {
    const store = new FileStore(dataDir, filesKey);
    await store.init();
    // Parts of uploads completed just before a crash (their discard did not run).
    const parts = await store.partIds();
    if (parts.length > 0) {
      const completed = await db.query<{ id: string }>(
        `SELECT id::text AS id FROM uploads WHERE completed_at IS NOT NULL
         AND id = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb))::uuid[])`,
        [JSON.stringify(parts)],
      );
      for (const { id } of completed.rows) await store.discardPart(id);
    }
    app.addHook('onSend', async (_request, reply) => {
      reply.header('Tus-Resumable', TUS_VERSION);
    });

    // Discovery needs no credential (tus clients probe before uploading).
    app.options(syncRoutes.files, async (_request, reply) =>
      reply
        .code(204)
        .header('Tus-Version', TUS_VERSION)
        .header('Tus-Extension', 'creation,checksum')
        .header('Tus-Checksum-Algorithm', 'sha256')
        .header('Tus-Max-Size', String(maxAttachmentBytes))
        .send(),
    );

    await app.register(async (authed) => {
      requireDevice(authed, db);
      authed.addContentTypeParser(
        'application/offset+octet-stream',
        { parseAs: 'buffer', bodyLimit: maxPatchBytes },
        (_request, body, done) => done(null, body),
      );

      authed.head(syncRoutes.fileBySha256(':sha256'), async (request, reply) => {
        deviceOf(request);
        const { sha256 } = request.params as { sha256: string };
        if (!sha256Pattern.test(sha256)) return reply.code(404).send();
        const { rows } = await db.query('SELECT 1 FROM files WHERE sha256 = $1', [sha256]);
        return reply
          .code(rows.length > 0 ? 200 : 404)
          .header('Cache-Control', 'no-store')
          .send();
      });

      // Another laptop's photo, for a record it pulled: the bytes exactly as verified on upload.
      // Only a photo a stored record refers to (record_photos): knowing a SHA-256 is not enough,
      // and a photo nothing refers to (any more) is served to nobody. Same answer as a missing
      // one, so the route tells a prober nothing.
      // A laptop of a team that is not national gets a photo only while a record in its team's
      // scope refers to it (photos follow their records: issue 17); the refusal is the same.
      authed.get(syncRoutes.fileBySha256(':sha256'), async (request, reply) => {
        const device = deviceOf(request);
        const { sha256 } = request.params as { sha256: string };
        const { rows } = sha256Pattern.test(sha256)
          ? await db.query<{ mime: string; size: string | number }>(
              `SELECT f.mime, f.size FROM files f
               WHERE f.sha256 = $1
                 AND EXISTS (SELECT 1 FROM record_photos p WHERE p.sha256 = f.sha256
                   AND ($2 OR ${inTeamScopeSql('p.record_id', '$3')}))`,
              [sha256, device.national, teamViewIds(device.teamId)],
            )
          : { rows: [] };
        const file = rows[0];
        if (file === undefined) {
          throw new SyncHttpError(404, 'NOT_FOUND', 'The server has no such photo.');
        }
        const bytes = await store.readBlob(sha256);
        return reply
          .header('Content-Type', file.mime)
          .header('Cache-Control', 'no-store')
          .send(bytes);
      });

      authed.post(syncRoutes.files, async (request, reply) => {
        const device = deviceOf(request);
        requireTusResumable(request.headers['tus-resumable']);
        if (request.headers['upload-defer-length'] !== undefined) {
          throw new SyncHttpError(400, 'VALIDATION_ERROR', 'Upload-Defer-Length is not supported.');
        }
        const length = nonNegativeIntegerHeader(request.headers['upload-length'], 'Upload-Length');
        if (length > maxAttachmentBytes) {
          throw new SyncHttpError(
            413,
            'PAYLOAD_TOO_LARGE',
            'The file is larger than a photo may be.',
          );
        }
        if (length === 0) {
          throw new SyncHttpError(400, 'VALIDATION_ERROR', 'An empty file is not a photo.', {
            issues: [{ path: 'Upload-Length', message: 'attachmentEmpty' }],
          });
        }
        const metadata = parseUploadMetadata(request.headers['upload-metadata']);
        const sha256 = metadata.get('sha256') ?? '';
        const mime = AttachmentMimeSchema.safeParse(metadata.get('mime'));
        if (!sha256Pattern.test(sha256) || !mime.success) {
          throw new SyncHttpError(
            400,
            'VALIDATION_ERROR',
            'Upload-Metadata needs sha256 and mime.',
            {
              issues: [
                ...(sha256Pattern.test(sha256)
                  ? []
                  : [{ path: 'Upload-Metadata.sha256', message: 'invalidSha256' }]),
                ...(mime.success
                  ? []
                  : [{ path: 'Upload-Metadata.mime', message: 'unsupportedImageType' }]),
              ],
            },
          );
        }
        const id = randomUUID();
        await store.createPart(id);
        await db.query(
          `INSERT INTO uploads (id, device_id, sha256, mime, length, created_at)
           VALUES ($1, $2::uuid, $3, $4, $5, $6)`,
          [id, device.id, sha256, mime.data, length, clock().toISOString()],
        );
        return reply
          .code(201)
          .header('Location', `${syncRoutes.files}/${id}`)
          .header('Upload-Offset', '0')
          .send();
      });

      authed.head(`${syncRoutes.files}/:id`, async (request, reply) => {
        const upload = await findUpload(db, deviceOf(request).id, request.params);
        return reply
          .code(200)
          .header('Upload-Offset', String(upload.upload_offset))
          .header('Upload-Length', String(upload.length))
          .header('Cache-Control', 'no-store')
          .send();
      });

      authed.patch(`${syncRoutes.files}/:id`, async (request, reply) => {
        const device = deviceOf(request);
        requireTusResumable(request.headers['tus-resumable']);
        const offset = nonNegativeIntegerHeader(request.headers['upload-offset'], 'Upload-Offset');
        const expectedDigest = parseUploadChecksum(request.headers['upload-checksum']);
        const chunk = request.body;
        if (!Buffer.isBuffer(chunk)) {
          throw new SyncHttpError(
            415,
            'VALIDATION_ERROR',
            'PATCH needs application/offset+octet-stream.',
          );
        }
        const found = await findUpload(db, device.id, request.params);
        if (expectedDigest !== undefined) {
          const actual = createHash('sha256').update(chunk).digest('hex');
          if (actual !== expectedDigest) {
            throw new SyncHttpError(
              460,
              'CHECKSUM_MISMATCH',
              'The chunk does not match its checksum; send it again.',
            );
          }
        }
        const outcome = await db.transaction(async (tx) => {
          const { rows } = await tx.query<UploadRow>(
            'SELECT * FROM uploads WHERE id = $1::uuid FOR UPDATE',
            [(request.params as { id: string }).id],
          );
          const upload = rows[0];
          if (upload === undefined) throw new SyncHttpError(404, 'NOT_FOUND', 'No such upload.');
          const current = Number(upload.upload_offset);
          const length = Number(upload.length);
          if (upload.completed_at !== null || offset !== current) {
            throw new SyncHttpError(
              409,
              'OFFSET_MISMATCH',
              `The upload is at offset ${current}; HEAD and resume.`,
            );
          }
          if (offset + chunk.length > length) {
            throw new SyncHttpError(400, 'VALIDATION_ERROR', 'The chunk runs past Upload-Length.', {
              issues: [{ path: 'Upload-Offset', message: 'pastUploadLength' }],
            });
          }
          await store.writeChunk(upload.id, offset, chunk);
          const next = offset + chunk.length;
          if (next < length) {
            await tx.query('UPDATE uploads SET upload_offset = $2 WHERE id = $1::uuid', [
              upload.id,
              next,
            ]);
            return { kind: 'partial' as const, offset: next };
          }
          const actual = await store.sha256Of(upload.id, length);
          if (actual !== upload.sha256) {
            // The whole file is not what the record refers to: nothing of it is kept.
            await tx.query('DELETE FROM uploads WHERE id = $1::uuid', [upload.id]);
            await store.discardPart(upload.id);
            return { kind: 'mismatch' as const };
          }
          await tx.query(
            `INSERT INTO files (sha256, size, mime, device_id, received_at) VALUES ($1, $2, $3, $4::uuid, $5)
             ON CONFLICT (sha256) DO NOTHING`,
            [upload.sha256, length, upload.mime, device.id, clock().toISOString()],
          );
          await tx.query(
            'UPDATE uploads SET upload_offset = $2, completed_at = $3 WHERE id = $1::uuid',
            [upload.id, length, clock().toISOString()],
          );
          await store.completePart(upload.id, length, upload.sha256);
          return { kind: 'complete' as const, offset: length };
        });
        // Committed: the part is not needed any more (a crash before here leaves it for the
        // sweep at the next start).
        if (outcome.kind === 'complete') await store.discardPart(found.id);
        if (outcome.kind === 'mismatch') {
          throw new SyncHttpError(
            460,
            'CHECKSUM_MISMATCH',
            'The file does not match its SHA-256; upload it again.',
          );
        }
        return reply.code(204).header('Upload-Offset', String(outcome.offset)).send();
      });
    });
  };
}

async function findUpload(db: Database, deviceId: string, params: unknown): Promise<UploadRow> {
  const id = (params as { id?: string }).id ?? '';
  if (!uuidPattern.test(id)) throw new SyncHttpError(404, 'NOT_FOUND', 'No such upload.');
  const { rows } = await db.query<UploadRow>(
    'SELECT * FROM uploads WHERE id = $1::uuid AND device_id = $2::uuid',
    [id, deviceId],
  );
  const upload = rows[0];
  if (upload === undefined) throw new SyncHttpError(404, 'NOT_FOUND', 'No such upload.');
  return upload;
}
