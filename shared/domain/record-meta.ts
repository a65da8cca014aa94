import type { z } from 'zod';
import { RecordIdSchema } from './ids.ts';
import { objectOf, TimestampSchema } from './primitives.ts';

/**
 * Who made and last changed a record, and when (salw-domain.md §a principle 6). The store fills
 * it from the signed-in user; nobody types it, so it lives apart from the record's own fields.
 */
export const RecordMetaSchema = objectOf({
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  createdBy: RecordIdSchema,
  updatedBy: RecordIdSchema,
});
export type RecordMeta = z.infer<typeof RecordMetaSchema>;
