import { useId, useState, type ChangeEvent } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { maxAttachmentBytes, type AttachmentRef } from '../../../../shared/domain/attachment.ts';
import type { AttachmentKind } from '../../../../shared/domain/enums.ts';
import { IpcError } from '../../../../shared/ipc/errors.ts';
import { api } from '../../../api.ts';
import { useDomainValidationText } from '../../../components/domain-labels.ts';
import { useErrorText } from '../../../components/ErrorMessage.tsx';
import { FieldMessage, useFieldMessage, type IntakeForm } from '../fields.tsx';
import { fieldId } from '../paths.ts';
import { PhotoThumb, readFileAsBase64 } from '../photos.tsx';

const photoKinds = ['whole_weapon', 'marking'] as const satisfies readonly AttachmentKind[];
const accepted = 'image/jpeg,image/png,image/webp';

/**
 * A weapon's photos: the whole weapon and close-ups of its markings (CAR photographs every
 * item). Each file is stored encrypted in main at once; the record keeps a reference to it.
 */
/**
 * Adding files to a photo list at `path`: each file is stored encrypted in main at once, a photo
 * already in the list is not added twice, and each file that could not be added says why.
 * `onAdded` runs with the photos that were new (focus goes to them).
 */
export function usePhotoAdder(path: PhotoListPath, onAdded?: (fresh: AttachmentRef[]) => void) {
  const { t } = useTranslation('records');
  const validationText = useDomainValidationText();
  const errorText = useErrorText();
  const { setValue, getValues } = useFormContext<IntakeForm>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const addFiles = async (event: ChangeEvent<HTMLInputElement>, kind: AttachmentKind) => {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    if (files.length === 0) return;
    setBusy(true);
    setProblems([]);
    const added: AttachmentRef[] = [];
    const failed: string[] = [];
    for (const file of files) {
      if (file.size > maxAttachmentBytes) {
        failed.push(
          t('photo.failed', { file: file.name, reason: validationText('attachmentTooLarge') }),
        );
        continue;
      }
      try {
        const dataBase64 = await readFileAsBase64(file);
        added.push(await api().addPhoto({ dataBase64, kind }));
      } catch (error) {
        const issue = error instanceof IpcError ? error.issues[0] : undefined;
        const reason = issue !== undefined ? validationText(issue.message) : errorText(error);
        failed.push(t('photo.failed', { file: file.name, reason }));
      }
    }
    input.value = '';
    const current = (getValues(path) ?? []) as AttachmentRef[];
    const known = new Set(current.map((photo) => photo.sha256));
    const fresh: AttachmentRef[] = [];
    for (const photo of added) {
      if (known.has(photo.sha256)) continue;
      known.add(photo.sha256);
      fresh.push(photo);
    }
    if (fresh.length > 0) setValue(path, [...current, ...fresh], { shouldDirty: true });
    setProblems(failed);
    setBusy(false);
    if (fresh.length > 0) onAdded?.(fresh);
  };

  return { busy, problems, addFiles };
}

/** The photo lists of a record: the scene's, and each weapon's. */
export type PhotoListPath = 'photos' | `weapons.${number}.photos`;

export function PhotosField({
  weaponIndex,
  kindLabel,
}: {
  weaponIndex: number;
  kindLabel: (kind: AttachmentKind) => string;
}) {
  const { t } = useTranslation('records');
  const { control, setValue, getValues } = useFormContext<IntakeForm>();
  const path = `weapons.${weaponIndex}.photos` as const;
  const photos = (useWatch({ control, name: path }) ?? []) as AttachmentRef[];
  const message = useFieldMessage(path);
  const [kind, setKind] = useState<(typeof photoKinds)[number]>('whole_weapon');
  const { busy, problems, addFiles } = usePhotoAdder(path);
  const ids = {
    kind: useId(),
    error: useId(),
    problems: useId(),
    heading: useId(),
    needed: useId(),
  };
  const inputId = fieldId(path);
  const weaponTitle = t('weapon.title', { n: weaponIndex + 1 });

  const removePhoto = (sha256: string) => {
    const current = (getValues(path) ?? []) as AttachmentRef[];
    setValue(
      path,
      current.filter((photo) => photo.sha256 !== sha256),
      { shouldDirty: true },
    );
    // A marking's close-up link to this photo would point nowhere.
    const markings = getValues(`weapons.${weaponIndex}.markings`) ?? [];
    markings.forEach((marking, index) => {
      if (marking.photoSha256 === sha256)
        setValue(`weapons.${weaponIndex}.markings.${index}.photoSha256`, undefined, {
          shouldDirty: true,
        });
    });
  };

  const describedBy =
    [
      ids.needed,
      message !== undefined ? ids.error : null,
      problems.length > 0 ? ids.problems : null,
    ]
      .filter(Boolean)
      .join(' ') || undefined;

  return (
    <section className="photos" aria-labelledby={ids.heading}>
      <h4 id={ids.heading} className="field__label--required">
        {t('weapon.photos', { count: photos.length })}
      </h4>
      {/* Said up front: finalising refuses a weapon without a photo, which is late to learn. */}
      <p id={ids.needed} className="field__hint">
        {t('photo.needed')}
      </p>
      {photos.length > 0 && (
        <ul className="thumbs">
          {photos.map((photo, index) => (
            <li key={photo.sha256} className="thumbs__item">
              <PhotoThumb
                photo={photo}
                alt={t('photo.alt', {
                  weapon: weaponTitle,
                  n: index + 1,
                  kind: kindLabel(photo.kind),
                })}
                errorText={t('photo.unreadable')}
              />
              <span className="thumbs__caption">{kindLabel(photo.kind)}</span>
              <button
                type="button"
                className="button button--small"
                aria-label={t('photo.removeNamed', { n: index + 1, weapon: weaponTitle })}
                onClick={() => removePhoto(photo.sha256)}
              >
                {t('photo.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="photo-add">
        <div className="field">
          <label htmlFor={ids.kind}>{t('photo.kind')}</label>
          <select
            id={ids.kind}
            value={kind}
            onChange={(event) =>
              setKind(event.target.value === 'marking' ? 'marking' : 'whole_weapon')
            }
          >
            {photoKinds.map((value) => (
              <option key={value} value={value}>
                {kindLabel(value)}
              </option>
            ))}
          </select>
        </div>
        {/* The native file button speaks the browser's language, not the app's: it stays
            focusable but hidden, and its label is the visible button. */}
        <input
          id={inputId}
          className="file-input"
          type="file"
          accept={accepted}
          multiple
          disabled={busy}
          aria-invalid={message !== undefined}
          aria-describedby={describedBy}
          onChange={(event) => void addFiles(event, kind)}
        />
        <label htmlFor={inputId} className="button file-input__button">
          {t('photo.add')}
        </label>
      </div>
      <p className="field__hint" aria-live="polite">
        {busy ? t('photo.adding') : t('photo.hint')}
      </p>
      <FieldMessage id={ids.error} messageKey={message} />
      {problems.length > 0 && (
        <ul id={ids.problems} className="field__error" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
