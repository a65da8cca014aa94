import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { useLoaded } from '../places/use-loaded.ts';

const loadSites = () => api().listStorageSites();

/** The site a stock check, an incident or a destruction is about; choosing one reopens the form. */
export function SiteChooser({
  site,
  path,
  extra = '',
}: {
  site: string;
  path: string;
  /** More of the query to keep (`&items=…`). */
  extra?: string;
}) {
  const { t } = useTranslation('custody');
  const label = useEnumLabel();
  const text = {
    locationType: (value: string) => label('locationType', value as never),
  };
  const { state } = useLoaded(loadSites);
  const id = useId();
  const sites = state.kind === 'ready' ? state.value : [];
  return (
    <div className="card">
      <div className="field">
        <label htmlFor={id} className="field__label--required">
          {t('form2.site')}
        </label>
        <select
          id={id}
          value={site}
          onChange={(event) => {
            const value = event.target.value;
            window.location.hash = `#/custody/${path}/new${
              value === '' ? '' : `?site=${encodeURIComponent(value)}${extra}`
            }`;
          }}
        >
          <option value="">{t('form2.chooseSite')}</option>
          {sites.map((entry) => (
            <option key={entry.location.id} value={entry.location.id}>
              {entry.location.name} ({text.locationType(entry.location.locationType)})
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
