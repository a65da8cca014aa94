import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import { ammunitionLot as lotSpec, header } from '../field-specs.ts';
import {
  CountrySelectField,
  EnumSelect,
  NumberField,
  TextField,
  type IntakeForm,
} from '../fields.tsx';
import { newAmmunitionLot } from '../item-values.ts';
import { fieldId } from '../paths.ts';
import { ConfirmRemove } from './ConfirmRemove.tsx';
import { focusListHeading, ItemListSection } from './ItemListSection.tsx';
import { QuantityFields } from './QuantityFields.tsx';

/** A9 ammunition lots: one per homogeneous lot, in rounds, boxes, kg or tonnes. */
export function AmmunitionSection({ onRemoved }: { onRemoved: (path: string) => void }) {
  const { t } = useTranslation('items');
  const { control } = useFormContext<IntakeForm>();
  const { fields, append, remove } = useFieldArray({
    control,
    name: 'ammunition',
    keyName: 'key',
  });
  return (
    <ItemListSection
      path={header.ammunition.path}
      heading={t('section.ammunition', { count: fields.length })}
      hint={t('ammunition.hint')}
      emptyText={t('ammunition.none')}
      addLabel={t('ammunition.add')}
      // Generated once, here: the lot keeps this id on every device and in every later record.
      onAdd={() => append(newAmmunitionLot(uuidv7()))}
    >
      {fields.map((field, index) => (
        <LotCard
          key={field.key}
          index={index}
          onRemove={() => {
            remove(index);
            onRemoved(header.ammunition.path);
            focusListHeading(header.ammunition.path);
          }}
        />
      ))}
    </ItemListSection>
  );
}

function LotCard({ index, onRemove }: { index: number; onRemove: () => void }) {
  const { t } = useTranslation('items');
  const f = lotSpec(index);
  const title = t('ammunition.title', { n: index + 1 });
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
          label={t('ammunition.remove')}
          question={t('ammunition.removeQuestion', { title })}
          onRemove={onRemove}
        />
      </header>
      <div className="grid">
        <EnumSelect {...f.ammoClass} label={t('ammunition.ammoClass')} required />
        <TextField {...f.calibre} label={t('ammunition.calibre')} required spellCheck={false} />
        <QuantityFields
          legend={t('ammunition.quantity')}
          quantityPath={f.quantity.path}
          amount={{ path: f.amount.path, label: t('ammunition.amount') }}
          unit={{ ...f.unit, label: t('ammunition.unit') }}
        />
      </div>
      <div className="grid">
        <TextField
          {...f.headstampText}
          label={t('ammunition.headstampText')}
          hint={t('ammunition.headstampHint')}
          mono
          spellCheck={false}
        />
        <TextField
          {...f.lotBatchNumber}
          label={t('ammunition.lotBatchNumber')}
          mono
          spellCheck={false}
        />
      </div>
      <details className="more">
        <summary>{t('ammunition.moreDetails')}</summary>
        <div className="grid">
          <CountrySelectField
            {...f.countryOfManufacture}
            label={t('ammunition.countryOfManufacture')}
          />
          <NumberField
            {...f.yearOfManufacture}
            label={t('ammunition.yearOfManufacture')}
            min={1300}
            max={2100}
          />
          <EnumSelect {...f.condition} label={t('ammunition.condition')} />
          <TextField
            {...f.hazardClass}
            label={t('ammunition.hazardClass')}
            hint={t('ammunition.hazardClassHint')}
            spellCheck={false}
          />
        </div>
        <TextField
          {...f.packagingMarks}
          label={t('ammunition.packagingMarks')}
          multiline
          spellCheck={false}
        />
      </details>
    </article>
  );
}
