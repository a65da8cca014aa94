import { z } from 'zod';
import { AttachmentMimeSchema, maxAttachmentBytes } from '../../shared/domain/attachment.ts';
import { CampaignSchema } from '../../shared/domain/campaign.ts';
import type { LocationType } from '../../shared/domain/enums.ts';
import { Sha256Schema } from '../../shared/domain/ids.ts';
import {
  IntakeEventDraftSchema,
  IntakeEventFinalSchema,
  intakeEventFinalSchemaAt,
} from '../../shared/domain/intake-event.ts';
import { LocationSchema } from '../../shared/domain/location.ts';
import type { SyncEntity } from '../../shared/sync/protocol.ts';

/** An attachment record is a photo's content address and what it is (sync-plan "Entities"). */
const AttachmentRecordSchema = z
  .object({ id: Sha256Schema, sha256: Sha256Schema, mime: AttachmentMimeSchema, size: z.int() })
  .refine((value) => value.id === value.sha256, { path: ['id'], message: 'idIsSha256' })
  .refine((value) => value.size >= 1 && value.size <= maxAttachmentBytes, { path: ['size'] });

export type RecordData = Record<string, unknown>;
export type Validation = { ok: true; data: RecordData } | { ok: false; message: string };

const finalSchemaByLocationType = new Map<LocationType, z.ZodType>();

function finalIntakeSchema(locationType: LocationType | undefined): z.ZodType {
  if (locationType === undefined) return IntakeEventFinalSchema;
  let schema = finalSchemaByLocationType.get(locationType);
  if (schema === undefined) {
    schema = intakeEventFinalSchemaAt(locationType);
    finalSchemaByLocationType.set(locationType, schema);
  }
  return schema;
}

function schemaFor(entity: SyncEntity, final: boolean, locationType?: LocationType): z.ZodType {
  switch (entity) {
    case 'intake_event':
      return final ? finalIntakeSchema(locationType) : IntakeEventDraftSchema;
    case 'location':
      return LocationSchema;
    case 'campaign':
      return CampaignSchema;
    case 'attachment':
      return AttachmentRecordSchema;
  }
}

/**
 * Validates a whole record as the server would hold it and returns the parsed (normalised) value,
 * which is what gets stored. `final` applies the intake FINAL rules, with the border rule when
 * the event's location is known.
 */
export function validateRecord(
  entity: SyncEntity,
  candidate: RecordData,
  final: boolean,
  locationType?: LocationType,
): Validation {
  const result = schemaFor(entity, final, locationType).safeParse(candidate);
  if (result.success) return { ok: true, data: result.data as RecordData };
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(record)'}: ${issue.message}`);
  const more = result.error.issues.length > 5 ? ` (+${result.error.issues.length - 5} more)` : '';
  return { ok: false, message: `The record is not valid: ${issues.join('; ')}${more}` };
}

/**
 * What the server adds to a record's data: id and revision (= serverRev; the laptop substitutes
 * its local revision), and an intake event's status. A campaign keeps its own `status`.
 */
export function withServerKeys(
  entity: SyncEntity,
  id: string,
  data: RecordData,
  status: 'draft' | 'final',
  serverRev: number,
): RecordData {
  return entity === 'intake_event'
    ? { ...data, id, status, revision: serverRev }
    : { ...data, id, revision: serverRev };
}
