import { useCallback } from 'react';
import type { Location } from '../../../shared/domain/location.ts';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useCountryName } from '../../components/country-names.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import type { MapPoint } from '../../components/map/map-point.ts';
import { OfflineMap } from '../../components/map/OfflineMap.tsx';
import { useFormatters } from '../records/format.ts';
import { RecordSyncNotice } from '../sync/RecordSyncNotice.tsx';
import { PageTitle, PlaceFacts, RecordedFacts } from './PlaceFacts.tsx';
import { useLoaded } from './use-loaded.ts';
import { numberFormat } from '../../../shared/i18n/formats.ts';

/** `#/places/locations/<id>`: every field of the location, what it sits in and what sits in it. */
export function LocationPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation('places');
  const label = useEnumLabel();
  const country = useCountryName();
  const format = useFormatters();
  const load = useCallback(
    () => Promise.all([api().getLocation({ id }), api().listLocations()]),
    [id],
  );
  const { state } = useLoaded(load);

  if (state.kind !== 'ready') {
    return (
      <section aria-labelledby="place-title" className="records-view">
        <p className="back">
          <a href="#/places/locations">{t('location.back')}</a>
        </p>
        <PageTitle>{t('location.titleFallback')}</PageTitle>
        {state.kind === 'loading' ? (
          <p className="field__hint">{t('common.loading')}</p>
        ) : (
          <ErrorMessage error={state.error} />
        )}
      </section>
    );
  }

  const [view, all] = state.value;
  const { location } = view;
  const parent = all.find((candidate) => candidate.id === location.parentLocationId);
  const inside = all.filter((candidate) => candidate.parentLocationId === location.id);
  const typeText = label('locationType', location.locationType);
  const mapPoints = sitePoints([location, ...inside], location.id);
  // Coordinates as typed: the default three decimals would move a site by up to 50 m.
  const degrees = numberFormat(i18n.language, { maximumFractionDigits: 7 });
  const coordinates =
    location.lat === undefined || location.lon === undefined
      ? undefined
      : location.accuracyM === undefined
        ? t('location.coordinates', {
            lat: degrees.format(location.lat),
            lon: degrees.format(location.lon),
          })
        : t('location.coordinatesWithAccuracy', {
            lat: degrees.format(location.lat),
            lon: degrees.format(location.lon),
            accuracy: format.number(location.accuracyM),
          });

  return (
    <section aria-labelledby="place-title" className="records-view">
      <p className="back">
        <a href="#/places/locations">{t('location.back')}</a>
      </p>
      <div className="page-head">
        <PageTitle>{location.name}</PageTitle>
        <a
          className="button button--primary page-head__action"
          href={`#/places/locations/${encodeURIComponent(location.id)}/edit`}
        >
          {t('common.edit')}
        </a>
      </div>
      <RecordSyncNotice id={location.id} />
      <section className="card" aria-labelledby="location-place">
        <h2 id="location-place">{t('location.sectionPlace')}</h2>
        <PlaceFacts
          rows={[
            [t('location.locationType'), typeText],
            [t('location.jurisdiction'), country(location.jurisdiction)],
            [t('location.adminArea1'), location.adminArea1],
            [t('location.adminArea2'), location.adminArea2],
            [
              t('location.parentLocationId'),
              location.parentLocationId === undefined ? undefined : parent === undefined ? (
                t('common.notOnLaptop')
              ) : (
                <a href={`#/places/locations/${encodeURIComponent(parent.id)}`}>{parent.name}</a>
              ),
            ],
            [t('location.sectionCoordinates'), coordinates],
          ]}
        />
        {inside.length > 0 && (
          <>
            <h3>{t('location.inside')}</h3>
            <ul className="place-list">
              {inside.map((child) => (
                <li key={child.id}>
                  <a href={`#/places/locations/${encodeURIComponent(child.id)}`}>{child.name}</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {mapPoints.length > 0 && (
        <section className="card" aria-labelledby="location-map">
          <h2 id="location-map">{t('location.sectionMap')}</h2>
          <OfflineMap label={t('location.mapLabel', { name: location.name })} points={mapPoints} />
        </section>
      )}
      <RecordedFacts view={view} />
    </section>
  );
}

/** The site itself and the places inside it that have coordinates, as the map's site layer. */
function sitePoints(locations: readonly Location[], selfId: string): MapPoint[] {
  return locations.flatMap((place) =>
    place.lat === undefined || place.lon === undefined
      ? []
      : [
          {
            id: place.id,
            kind: 'site' as const,
            lat: place.lat,
            lon: place.lon,
            label: place.name,
            ...(place.id === selfId
              ? {}
              : { href: `#/places/locations/${encodeURIComponent(place.id)}` }),
          },
        ],
  );
}
