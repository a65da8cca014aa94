import { useTranslation } from 'react-i18next';
import type { ConsoleCampaign } from '../../../shared/console/console-data.ts';

/**
 * A filter's campaign: "all campaigns" or one by its name (use-campaigns.ts gives the list). A
 * campaign the address names that the list lacks (a bookmark, a list still loading) stays
 * chosen, shown by its id, so the select never says something other than what is counted.
 */
export function CampaignSelect({
  id,
  value,
  campaigns,
  onChange,
}: {
  id: string;
  value: string;
  campaigns: readonly ConsoleCampaign[];
  onChange: (campaignId: string) => void;
}) {
  const { t } = useTranslation('reports');
  const unknown = value !== '' && !campaigns.some((campaign) => campaign.id === value);
  return (
    <div className="field">
      <label htmlFor={id}>{t('reports.campaign')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('reports.allCampaigns')}</option>
        {unknown && <option value={value}>{value}</option>}
        {campaigns.map((campaign) => (
          <option key={campaign.id} value={campaign.id}>
            {campaign.name}
          </option>
        ))}
      </select>
    </div>
  );
}
