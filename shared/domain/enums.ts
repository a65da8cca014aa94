import { z } from 'zod';
import { keyed } from './message-keys.ts';

/**
 * Every enumeration of the entity model in ../shared/reference/salw-domain.md §(a).
 * Values are stable machine identifiers: lower snake_case throughout (the reference's 'DDR',
 * 'AP_mine', 'MANPADS'… become 'ddr', 'ap_mine', 'manpads'); the renderer translates them.
 * A missing value reports 'required', an unknown one 'invalidOption'.
 */
function enumSchema<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, keyed('invalidOption'));
}

/** SDG 16.4.2 vocabulary: every item enters custody through exactly one of these (A3). */
export const intakeContextValues = ['seized', 'found', 'surrendered'] as const;
export const IntakeContextSchema = enumSchema(intakeContextValues);
export type IntakeContext = z.infer<typeof IntakeContextSchema>;

/** Destruction aggregates also carry surplus, which has no intake event (§e point 10). */
export const sourceContextValues = [...intakeContextValues, 'surplus'] as const;
export const SourceContextSchema = enumSchema(sourceContextValues);
export type SourceContext = z.infer<typeof SourceContextSchema>;

export const locationTypeValues = [
  'border_crossing_road',
  'border_crossing_rail',
  'airport',
  'seaport',
  'green_border',
  'inland_police_station',
  'collection_point_fixed',
  'collection_point_mobile',
  'storage_site',
  'evidence_room',
  'destruction_site',
  'other',
] as const;
export const LocationTypeSchema = enumSchema(locationTypeValues);
export type LocationType = z.infer<typeof LocationTypeSchema>;

/** Points where A5 makes direction and conveyance required ("required at borders"). */
export const borderLocationTypes = [
  'border_crossing_road',
  'border_crossing_rail',
  'airport',
  'seaport',
  'green_border',
] as const satisfies readonly LocationType[];

export const campaignTypeValues = [
  'voluntary_surrender_amnesty',
  'legalization_registration',
  'weapons_for_development',
  'buy_back',
  'ddr',
  'open_door_ongoing',
] as const;
export const CampaignTypeSchema = enumSchema(campaignTypeValues);
export type CampaignType = z.infer<typeof CampaignTypeSchema>;

export const campaignStatusValues = ['planned', 'active', 'closed'] as const;
export const CampaignStatusSchema = enumSchema(campaignStatusValues);
export type CampaignStatus = z.infer<typeof CampaignStatusSchema>;

export const incentiveTypeValues = [
  'none',
  'cash',
  'in_kind',
  'community_development',
  'lottery_or_prize',
  'other',
] as const;
export const IncentiveTypeSchema = enumSchema(incentiveTypeValues);
export type IncentiveType = z.infer<typeof IncentiveTypeSchema>;

export const collectionMethodValues = [
  'walk_in_station',
  'mobile_team',
  'pickup_at_home_on_call',
  'community_handover',
  'ddr_site',
] as const;
export const CollectionMethodSchema = enumSchema(collectionMethodValues);
export type CollectionMethod = z.infer<typeof CollectionMethodSchema>;

export const surrenderingPartyTypeValues = [
  'individual',
  'household',
  'community',
  'group',
  'anonymous',
  'unknown',
] as const;
export const SurrenderingPartyTypeSchema = enumSchema(surrenderingPartyTypeValues);
export type SurrenderingPartyType = z.infer<typeof SurrenderingPartyTypeSchema>;

export const sexValues = ['male', 'female', 'other', 'unknown'] as const;
export const SexSchema = enumSchema(sexValues);
export type Sex = z.infer<typeof SexSchema>;

/** Roadmap Goal 2 wants data by gender and age; 'unknown' is a real answer, not a gap. */
export const ageBandValues = [
  'under_18',
  '18_24',
  '25_34',
  '35_49',
  '50_64',
  '65_plus',
  'unknown',
] as const;
export const AgeBandSchema = enumSchema(ageBandValues);
export type AgeBand = z.infer<typeof AgeBandSchema>;

/** Surrender and legalisation kept apart: historical stats that lumped them are unusable (A4). */
export const dispositionRequestedValues = [
  'surrender_for_destruction',
  'legalization_registration',
  'hand_in_for_return',
] as const;
export const DispositionRequestedSchema = enumSchema(dispositionRequestedValues);
export type DispositionRequested = z.infer<typeof DispositionRequestedSchema>;

export const seizingAgencyTypeValues = [
  'police',
  'border_police',
  'customs',
  'military',
  'intelligence',
  'other',
] as const;
export const SeizingAgencyTypeSchema = enumSchema(seizingAgencyTypeValues);
export type SeizingAgencyType = z.infer<typeof SeizingAgencyTypeSchema>;

/** Whether a seizure was for a criminal offence decides inclusion in SDG 16.4.2 (A5). */
export const legalJustificationValues = [
  'illicit_possession',
  'illicit_trafficking',
  'illicit_manufacturing',
  'use_in_crime',
  'administrative_violation',
  'other',
] as const;
export const LegalJustificationSchema = enumSchema(legalJustificationValues);
export type LegalJustification = z.infer<typeof LegalJustificationSchema>;

export const detectionMethodValues = [
  'routine_check',
  'risk_profile',
  'xray_scanner',
  'canine',
  'intelligence_tipoff',
  'joint_operation',
  'other',
] as const;
export const DetectionMethodSchema = enumSchema(detectionMethodValues);
export type DetectionMethod = z.infer<typeof DetectionMethodSchema>;

export const directionValues = ['entry', 'exit', 'transit', 'inland'] as const;
export const DirectionSchema = enumSchema(directionValues);
export type Direction = z.infer<typeof DirectionSchema>;

export const conveyanceValues = [
  'private_car',
  'bus',
  'truck',
  'rail',
  'air_passenger',
  'air_cargo',
  'maritime',
  'postal_courier',
  'on_foot',
  'other',
] as const;
export const ConveyanceSchema = enumSchema(conveyanceValues);
export type Conveyance = z.infer<typeof ConveyanceSchema>;

export const concealmentValues = [
  'hidden_compartment',
  'luggage',
  'cargo_mixed',
  'on_person',
  'postal_parcel',
  'none',
] as const;
export const ConcealmentSchema = enumSchema(concealmentValues);
export type Concealment = z.infer<typeof ConcealmentSchema>;

/** Level 1 of the UN 1997 Panel split that the ITI and SDG 16.4.2 reuse, plus two app classes. */
export const weaponCategoryValues = [
  'small_arm',
  'light_weapon',
  'firearm_other_civilian',
  'non_salw_or_antique',
] as const;
export const WeaponCategorySchema = enumSchema(weaponCategoryValues);
export type WeaponCategory = z.infer<typeof WeaponCategorySchema>;

/** UN 1997 Panel / ITI small arms ("revolvers, pistols, rifles and carbines, shotguns, SMGs, LMGs"). */
export const smallArmTypes = [
  'revolver',
  'self_loading_pistol',
  'rifle_carbine',
  'sub_machine_gun',
  'assault_rifle',
  'light_machine_gun',
  'shotgun',
] as const;

/** UN 1997 Panel / ITI light weapons; mortars below 100 mm (UNROCA's 75 mm is a cross-walk). */
export const lightWeaponTypes = [
  'heavy_machine_gun',
  'grenade_launcher',
  'portable_aa_gun',
  'portable_at_gun',
  'recoilless_rifle',
  'portable_at_missile_rocket_launcher',
  'manpads',
  'mortar_lt_100mm',
] as const;

/** Civilian and crime types seen in UNODC seizure data and field practice (converted alarm guns…). */
export const additionalWeaponTypes = [
  'combination_gun',
  'machine_gun_other',
  'converted_alarm_gas_weapon',
  'craft_improvised',
  'air_weapon',
  'antique_pre1900',
  'other',
] as const;

export const weaponTypeValues = [
  ...smallArmTypes,
  ...lightWeaponTypes,
  ...additionalWeaponTypes,
] as const;
export const WeaponTypeSchema = enumSchema(weaponTypeValues);
export type WeaponType = z.infer<typeof WeaponTypeSchema>;

/** A Map, not an object: a malformed type such as 'constructor' must find nothing. */
const categoryByType: ReadonlyMap<string, WeaponCategory> = new Map<string, WeaponCategory>([
  ...smallArmTypes.map((type) => [type, 'small_arm'] as const),
  ...lightWeaponTypes.map((type) => [type, 'light_weapon'] as const),
  ['combination_gun', 'firearm_other_civilian'],
  ['converted_alarm_gas_weapon', 'firearm_other_civilian'],
  ['craft_improvised', 'firearm_other_civilian'],
  // Not SALW: air weapons are not firearms; antiques are pre-1900 and counted apart (SDG 16.4.2).
  ['air_weapon', 'non_salw_or_antique'],
  ['antique_pre1900', 'non_salw_or_antique'],
  // 'machine_gun_other' (UNODC's unsplit "machine gun") and 'other' can be either: the person decides.
]);

/** The category a weapon type implies, or undefined when the type alone cannot tell. */
export function categoryOfWeaponType(type: WeaponType): WeaponCategory | undefined {
  return categoryByType.get(type);
}

/** ISACS: the frame or receiver is the primary reference point for the serial. */
export const serialLocationValues = [
  'frame_receiver',
  'slide',
  'barrel',
  'bolt',
  'cylinder',
  'breech_block',
  'other',
] as const;
export const SerialLocationSchema = enumSchema(serialLocationValues);
export type SerialLocation = z.infer<typeof SerialLocationSchema>;

/** Altered or erased markings prevent establishing origin; reported apart (SDG 16.4.2). */
export const markingConditionValues = [
  'intact',
  'partially_legible',
  'altered_obliterated',
  'unmarked',
] as const;
export const MarkingConditionSchema = enumSchema(markingConditionValues);
export type MarkingCondition = z.infer<typeof MarkingConditionSchema>;

export const actionTypeValues = [
  'single_shot',
  'manual_repeating',
  'semi_automatic',
  'automatic',
  'unknown',
] as const;
export const ActionTypeSchema = enumSchema(actionTypeValues);
export type ActionType = z.infer<typeof ActionTypeSchema>;

export const weaponConditionValues = [
  'serviceable',
  'unserviceable',
  'converted',
  'deactivated',
  'modified_sawn_off',
  'craft_improvised',
  'replica',
] as const;
export const WeaponConditionSchema = enumSchema(weaponConditionValues);
export type WeaponCondition = z.infer<typeof WeaponConditionSchema>;

/** Mirrors the SDG 16.4.2 "last legal record" status list. */
export const lifecycleStatusValues = [
  'in_custody',
  'in_storage',
  'evidence_hold',
  'under_trace',
  'returned_legalized',
  'transferred',
  'awaiting_destruction',
  'destroyed',
  'lost_stolen',
] as const;
export const LifecycleStatusSchema = enumSchema(lifecycleStatusValues);
export type LifecycleStatus = z.infer<typeof LifecycleStatusSchema>;

/** The SDG 16.4.2 numerator and its disaggregation. */
export const traceStatusValues = [
  'not_attempted',
  'national_check_done',
  'international_request_sent',
  'pending',
  'origin_established_by_trace',
  'origin_established_other',
  'unsuccessful',
] as const;
export const TraceStatusSchema = enumSchema(traceStatusValues);
export type TraceStatus = z.infer<typeof TraceStatusSchema>;

/** ISACS asks records to include where each marking sits on the weapon (A7). */
export const markingComponentValues = [
  'frame_receiver',
  'barrel',
  'slide',
  'bolt',
  'cylinder',
  'breech_block',
  'other',
] as const;
export const MarkingComponentSchema = enumSchema(markingComponentValues);
export type MarkingComponent = z.infer<typeof MarkingComponentSchema>;

/** Import marks stay distinct from the original marks (ITI, ISACS 05.30). */
export const markingKindValues = [
  'manufacturer',
  'country',
  'serial',
  'year',
  'model',
  'calibre',
  'import_mark',
  'proof_mark',
  'state_unit_mark',
  'arsenal_factory_code',
  'other',
] as const;
export const MarkingKindSchema = enumSchema(markingKindValues);
export type MarkingKind = z.infer<typeof MarkingKindSchema>;

export const legibilityValues = ['legible', 'partially_legible', 'illegible'] as const;
export const LegibilitySchema = enumSchema(legibilityValues);
export type Legibility = z.infer<typeof LegibilitySchema>;

/** Firearms Protocol parts and components (first five); 'magazine' is an app extension. */
export const partTypeValues = [
  'barrel',
  'frame_or_receiver',
  'slide_or_cylinder',
  'bolt_or_breech_block',
  'sound_suppressor',
  'magazine',
  'other',
] as const;
export const PartTypeSchema = enumSchema(partTypeValues);
export type PartType = z.infer<typeof PartTypeSchema>;

export const ammoClassValues = [
  'small_arms_cartridge',
  'shotgun_shell',
  'grenade_launcher_round',
  'mortar_bomb',
  'rocket',
  'missile',
  'other',
] as const;
export const AmmoClassSchema = enumSchema(ammoClassValues);
export type AmmoClass = z.infer<typeof AmmoClassSchema>;

/** Reports use rounds and tonnes side by side (Montenegro: "40 tonnes" vs "21,412 pieces"). */
export const ammoQuantityUnitValues = ['rounds', 'kg', 'tonnes', 'boxes'] as const;
export const AmmoQuantityUnitSchema = enumSchema(ammoQuantityUnitValues);
export type AmmoQuantityUnit = z.infer<typeof AmmoQuantityUnitSchema>;

export const ammoConditionValues = ['serviceable', 'unserviceable', 'unsafe_to_move'] as const;
export const AmmoConditionSchema = enumSchema(ammoConditionValues);
export type AmmoCondition = z.infer<typeof AmmoConditionSchema>;

/** A10 eo_type: the Roadmap's scope is firearms, ammunition AND explosives. */
export const explosiveTypeValues = [
  'hand_grenade',
  'ap_mine',
  'at_mine',
  'mortar_bomb',
  'artillery_shell',
  'rocket',
  'bulk_explosive_commercial',
  'bulk_explosive_military',
  'detonator',
  'detonating_cord_fuze',
  'ied_component',
  'unknown_uxo',
] as const;
export const ExplosiveTypeSchema = enumSchema(explosiveTypeValues);
export type ExplosiveType = z.infer<typeof ExplosiveTypeSchema>;

/** Reports mix "620 kg explosive" and "160 bombs / mines" (A10). */
export const explosiveQuantityUnitValues = ['pieces', 'kg'] as const;
export const ExplosiveQuantityUnitSchema = enumSchema(explosiveQuantityUnitValues);
export type ExplosiveQuantityUnit = z.infer<typeof ExplosiveQuantityUnitSchema>;

export const explosiveSafetyStatusValues = [
  'safe_to_store',
  'eod_required',
  'destroyed_in_situ',
] as const;
export const ExplosiveSafetyStatusSchema = enumSchema(explosiveSafetyStatusValues);
export type ExplosiveSafetyStatus = z.infer<typeof ExplosiveSafetyStatusSchema>;

export const custodyPurposeValues = [
  'to_storage',
  'to_evidence_room',
  'to_forensics_ballistics',
  'to_court',
  'to_destruction_site',
  'return_to_owner',
  'inter_agency',
] as const;
export const CustodyPurposeSchema = enumSchema(custodyPurposeValues);
export type CustodyPurpose = z.infer<typeof CustodyPurposeSchema>;

/**
 * A decision about items that is not a movement (issue 14): who decided, when and why is a small
 * sealed record of its own. Releasing a hold ends an evidence hold or a destruction order.
 */
export const custodyDecisionKindValues = [
  'for_destruction',
  'evidence_hold',
  'return_to_owner',
  'release_hold',
] as const;
export const CustodyDecisionKindSchema = enumSchema(custodyDecisionKindValues);
export type CustodyDecisionKind = z.infer<typeof CustodyDecisionKindSchema>;

export const destructionMethodValues = [
  'smelting_melting',
  'cutting_torch',
  'cutting_mechanical',
  'crushing',
  'shredding',
  'open_burning',
  'incineration',
  'detonation_demolition',
  'industrial_demil',
  'other',
] as const;
export const DestructionMethodSchema = enumSchema(destructionMethodValues);
export type DestructionMethod = z.infer<typeof DestructionMethodSchema>;

/** Outcome of the A13 pre-destruction count and serial check. */
export const verificationResultValues = ['all_match', 'discrepancies_found'] as const;
export const VerificationResultSchema = enumSchema(verificationResultValues);
export type VerificationResult = z.infer<typeof VerificationResultSchema>;

export const recordStatusValues = ['draft', 'final'] as const;
export const RecordStatusSchema = enumSchema(recordStatusValues);
export type RecordStatus = z.infer<typeof RecordStatusSchema>;

export const userRoleValues = [
  'field_officer',
  'custody_officer',
  'destruction_officer',
  'team_lead',
  'administrator',
] as const;
export const UserRoleSchema = enumSchema(userRoleValues);
export type UserRole = z.infer<typeof UserRoleSchema>;

/** CAR documents every item photographically: whole weapon plus close-ups of markings. */
export const attachmentKindValues = [
  'whole_weapon',
  'marking',
  'packaging',
  'scene',
  'document',
  /** A signature drawn on the laptop at a handover or a destruction (the image, for paper). */
  'signature',
  'other',
] as const;
export const AttachmentKindSchema = enumSchema(attachmentKindValues);
export type AttachmentKind = z.infer<typeof AttachmentKindSchema>;

/** A12 loss or theft incident: diversion from national stockpiles (revised PoA report). */
export const lossIncidentKindValues = ['loss', 'theft'] as const;
export const LossIncidentKindSchema = enumSchema(lossIncidentKindValues);
export type LossIncidentKind = z.infer<typeof LossIncidentKindSchema>;

/** What a stock check found against what the records say the site holds. */
export const stockDiscrepancyKindValues = ['missing', 'count_differs', 'not_on_record'] as const;
export const StockDiscrepancyKindSchema = enumSchema(stockDiscrepancyKindValues);
export type StockDiscrepancyKind = z.infer<typeof StockDiscrepancyKindSchema>;
