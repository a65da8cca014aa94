import { useId } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CustodyItem, StorageSiteSummary } from '../../../shared/ipc/procedures/custody.ts';
import { useItemLabels } from '../items/item-labels.ts';
import { chosen, mayMoveInPart, type ChosenItem } from './custody-form.ts';
import { useIssueText } from './fields.tsx';
import { ItemPicker } from './ItemPicker.tsx';
import {
  ConflictBadge,
  ItemIdentityCell,
  ItemTypeCell,
  useAmountText,
  useItemName,
  useStatusText,
} from './item-text.tsx';

interface ItemsForm {
  items: ChosenItem[];
}

/**
 * The items a transfer or decision is about: the picker, and the list chosen so far. In a
 * transfer a lot, a batch of parts or explosive items may move only in part: its own amount in
 * the lot's own unit, no more than is there.
 */
export function ItemsSection({
  sites,
  partial,
  headingId,
  amountHeading,
}: {
  sites: readonly StorageSiteSummary[];
  /** Whether part of a lot may be chosen (transfers; a decision is about whole items). */
  partial: boolean;
  headingId: string;
  /** The amount column's heading: "What moves" unless the record moves nothing (a loss). */
  amountHeading?: string;
}) {
  const { t } = useTranslation('custody');
  const issueText = useIssueText();
  const {
    control,
    formState: { errors },
  } = useFormContext<ItemsForm>();
  const { fields, append, remove } = useFieldArray({ control, name: 'items', keyName: 'key' });
  const chosenIds = new Set(fields.map((field) => field.item.id));
  const listError = errors.items?.message ?? errors.items?.root?.message;
  const errorId = useId();
  const add = (items: readonly CustodyItem[]) => append(items.map(chosen));

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('form.items', { count: fields.length })}</h2>
      {fields.length === 0 ? (
        <p className="field__hint" id={errorId}>
          {t('form.noItems')}
        </p>
      ) : (
        <ChosenTable
          partial={partial}
          amountHeading={amountHeading ?? t('columns.moves')}
          onRemove={remove}
        />
      )}
      {listError !== undefined && (
        <p className="field__error" role="alert">
          {issueText(listError)}
        </p>
      )}
      <ItemPicker chosenIds={chosenIds} onAdd={add} sites={sites} />
    </section>
  );
}

function ChosenTable({
  partial,
  amountHeading,
  onRemove,
}: {
  partial: boolean;
  amountHeading: string;
  onRemove: (index: number) => void;
}) {
  const { t } = useTranslation('custody');
  const itemName = useItemName();
  const amountText = useAmountText();
  const statusText = useStatusText();
  const { control } = useFormContext<ItemsForm>();
  const items = useWatch({ control, name: 'items' });
  return (
    <div className="table-wrap">
      <table className="table table--compact chosen" aria-label={t('form.chosen')}>
        <thead>
          <tr>
            <th scope="col">{t('columns.item')}</th>
            <th scope="col">{t('columns.where')}</th>
            {partial && <th scope="col">{amountHeading}</th>}
            <th scope="col">
              <span className="visually-hidden">{t('columns.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry, index) => (
            <tr key={entry.item.id} data-testid="chosen-item">
              <td className="item-cell">
                <ItemTypeCell item={entry.item} link={false} />
                <ItemIdentityCell item={entry.item} />
              </td>
              <td>
                {entry.item.currentLocationName ?? (
                  <span className="muted">{t('common.noSite')}</span>
                )}
                <br />
                <span className="muted">
                  {[amountText(entry.item), statusText(entry.item.lifecycleStatus)]
                    .filter((part) => part !== null)
                    .join(' · ')}
                </span>
                {entry.item.inConflict && (
                  <>
                    {' '}
                    <ConflictBadge />
                  </>
                )}
              </td>
              {partial && (
                <td>
                  <PartCell index={index} item={entry.item} name={itemName(entry.item)} />
                </td>
              )}
              <td>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('form.removeItem', { item: itemName(entry.item) })}
                  onClick={() => onRemove(index)}
                >
                  {t('form.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** All of it, or only part: an amount in the lot's own unit. */
function PartCell({ index, item, name }: { index: number; item: CustodyItem; name: string }) {
  const { t } = useTranslation('custody');
  const labels = useItemLabels();
  const issueText = useIssueText();
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<ItemsForm>();
  const part = useWatch({ control, name: `items.${index}.part` });
  const ids = { amount: useId(), error: useId(), unit: useId() };
  if (!mayMoveInPart(item)) return <span>{t('form.whole')}</span>;
  const error = errors.items?.[index]?.amount?.message;
  const unit = labels.known('quantityUnit', item.quantityUnit) ?? '';
  return (
    <div className="part">
      <label className="choice">
        <input type="checkbox" {...register(`items.${index}.part`)} />
        {t('form.onlyPart')}
      </label>
      {part && (
        <div className="part__amount">
          <label htmlFor={ids.amount} className="visually-hidden">
            {t('form.partAmount', { item: name, unit })}
          </label>
          <input
            id={ids.amount}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            className="input--short"
            aria-invalid={error !== undefined}
            aria-describedby={[ids.unit, error === undefined ? null : ids.error]
              .filter((part) => part !== null)
              .join(' ')}
            {...register(`items.${index}.amount`)}
          />
          <span id={ids.unit}>{t('form.partUnit', { unit })}</span>
          {error !== undefined && (
            <p id={ids.error} className="field__error" role="alert">
              {issueText(error)}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
