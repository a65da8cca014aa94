import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IpcError } from '../../../../shared/ipc/errors.ts';
import { useCountryOptions } from '../../../components/country-names.ts';
import { useDomainValidationText } from '../../../components/domain-labels.ts';
import { useErrorText } from '../../../components/ErrorMessage.tsx';
import { FormField, type FieldControlProps } from '../../../components/FormField.tsx';

/**
 * Saving a small form of its own (a new location or campaign inside a record): main's field
 * issues go to the matching fields, anything else becomes one message above the buttons.
 */
export function useInlineSave<Field extends string>(
  fields: readonly Field[],
  setFieldError: (field: Field, message: string) => void,
): { failure: string | null; save: (work: () => Promise<void>) => Promise<void> } {
  const errorText = useErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const save = async (work: () => Promise<void>) => {
    setFailure(null);
    try {
      await work();
    } catch (error) {
      const issues = error instanceof IpcError ? error.issues : [];
      for (const issue of issues) {
        const field = fields.find((name) => name === issue.path);
        if (field !== undefined) setFieldError(field, issue.message);
      }
      if (issues.length === 0) setFailure(errorText(error));
    }
  };
  return { failure, save };
}

/** The shell of such a form: heading, fields, the failure, save and cancel. */
export function InlineForm({
  title,
  saveLabel,
  failure,
  isSubmitting,
  onSubmit,
  onCancel,
  children,
}: {
  title: string;
  saveLabel: string;
  failure: string | null;
  isSubmitting: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('records');
  const headingId = useId();
  return (
    <form
      className="subform"
      aria-labelledby={headingId}
      // Its fields are record text: no autofill entry and no saved form state on disk (issue 12).
      autoComplete="off"
      noValidate
      onSubmit={(event) => {
        // The record's own form (if any) must not see this submit.
        event.stopPropagation();
        void onSubmit(event);
      }}
    >
      <h3 id={headingId}>{title}</h3>
      <div className="grid">{children}</div>
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {saveLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('editor.cancel')}
        </button>
      </div>
    </form>
  );
}

/** One required field of such a form; `error` is the message key the schema gave it. */
export function InlineField({
  label,
  error,
  children,
}: {
  label: string;
  error: string | undefined;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const text = useDomainValidationText();
  return (
    <FormField label={label} required error={error === undefined ? undefined : text(error)}>
      {children}
    </FormField>
  );
}

/** The options of a required choice: "Choose…" first, so nothing is picked by default. */
export function ChooseOptions({
  options,
}: {
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const { t } = useTranslation('records');
  return (
    <>
      <option value="">{t('editor.choose')}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </>
  );
}

/** Countries by name with their ISO code, as a jurisdiction is chosen. */
export function useCountryChoices(): Array<{ value: string; label: string }> {
  const { t } = useTranslation('records');
  return useCountryOptions().map((country) => ({
    value: country.code,
    label: t('editor.country', { name: country.name, code: country.code }),
  }));
}
