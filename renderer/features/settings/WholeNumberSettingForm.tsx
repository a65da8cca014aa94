import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { SettingsSchema, type Settings } from '../../../shared/settings/settings.ts';
import { useSettings } from '../../app/SettingsProvider.tsx';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { FormField } from '../../components/FormField.tsx';
import { useValidationText } from '../../components/validation-text.ts';

/** The settings that are one whole number in a range (minutes, days). */
type WholeNumberSetting = 'idleLockMinutes' | 'traceAnswerDays';

/**
 * One whole-number setting in a card of its own, checked with main's own schema for that key
 * before it is sent and again by main; a refusal of the value is shown at the field.
 */
export function WholeNumberSettingForm({
  setting,
  title,
  label,
  hint,
  max,
}: {
  setting: WholeNumberSetting;
  title: string;
  label: string;
  hint: string;
  /** The schema's own upper bound, for the number input's spinner. */
  max: number;
}) {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const validationText = useValidationText();
  const errorText = useErrorText();
  const titleId = useId();
  const [status, setStatus] = useState<
    { kind: 'saved' } | { kind: 'failed'; message: string } | null
  >(null);
  const schema = z.object({ value: SettingsSchema.shape[setting] });
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<{ value: number }>({
    resolver: zodResolver(schema),
    defaultValues: { value: settings[setting] },
  });

  const onSubmit = handleSubmit(async ({ value }) => {
    setStatus(null);
    try {
      await update({ [setting]: value } as Partial<Settings>);
      setStatus({ kind: 'saved' });
    } catch (error) {
      const issue =
        error instanceof IpcError
          ? error.issues.find((candidate) => candidate.path === setting)
          : undefined;
      if (issue !== undefined) setError('value', { message: issue.message });
      else setStatus({ kind: 'failed', message: errorText(error) });
    }
  });

  const fieldError = errors.value?.message;
  const valueField = register('value', { valueAsNumber: true });
  return (
    <form
      className="card"
      aria-labelledby={titleId}
      onSubmit={(event) => void onSubmit(event)}
      noValidate
    >
      <h2 id={titleId}>{title}</h2>
      <FormField
        label={label}
        hint={hint}
        error={fieldError === undefined ? undefined : validationText(fieldError)}
      >
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={1}
            max={max}
            step={1}
            {...valueField}
          />
        )}
      </FormField>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? t('settings.saving') : t('settings.save')}
        </button>
        <span aria-live="polite" className="actions__status">
          {status?.kind === 'saved' && t('settings.saved')}
          {status?.kind === 'failed' && t('settings.saveFailed', { message: status.message })}
        </span>
      </div>
    </form>
  );
}
