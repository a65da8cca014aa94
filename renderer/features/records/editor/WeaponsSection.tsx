import { useId, useState } from 'react';
import {
  Controller,
  useFieldArray,
  useFormContext,
  useWatch,
  type FieldPath,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { AttachmentRef } from '../../../../shared/domain/attachment.ts';
import {
  additionalWeaponTypes,
  categoryOfWeaponType,
  lightWeaponTypes,
  smallArmTypes,
  type AttachmentKind,
  type WeaponType,
} from '../../../../shared/domain/enums.ts';
import { MarkingDraftSchema } from '../../../../shared/domain/marking.ts';
import { newWeaponItemDraft } from '../../../../shared/domain/weapon-item.ts';
import { useEnumLabel } from '../../../components/domain-labels.ts';
import {
  CountrySelectField,
  EnumRadios,
  EnumSelect,
  FieldMessage,
  NumberField,
  TextField,
  UnknownableTextField,
  useFieldMessage,
  type IntakeForm,
} from '../fields.tsx';
import { header, marking as markingSpec, weapon as weaponSpec } from '../field-specs.ts';
import { fieldId } from '../paths.ts';
import { PhotosField } from './PhotosField.tsx';

/** Removing a weapon or a marking takes a second click, naming what goes. */
function ConfirmRemove({
  label,
  question,
  onRemove,
}: {
  label: string;
  question: string;
  onRemove: () => void;
}) {
  const { t } = useTranslation('records');
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button--small" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button type="button" className="button button--small button--danger" onClick={onRemove}>
        {t('editor.remove')}
      </button>
      <button type="button" className="button button--small" onClick={() => setAsking(false)}>
        {t('editor.keep')}
      </button>
    </span>
  );
}

/** The weapons of the record: each with its identification, markings and photos (A6, A7). */
export function WeaponsSection({ onRemoved }: { onRemoved: (path: string) => void }) {
  const { t } = useTranslation('records');
  const { control } = useFormContext<IntakeForm>();
  const { fields, append, remove } = useFieldArray({ control, name: 'weapons', keyName: 'key' });
  const message = useFieldMessage('weapons');
  const messageId = useId();
  return (
    <section className="weapons" aria-labelledby={fieldId('weapons')}>
      <h2 id={fieldId('weapons')} tabIndex={-1}>
        {t('editor.sectionWeapons', { count: fields.length })}
      </h2>
      <FieldMessage id={messageId} messageKey={message} />
      {fields.length === 0 && <p className="field__hint">{t('editor.noWeapons')}</p>}
      {fields.map((field, index) => (
        <WeaponCard
          key={field.key}
          index={index}
          onRemove={() => {
            remove(index);
            onRemoved(header.weapons.path);
          }}
        />
      ))}
      <button type="button" className="button" onClick={() => append(newWeaponItemDraft(uuidv7()))}>
        {t('editor.addWeapon')}
      </button>
    </section>
  );
}

function WeaponCard({ index, onRemove }: { index: number; onRemove: () => void }) {
  const { t } = useTranslation('records');
  const label = useEnumLabel();
  const { setValue, getValues } = useFormContext<IntakeForm>();
  const f = weaponSpec(index);
  const base = `weapons.${index}` as const;
  const title = t('weapon.title', { n: index + 1 });
  const headingId = `${fieldId(base)}-heading`;
  const typeGroups = [
    { label: t('weapon.groupSmallArms'), values: smallArmTypes },
    { label: t('weapon.groupLightWeapons'), values: lightWeaponTypes },
    { label: t('weapon.groupOther'), values: additionalWeaponTypes },
  ];
  const kindLabel = (kind: AttachmentKind) => label('attachmentKind', kind);
  const onTypePicked = (type: WeaponType | undefined) => {
    // The UN 1997 Panel category follows from the type where the type decides it.
    const implied = type === undefined ? undefined : categoryOfWeaponType(type);
    if (implied !== undefined && getValues(`${base}.category`) !== implied)
      setValue(`${base}.category`, implied, { shouldDirty: true, shouldValidate: true });
  };
  return (
    <article className="card weapon" aria-labelledby={headingId} id={fieldId(base)} tabIndex={-1}>
      <header className="weapon__head">
        <h3 id={headingId}>{title}</h3>
        <ConfirmRemove
          label={t('editor.removeWeapon')}
          question={t('editor.removeWeaponQuestion', { title })}
          onRemove={onRemove}
        />
      </header>
      <div className="grid">
        <EnumSelect
          {...f.weaponType}
          label={t('weapon.weaponType')}
          required
          groups={typeGroups}
          onPicked={onTypePicked}
        />
        <EnumSelect {...f.category} label={t('weapon.category')} required />
      </div>
      <div className="grid">
        <UnknownableTextField {...f.manufacturer} label={t('weapon.manufacturer')} required />
        <UnknownableTextField {...f.model} label={t('weapon.model')} required />
        <UnknownableTextField {...f.calibre} label={t('weapon.calibre')} required />
      </div>
      <div className="grid grid--serial">
        <EnumRadios {...f.serialStatus} legend={t('weapon.serialStatus')} required />
        <TextField
          {...f.serialNumber}
          label={t('weapon.serialNumber')}
          hint={t('editor.asReadHint')}
          mono
          spellCheck={false}
        />
        <EnumSelect {...f.serialLocation} label={t('weapon.serialLocation')} />
      </div>
      <div className="grid">
        <EnumSelect {...f.markingCondition} label={t('weapon.markingCondition')} required />
        <EnumSelect {...f.lifecycleStatus} label={t('weapon.lifecycleStatus')} required />
        <EnumSelect {...f.traceStatus} label={t('weapon.traceStatus')} required />
      </div>
      <details className="more">
        <summary>{t('editor.moreDetails')}</summary>
        <div className="grid">
          <CountrySelectField
            {...f.countryOfManufacture}
            label={t('weapon.countryOfManufacture')}
          />
          <NumberField
            {...f.yearOfManufacture}
            label={t('weapon.yearOfManufacture')}
            min={1300}
            max={2100}
          />
          <EnumSelect {...f.actionType} label={t('weapon.actionType')} />
          <EnumSelect {...f.condition} label={t('weapon.condition')} />
        </div>
        <TextField
          {...f.pointOfDiversionNote}
          label={t('weapon.pointOfDiversionNote')}
          multiline
          spellCheck
        />
      </details>
      <MarkingsList weaponIndex={index} />
      <PhotosField weaponIndex={index} kindLabel={kindLabel} />
    </article>
  );
}

function MarkingsList({ weaponIndex }: { weaponIndex: number }) {
  const { t } = useTranslation('records');
  const { control } = useFormContext<IntakeForm>();
  const name = `weapons.${weaponIndex}.markings` as const;
  const { fields, append, remove } = useFieldArray({ control, name, keyName: 'key' });
  const headingId = useId();
  return (
    <section className="markings" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('weapon.markings', { count: fields.length })}</h4>
      {fields.length === 0 && <p className="field__hint">{t('editor.noMarkings')}</p>}
      {fields.map((field, index) => (
        <MarkingRow
          key={field.key}
          weaponIndex={weaponIndex}
          index={index}
          onRemove={() => remove(index)}
        />
      ))}
      <button
        type="button"
        className="button button--small"
        onClick={() => append(MarkingDraftSchema.parse({ id: uuidv7() }))}
      >
        {t('editor.addMarking')}
      </button>
    </section>
  );
}

function MarkingRow({
  weaponIndex,
  index,
  onRemove,
}: {
  weaponIndex: number;
  index: number;
  onRemove: () => void;
}) {
  const { t } = useTranslation('records');
  const f = markingSpec(weaponIndex, index);
  const title = t('marking.title', { n: index + 1 });
  return (
    <fieldset className="marking" id={fieldId(f.base.path)} tabIndex={-1}>
      <legend>{title}</legend>
      <div className="grid grid--marking">
        <EnumSelect {...f.component} label={t('marking.component')} required />
        <EnumSelect {...f.markingKind} label={t('marking.markingKind')} required />
        <TextField
          {...f.textAsRead}
          label={t('marking.textAsRead')}
          mono
          spellCheck={false}
          required
        />
        <EnumSelect {...f.legibility} label={t('marking.legibility')} required />
        <MarkingPhotoSelect weaponIndex={weaponIndex} {...f.photoSha256} />
      </div>
      <ConfirmRemove
        label={t('editor.removeMarking')}
        question={t('editor.removeMarkingQuestion', { title })}
        onRemove={onRemove}
      />
    </fieldset>
  );
}

/** A marking may point at its close-up among the weapon's photos. */
function MarkingPhotoSelect({ weaponIndex, path }: { weaponIndex: number; path: string }) {
  const { t } = useTranslation('records');
  const label = useEnumLabel();
  const { control } = useFormContext<IntakeForm>();
  const photos = (useWatch({ control, name: `weapons.${weaponIndex}.photos` }) ??
    []) as AttachmentRef[];
  const message = useFieldMessage(path);
  const errorId = useId();
  const id = fieldId(path);
  return (
    <div className="field">
      <label htmlFor={id}>{t('marking.photoSha256')}</label>
      <Controller
        control={control}
        name={path as FieldPath<IntakeForm>}
        render={({ field }) => (
          <select
            id={id}
            name={field.name}
            ref={field.ref}
            value={typeof field.value === 'string' ? field.value : ''}
            onChange={(event) => field.onChange(event.target.value || undefined)}
            onBlur={field.onBlur}
            aria-invalid={message !== undefined}
            aria-describedby={message !== undefined ? errorId : undefined}
          >
            <option value="">{t('marking.noPhoto')}</option>
            {photos.map((photo, photoIndex) => (
              <option key={photo.sha256} value={photo.sha256}>
                {t('photo.option', {
                  n: photoIndex + 1,
                  kind: label('attachmentKind', photo.kind),
                })}
              </option>
            ))}
          </select>
        )}
      />
      <FieldMessage id={errorId} messageKey={message} />
    </div>
  );
}
