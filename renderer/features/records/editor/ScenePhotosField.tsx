import { useEffect, useId, useRef, useState } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../../shared/domain/attachment.ts';
import type { AttachmentKind } from '../../../../shared/domain/enums.ts';
import { useEnumLabel } from '../../../components/domain-labels.ts';
import { blankToUndefined, FieldFrame, type IntakeForm } from '../fields.tsx';
import { fieldId } from '../paths.ts';
import { PhotoThumb } from '../photos.tsx';
import { usePhotoAdder } from './PhotosField.tsx';

const sceneKinds = [
  'scene',
  'document',
  'packaging',
  'other',
] as const satisfies readonly AttachmentKind[];
type SceneKind = (typeof sceneKinds)[number];
const accepted = 'image/jpeg,image/png,image/webp';
const path = 'photos' as const;
/** AttachmentRefSchema's caption limit. */
export const captionLimit = 200;

/**
 * Photos of the event rather than of an item (A3 photos[]): the scene, a seizure document, the
 * packaging the items came in. Each may carry a caption saying what it shows, which goes with the
 * photo into the record and onto the record page.
 */
export function ScenePhotosField() {
  const { t } = useTranslation(['event', 'records']);
  const enumLabel = useEnumLabel();
  const { control, setValue, getValues, setFocus } = useFormContext<IntakeForm>();
  const photos = (useWatch({ control, name: path }) ?? []) as AttachmentRef[];
  const [kind, setKind] = useState<SceneKind>('scene');
  const ids = { heading: useId(), kind: useId(), problems: useId() };
  // The next thing to do with a new photo is to say what it shows: its caption gets the focus
  // once the photo's row is on screen.
  const pendingFocus = useRef<number | null>(null);
  const { busy, problems, addFiles } = usePhotoAdder(path, (fresh) => {
    const count = getValues(path)?.length ?? 0;
    pendingFocus.current = count - fresh.length;
  });
  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null || photos.length <= index) return;
    pendingFocus.current = null;
    setFocus(`photos.${index}.caption`);
  }, [photos.length, setFocus]);
  const kindLabel = (value: AttachmentKind) => enumLabel('attachmentKind', value);

  const removePhoto = (sha256: string) => {
    const current = (getValues(path) ?? []) as AttachmentRef[];
    setValue(
      path,
      current.filter((photo) => photo.sha256 !== sha256),
      { shouldDirty: true },
    );
    // Focus would be lost with the removed row: the add button is the next sensible place.
    window.setTimeout(() => document.getElementById(fieldId(path))?.focus(), 0);
  };

  const inputId = fieldId(path);
  return (
    <section className="card" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('scenePhotos.heading', { count: photos.length })}</h2>
      <p className="field__hint">{t('scenePhotos.intro')}</p>
      {photos.length > 0 && (
        <ul className="scene-photos">
          {photos.map((photo, index) => {
            const n = index + 1;
            return (
              <li key={photo.sha256} className="scene-photos__item">
                <PhotoThumb
                  photo={photo}
                  alt={
                    photo.caption !== undefined && photo.caption !== ''
                      ? t('scenePhotos.altCaptioned', { n, caption: photo.caption })
                      : t('scenePhotos.alt', { n, kind: kindLabel(photo.kind) })
                  }
                  errorText={t('records:photo.unreadable')}
                />
                <div className="scene-photos__text">
                  <span className="thumbs__caption">
                    {t('scenePhotos.title', { n, kind: kindLabel(photo.kind) })}
                  </span>
                  <CaptionField index={index} label={t('scenePhotos.caption', { n })} />
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t('scenePhotos.removeNamed', { n })}
                    onClick={() => removePhoto(photo.sha256)}
                  >
                    {t('records:photo.remove')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <div className="photo-add">
        <div className="field">
          <label htmlFor={ids.kind}>{t('records:photo.kind')}</label>
          <select
            id={ids.kind}
            value={kind}
            onChange={(event) =>
              setKind(sceneKinds.find((value) => value === event.target.value) ?? 'scene')
            }
          >
            {sceneKinds.map((value) => (
              <option key={value} value={value}>
                {kindLabel(value)}
              </option>
            ))}
          </select>
        </div>
        {/* As for a weapon's photos: the native file button speaks the browser's language. */}
        <input
          id={inputId}
          className="file-input"
          type="file"
          accept={accepted}
          multiple
          disabled={busy}
          aria-describedby={problems.length > 0 ? ids.problems : undefined}
          onChange={(event) => void addFiles(event, kind)}
        />
        <label htmlFor={inputId} className="button file-input__button">
          {t('scenePhotos.add')}
        </label>
      </div>
      <p className="field__hint" aria-live="polite">
        {busy ? t('records:photo.adding') : t('records:photo.hint')}
      </p>
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

/** A photo's caption; its length is counted once it nears the limit (never cut off silently). */
function CaptionField({ index, label }: { index: number; label: string }) {
  const { t } = useTranslation(['event', 'records']);
  const { control } = useFormContext<IntakeForm>();
  const captionPath = `photos.${index}.caption` as const;
  return (
    <Controller
      control={control}
      name={captionPath}
      render={({ field }) => {
        const value = typeof field.value === 'string' ? field.value : '';
        const near = value.length > captionLimit * 0.75;
        return (
          <FieldFrame
            path={captionPath}
            label={label}
            className="scene-photos__caption"
            {...(near
              ? { hint: t('scenePhotos.count', { count: value.length, limit: captionLimit }) }
              : {})}
          >
            {(a11y) => (
              <input
                {...a11y}
                ref={field.ref}
                name={field.name}
                type="text"
                autoComplete="off"
                spellCheck
                value={value}
                onChange={(event) => field.onChange(blankToUndefined(event.target.value))}
                onBlur={field.onBlur}
              />
            )}
          </FieldFrame>
        );
      }}
    />
  );
}
