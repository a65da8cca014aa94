import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { api } from '../../api.ts';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { FormField } from '../../components/FormField.tsx';
import { groupIssues, useSessionMessageText } from '../session/message-text.ts';
import { NewPassphraseFields } from '../session/NewPassphraseFields.tsx';
import { PasswordInput } from '../session/PasswordInput.tsx';
import { checkConfirmation, checkNewPassphrase } from '../session/person-form.ts';

interface Values {
  currentPassphrase: string;
  newPassphrase: string;
  confirm: string;
}

const emptyValues: Values = { currentPassphrase: '', newPassphrase: '', confirm: '' };

/** The signed-in person changes their own passphrase; the data is never re-encrypted for it. */
export function ChangePassphraseForm() {
  const { t } = useTranslation('session');
  const messageText = useSessionMessageText();
  const errorText = useErrorText();
  const titleId = useId();
  const [status, setStatus] = useState<
    { kind: 'changed' } | { kind: 'failed'; message: string } | null
  >(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: emptyValues });
  const newPassphrase = useWatch({ control, name: 'newPassphrase' });

  const onSubmit = handleSubmit(async (values) => {
    setStatus(null);
    try {
      await api().changePassphrase({
        currentPassphrase: values.currentPassphrase,
        newPassphrase: values.newPassphrase,
      });
      reset(emptyValues);
      setStatus({ kind: 'changed' });
    } catch (error) {
      if (error instanceof IpcError && error.code === 'WRONG_PASSPHRASE') {
        setError(
          'currentPassphrase',
          { type: 'server', message: 'wrongCurrentPassphrase' },
          { shouldFocus: true },
        );
      } else if (error instanceof IpcError && error.code === 'VALIDATION_ERROR') {
        const { byField, left } = groupIssues(error.issues, {
          currentPassphrase: 'currentPassphrase',
          newPassphrase: 'newPassphrase',
        } as const);
        for (const [field, keys] of byField) setError(field, { type: 'server', message: keys });
        if (byField.size === 0 || left.length > 0)
          setStatus({ kind: 'failed', message: errorText(error) });
      } else {
        setStatus({ kind: 'failed', message: errorText(error) });
      }
    }
  });

  const text = (message: string | undefined) =>
    message === undefined ? undefined : messageText(message);
  const currentField = register('currentPassphrase', {
    validate: (value) => value !== '' || 'passphraseRequired',
  });
  const passphraseField = register('newPassphrase', {
    validate: checkNewPassphrase,
    deps: 'confirm',
  });
  const confirmField = register('confirm', {
    validate: (value, all) => checkConfirmation(value, all.newPassphrase),
  });
  return (
    <form
      className="card stack"
      aria-labelledby={titleId}
      onSubmit={(event) => void onSubmit(event)}
      noValidate
    >
      <h2 id={titleId}>{t('settings.changePassphraseSection')}</h2>
      <FormField
        label={t('settings.currentPassphrase')}
        error={text(errors.currentPassphrase?.message)}
      >
        {(field) => <PasswordInput {...field} {...currentField} />}
      </FormField>
      <NewPassphraseFields
        passphrase={{
          label: t('settings.newPassphrase'),
          field: passphraseField,
          value: newPassphrase,
          error: text(errors.newPassphrase?.message),
        }}
        confirm={{
          label: t('settings.confirmNewPassphrase'),
          field: confirmField,
          error: text(errors.confirm?.message),
        }}
      />
      {status?.kind === 'failed' && (
        <p className="notice notice--error" role="alert">
          {status.message}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? t('settings.changingPassphrase') : t('settings.changePassphrase')}
        </button>
        <span aria-live="polite" className="actions__status">
          {status?.kind === 'changed' && t('settings.passphraseChanged')}
        </span>
      </div>
    </form>
  );
}
