import { z } from 'zod';
import { key, keyed } from './message-keys.ts';

/** Client-generated record id (UUID v7 made in main, so ids sort by creation and never collide offline). */
export const RecordIdSchema = z.uuid(keyed('invalidId'));
export type RecordId = z.infer<typeof RecordIdSchema>;

/** Content address of an encrypted blob (photos, documents): lowercase hex SHA-256. */
export const Sha256Schema = z
  .string(keyed('invalidSha256'))
  .regex(/^[0-9a-f]{64}$/, key('invalidSha256'));
export type Sha256 = z.infer<typeof Sha256Schema>;
