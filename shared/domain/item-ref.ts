import { z } from 'zod';
import { RecordIdSchema } from './ids.ts';
import { keyed } from './message-keys.ts';
import { objectOf, requiredTextSchema } from './primitives.ts';
import {
  AmmunitionQuantitySchema,
  ExplosivesQuantitySchema,
  PartsQuantitySchema,
} from './quantity.ts';

function kindSchema<const K extends string>(kind: K) {
  return z.literal(kind, keyed('invalidOption'));
}

/**
 * What a custody transfer or a destruction moves: one item by id, or a sealed container or batch
 * (A11 "item ids, or a sealed container or batch id"). A lot or batch of parts may move in part,
 * so those references may carry a quantity of their own kind; a weapon always moves whole.
 */
export const ItemRefSchema = z.discriminatedUnion(
  'kind',
  [
    objectOf({ kind: kindSchema('weapon'), id: RecordIdSchema }),
    objectOf({
      kind: kindSchema('part'),
      id: RecordIdSchema,
      quantity: PartsQuantitySchema.optional(),
    }),
    objectOf({
      kind: kindSchema('ammunition_lot'),
      id: RecordIdSchema,
      quantity: AmmunitionQuantitySchema.optional(),
    }),
    objectOf({
      kind: kindSchema('explosive_item'),
      id: RecordIdSchema,
      quantity: ExplosivesQuantitySchema.optional(),
    }),
    objectOf({ kind: kindSchema('container'), containerRef: requiredTextSchema(60) }),
  ],
  keyed('invalidObject'),
);
export type ItemRef = z.infer<typeof ItemRefSchema>;
