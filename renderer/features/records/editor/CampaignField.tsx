import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import { CampaignSchema, type Campaign } from '../../../../shared/domain/campaign.ts';
import { campaignStatusValues, campaignTypeValues } from '../../../../shared/domain/enums.ts';
import { api } from '../../../api.ts';
import { DateField } from '../../../components/DateField.tsx';
import { useEnumLabel } from '../../../components/domain-labels.ts';
import type { FieldControlProps } from '../../../components/FormField.tsx';
import { useFormatters } from '../format.ts';
import {
  ChooseOptions,
  InlineField,
  InlineForm,
  useCountryChoices,
  useInlineSave,
} from './InlineForm.tsx';
import { PickOrAddField } from './PickOrAddField.tsx';

const campaignPath = 'campaignId' as const;

/**
 * A3: a campaign-based collection names its campaign: one of those recorded on this computer, or
 * a new one added right here (name, type, country, start, lead agency, status).
 */
export function CampaignField() {
  const { t } = useTranslation('records');
  const enumLabel = useEnumLabel();
  const format = useFormatters();
  const [campaigns, setCampaigns] = useState<readonly Campaign[] | null>(null);
  const load = useCallback(
    () =>
      api()
        .listCampaigns()
        .then(setCampaigns, () => setCampaigns([])),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const options =
    campaigns?.map((campaign) => ({
      id: campaign.id,
      label: t('campaign.option', {
        name: campaign.name,
        type: enumLabel('campaignType', campaign.campaignType),
        start: format.date(campaign.startDate),
      }),
    })) ?? null;
  return (
    <PickOrAddField
      path={campaignPath}
      label={t('field.campaignId')}
      options={options}
      addLabel={t('campaign.new')}
      hint={({ added, empty }) =>
        added !== null
          ? t('campaign.added', { name: added })
          : empty
            ? t('campaign.none')
            : t('campaign.hint')
      }
      reload={load}
      AddForm={NewCampaignForm}
    />
  );
}

/** A small form of its own (its own checks and save), like the new-location form. */
function NewCampaignForm({
  onCancel,
  onSaved,
}: {
  onCancel: () => void;
  onSaved: (campaign: { id: string; name: string }) => Promise<void>;
}) {
  const { t } = useTranslation('records');
  const label = useEnumLabel();
  const countries = useCountryChoices();
  const {
    register,
    control: formControl,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Campaign>({
    // The schema's own messages are keys; a blank field reaches it as undefined ('required').
    resolver: zodResolver(CampaignSchema) as never,
    defaultValues: { id: uuidv7(), status: 'active' },
  });
  const blank = (value: unknown) => (value === '' ? undefined : value);
  const startDatePath = 'startDate' as const;
  const fieldNames = [
    'name',
    'campaignType',
    'jurisdiction',
    'startDate',
    'leadAgency',
    'status',
  ] as const;

  const { failure, save } = useInlineSave(fieldNames, (field, message) =>
    setError(field, { message }),
  );
  const submit = handleSubmit((campaign) =>
    save(async () => onSaved(await api().saveCampaign(campaign))),
  );

  const registered = {
    name: register('name', { setValueAs: blank }),
    campaignType: register('campaignType', { setValueAs: blank }),
    jurisdiction: register('jurisdiction', { setValueAs: blank }),
    leadAgency: register('leadAgency', { setValueAs: blank }),
    status: register('status', { setValueAs: blank }),
  };
  const typeOptions = campaignTypeValues.map((type) => ({
    value: type,
    label: label('campaignType', type),
  }));
  const statusOptions = campaignStatusValues.map((status) => ({
    value: status,
    label: label('campaignStatus', status),
  }));
  const controls: Record<
    (typeof fieldNames)[number],
    (control: FieldControlProps) => React.ReactNode
  > = {
    name: (control) => (
      <input
        {...control}
        type="text"
        autoComplete="off"
        // The person opened this form to type a name: start there.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
        {...registered.name}
      />
    ),
    campaignType: (control) => (
      <select {...control} {...registered.campaignType}>
        <ChooseOptions options={typeOptions} />
      </select>
    ),
    jurisdiction: (control) => (
      <select {...control} {...registered.jurisdiction}>
        <ChooseOptions options={countries} />
      </select>
    ),
    // Typed and shown in the app language, like every date of the record (DateField).
    startDate: (control) => (
      <Controller
        control={formControl}
        name={startDatePath}
        render={({ field }) => (
          <DateField
            {...control}
            inputRef={field.ref}
            name={field.name}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
          />
        )}
      />
    ),
    leadAgency: (control) => <input {...control} type="text" {...registered.leadAgency} />,
    // Active by default: no "Choose…".
    status: (control) => (
      <select {...control} {...registered.status}>
        {statusOptions.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    ),
  };

  return (
    <InlineForm
      title={t('campaign.newTitle')}
      saveLabel={t('campaign.save')}
      failure={failure}
      isSubmitting={isSubmitting}
      onSubmit={submit}
      onCancel={onCancel}
    >
      {fieldNames.map((name) => (
        <InlineField key={name} label={t(`campaign.${name}`)} error={errors[name]?.message}>
          {controls[name]}
        </InlineField>
      ))}
    </InlineForm>
  );
}
