import { useId, useRef, useState, type ComponentType } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FieldMessage, useFieldMessage, type IntakeForm } from '../fields.tsx';
import { fieldId } from '../paths.ts';

export interface PickOrAddProps {
  /** The record field that holds the chosen id. */
  readonly path: 'locationId' | 'campaignId';
  readonly label: string;
  /** Null while loading. */
  readonly options: readonly { readonly id: string; readonly label: string }[] | null;
  readonly addLabel: string;
  readonly hint: (state: { readonly added: string | null; readonly empty: boolean }) => string;
  /** The inline form that adds a new one; `onSaved` chooses it for the record. */
  readonly AddForm: ComponentType<{
    onCancel: () => void;
    onSaved: (saved: { id: string; name: string }) => Promise<void>;
  }>;
  /** Reloads the options after a new one was saved. */
  readonly reload: () => Promise<unknown>;
}

/**
 * A record points at a location or a campaign: one already on this computer, or a new one added
 * right here without leaving the record. Saving the new one chooses it and returns focus to the
 * choice, with a polite announcement.
 */
export function PickOrAddField({
  path,
  label,
  options,
  addLabel,
  hint,
  AddForm,
  reload,
}: PickOrAddProps) {
  const { t } = useTranslation('records');
  const { control, setValue } = useFormContext<IntakeForm>();
  const message = useFieldMessage(path);
  const errorId = useId();
  const hintId = useId();
  const selectRef = useRef<HTMLSelectElement | null>(null);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const id = fieldId(path);
  const describedBy = [message !== undefined ? errorId : null, hintId].filter(Boolean).join(' ');

  const onSaved = async (saved: { id: string; name: string }) => {
    await reload();
    setValue(path, saved.id, { shouldDirty: true });
    setAdding(false);
    setAdded(saved.name);
    selectRef.current?.focus();
  };

  return (
    <div className="field">
      <label htmlFor={id} className="field__label--required">
        {label}
      </label>
      <div className="input-with-button">
        <Controller
          control={control}
          name={path}
          render={({ field }) => (
            <select
              id={id}
              name={field.name}
              ref={(element) => {
                field.ref(element);
                selectRef.current = element;
              }}
              value={field.value ?? ''}
              onChange={(event) => field.onChange(event.target.value || undefined)}
              onBlur={field.onBlur}
              aria-invalid={message !== undefined}
              aria-describedby={describedBy}
            >
              <option value="">
                {options === null ? t('editor.loading') : t('editor.choose')}
              </option>
              {(options ?? []).map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        />
        {!adding && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setAdded(null);
              setAdding(true);
            }}
          >
            {addLabel}
          </button>
        )}
      </div>
      <FieldMessage id={errorId} messageKey={message} />
      <p id={hintId} className="field__hint" aria-live="polite">
        {hint({ added, empty: options !== null && options.length === 0 })}
      </p>
      {adding && (
        <AddForm
          onCancel={() => {
            setAdding(false);
            selectRef.current?.focus();
          }}
          onSaved={onSaved}
        />
      )}
    </div>
  );
}
