import { useTranslation } from 'react-i18next';
import type { CustodyItem } from '../../../shared/ipc/procedures/custody.ts';
import { useItemLabels } from '../items/item-labels.ts';
import { useFormatters } from '../records/format.ts';
import { itemHref } from './custody-location.ts';

/** An item's name in a sentence or a button's label: its type (or kind) and serial. */
export function useItemName(): (
  item: Pick<CustodyItem, 'kind' | 'itemType' | 'serialNumber'>,
) => string {
  const labels = useItemLabels();
  return (item) =>
    [labels.type(item) ?? labels.kind(item.kind), item.serialNumber]
      .filter((part) => part !== null && part !== '')
      .join(' · ');
}

/** The item's first cell: its type (a link to its page, if wanted) with its kind under it. */
export function ItemTypeCell({ item, link = true }: { item: CustodyItem; link?: boolean }) {
  const labels = useItemLabels();
  const type = labels.type(item) ?? labels.kind(item.kind);
  return (
    <>
      {link ? <a href={itemHref(item.id)}>{type}</a> : <span>{type}</span>}
      <br />
      <span className="muted">{labels.kind(item.kind)}</span>
    </>
  );
}

/** Serial and markings, with make, model and calibre under them. */
export function ItemIdentityCell({ item }: { item: CustodyItem }) {
  const { t } = useTranslation('custody');
  const identity = [item.manufacturer, item.model, item.calibre].filter((part) => part !== null);
  return (
    <>
      {item.serialNumber !== null && <span className="mono">{item.serialNumber}</span>}
      {item.lotNumber !== null && (
        <span className="mono">{t('columns.lotNumber', { lot: item.lotNumber })}</span>
      )}
      {identity.length > 0 && <span className="item-identity">{identity.join(' · ')}</span>}
      {item.serialNumber === null && item.lotNumber === null && identity.length === 0 && (
        <span className="muted">{t('common.notSet')}</span>
      )}
    </>
  );
}

/** How much of it is here, in its own unit (a weapon is 1 piece). */
export function useAmountText(): (
  item: Pick<CustodyItem, 'amountHere' | 'quantityUnit' | 'quantityAmount'>,
  amount?: number | null,
) => string | null {
  const labels = useItemLabels();
  return (item, amount) =>
    labels.quantity({
      quantityAmount: amount === undefined ? (item.amountHere ?? item.quantityAmount) : amount,
      quantityUnit: item.quantityUnit,
    });
}

/** The item's lifecycle status, derived from its events, in words. */
export function useStatusText(): (status: string | null) => string | null {
  const labels = useItemLabels();
  return (status) => labels.known('lifecycleStatus', status);
}

/** A custody conflict, marked beside the item. */
export function ConflictBadge() {
  const { t } = useTranslation('custody');
  return <span className="badge badge--conflict">{t('common.conflict')}</span>;
}

/** A moment as stored: a calendar date (an intake's) or a timestamp (a custody record's). */
export function useWhenText(): (value: string) => string {
  const format = useFormatters();
  return (value) =>
    /^\d{4}-\d{2}-\d{2}$/.test(value) ? format.date(value) : format.dateTime(value);
}
