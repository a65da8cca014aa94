import { z } from 'zod';
import { DestructionToPrintSchema } from '../../domain/destruction-event.ts';
import { RecordIdSchema } from '../../domain/ids.ts';

/**
 * What became of a document main made. The desktop app saves it where the person chose (its
 * print dialog is then the PDF viewer's); the browser preview hands the bytes back, and the page
 * downloads them.
 */
/** An XLSX workbook (a report's tables). */
export const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const DocumentDeliverySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), fileName: z.string(), path: z.string() }),
  z.object({ kind: z.literal('cancelled') }),
  z.object({
    kind: z.literal('download'),
    fileName: z.string(),
    mime: z.enum(['application/pdf', xlsxMime]),
    dataBase64: z.base64(),
  }),
]);
export type DocumentDelivery = z.infer<typeof DocumentDeliverySchema>;

export const documentProcedures = {
  /**
   * The seizure report (seized, found) or surrender receipt (surrendered) of a FINAL intake
   * record, as a PDF in the interface's language. Main reads the record from its own store; the
   * renderer names it and says whether to print the photos.
   */
  makeIntakeReceipt: {
    input: z.object({ id: RecordIdSchema, includePhotos: z.boolean().default(false) }),
    output: DocumentDeliverySchema,
  },
  /**
   * The destruction certificate: of a sealed destruction (by id), or of one about to be sealed,
   * printed to be signed on paper and scanned before sealing (its seal line then says so).
   */
  makeDestructionCertificate: {
    input: z.union([
      z.object({ id: RecordIdSchema }),
      z.object({ destruction: DestructionToPrintSchema }),
    ]),
    output: DocumentDeliverySchema,
  },
  /**
   * The ITI trace request (issue 15), sent or still a draft (then marked "not sent" across every
   * page), in the interface's language. Main reads the request from its own store; the renderer
   * names it and says whether to print the weapon's photos.
   */
  makeTraceRequestDocument: {
    input: z.object({ id: RecordIdSchema, includePhotos: z.boolean().default(false) }),
    output: DocumentDeliverySchema,
  },
} as const;
