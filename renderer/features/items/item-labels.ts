import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemKind, ItemSummary } from '../../../shared/ipc/procedures/items.ts';
import { domainEnums, type DomainEnum } from '../../components/domain-enums.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { useFormatters } from '../records/format.ts';
import { useAmountWithUnit } from '../records/quantity-text.ts';

/** The domain enumeration an item's type belongs to, by kind. */
const typeEnumOf: Readonly<Record<ItemKind, DomainEnum>> = {
  weapon: 'weaponType',
  part: 'partType',
  ammunition: 'ammoClass',
  explosive: 'explosiveType',
};

type LooseEnumLabel = (name: DomainEnum, value: string) => string;

/**
 * Labels of an item's stored values: its type by kind, an enumeration value if it is one (a
 * value the app does not know, from a newer laptop, shows as stored), and its own quantity with
 * its own unit. One item's amount only: amounts of two items are never added here.
 */
export function useItemLabels() {
  const { t } = useTranslation('inventory');
  const enumLabel = useEnumLabel() as LooseEnumLabel;
  const format = useFormatters();
  const amountWithUnit = useAmountWithUnit();
  const known = useCallback(
    (name: DomainEnum, value: string | null): string | null => {
      if (value === null) return null;
      return (domainEnums[name] as readonly string[]).includes(value)
        ? enumLabel(name, value)
        : value;
    },
    [enumLabel],
  );
  return {
    kind: useCallback((kind: ItemKind) => t(`kind.${kind}`), [t]),
    type: useCallback(
      (item: Pick<ItemSummary, 'kind' | 'itemType'>) => known(typeEnumOf[item.kind], item.itemType),
      [known],
    ),
    known,
    quantity: useCallback(
      (item: Pick<ItemSummary, 'quantityAmount' | 'quantityUnit'>) =>
        item.quantityAmount === null
          ? null
          : item.quantityUnit === null
            ? format.number(item.quantityAmount)
            : amountWithUnit(item.quantityAmount, item.quantityUnit),
      [amountWithUnit, format],
    ),
  };
}
