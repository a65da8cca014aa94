import { z } from 'zod';
import { AttachmentRefSchema } from './attachment.ts';
import { CorrectionSchema } from './correction.ts';
import { SealSchema } from './seal.ts';
import { CustodyPurposeSchema } from './enums.ts';
import { RecordIdSchema } from './ids.ts';
import { ItemRefSchema } from './item-ref.ts';
import { keyed } from './message-keys.ts';
import {
  duplicateIdIssues,
  listOf,
  objectOf,
  reportIssues,
  requiredTextSchema,
  textSchema,
  TimestampSchema,
} from './primitives.ts';

/** A person and unit holding items, optionally at a storage site (A11 from/to holder). */
export const HolderSchema = z.object(
  {
    name: requiredTextSchema(120),
    unit: requiredTextSchema(120),
    locationId: RecordIdSchema.optional(),
  },
  keyed('invalidObject'),
);
export type Holder = z.infer<typeof HolderSchema>;

/** A signature captured offline on the device: who, when, and the image of the signature. */
export const SignatureSchema = z.object(
  {
    signedBy: requiredTextSchema(120),
    signedAt: TimestampSchema,
    image: AttachmentRefSchema,
  },
  keyed('invalidObject'),
);
export type Signature = z.infer<typeof SignatureSchema>;

/**
 * A11 Custody transfer, one link in the chain from intake to destruction (ITI and ISACS
 * record-keeping, PSSM stock accounting). Sealed once signed: a correction is a new transfer that
 * names this one (`correction`), so there is a single, complete schema and no draft. An item is
 * listed once; a lot may move in part, as its own quantity of its own unit.
 */
const custodyTransferShape = {
  id: RecordIdSchema,
  items: listOf(ItemRefSchema, { count: 1, message: 'itemRequired' }),
  fromHolder: HolderSchema,
  toHolder: HolderSchema,
  transferredAt: TimestampSchema,
  purpose: CustodyPurposeSchema,
  sealNumbers: z.array(requiredTextSchema(60), keyed('invalidList')).optional(),
  transportMode: textSchema(120).optional(),
  escort: textSchema(200).optional(),
  /** Count difference is received minus sent; a note says what was found. */
  discrepancies: z
    .object(
      {
        note: requiredTextSchema(1000),
        countDifference: z.int(keyed('invalidNumber')).optional(),
      },
      keyed('invalidObject'),
    )
    .optional(),
  handoverSignature: SignatureSchema,
  receiptSignature: SignatureSchema,
  correction: CorrectionSchema.optional(),
};

export const CustodyTransferSchema = objectOf({
  ...custodyTransferShape,
  /** Added by main when the record is sealed; required on every side that receives it. */
  seal: SealSchema.optional(),
}).superRefine((transfer, ctx) => reportIssues(ctx, duplicateIdIssues(transfer, ['items'])));

// A form never names the id: main draws it when it seals the record.
const { id: _id, ...custodyTransferShapeInput } = custodyTransferShape;

/** A transfer as a form sends it: main gives it its id when it seals it. */
export const CustodyTransferInputSchema = objectOf(custodyTransferShapeInput).superRefine(
  (transfer, ctx) => reportIssues(ctx, duplicateIdIssues(transfer, ['items'])),
);
export type CustodyTransferInput = z.input<typeof CustodyTransferInputSchema>;

export type CustodyTransfer = z.infer<typeof CustodyTransferSchema>;
