import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../shared/domain/campaign.ts';
import { api } from '../../api.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useFormatters } from '../records/format.ts';
import { CampaignStatusBadge } from './CampaignStatusBadge.tsx';
import { PageTitle } from './PlaceFacts.tsx';
import { PlacesTabs } from './PlacesTabs.tsx';
import { useCampaignRights } from './use-campaign-rights.ts';
import { useLoaded } from './use-loaded.ts';

/** `#/places/campaigns`: every collection campaign on this computer, by name. */
export function CampaignsPage() {
  const { t } = useTranslation('places');
  const label = useEnumLabel();
  const format = useFormatters();
  const rights = useCampaignRights();
  const typeOf = (campaign: Campaign) => label('campaignType', campaign.campaignType);
  const load = useCallback(() => api().listCampaigns(), []);
  const { state } = useLoaded(load);
  const campaigns = state.kind === 'ready' ? state.value : [];

  return (
    <section aria-labelledby="place-title" className="records-list">
      <PlacesTabs />
      <div className="page-head">
        <PageTitle>{t('campaigns.title')}</PageTitle>
        {rights.create && (
          <a className="button button--primary page-head__action" href="#/places/campaigns/new">
            {t('campaigns.new')}
          </a>
        )}
      </div>
      <p className="places-intro">{t('campaigns.intro')}</p>
      {!rights.create && campaigns.length > 0 && (
        <p className="field__hint">{t('campaigns.leadsOnly')}</p>
      )}
      {state.kind === 'loading' && <p className="field__hint">{t('common.loading')}</p>}
      {state.kind === 'failed' && <ErrorMessage error={state.error} />}
      {state.kind === 'ready' && campaigns.length === 0 && (
        <EmptyState
          title={t('campaigns.emptyTitle')}
          hint={rights.create ? t('campaigns.emptyHint') : t('campaigns.emptyHintOfficer')}
        />
      )}
      {campaigns.length > 0 && (
        <div className="results">
          <h2 id="campaigns-count" className="results__count">
            {t('campaigns.count', { count: campaigns.length })}
          </h2>
          <div className="table-wrap">
            <table className="table places-table" aria-labelledby="campaigns-count">
              <thead>
                <tr>
                  <th scope="col">{t('campaigns.columnName')}</th>
                  <th scope="col">{t('campaigns.columnType')}</th>
                  <th scope="col">{t('campaigns.columnStatus')}</th>
                  <th scope="col">{t('campaigns.columnDates')}</th>
                  <th scope="col">{t('campaigns.columnLead')}</th>
                </tr>
              </thead>
              <tbody>
                {campaigns.map((campaign) => (
                  <tr key={campaign.id}>
                    <td>
                      <a href={`#/places/campaigns/${encodeURIComponent(campaign.id)}`}>
                        {campaign.name}
                      </a>
                    </td>
                    <td>{typeOf(campaign)}</td>
                    <td>
                      <CampaignStatusBadge status={campaign.status} />
                    </td>
                    <td>
                      {campaign.endDate === undefined
                        ? t('campaigns.from', { start: format.date(campaign.startDate) })
                        : t('campaigns.range', {
                            start: format.date(campaign.startDate),
                            end: format.date(campaign.endDate),
                          })}
                    </td>
                    <td>{campaign.leadAgency}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
