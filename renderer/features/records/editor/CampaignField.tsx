import { useEffect, useId, useState } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../../shared/domain/campaign.ts';
import { api } from '../../../api.ts';
import { useEnumLabel } from '../../../components/domain-labels.ts';
import { header } from '../field-specs.ts';
import { FieldMessage, useFieldMessage, type IntakeForm } from '../fields.tsx';
import { fieldId } from '../paths.ts';
import { useFormatters } from '../format.ts';

const campaignPath = 'campaignId' as const;

/** A3: a campaign-based collection names its campaign, one of those recorded on this computer. */
export function CampaignField() {
  const { t } = useTranslation('records');
  const enumLabel = useEnumLabel();
  const format = useFormatters();
  const { control } = useFormContext<IntakeForm>();
  const message = useFieldMessage(header.campaignId.path);
  const errorId = useId();
  const hintId = useId();
  const [campaigns, setCampaigns] = useState<readonly Campaign[] | null>(null);
  useEffect(() => {
    let live = true;
    api()
      .listCampaigns()
      .then(
        (list) => live && setCampaigns(list),
        () => live && setCampaigns([]),
      );
    return () => {
      live = false;
    };
  }, []);
  const options = (campaigns ?? []).map((campaign) => ({
    id: campaign.id,
    label: t('campaign.option', {
      name: campaign.name,
      type: enumLabel('campaignType', campaign.campaignType),
      start: format.date(campaign.startDate),
    }),
  }));
  const id = fieldId(header.campaignId.path);
  const describedBy = [message !== undefined ? errorId : null, hintId].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id} className="field__label--required">
        {t('field.campaignId')}
      </label>
      <Controller
        control={control}
        name={campaignPath}
        render={({ field }) => (
          <select
            id={id}
            name={field.name}
            ref={field.ref}
            value={field.value ?? ''}
            onChange={(event) => field.onChange(event.target.value || undefined)}
            onBlur={field.onBlur}
            aria-invalid={message !== undefined}
            aria-describedby={describedBy}
          >
            <option value="">
              {campaigns === null ? t('editor.loading') : t('editor.choose')}
            </option>
            {options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      />
      <FieldMessage id={errorId} messageKey={message} />
      <p id={hintId} className="field__hint">
        {campaigns !== null && campaigns.length === 0 ? t('campaign.none') : t('campaign.hint')}
      </p>
    </div>
  );
}
