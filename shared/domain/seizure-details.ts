import { z } from 'zod';
import { CountryCodeSchema } from './country-code.ts';
import {
  AgeBandSchema,
  ConcealmentSchema,
  ConveyanceSchema,
  DetectionMethodSchema,
  DirectionSchema,
  LegalJustificationSchema,
  SeizingAgencyTypeSchema,
  SexSchema,
} from './enums.ts';
import { keyed } from './message-keys.ts';
import { BooleanSchema, textSchema } from './primitives.ts';

/**
 * One person involved in a seizure, minimised to what the IAFQ asks (nationality, sex, age band):
 * no names, since the record is about the weapons (salw-domain.md §e point 8).
 */
export const PersonInvolvedSchema = z.object(
  {
    nationality: CountryCodeSchema.optional(),
    sex: SexSchema.optional(),
    ageBand: AgeBandSchema.optional(),
  },
  keyed('invalidObject'),
);
export type PersonInvolved = z.infer<typeof PersonInvolvedSchema>;

/**
 * A5 Seizure details (intake context seized, or found by an agency). `legalJustification` is
 * required for `seized` only, and `direction`/`conveyance` only at borders; the intake event
 * checks both, since it knows the context and the location.
 */
const seizureDetailsDraftShape = {
  seizingAgencyType: SeizingAgencyTypeSchema.optional(),
  /** Decides whether the seizure counts toward SDG 16.4.2 (criminal offences only). */
  legalJustification: LegalJustificationSchema.optional(),
  offenceType: textSchema(120).optional(),
  detectionMethod: DetectionMethodSchema.optional(),
  direction: DirectionSchema.optional(),
  conveyance: ConveyanceSchema.optional(),
  concealment: ConcealmentSchema.optional(),
  concealmentNote: textSchema(500).optional(),
  /** Flows "into, within and beyond" the region (Roadmap Goal 3, IAFQ significant seizures). */
  routeDepartureCountry: CountryCodeSchema.optional(),
  routeTransitCountries: z.array(CountryCodeSchema, keyed('invalidList')).optional(),
  routeDestinationCountry: CountryCodeSchema.optional(),
  personsInvolved: z.array(PersonInvolvedSchema, keyed('invalidList')).optional(),
  /** Checked against INTERPOL iARMS (no public API: a manual step the officer confirms). */
  iarmsChecked: BooleanSchema.optional(),
  iarmsHit: BooleanSchema.optional(),
  linkedProsecutionRef: textSchema(60).optional(),
};

export const SeizureDetailsDraftSchema = z.object(seizureDetailsDraftShape, keyed('invalidObject'));
export type SeizureDetailsDraft = z.infer<typeof SeizureDetailsDraftSchema>;

export const SeizureDetailsFinalSchema = z.object(
  { ...seizureDetailsDraftShape, seizingAgencyType: SeizingAgencyTypeSchema },
  keyed('invalidObject'),
);
export type SeizureDetails = z.infer<typeof SeizureDetailsFinalSchema>;
