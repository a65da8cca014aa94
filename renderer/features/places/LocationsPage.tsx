import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Location } from '../../../shared/domain/location.ts';
import { api } from '../../api.ts';
import { useCountryName } from '../../components/country-names.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from './PlaceFacts.tsx';
import { PlacesTabs } from './PlacesTabs.tsx';
import { useLoaded } from './use-loaded.ts';

/** `#/places/locations`: every location on this computer, by name. */
export function LocationsPage() {
  const { t } = useTranslation('places');
  const label = useEnumLabel();
  const country = useCountryName();
  const typeOf = (location: Location) => label('locationType', location.locationType);
  const load = useCallback(() => api().listLocations(), []);
  const { state } = useLoaded(load);
  const locations = state.kind === 'ready' ? state.value : [];
  const nameOf = new Map(locations.map((location) => [location.id, location.name]));

  return (
    <section aria-labelledby="place-title" className="records-list">
      <PlacesTabs />
      <div className="page-head">
        <PageTitle>{t('locations.title')}</PageTitle>
        <a className="button button--primary page-head__action" href="#/places/locations/new">
          {t('locations.new')}
        </a>
      </div>
      <p className="places-intro">{t('locations.intro')}</p>
      {state.kind === 'loading' && <p className="field__hint">{t('common.loading')}</p>}
      {state.kind === 'failed' && <ErrorMessage error={state.error} />}
      {state.kind === 'ready' && locations.length === 0 && (
        <EmptyState title={t('locations.emptyTitle')} hint={t('locations.emptyHint')} />
      )}
      {locations.length > 0 && (
        <div className="results">
          <h2 id="locations-count" className="results__count">
            {t('locations.count', { count: locations.length })}
          </h2>
          <div className="table-wrap">
            <table className="table places-table" aria-labelledby="locations-count">
              <thead>
                <tr>
                  <th scope="col">{t('locations.columnName')}</th>
                  <th scope="col">{t('locations.columnType')}</th>
                  <th scope="col">{t('locations.columnJurisdiction')}</th>
                  <th scope="col">{t('locations.columnArea')}</th>
                  <th scope="col">{t('locations.columnParent')}</th>
                </tr>
              </thead>
              <tbody>
                {locations.map((location) => (
                  <tr key={location.id}>
                    <td>
                      <a href={`#/places/locations/${encodeURIComponent(location.id)}`}>
                        {location.name}
                      </a>
                    </td>
                    <td>{typeOf(location)}</td>
                    <td>{country(location.jurisdiction)}</td>
                    <td>
                      {[location.adminArea2, location.adminArea1]
                        .filter((part) => part !== undefined)
                        .join(', ')}
                    </td>
                    <td>
                      {location.parentLocationId === undefined
                        ? ''
                        : (nameOf.get(location.parentLocationId) ?? '')}
                    </td>
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
