import { useTranslation } from 'react-i18next';
import type { TraceRequest } from '../../../shared/domain/trace-request.ts';
import { useCountryName } from '../../components/country-names.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { PlaceFacts } from '../places/PlaceFacts.tsx';

/**
 * The weapon as the request describes it (ITI (b)). Read-only everywhere: main fills it in from
 * the weapon's record, and keeps it as it was once the request is sent.
 */
export function WeaponFacts({ weapon }: { weapon: TraceRequest['weapon'] }) {
  const { t } = useTranslation('tracing');
  const label = useEnumLabel();
  const country = useCountryName();
  const markings = weapon.markings
    .map((marking) => marking.textAsRead)
    .filter((text): text is string => text !== undefined && text.trim() !== '');
  const type = weapon.weaponType === undefined ? undefined : label('weaponType', weapon.weaponType);
  return (
    <PlaceFacts
      rows={[
        [t('request.weaponType'), type],
        [
          t('request.serialNumber'),
          weapon.serialNumber === undefined ? undefined : (
            <span className="mono">{weapon.serialNumber}</span>
          ),
        ],
        [t('request.manufacturer'), weapon.manufacturer],
        [t('request.model'), weapon.model],
        [t('request.calibre'), weapon.calibre],
        [
          t('request.countryOfManufacture'),
          weapon.countryOfManufacture === undefined
            ? undefined
            : country(weapon.countryOfManufacture),
        ],
        [
          t('request.yearOfManufacture'),
          weapon.yearOfManufacture === undefined ? undefined : String(weapon.yearOfManufacture),
        ],
        [
          t('request.markings'),
          markings.length === 0 ? undefined : (
            <ul className="place-list">
              {markings.map((text, index) => (
                <li key={`${index}:${text}`} className="mono">
                  {text}
                </li>
              ))}
            </ul>
          ),
        ],
        [
          t('request.photos'),
          weapon.photos.length === 0 ? undefined : String(weapon.photos.length),
        ],
      ]}
    />
  );
}
