import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import { explosiveItem as itemSpec, header } from '../field-specs.ts';
import { DateTimeField, EnumSelect, TextField, type IntakeForm } from '../fields.tsx';
import { newExplosiveItem } from '../item-values.ts';
import { fieldId } from '../paths.ts';
import { ConfirmRemove } from './ConfirmRemove.tsx';
import { focusListHeading, ItemListSection } from './ItemListSection.tsx';
import { QuantityFields } from './QuantityFields.tsx';

/** A10 explosive and explosive ordnance items, in pieces or kg, with their safety status. */
export function ExplosivesSection({ onRemoved }: { onRemoved: (path: string) => void }) {
  const { t } = useTranslation('items');
  const { control } = useFormContext<IntakeForm>();
  const { fields, append, remove } = useFieldArray({
    control,
    name: 'explosives',
    keyName: 'key',
  });
  return (
    <ItemListSection
      path={header.explosives.path}
      heading={t('section.explosives', { count: fields.length })}
      hint={t('explosive.hint')}
      emptyText={t('explosive.none')}
      addLabel={t('explosive.add')}
      // Generated once, here: the item keeps this id on every device and in every later record.
      onAdd={() => append(newExplosiveItem(uuidv7()))}
    >
      {fields.map((field, index) => (
        <ExplosiveCard
          key={field.key}
          index={index}
          onRemove={() => {
            remove(index);
            onRemoved(header.explosives.path);
            focusListHeading(header.explosives.path);
          }}
        />
      ))}
    </ItemListSection>
  );
}

function ExplosiveCard({ index, onRemove }: { index: number; onRemove: () => void }) {
  const { t } = useTranslation('items');
  const f = itemSpec(index);
  const safety = useWatch<IntakeForm, `explosives.${number}.safetyStatus`>({
    name: `explosives.${index}.safetyStatus`,
  });
  const title = t('explosive.title', { n: index + 1 });
  const headingId = `${fieldId(f.base.path)}-heading`;
  return (
    <article
      className="card weapon item"
      aria-labelledby={headingId}
      id={fieldId(f.base.path)}
      tabIndex={-1}
    >
      <header className="weapon__head">
        <h3 id={headingId}>{title}</h3>
        <ConfirmRemove
          label={t('explosive.remove')}
          question={t('explosive.removeQuestion', { title })}
          onRemove={onRemove}
        />
      </header>
      <div className="grid">
        <EnumSelect {...f.eoType} label={t('explosive.eoType')} required />
        <QuantityFields
          legend={t('explosive.quantity')}
          quantityPath={f.quantity.path}
          amount={{ path: f.amount.path, label: t('explosive.amount') }}
          unit={{ ...f.unit, label: t('explosive.unit') }}
        />
      </div>
      <div className="grid">
        <EnumSelect {...f.safetyStatus} label={t('explosive.safetyStatus')} required />
        <DateTimeField
          {...f.eodTeamNotifiedAt}
          label={t('explosive.eodTeamNotifiedAt')}
          hint={safety === 'eod_required' ? t('explosive.eodRequiredHint') : t('explosive.eodHint')}
          nowLabel={t('explosive.eodNow')}
          nowAriaLabel={t('explosive.eodNowFor')}
          timeLabel={t('explosive.eodTime')}
        />
      </div>
      <TextField {...f.description} label={t('explosive.description')} multiline spellCheck />
    </article>
  );
}
