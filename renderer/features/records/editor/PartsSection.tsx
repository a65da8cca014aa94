import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import { header, part as partSpec } from '../field-specs.ts';
import { EnumSelect, NumberField, TextField, type IntakeForm } from '../fields.tsx';
import { newPart } from '../item-values.ts';
import { fieldId } from '../paths.ts';
import { ConfirmRemove } from './ConfirmRemove.tsx';
import { focusListHeading, ItemListSection } from './ItemListSection.tsx';

/** A8 parts and components, counted apart from whole weapons, in pieces. */
export function PartsSection({ onRemoved }: { onRemoved: (path: string) => void }) {
  const { t } = useTranslation('items');
  const { control } = useFormContext<IntakeForm>();
  const { fields, append, remove } = useFieldArray({ control, name: 'parts', keyName: 'key' });
  return (
    <ItemListSection
      path={header.parts.path}
      heading={t('section.parts', { count: fields.length })}
      hint={t('part.hint')}
      emptyText={t('part.none')}
      addLabel={t('part.add')}
      // Generated once, here: the part keeps this id on every device and in every later record.
      onAdd={() => append(newPart(uuidv7()))}
    >
      {fields.map((field, index) => (
        <PartCard
          key={field.key}
          index={index}
          onRemove={() => {
            remove(index);
            onRemoved(header.parts.path);
            focusListHeading(header.parts.path);
          }}
        />
      ))}
    </ItemListSection>
  );
}

function PartCard({ index, onRemove }: { index: number; onRemove: () => void }) {
  const { t } = useTranslation('items');
  const f = partSpec(index);
  const title = t('part.title', { n: index + 1 });
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
          label={t('part.remove')}
          question={t('part.removeQuestion', { title })}
          onRemove={onRemove}
        />
      </header>
      <div className="grid">
        <EnumSelect {...f.partType} label={t('part.partType')} required />
        <NumberField
          {...f.amount}
          label={t('part.quantity')}
          required
          min={0}
          alsoPath={f.quantity.path}
        />
      </div>
      <div className="grid">
        <TextField {...f.serialNumber} label={t('part.serialNumber')} mono spellCheck={false} />
        <TextField
          {...f.markingText}
          label={t('part.markingText')}
          hint={t('part.markingTextHint')}
          mono
          spellCheck={false}
        />
      </div>
    </article>
  );
}
