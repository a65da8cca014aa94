import { useId } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Location } from '../../../shared/domain/location.ts';
import { custodySiteTypes } from '../../../shared/ipc/procedures/custody.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import type { TransferFormValues } from './custody-form.ts';
import { CustodyField } from './fields.tsx';

const siteTypes: ReadonlySet<string> = new Set(custodySiteTypes);

export function isCustodySite(location: Pick<Location, 'locationType'>): boolean {
  return siteTypes.has(location.locationType);
}

/**
 * Who hands the items over, or receives them (A11 from and to holder): a person and their unit,
 * and the site where they hold them, if any. Storage sites, evidence rooms and destruction sites
 * come first; any other location may be chosen too.
 */
export function HolderFields({
  side,
  locations,
  legend,
  hint,
}: {
  side: 'from' | 'to';
  locations: readonly Location[];
  legend: string;
  hint: string;
}) {
  const { t } = useTranslation('custody');
  const label = useEnumLabel();
  const {
    register,
    formState: { errors },
  } = useFormContext<TransferFormValues>();
  const legendId = useId();
  const sites = locations.filter(isCustodySite);
  const others = locations.filter((location) => !isCustodySite(location));
  const option = (location: Location) => (
    <option key={location.id} value={location.id}>
      {t('form.locationOption', {
        name: location.name,
        type: label('locationType', location.locationType),
      })}
    </option>
  );
  return (
    <fieldset className="holder" aria-labelledby={legendId}>
      <legend id={legendId}>{legend}</legend>
      <p className="field__hint">{hint}</p>
      <div className="grid">
        <CustodyField label={t('form.holderName')} required error={errors[`${side}Name`]?.message}>
          {(a11y) => (
            <input {...a11y} type="text" autoComplete="off" {...register(`${side}Name`)} />
          )}
        </CustodyField>
        <CustodyField label={t('form.holderUnit')} required error={errors[`${side}Unit`]?.message}>
          {(a11y) => (
            <input {...a11y} type="text" autoComplete="off" {...register(`${side}Unit`)} />
          )}
        </CustodyField>
        <CustodyField label={t('form.holderSite')} error={errors[`${side}LocationId`]?.message}>
          {(a11y) => (
            <select {...a11y} {...register(`${side}LocationId`)}>
              <option value="">{t('form.noSite')}</option>
              {sites.length > 0 && (
                <optgroup label={t('form.custodySites')}>{sites.map(option)}</optgroup>
              )}
              {others.length > 0 && (
                <optgroup label={t('form.otherPlaces')}>{others.map(option)}</optgroup>
              )}
            </select>
          )}
        </CustodyField>
      </div>
    </fieldset>
  );
}
