import { z } from 'zod';
import { RecordIdSchema, Sha256Schema } from './ids.ts';
import { keyed } from './message-keys.ts';
import { requiredTextSchema } from './primitives.ts';

/**
 * Sealed custody records are never edited (issue 14): a mistake is corrected by a new record that
 * names the one it corrects and says why. The corrected record stays, visible in every timeline;
 * only its effect on where an item is and what is decided about it gives way to the correction.
 */
export const CorrectionSchema = z.object(
  {
    correctsId: RecordIdSchema,
    reason: requiredTextSchema(1000),
    /** The seal digest of the record corrected, set by main: the correction seals it too. */
    correctsDigest: Sha256Schema.optional(),
  },
  keyed('invalidObject'),
);
export type Correction = z.infer<typeof CorrectionSchema>;
