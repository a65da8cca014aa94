import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuantityUnit } from '../../../shared/domain/quantity.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { useFormatters } from './format.ts';

/** A quantity as a form or a record holds it: either part may still be missing in a draft. */
export interface QuantityLike {
  readonly unit?: QuantityUnit | undefined;
  readonly amount?: number | undefined;
}

/**
 * One quantity in words, with its own unit and the language's plural ("500 rounds", "2 komada"),
 * or undefined when nothing was given. Quantities are only ever shown one by one or in totals
 * per kind and unit, never added across units.
 */
export function useQuantityText(): (quantity: QuantityLike | undefined) => string | undefined {
  const { t } = useTranslation('items');
  const enumLabel = useEnumLabel();
  const format = useFormatters();
  return useCallback(
    (quantity) => {
      const unit = quantity?.unit;
      const amount = quantity?.amount;
      if (amount === undefined) {
        return unit === undefined
          ? undefined
          : t('quantity.unitOnly', { unit: enumLabel('quantityUnit', unit) });
      }
      if (unit === undefined) return t('quantity.amountOnly', { amount: format.number(amount) });
      return t(`quantity.${unit}`, { count: amount, amount: format.number(amount) });
    },
    [t, enumLabel, format],
  );
}
