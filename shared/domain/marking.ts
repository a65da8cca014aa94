import { z } from 'zod';
import { LegibilitySchema, MarkingComponentSchema, MarkingKindSchema } from './enums.ts';
import { RecordIdSchema, Sha256Schema } from './ids.ts';
import { keyed } from './message-keys.ts';
import { alwaysOnObjects, reportIssues, type DomainIssue } from './primitives.ts';
import { asReadTextSchema, normaliseMarkingText } from './serial-number.ts';

/**
 * A7 Marking, a child of a weapon item. ISACS 05.30 asks records to hold where each marking sits,
 * and import marks must stay distinct from the original ones (ITI), hence one row per marking.
 * `textNormalised` is derived on every parse; whatever a caller sends in its place is dropped.
 */
const markingDraftShape = {
  id: RecordIdSchema,
  component: MarkingComponentSchema.optional(),
  markingKind: MarkingKindSchema.optional(),
  textAsRead: asReadTextSchema(200).optional(),
  legibility: LegibilitySchema.optional(),
  /** A close-up among the weapon's photos. */
  photoSha256: Sha256Schema.optional(),
};

function withNormalisedText<T extends { textAsRead?: string | undefined }>(marking: T) {
  return {
    ...marking,
    textNormalised:
      marking.textAsRead === undefined ? undefined : normaliseMarkingText(marking.textAsRead),
  };
}

export const MarkingDraftSchema = z
  .object(markingDraftShape, keyed('invalidObject'))
  .transform(withNormalisedText);
export type MarkingDraft = z.infer<typeof MarkingDraftSchema>;

export const MarkingFinalSchema = z
  .object(
    {
      ...markingDraftShape,
      component: MarkingComponentSchema,
      markingKind: MarkingKindSchema,
      legibility: LegibilitySchema,
    },
    keyed('invalidObject'),
  )
  .superRefine((marking, ctx) => {
    // An illegible marking is still recorded (where it is, what kind), without any text.
    const issues: DomainIssue[] = [];
    const hasText = typeof marking.textAsRead === 'string' && marking.textAsRead.trim() !== '';
    if (marking.legibility !== 'illegible' && !hasText) {
      issues.push({ path: ['textAsRead'], message: 'required' });
    }
    reportIssues(ctx, issues);
  }, alwaysOnObjects)
  .transform(withNormalisedText);
export type Marking = z.infer<typeof MarkingFinalSchema>;
