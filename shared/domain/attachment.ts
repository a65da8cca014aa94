import { z } from 'zod';
import { AttachmentKindSchema } from './enums.ts';
import { Sha256Schema } from './ids.ts';
import { key, keyed } from './message-keys.ts';
import { listOf, textSchema } from './primitives.ts';

/** Photos are the evidence of record (CAR documents every item photographically). */
export const attachmentMimeValues = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const AttachmentMimeSchema = z.enum(attachmentMimeValues, keyed('unsupportedImageType'));
export type AttachmentMime = z.infer<typeof AttachmentMimeSchema>;

/** A phone photo is 2-8 MB; the cap keeps sync uploads and the encrypted blob store bounded. */
export const maxAttachmentBytes = 25 * 1024 * 1024;

/**
 * A reference to a photo stored encrypted under the data directory by its SHA-256
 * (ARCHITECTURE.md, "How data flows"). The bytes never travel inside a record.
 */
export const AttachmentRefSchema = z.object(
  {
    sha256: Sha256Schema,
    mime: AttachmentMimeSchema,
    size: z
      .int(keyed('invalidNumber'))
      .min(1, key('attachmentEmpty'))
      .max(maxAttachmentBytes, key('attachmentTooLarge')),
    kind: AttachmentKindSchema,
    caption: textSchema(200).optional(),
  },
  keyed('invalidObject'),
);
export type AttachmentRef = z.infer<typeof AttachmentRefSchema>;

/** Photos of a record or item; missing means none. */
export const AttachmentListSchema = listOf(AttachmentRefSchema);
