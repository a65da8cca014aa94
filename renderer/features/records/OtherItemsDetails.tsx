import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntakeRecordView } from '../../../shared/ipc/procedures/records.ts';
import { useCountryName } from '../../components/country-names.ts';
import type { DomainEnum, DomainEnumValue } from '../../components/domain-enums.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { useFormatters } from './format.ts';
import { useQuantityText } from './quantity-text.ts';

type Event = IntakeRecordView['event'];
type Row = readonly [label: string, value: ReactNode];

/** The record's rows of one item, leaving out what was not recorded. */
function ItemFacts({ rows }: { rows: readonly Row[] }) {
  const shown = rows.filter(([, value]) => value !== undefined && value !== null && value !== '');
  if (shown.length === 0) return null;
  return (
    <dl className="facts facts--compact">
      {shown.map(([label, value]) => (
        <div key={label} className="facts__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const mono = (value: string | undefined) =>
  value === undefined ? undefined : <span className="mono">{value}</span>;

/** One list of the record page: heading with its count, then a card per item. */
function ItemList({
  id,
  heading,
  items,
}: {
  id: string;
  heading: string;
  items: readonly { key: string; title: string; rows: readonly Row[] }[];
}) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id} className="weapons items" data-testid={id}>
      <h2 id={id}>{heading}</h2>
      {items.map((item, index) => (
        <article
          key={item.key}
          className="card weapon item"
          aria-labelledby={`${id}-${index}`}
          data-testid="item-details"
        >
          <h3 id={`${id}-${index}`}>{item.title}</h3>
          <ItemFacts rows={item.rows} />
        </article>
      ))}
    </section>
  );
}

/**
 * Parts, ammunition lots and explosive items on the record page, each with every field recorded
 * and its quantity in its own unit. Lists with nothing in them are left out.
 */
export function OtherItemsDetails({ event }: { event: Event }) {
  const { t } = useTranslation('items');
  const enumLabel = useEnumLabel();
  const format = useFormatters();
  const country = useCountryName();
  const quantity = useQuantityText();
  const opt = <E extends DomainEnum>(name: E, value: DomainEnumValue<E> | undefined) =>
    value === undefined ? undefined : enumLabel(name, value);
  const titled = (key: 'part' | 'ammunition' | 'explosive', n: number, type?: string) => {
    const title = t(`${key}.title`, { n });
    return type === undefined ? title : t(`${key}.heading`, { title, type });
  };

  const parts = event.parts.map((part, index) => ({
    key: part.id,
    title: titled('part', index + 1, opt('partType', part.partType)),
    rows: [
      [t('part.partType'), opt('partType', part.partType)],
      [t('part.quantity'), quantity({ unit: 'pieces', amount: part.quantity?.amount })],
      [t('part.serialNumber'), mono(part.serialNumber)],
      [t('part.markingText'), mono(part.markingText)],
    ] satisfies Row[],
  }));
  const lots = event.ammunition.map((lot, index) => ({
    key: lot.id,
    title: titled('ammunition', index + 1, opt('ammoClass', lot.ammoClass)),
    rows: [
      [t('ammunition.ammoClass'), opt('ammoClass', lot.ammoClass)],
      [t('ammunition.calibre'), lot.calibre],
      [t('ammunition.quantity'), quantity(lot.quantity)],
      [t('ammunition.headstampText'), mono(lot.headstampText)],
      [t('ammunition.lotBatchNumber'), mono(lot.lotBatchNumber)],
      [
        t('ammunition.countryOfManufacture'),
        lot.countryOfManufacture && country(lot.countryOfManufacture),
      ],
      [t('ammunition.yearOfManufacture'), lot.yearOfManufacture?.toString()],
      [t('ammunition.packagingMarks'), mono(lot.packagingMarks)],
      [t('ammunition.condition'), opt('ammoCondition', lot.condition)],
      [t('ammunition.hazardClass'), lot.hazardClass],
    ] satisfies Row[],
  }));
  const explosives = event.explosives.map((item, index) => ({
    key: item.id,
    title: titled('explosive', index + 1, opt('explosiveType', item.eoType)),
    rows: [
      [t('explosive.eoType'), opt('explosiveType', item.eoType)],
      [t('explosive.quantity'), quantity(item.quantity)],
      [t('explosive.safetyStatus'), opt('explosiveSafetyStatus', item.safetyStatus)],
      [
        t('explosive.eodTeamNotifiedAt'),
        item.eodTeamNotifiedAt === undefined
          ? t('explosive.eodNotNotified')
          : format.dateTime(item.eodTeamNotifiedAt),
      ],
      [t('explosive.description'), item.description],
    ] satisfies Row[],
  }));

  return (
    <>
      <ItemList
        id="view-parts"
        heading={t('section.parts', { count: parts.length })}
        items={parts}
      />
      <ItemList
        id="view-ammunition"
        heading={t('section.ammunition', { count: lots.length })}
        items={lots}
      />
      <ItemList
        id="view-explosives"
        heading={t('section.explosives', { count: explosives.length })}
        items={explosives}
      />
    </>
  );
}
