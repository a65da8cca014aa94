import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { TraceAnswerDaysSchema } from '../../../shared/settings/settings.ts';
import { useSettings } from '../../app/SettingsProvider.tsx';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { FormField } from '../../components/FormField.tsx';
import { useValidationText } from '../../components/validation-text.ts';

const TraceAnswerDaysFormSchema = z.object({ traceAnswerDays: TraceAnswerDaysSchema });
type TraceAnswerDaysValues = z.infer<typeof TraceAnswerDaysFormSchema>;

/**
 * Days a state is given to answer a trace request before it is listed as overdue; checked with
 * main's own schema, saved like the idle lock beside it.
 */
export function TraceAnswerDaysForm() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const validationText = useValidationText();
  const errorText = useErrorText();
  const titleId = useId();
  const [status, setStatus] = useState<
    { kind: 'saved' } | { kind: 'failed'; message: string } | null
  >(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TraceAnswerDaysValues>({
    resolver: zodResolver(TraceAnswerDaysFormSchema),
    defaultValues: { traceAnswerDays: settings.traceAnswerDays },
  });

  const onSubmit = handleSubmit(async (values) => {
    setStatus(null);
    try {
      await update({ traceAnswerDays: values.traceAnswerDays });
      setStatus({ kind: 'saved' });
    } catch (error) {
      const issue =
        error instanceof IpcError
          ? error.issues.find((candidate) => candidate.path === 'traceAnswerDays')
          : undefined;
      if (issue !== undefined) setError('traceAnswerDays', { message: issue.message });
      else setStatus({ kind: 'failed', message: errorText(error) });
    }
  });

  const fieldError = errors.traceAnswerDays?.message;
  const daysField = register('traceAnswerDays', { valueAsNumber: true });
  return (
    <form
      className="card"
      aria-labelledby={titleId}
      onSubmit={(event) => void onSubmit(event)}
      noValidate
    >
      <h2 id={titleId}>{t('settings.section', { ns: 'tracing' })}</h2>
      <FormField
        label={t('settings.answerDays', { ns: 'tracing' })}
        hint={t('settings.answerDaysHint', { ns: 'tracing' })}
        error={fieldError === undefined ? undefined : validationText(fieldError)}
      >
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            step={1}
            {...daysField}
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
