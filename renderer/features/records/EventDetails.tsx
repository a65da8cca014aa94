import { useTranslation } from 'react-i18next';
import type { IntakeEventDraft } from '../../../shared/domain/intake-event.ts';
import { useCountryName } from '../../components/country-names.ts';
import { formatDecimalText } from '../../components/decimal-text.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { PhotoThumb } from './photos.tsx';
import './event-fields.css';

type Event = Pick<IntakeEventDraft, 'coordinates' | 'photos' | 'seizure'>;

/** "44.8125, 20.4612 · within 25 m · measured by the laptop"; undefined without a pair. */
export function useCoordinatesText(): (event: Event) => string | undefined {
  const { t, i18n } = useTranslation('event');
  return (event) => {
    const coordinates = event.coordinates;
    if (coordinates?.lat === undefined || coordinates.lon === undefined) return undefined;
    const parts = [
      t('coordinates.pair', {
        lat: formatDecimalText(coordinates.lat, i18n.language),
        lon: formatDecimalText(coordinates.lon, i18n.language),
      }),
    ];
    if (coordinates.accuracyM !== undefined) {
      parts.push(
        t('coordinates.within', {
          metres: formatDecimalText(coordinates.accuracyM, i18n.language, 1),
        }),
      );
    }
    if (coordinates.source !== undefined) parts.push(t(`coordinates.source.${coordinates.source}`));
    return parts.join(' · ');
  };
}

/** A seizure's route through countries, in order: "1. Bulgaria → 2. Türkiye". */
export function useTransitText(): (event: Event) => string | undefined {
  const country = useCountryName();
  return (event) => {
    const route = event.seizure?.routeTransitCountries ?? [];
    return route.length === 0 ? undefined : route.map((code) => country(code)).join(' → ');
  };
}

/** Each person involved as one line: nationality, sex, age band, with "not recorded" for blanks. */
export function PersonsInvolvedList({ event }: { event: Event }) {
  const { t } = useTranslation(['event', 'records']);
  const country = useCountryName();
  const enumLabel = useEnumLabel();
  const persons = event.seizure?.personsInvolved ?? [];
  if (persons.length === 0) return null;
  const unknown = t('persons.notRecorded');
  return (
    <ol className="persons-list">
      {persons.map((person, index) => (
        <li key={index}>
          {t('persons.line', {
            nationality: person.nationality === undefined ? unknown : country(person.nationality),
            sex: person.sex === undefined ? unknown : enumLabel('sex', person.sex),
            ageBand: person.ageBand === undefined ? unknown : enumLabel('ageBand', person.ageBand),
          })}
        </li>
      ))}
    </ol>
  );
}

/** The event's own photos with their captions, on the record page. */
export function ScenePhotosDetails({ event }: { event: Event }) {
  const { t } = useTranslation(['event', 'records']);
  const enumLabel = useEnumLabel();
  if (event.photos.length === 0) return null;
  const unreadable = t('records:photo.unreadable');
  const photos = event.photos.map((photo, index) => ({
    photo,
    n: index + 1,
    kind: enumLabel('attachmentKind', photo.kind),
    caption: photo.caption !== undefined && photo.caption !== '' ? photo.caption : null,
  }));
  return (
    <section className="card" aria-labelledby="view-scene-photos">
      <h2 id="view-scene-photos">{t('scenePhotos.heading', { count: event.photos.length })}</h2>
      <ul className="scene-photos scene-photos--view">
        {photos.map(({ photo, n, kind, caption }) => (
          <li key={photo.sha256}>
            <figure className="scene-photos__item">
              <PhotoThumb
                photo={photo}
                // The caption is read out from the figcaption; the alt says which photo it is.
                alt={t('scenePhotos.alt', { n, kind })}
                errorText={unreadable}
              />
              <figcaption className="scene-photos__text">
                <span className="thumbs__caption">{t('scenePhotos.title', { n, kind })}</span>
                {caption !== null ? <span>{caption}</span> : null}
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
    </section>
  );
}
