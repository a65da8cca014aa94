import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import type { Campaign } from '../../../shared/domain/campaign.ts';
import {
  ammoQuantityUnitValues,
  explosiveQuantityUnitValues,
} from '../../../shared/domain/enums.ts';
import type { Location } from '../../../shared/domain/location.ts';
import type { QuantityKind, QuantityUnit } from '../../../shared/domain/quantity.ts';

/**
 * The place and campaign forms hold what is typed, as text; these turn it into the record the
 * shared schema checks (blank is "not recorded", a decimal comma is a decimal point), and put
 * the schema's issues back on the fields they belong to.
 */

/** A disabled control (the unit before a kind is chosen) gives undefined, not text. */
const blank = (value: string | undefined): string | undefined => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

/** Serbian writes 44,8125; a typed comma is the decimal separator. Non-numbers stay NaN (refused). */
const decimal = (value: string | undefined): number | undefined => {
  const text = blank(value);
  return text === undefined ? undefined : Number(text.replace(',', '.'));
};

const numberText = (value: number | undefined): string =>
  value === undefined ? '' : String(value);

export interface LocationFormValues {
  name: string;
  locationType: string;
  jurisdiction: string;
  adminArea1: string;
  adminArea2: string;
  parentLocationId: string;
  lat: string;
  lon: string;
  accuracyM: string;
}

export function locationFormValues(location: Location | null): LocationFormValues {
  return {
    name: location?.name ?? '',
    locationType: location?.locationType ?? '',
    jurisdiction: location?.jurisdiction ?? '',
    adminArea1: location?.adminArea1 ?? '',
    adminArea2: location?.adminArea2 ?? '',
    parentLocationId: location?.parentLocationId ?? '',
    lat: numberText(location?.lat),
    lon: numberText(location?.lon),
    accuracyM: numberText(location?.accuracyM),
  };
}

/** The record as typed; the schema decides whether it is acceptable. */
export function locationFromForm(id: string, values: LocationFormValues): Record<string, unknown> {
  return {
    id,
    name: blank(values.name),
    locationType: blank(values.locationType),
    jurisdiction: blank(values.jurisdiction),
    adminArea1: blank(values.adminArea1),
    adminArea2: blank(values.adminArea2),
    parentLocationId: blank(values.parentLocationId),
    lat: decimal(values.lat),
    lon: decimal(values.lon),
    accuracyM: decimal(values.accuracyM),
  };
}

export interface CampaignFormValues {
  name: string;
  campaignType: string;
  jurisdiction: string;
  status: string;
  legalBasis: string;
  startDate: string;
  endDate: string;
  amnestyEndDate: string;
  legalizationEndDate: string;
  incentiveType: string;
  leadAgency: string;
  /** One partner or donor a line. */
  partnersDonors: string;
  targetDescription: string;
  targetKind: string;
  targetUnit: string;
  targetAmount: string;
  outreachChannels: string;
}

export function campaignFormValues(campaign: Campaign | null): CampaignFormValues {
  return {
    name: campaign?.name ?? '',
    campaignType: campaign?.campaignType ?? '',
    jurisdiction: campaign?.jurisdiction ?? '',
    // A campaign is usually set up when it starts.
    status: campaign?.status ?? 'active',
    legalBasis: campaign?.legalBasis ?? '',
    startDate: campaign?.startDate ?? '',
    endDate: campaign?.endDate ?? '',
    amnestyEndDate: campaign?.amnestyEndDate ?? '',
    legalizationEndDate: campaign?.legalizationEndDate ?? '',
    incentiveType: campaign?.incentiveType ?? '',
    leadAgency: campaign?.leadAgency ?? '',
    partnersDonors: (campaign?.partnersDonors ?? []).join('\n'),
    targetDescription: campaign?.targetDescription ?? '',
    targetKind: campaign?.targetQuantity?.kind ?? '',
    targetUnit: campaign?.targetQuantity?.unit ?? '',
    targetAmount: numberText(campaign?.targetQuantity?.amount),
    outreachChannels: campaign?.outreachChannels ?? '',
  };
}

export function campaignFromForm(id: string, values: CampaignFormValues): Record<string, unknown> {
  const partners = (values.partnersDonors ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const target = [values.targetKind, values.targetUnit, values.targetAmount].every(
    (part) => blank(part) === undefined,
  )
    ? undefined
    : {
        kind: blank(values.targetKind),
        unit: blank(values.targetUnit),
        amount: decimal(values.targetAmount),
      };
  return {
    id,
    name: blank(values.name),
    campaignType: blank(values.campaignType),
    jurisdiction: blank(values.jurisdiction),
    status: blank(values.status),
    legalBasis: blank(values.legalBasis),
    startDate: blank(values.startDate),
    endDate: blank(values.endDate),
    amnestyEndDate: blank(values.amnestyEndDate),
    legalizationEndDate: blank(values.legalizationEndDate),
    incentiveType: blank(values.incentiveType),
    leadAgency: blank(values.leadAgency),
    partnersDonors: partners.length === 0 ? undefined : partners,
    targetDescription: blank(values.targetDescription),
    targetQuantity: target,
    outreachChannels: blank(values.outreachChannels),
  };
}

const unitsByKind: Readonly<Record<QuantityKind, readonly QuantityUnit[]>> = {
  weapons: ['pieces'],
  parts: ['pieces'],
  ammunition: ammoQuantityUnitValues,
  explosives: explosiveQuantityUnitValues,
};
const noUnits: readonly QuantityUnit[] = [];

/** The units a target of this kind may use, in the order the editor offers them (same array each time). */
export function unitsOfKind(kind: string | undefined): readonly QuantityUnit[] {
  return unitsByKind[kind as QuantityKind] ?? noUnits;
}

/**
 * Where a schema issue is shown: its path as a form field. The target quantity's parts are three
 * fields of their own; a list entry (one partner) shows on the list.
 */
export function fieldOfPath(path: ReadonlyArray<PropertyKey>): string {
  const [first, second] = path.map(String);
  if (first === 'targetQuantity') {
    if (second === 'unit') return 'targetUnit';
    if (second === 'amount') return 'targetAmount';
    return 'targetKind';
  }
  return first ?? '';
}

/**
 * A react-hook-form resolver from a form's text to a shared schema: the form keeps its text,
 * the issues (message keys of shared/domain) land on the fields.
 */
export function recordResolver<V extends FieldValues>(
  schema: z.ZodType,
  toRecord: (values: V) => unknown,
): Resolver<V> {
  return (values) => {
    const parsed = schema.safeParse(toRecord(values));
    if (parsed.success) return { values, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path);
      errors[field] ??= { type: issue.code, message: issue.message };
    }
    return { values: {}, errors: errors as FieldErrors<V> };
  };
}
