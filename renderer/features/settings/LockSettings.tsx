import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { IdleLockMinutesSchema } from '../../../shared/settings/settings.ts';
import { api } from '../../api.ts';
import { useSession } from '../../app/SessionProvider.tsx';
import { useSettings } from '../../app/SettingsProvider.tsx';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { useValidationText } from '../../components/validation-text.ts';
import { FormField } from '../../components/FormField.tsx';

const IdleLockFormSchema = z.object({ idleLockMinutes: IdleLockMinutesSchema });
type IdleLockForm = z.infer<typeof IdleLockFormSchema>;

/** Minutes without activity before the app locks itself; checked with main's own schema. */
export function IdleLockForm() {
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
  } = useForm<IdleLockForm>({
    resolver: zodResolver(IdleLockFormSchema),
    defaultValues: { idleLockMinutes: settings.idleLockMinutes },
  });

  const onSubmit = handleSubmit(async (values) => {
    setStatus(null);
    try {
      await update({ idleLockMinutes: values.idleLockMinutes });
      setStatus({ kind: 'saved' });
    } catch (error) {
      const issue =
        error instanceof IpcError
          ? error.issues.find((candidate) => candidate.path === 'idleLockMinutes')
          : undefined;
      if (issue !== undefined) setError('idleLockMinutes', { message: issue.message });
      else setStatus({ kind: 'failed', message: errorText(error) });
    }
  });

  const fieldError = errors.idleLockMinutes?.message;
  const minutesField = register('idleLockMinutes', { valueAsNumber: true });
  return (
    <form
      className="card"
      aria-labelledby={titleId}
      onSubmit={(event) => void onSubmit(event)}
      noValidate
    >
      <h2 id={titleId}>{t('settings.lockSection', { ns: 'session' })}</h2>
      <FormField
        label={t('settings.idleLockMinutes', { ns: 'session' })}
        hint={t('settings.idleLockHint', { ns: 'session' })}
        error={fieldError === undefined ? undefined : validationText(fieldError)}
      >
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={1}
            max={240}
            step={1}
            {...minutesField}
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

/**
 * The OS keychain as an extra way in for the signed-in person. Where the computer has no usable
 * keychain (always so in the browser preview) the box is disabled and says why.
 */
export function KeychainSetting() {
  const { t } = useTranslation('session');
  const { status, applyStatus } = useSession();
  const errorText = useErrorText();
  const checkboxId = useId();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<
    { kind: 'saved' } | { kind: 'failed'; message: string } | null
  >(null);
  const me = status.people.find((person) => person.id === status.currentUser?.id);
  const available = status.keychainAvailable;

  const onChange = async (enabled: boolean) => {
    setBusy(true);
    setResult(null);
    try {
      applyStatus(await api().setKeychainUnlock({ enabled }));
      setResult({ kind: 'saved' });
    } catch (error) {
      setResult({ kind: 'failed', message: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${checkboxId}-title`}>
      <h2 id={`${checkboxId}-title`}>{t('settings.keychainSection')}</h2>
      <div className="checkbox-row">
        <input
          id={checkboxId}
          type="checkbox"
          checked={me?.keychainUnlock ?? false}
          disabled={!available || busy}
          aria-describedby={hintId}
          onChange={(event) => void onChange(event.target.checked)}
        />
        <label htmlFor={checkboxId}>{t('settings.keychainCheckbox')}</label>
      </div>
      <p id={hintId} className="field__hint">
        {available ? t('settings.keychainHint') : t('settings.keychainUnavailable')}
      </p>
      <p aria-live="polite" className="actions__status settings-status">
        {result?.kind === 'saved' && t('settings.keychainSaved')}
        {result?.kind === 'failed' && result.message}
      </p>
    </section>
  );
}
