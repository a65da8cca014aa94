import { useTranslation } from 'react-i18next';

/**
 * A filter's collection campaign: "all campaigns" or one by its name (the laptop's reports, the
 * console's overview and reports). A campaign the filter names that the list lacks (a bookmark, a
 * list still loading) stays chosen, shown by its id, so the select never says something other
 * than what is counted. A long name cut off in the closed list shows whole on hover.
 */
export function CampaignSelect({
  id,
  value,
  campaigns,
  onChange,
}: {
  id: string;
  value: string;
  campaigns: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  onChange: (campaignId: string) => void;
}) {
  const { t } = useTranslation('reports');
  const chosen = campaigns.find((campaign) => campaign.id === value);
  return (
    <div className="field">
      <label htmlFor={id}>{t('reports.campaign')}</label>
      <select
        id={id}
        value={value}
        title={chosen?.name}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{t('reports.allCampaigns')}</option>
        {value !== '' && chosen === undefined && <option value={value}>{value}</option>}
        {campaigns.map((campaign) => (
          <option key={campaign.id} value={campaign.id}>
            {campaign.name}
          </option>
        ))}
      </select>
    </div>
  );
}
