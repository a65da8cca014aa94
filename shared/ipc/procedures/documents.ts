import { z } from 'zod';
import { DestructionToPrintSchema } from '../../domain/destruction-event.ts';
import { RecordIdSchema } from '../../domain/ids.ts';
import { LanguageSchema } from '../../settings/settings.ts';

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

/**
 * The language a document is written in, when it is not the interface's: a certificate in French
 * for a French-speaking donor, printed from an English screen. Left out, main writes the document
 * in the interface's language.
 */
export const DocumentLanguageSchema = LanguageSchema.optional();

export const documentProcedures = {
  /**
   * The seizure report (seized, found) or surrender receipt (surrendered) of a FINAL intake
   * record, as a PDF in the language asked for (else the interface's). Main reads the record from
   * its own store; the renderer names it and says whether to print the photos.
   */
  makeIntakeReceipt: {
    input: z.object({
      id: RecordIdSchema,
      includePhotos: z.boolean().default(false),
      language: DocumentLanguageSchema,
    }),
    output: DocumentDeliverySchema,
  },
  /**
   * The destruction certificate: of a sealed destruction (by id), or of one about to be sealed,
   * printed to be signed on paper and scanned before sealing (its seal line then says so); in
   * the language asked for, else the interface's. The language is beside the choice, not in each
   * of its arms, so that an unknown one is named at its own path, not as "no arm matched".
   */
  makeDestructionCertificate: {
    input: z
      .object({ language: DocumentLanguageSchema })
      .and(
        z.union([
          z.object({ id: RecordIdSchema }),
          z.object({ destruction: DestructionToPrintSchema }),
        ]),
      ),
    output: DocumentDeliverySchema,
  },
  /**
   * The ITI trace request (issue 15), sent or still a draft (then marked "not sent" across every
   * page), in the language asked for (else the interface's). Main reads the request from its own
   * store; the renderer names it and says whether to print the weapon's photos.
   */
  makeTraceRequestDocument: {
    input: z.object({
      id: RecordIdSchema,
      includePhotos: z.boolean().default(false),
      language: DocumentLanguageSchema,
    }),
    output: DocumentDeliverySchema,
  },
} as const;
