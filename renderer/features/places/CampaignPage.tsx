import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useCountryName } from '../../components/country-names.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useFormatters } from '../records/format.ts';
import { useAmountWithUnit } from '../records/quantity-text.ts';
import { RecordSyncNotice } from '../sync/RecordSyncNotice.tsx';
import { CampaignProgressSection } from './CampaignProgressSection.tsx';
import { CampaignStatusBadge } from './CampaignStatusBadge.tsx';
import { PageTitle, PlaceFacts, RecordedFacts } from './PlaceFacts.tsx';
import { useCampaignRights } from './use-campaign-rights.ts';
import { useLoaded } from './use-loaded.ts';

/** `#/places/campaigns/<id>`: every A2 field, and what was collected so far against the target. */
export function CampaignPage({ id }: { id: string }) {
  const { t } = useTranslation('places');
  const label = useEnumLabel();
  const country = useCountryName();
  const format = useFormatters();
  const amountWithUnit = useAmountWithUnit();
  const rights = useCampaignRights();
  const load = useCallback(
    () => Promise.all([api().getCampaign({ id }), api().getCampaignProgress({ id })]),
    [id],
  );
  const { state } = useLoaded(load);

  if (state.kind !== 'ready') {
    return (
      <section aria-labelledby="place-title" className="records-view">
        <p className="back">
          <a href="#/places/campaigns">{t('campaign.back')}</a>
        </p>
        <PageTitle>{t('campaign.titleFallback')}</PageTitle>
        {state.kind === 'loading' ? (
          <p className="field__hint">{t('common.loading')}</p>
        ) : (
          <ErrorMessage error={state.error} />
        )}
      </section>
    );
  }

  const [view, progress] = state.value;
  const { campaign } = view;
  const date = (value: string | undefined) =>
    value === undefined ? undefined : format.date(value);
  const target = campaign.targetQuantity;
  const typeText = label('campaignType', campaign.campaignType);
  const incentiveText =
    campaign.incentiveType === undefined
      ? undefined
      : label('incentiveType', campaign.incentiveType);

  return (
    <section aria-labelledby="place-title" className="records-view">
      <p className="back">
        <a href="#/places/campaigns">{t('campaign.back')}</a>
      </p>
      <div className="page-head">
        <PageTitle>{campaign.name}</PageTitle>
        <CampaignStatusBadge status={campaign.status} />
        {rights.update && (
          <a
            className="button button--primary page-head__action"
            href={`#/places/campaigns/${encodeURIComponent(campaign.id)}/edit`}
          >
            {t('common.edit')}
          </a>
        )}
      </div>
      <RecordSyncNotice id={campaign.id} />
      <CampaignProgressSection progress={progress} target={target} />
      <section className="card" aria-labelledby="campaign-about">
        <h2 id="campaign-about">{t('campaign.sectionCampaign')}</h2>
        <PlaceFacts
          rows={[
            [t('campaign.campaignType'), typeText],
            [t('campaign.jurisdiction'), country(campaign.jurisdiction)],
            [t('campaign.leadAgency'), campaign.leadAgency],
            [t('campaign.partnersDonors'), campaign.partnersDonors?.join(', ')],
            [t('campaign.legalBasis'), campaign.legalBasis],
            [t('campaign.incentiveType'), incentiveText],
          ]}
        />
      </section>
      <section className="card" aria-labelledby="campaign-dates">
        <h2 id="campaign-dates">{t('campaign.sectionDates')}</h2>
        <PlaceFacts
          rows={[
            [t('campaign.startDate'), date(campaign.startDate)],
            [t('campaign.endDate'), date(campaign.endDate)],
            [t('campaign.amnestyEndDate'), date(campaign.amnestyEndDate)],
            [t('campaign.legalizationEndDate'), date(campaign.legalizationEndDate)],
          ]}
        />
      </section>
      {(target ?? campaign.targetDescription ?? campaign.outreachChannels) !== undefined && (
        <section className="card" aria-labelledby="campaign-target">
          <h2 id="campaign-target">{t('campaign.sectionTarget')}</h2>
          <PlaceFacts
            rows={[
              [t('campaign.targetDescription'), campaign.targetDescription],
              [
                t('campaign.targetQuantity'),
                target &&
                  t('campaign.target', {
                    kind: label('quantityKind', target.kind),
                    quantity: amountWithUnit(target.amount, target.unit),
                  }),
              ],
              [t('campaign.outreachChannels'), campaign.outreachChannels],
            ]}
          />
        </section>
      )}
      <RecordedFacts view={view} />
    </section>
  );
}
