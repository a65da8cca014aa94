import { useId } from 'react';
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
  type SerialLocation,
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
  ReadOnlyField,
  UnknownableTextField,
  useFieldMessage,
  type IntakeForm,
} from '../fields.tsx';
import { header, marking as markingSpec, weapon as weaponSpec } from '../field-specs.ts';
import { fieldId } from '../paths.ts';
import { serialMarkingId, withSerialMarking } from '../serial-marking.ts';
import { ConfirmRemove } from './ConfirmRemove.tsx';
import { PhotosField } from './PhotosField.tsx';
import { IarmsCheckField } from './IarmsCheckField.tsx';
import { SerialCheckNotice } from './SerialCheckNotice.tsx';

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
  const { t: ti } = useTranslation('items');
  const label = useEnumLabel();
  const { setValue, getValues } = useFormContext<IntakeForm>();
  const f = weaponSpec(index);
  const base = `weapons.${index}` as const;
  const [weaponId, weaponType, category, serialNumber, markings, manufacturer, calibre, recordId] =
    useWatch<
      IntakeForm,
      [
        `weapons.${number}.id`,
        `weapons.${number}.weaponType`,
        `weapons.${number}.category`,
        `weapons.${number}.serialNumber`,
        `weapons.${number}.markings`,
        `weapons.${number}.manufacturer`,
        `weapons.${number}.calibre`,
        'id',
      ]
    >({
      name: [
        `${base}.id`,
        `${base}.weaponType`,
        `${base}.category`,
        `${base}.serialNumber`,
        `${base}.markings`,
        `${base}.manufacturer`,
        `${base}.calibre`,
        'id',
      ],
    });
  const impliedCategory = weaponType === undefined ? undefined : categoryOfWeaponType(weaponType);
  // Where the type decides the category, it is shown, not asked (A6, UN 1997 Panel).
  const derivedCategory =
    impliedCategory !== undefined && category === impliedCategory
      ? label('weaponCategory', impliedCategory)
      : null;
  const categoryHint = ti('weapon.categoryFollows');
  const hasSerial = serialNumber !== undefined && serialNumber.trim() !== '';
  const serialAt = (markings ?? []).findIndex(
    (marking) => marking.id === serialMarkingId(weaponId),
  );
  /*
   * The serial is typed once: the serial marking follows the serial number and where it is.
   * Only the changed fields are set while the marking exists, so the markings below are not
   * rebuilt on every keystroke; adding or removing it replaces the list.
   */
  const followSerial = (changed: { serialNumber?: string; serialLocation?: SerialLocation }) => {
    const weapon = { ...getValues(base), ...changed };
    const before = weapon.markings;
    const after = withSerialMarking(weapon);
    if (after === before) return;
    const options = { shouldDirty: true, shouldValidate: true } as const;
    const sameList =
      after.length === before.length && after.every((marking, at) => marking.id === before[at]?.id);
    if (!sameList) {
      setValue(`${base}.markings`, after, options);
      return;
    }
    const at = after.findIndex((marking) => marking.id === serialMarkingId(weapon.id));
    const next = after[at];
    if (next === undefined) return;
    setValue(`${base}.markings.${at}.textAsRead`, next.textAsRead, options);
    setValue(`${base}.markings.${at}.component`, next.component, options);
  };
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
        {derivedCategory !== null ? (
          <ReadOnlyField
            {...f.category}
            label={t('weapon.category')}
            value={derivedCategory}
            hint={categoryHint}
            required
          />
        ) : (
          <EnumSelect {...f.category} label={t('weapon.category')} required />
        )}
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
          onValueChange={(value) => followSerial({ serialNumber: value })}
        />
        <EnumSelect
          {...f.serialLocation}
          label={t('weapon.serialLocation')}
          // With a serial typed, its marking needs a place: missing, it is asked for here.
          required={hasSerial}
          alsoPath={serialAt === -1 ? undefined : `${base}.markings.${serialAt}.component`}
          onPicked={(value) => followSerial({ serialLocation: value })}
        />
      </div>
      <SerialCheckNotice
        serial={serialNumber}
        manufacturer={manufacturer}
        calibre={calibre}
        intakeEventId={recordId}
      />
      {hasSerial && <IarmsCheckField index={index} />}
      <div className="grid">
        <EnumSelect {...f.markingCondition} label={t('weapon.markingCondition')} required />
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
      <MarkingsList weaponIndex={index} weaponId={weaponId} />
      <PhotosField weaponIndex={index} kindLabel={kindLabel} />
    </article>
  );
}

function MarkingsList({ weaponIndex, weaponId }: { weaponIndex: number; weaponId: string }) {
  const { t } = useTranslation('records');
  const { t: ti } = useTranslation('items');
  const { control } = useFormContext<IntakeForm>();
  const name = `weapons.${weaponIndex}.markings` as const;
  const { fields, append, remove } = useFieldArray({ control, name, keyName: 'key' });
  const headingId = useId();
  const serialId = serialMarkingId(weaponId);
  const otherMarkingsHint = ti('serial.otherMarkingsHint');
  const hint =
    fields.length === 0 ? `${t('editor.noMarkings')} ${otherMarkingsHint}` : otherMarkingsHint;
  return (
    <section className="markings" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('weapon.markings', { count: fields.length })}</h4>
      <p className="field__hint">{hint}</p>
      {fields.map((field, index) =>
        field.id === serialId ? (
          <SerialMarkingRow key={field.key} weaponIndex={weaponIndex} index={index} />
        ) : (
          <MarkingRow
            key={field.key}
            weaponIndex={weaponIndex}
            index={index}
            onRemove={() => remove(index)}
          />
        ),
      )}
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

/**
 * The serial marking: its kind, place and text follow the serial fields above (typed once, there);
 * its legibility and close-up photo are the person's. A missing place is asked for at "where the
 * serial is", and shown here too.
 */
function SerialMarkingRow({ weaponIndex, index }: { weaponIndex: number; index: number }) {
  const { t } = useTranslation('records');
  const { t: ti } = useTranslation('items');
  const label = useEnumLabel();
  const f = markingSpec(weaponIndex, index);
  const base = `weapons.${weaponIndex}.markings.${index}` as const;
  const [component, text] = useWatch<
    IntakeForm,
    [
      `weapons.${number}.markings.${number}.component`,
      `weapons.${number}.markings.${number}.textAsRead`,
    ]
  >({ name: [`${base}.component`, `${base}.textAsRead`] });
  const legend = `${t('marking.title', { n: index + 1 })} · ${ti('serial.marking')}`;
  const fromSerial = ti('serial.fromSerial');
  const place =
    component === undefined ? ti('serial.componentMissing') : label('markingComponent', component);
  return (
    <fieldset className="marking marking--serial" id={fieldId(f.base.path)} tabIndex={-1}>
      <legend>{legend}</legend>
      <p className="field__hint">{fromSerial}</p>
      <div className="grid grid--marking">
        <ReadOnlyField {...f.component} label={t('marking.component')} value={place} required />
        <ReadOnlyField
          {...f.textAsRead}
          label={t('marking.textAsRead')}
          value={text ?? ''}
          className="field--mono"
          required
        />
        <EnumSelect {...f.legibility} label={t('marking.legibility')} required />
        <MarkingPhotoSelect weaponIndex={weaponIndex} {...f.photoSha256} />
      </div>
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
