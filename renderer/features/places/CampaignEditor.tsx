import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Controller, useForm, useWatch, type UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import { CampaignSchema } from '../../../shared/domain/campaign.ts';
import {
  campaignStatusValues,
  campaignTypeValues,
  incentiveTypeValues,
} from '../../../shared/domain/enums.ts';
import { quantityKindValues } from '../../../shared/domain/quantity.ts';
import type { CampaignRecordView } from '../../../shared/ipc/procedures/places.ts';
import { api } from '../../api.ts';
import { DateField } from '../../components/DateField.tsx';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import type { FieldControlProps } from '../../components/FormField.tsx';
import { ChooseOptions, useCountryChoices } from '../records/editor/InlineForm.tsx';
import { FormActions } from './FormActions.tsx';
import {
  campaignFormValues,
  campaignFromForm,
  recordResolver,
  unitsOfKind,
  type CampaignFormValues,
} from './place-form.ts';
import { PageTitle } from './PlaceFacts.tsx';
import { PlaceField } from './PlaceField.tsx';
import { useSaveFailure } from './save-failure.ts';
import { useCampaignRights } from './use-campaign-rights.ts';
import { useLoaded } from './use-loaded.ts';

/** `#/places/campaigns/new` and `#/places/campaigns/<id>/edit`: every A2 field of a campaign. */
export function CampaignEditor({ id }: { id: string | null }) {
  const { t } = useTranslation('places');
  const rights = useCampaignRights();
  const load = useCallback(
    () => (id === null ? Promise.resolve(null) : api().getCampaign({ id })),
    [id],
  );
  const { state } = useLoaded(load);
  const title = id === null ? t('campaign.newTitle') : t('campaign.editTitle');
  const back = id === null ? '#/places/campaigns' : `#/places/campaigns/${encodeURIComponent(id)}`;
  const allowed = id === null ? rights.create : rights.update;

  return (
    <section aria-labelledby="place-title" className="records-editor">
      <p className="back">
        <a href={back}>{id === null ? t('campaign.back') : t('common.cancel')}</a>
      </p>
      <PageTitle>{title}</PageTitle>
      {!allowed && <p className="notice notice--error">{t('campaigns.leadsOnly')}</p>}
      {allowed && state.kind === 'loading' && <p className="field__hint">{t('common.loading')}</p>}
      {allowed && state.kind === 'failed' && <ErrorMessage error={state.error} />}
      {allowed && state.kind === 'ready' && <CampaignForm view={state.value} cancelHref={back} />}
    </section>
  );
}

type CampaignField = keyof CampaignFormValues;
const aboutFields: readonly CampaignField[] = [
  'name',
  'campaignType',
  'jurisdiction',
  'status',
  'leadAgency',
  'incentiveType',
  'legalBasis',
  'partnersDonors',
];
const dateFields: readonly CampaignField[] = [
  'startDate',
  'endDate',
  'amnestyEndDate',
  'legalizationEndDate',
];
const targetTextFields: readonly CampaignField[] = ['targetDescription', 'outreachChannels'];
const targetFields: readonly CampaignField[] = ['targetKind', 'targetUnit', 'targetAmount'];
const allFields: readonly CampaignField[] = [
  ...aboutFields,
  ...dateFields,
  ...targetTextFields,
  ...targetFields,
];
const requiredFields: ReadonlySet<CampaignField> = new Set([
  'name',
  'campaignType',
  'jurisdiction',
  'status',
  'leadAgency',
  'startDate',
]);

function CampaignForm({
  view,
  cancelHref,
}: {
  view: CampaignRecordView | null;
  cancelHref: string;
}) {
  const { t } = useTranslation('places');
  const label = useEnumLabel();
  const countries = useCountryChoices();
  const [id] = useState(() => view?.campaign.id ?? uuidv7());
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    control: formControl,
    formState: { errors, isSubmitting },
  } = useForm<CampaignFormValues>({
    resolver: recordResolver(CampaignSchema, (values: CampaignFormValues) =>
      campaignFromForm(id, values),
    ),
    defaultValues: campaignFormValues(view?.campaign ?? null),
  });
  const { failure, save } = useSaveFailure((field, message) =>
    setError(field as keyof CampaignFormValues, { message }),
  );
  const submit = handleSubmit((values) =>
    save(async () => {
      const campaign = CampaignSchema.parse(campaignFromForm(id, values));
      if (view === null) await api().saveCampaign(campaign);
      else await api().updateCampaign({ campaign, expectedRevision: view.revision });
      window.location.hash = `#/places/campaigns/${encodeURIComponent(id)}`;
    }),
  );
  const targetKind = useWatch({ control: formControl, name: 'targetKind' });
  const units = unitsOfKind(targetKind);
  // The unit follows the kind: the only unit when there is one, none when it does not fit.
  // After the render, so the unit's options for the new kind exist when it is set.
  useEffect(() => {
    const current = getValues('targetUnit') as string | undefined;
    if (current !== undefined && (units as readonly string[]).includes(current)) return;
    setValue('targetUnit', units.length === 1 ? (units[0] ?? '') : '');
  }, [units, getValues, setValue]);
  const choices = {
    campaignType: campaignTypeValues.map((value) => ({
      value,
      label: label('campaignType', value),
    })),
    status: campaignStatusValues.map((value) => ({ value, label: label('campaignStatus', value) })),
    incentiveType: incentiveTypeValues.map((value) => ({
      value,
      label: label('incentiveType', value),
    })),
    targetKind: quantityKindValues.map((value) => ({ value, label: label('quantityKind', value) })),
    targetUnit: units.map((value) => ({ value, label: label('quantityUnit', value) })),
  };
  const text = (name: CampaignField) => (control: FieldControlProps) => (
    <input {...control} type="text" {...registered[name]} />
  );
  // Typed and shown in the app's language (a Serbian user writes 31.12.2026.), stored as ISO.
  const date = (name: CampaignField) => (control: FieldControlProps) => (
    <Controller
      control={formControl}
      name={name}
      render={({ field }) => (
        <DateField
          {...control}
          name={field.name}
          value={field.value}
          inputRef={field.ref}
          onBlur={field.onBlur}
          onChange={(value) => field.onChange(value ?? '')}
        />
      )}
    />
  );
  const longText = (name: CampaignField, rows: number) => (control: FieldControlProps) => (
    <textarea {...control} rows={rows} {...registered[name]} />
  );
  // Registered in the order they are shown: a refused save focuses the first field in error.
  const registered = Object.fromEntries(allFields.map((name) => [name, register(name)])) as Record<
    CampaignField,
    UseFormRegisterReturn<CampaignField>
  >;
  const controls: Record<CampaignField, (control: FieldControlProps) => ReactNode> = {
    name: text('name'),
    campaignType: (control) => (
      <select {...control} {...registered.campaignType}>
        <ChooseOptions options={choices.campaignType} />
      </select>
    ),
    jurisdiction: (control) => (
      <select {...control} {...registered.jurisdiction}>
        <ChooseOptions options={countries} />
      </select>
    ),
    // Active by default: no "Choose…".
    status: (control) => (
      <select {...control} {...registered.status}>
        {choices.status.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    ),
    leadAgency: text('leadAgency'),
    incentiveType: (control) => (
      <select {...control} {...registered.incentiveType}>
        <ChooseOptions options={choices.incentiveType} />
      </select>
    ),
    legalBasis: text('legalBasis'),
    partnersDonors: longText('partnersDonors', 3),
    startDate: date('startDate'),
    endDate: date('endDate'),
    amnestyEndDate: date('amnestyEndDate'),
    legalizationEndDate: date('legalizationEndDate'),
    targetDescription: longText('targetDescription', 2),
    outreachChannels: longText('outreachChannels', 2),
    targetKind: (control) => (
      <select {...control} {...registered.targetKind}>
        <option value="">{t('campaign.noTarget')}</option>
        {choices.targetKind.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    ),
    targetUnit: (control) => (
      <select {...control} disabled={units.length === 0} {...registered.targetUnit}>
        <ChooseOptions options={choices.targetUnit} />
      </select>
    ),
    targetAmount: (control) => (
      <input {...control} type="text" inputMode="decimal" {...registered.targetAmount} />
    ),
  };
  const hints: Partial<Record<CampaignField, string>> = {
    legalBasis: t('campaign.legalBasisHint'),
    partnersDonors: t('campaign.partnersDonorsHint'),
    endDate: t('campaign.endDateHint'),
    targetDescription: t('campaign.targetDescriptionHint'),
    outreachChannels: t('campaign.outreachChannelsHint'),
  };
  const field = (name: CampaignField) => (
    <PlaceField
      key={name}
      label={t(`campaign.${name}`)}
      required={requiredFields.has(name)}
      hint={hints[name]}
      error={errors[name]?.message}
    >
      {controls[name]}
    </PlaceField>
  );

  return (
    <form
      aria-labelledby="place-title"
      noValidate
      autoComplete="off"
      onSubmit={(event) => void submit(event)}
    >
      <section className="card" aria-labelledby="campaign-about">
        <h2 id="campaign-about">{t('campaign.sectionCampaign')}</h2>
        <div className="grid">{aboutFields.map(field)}</div>
      </section>
      <section className="card" aria-labelledby="campaign-dates">
        <h2 id="campaign-dates">{t('campaign.sectionDates')}</h2>
        <div className="grid">{dateFields.map(field)}</div>
      </section>
      <section className="card" aria-labelledby="campaign-target">
        <h2 id="campaign-target">{t('campaign.sectionTarget')}</h2>
        <div className="grid">{targetTextFields.map(field)}</div>
        <fieldset className="target-fields">
          <legend>{t('campaign.targetQuantity')}</legend>
          <p className="field__hint">{t('campaign.targetHint')}</p>
          <div className="grid">{targetFields.map(field)}</div>
        </fieldset>
      </section>
      <FormActions
        failure={failure}
        saveLabel={view === null ? t('campaign.saveNew') : t('common.save')}
        isSubmitting={isSubmitting}
        cancelHref={cancelHref}
        latestHref={`#/places/campaigns/${encodeURIComponent(id)}`}
      />
    </form>
  );
}
