import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { quantityUnitValues, type QuantityUnit } from '../../../shared/domain/quantity.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { useFormatters } from './format.ts';

/** A quantity as a form or a record holds it: either part may still be missing in a draft. */
export interface QuantityLike {
  readonly unit?: QuantityUnit | undefined;
  readonly amount?: number | undefined;
}

/**
 * The keys are built at run time (`quantityUnitCount.rounds`), which the typed `t` cannot check;
 * test/unit/renderer/features/records/quantity-text.test.ts reads every unit in both languages.
 */
type LooseT = (key: string, options?: Record<string, unknown>) => string;

const knownUnits: ReadonlySet<string> = new Set(quantityUnitValues);

/**
 * An amount with its unit in the form the number needs: "1 piece", "2 pieces"; "1 komad",
 * "2 komada", "5 komada", "21 metak". i18next picks the form by the CLDR plural category of
 * `count` (Intl.PluralRules: 2.5 is "other"), while the amount shows as the app formats numbers
 * ("2,5" in Serbian). A unit the app does not know, stored by a newer laptop, follows the amount
 * as stored. The bare unit label (`enum.quantityUnit`) is for a unit with no number beside it.
 */
export function amountWithUnitText(
  t: LooseT,
  formatNumber: (value: number) => string,
  amount: number,
  unit: string,
): string {
  const formatted = formatNumber(amount);
  return knownUnits.has(unit)
    ? t(`quantityUnitCount.${unit}`, { count: amount, amount: formatted })
    : `${formatted} ${unit}`;
}

/** {@link amountWithUnitText} in the person's language. */
export function useAmountWithUnit(): (amount: number, unit: string) => string {
  const { t } = useTranslation('domain');
  const format = useFormatters();
  return useCallback(
    (amount, unit) => amountWithUnitText(t as unknown as LooseT, format.number, amount, unit),
    [t, format],
  );
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
  const amountWithUnit = useAmountWithUnit();
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
      return amountWithUnit(amount, unit);
    },
    [t, enumLabel, format, amountWithUnit],
  );
}
