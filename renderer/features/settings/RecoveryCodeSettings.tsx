import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { api } from '../../api.ts';
import { useSession } from '../../app/SessionProvider.tsx';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { FormField } from '../../components/FormField.tsx';
import { useSessionMessageText } from '../session/message-text.ts';
import { PasswordInput } from '../session/PasswordInput.tsx';

/**
 * An administrator makes a new recovery code, after typing their own passphrase (a laptop left
 * unlocked is not enough). Main replaces the old code's slot at once and marks the new code
 * pending, so the session gate shows its sheet next, until it is confirmed as kept.
 */
export function RecoveryCodeSettings() {
  const { t } = useTranslation('session');
  const { applyStatus } = useSession();
  const messageText = useSessionMessageText();
  const errorText = useErrorText();
  const titleId = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<{ passphrase: string }>({ defaultValues: { passphrase: '' } });

  const onSubmit = handleSubmit(async ({ passphrase }) => {
    setFailure(null);
    try {
      applyStatus(await api().replaceRecoveryCode({ passphrase }));
    } catch (error) {
      if (error instanceof IpcError && error.code === 'WRONG_PASSPHRASE') {
        setError(
          'passphrase',
          { type: 'server', message: 'wrongCurrentPassphrase' },
          { shouldFocus: true },
        );
      } else {
        setFailure(errorText(error));
      }
    }
  });

  const field = register('passphrase', {
    validate: (value) => value !== '' || 'passphraseRequired',
  });
  const error = errors.passphrase?.message;
  return (
    <form
      className="card stack"
      aria-labelledby={titleId}
      onSubmit={(event) => void onSubmit(event)}
      noValidate
    >
      <h2 id={titleId}>{t('recoverySettings.title')}</h2>
      <p className="field__hint">{t('recoverySettings.hint')}</p>
      <FormField
        label={t('recoverySettings.passphrase')}
        error={error === undefined ? undefined : messageText(error)}
      >
        {(control) => <PasswordInput {...control} {...field} />}
      </FormField>
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={isSubmitting} aria-busy={isSubmitting}>
          {isSubmitting ? t('recoverySettings.submitting') : t('recoverySettings.submit')}
        </button>
      </div>
    </form>
  );
}
