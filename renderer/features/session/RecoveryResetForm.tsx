import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { api } from '../../api.ts';
import { useSession } from '../../app/SessionProvider.tsx';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { FormField } from '../../components/FormField.tsx';
import { groupIssues, useSessionMessageText } from './message-text.ts';
import { NewPassphraseFields } from './NewPassphraseFields.tsx';
import { checkConfirmation, checkNewPassphrase } from './person-form.ts';
import { PersonChoice } from './PersonChoice.tsx';
import type { Countdown } from './use-countdown.ts';
import { RetryNotice } from './RetryNotice.tsx';

interface Values {
  recoveryCode: string;
  newPassphrase: string;
  confirm: string;
}

/** 32 code characters once spaces and dashes are gone (electron/keys/recovery-code.ts). */
const recoveryCodeLength = 32;

function checkRecoveryCode(value: string): true | string {
  const characters = value.replace(/[\s-]/g, '');
  if (characters === '') return 'recoveryCodeRequired';
  return characters.length === recoveryCodeLength || 'recoveryCodeLength';
}

/**
 * A forgotten passphrase: the printed recovery code opens the store and sets a new passphrase
 * for the chosen person, who is then unlocked. Wrong codes count like wrong passphrases.
 */
export function RecoveryResetForm({
  userId,
  onUserChange,
  countdown,
  onBack,
}: {
  userId: string | null;
  onUserChange: (userId: string) => void;
  countdown: Countdown;
  onBack: () => void;
}) {
  const { t } = useTranslation('session');
  const { status, applyStatus } = useSession();
  const messageText = useSessionMessageText();
  const errorText = useErrorText();
  const [personMissing, setPersonMissing] = useState(false);
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { recoveryCode: '', newPassphrase: '', confirm: '' } });
  const newPassphrase = useWatch({ control, name: 'newPassphrase' });

  useEffect(() => heading.current?.focus(), []);

  const fail = (message: string) =>
    setFailure((before) => ({ message, attempt: (before?.attempt ?? 0) + 1 }));

  const waiting = countdown.secondsLeft > 0;
  const onSubmit = handleSubmit(async (values) => {
    if (waiting) return;
    setFailure(null);
    if (userId === null) {
      setPersonMissing(true);
      return;
    }
    countdown.start(0);
    try {
      applyStatus(
        await api().resetPassphrase({
          userId,
          recoveryCode: values.recoveryCode,
          newPassphrase: values.newPassphrase,
        }),
      );
    } catch (error) {
      if (!(error instanceof IpcError)) return fail(errorText(error));
      if (error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0)
        countdown.start(error.retryAfterSeconds);
      if (error.code === 'WRONG_PASSPHRASE') {
        setError(
          'recoveryCode',
          { type: 'server', message: 'recoveryCodeWrong' },
          { shouldFocus: true },
        );
      } else if (error.code === 'TOO_MANY_ATTEMPTS') {
        fail(t('unlock.tooManyAttempts'));
      } else if (error.code === 'VALIDATION_ERROR') {
        const { byField, left } = groupIssues(error.issues, {
          recoveryCode: 'recoveryCode',
          newPassphrase: 'newPassphrase',
        } as const);
        for (const [field, keys] of byField) setError(field, { type: 'server', message: keys });
        if (byField.size === 0 || left.length > 0) fail(errorText(error));
      } else {
        fail(errorText(error));
      }
    }
  });

  const text = (message: string | undefined) =>
    message === undefined ? undefined : messageText(message);
  const personError = personMissing ? messageText('personRequired') : undefined;
  const codeField = register('recoveryCode', { validate: checkRecoveryCode });
  const passphraseField = register('newPassphrase', {
    validate: checkNewPassphrase,
    deps: 'confirm',
  });
  const confirmField = register('confirm', {
    validate: (value, all) => checkConfirmation(value, all.newPassphrase),
  });
  return (
    <form className="stack" onSubmit={(event) => void onSubmit(event)} noValidate>
      <h2 ref={heading} tabIndex={-1}>
        {t('reset.title')}
      </h2>
      <p>{t('reset.intro')}</p>
      <PersonChoice
        people={status.people}
        value={userId}
        onChange={(id) => {
          onUserChange(id);
          setPersonMissing(false);
        }}
        error={personError}
      />
      <FormField
        label={t('reset.code')}
        hint={t('reset.codeHint')}
        error={text(errors.recoveryCode?.message)}
      >
        {(field) => (
          <input
            {...field}
            type="text"
            className="recovery-code-input"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            {...codeField}
          />
        )}
      </FormField>
      <NewPassphraseFields
        passphrase={{
          label: t('reset.newPassphrase'),
          field: passphraseField,
          value: newPassphrase,
          error: text(errors.newPassphrase?.message),
        }}
        confirm={{
          label: t('reset.confirmPassphrase'),
          field: confirmField,
          error: text(errors.confirm?.message),
        }}
      />
      {failure !== null && (
        <p key={failure.attempt} className="notice notice--error" role="alert">
          {failure.message}
        </p>
      )}
      <RetryNotice countdown={countdown} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting || waiting}>
          {isSubmitting ? t('reset.submitting') : t('reset.submit')}
        </button>
      </div>
      <p>
        <button type="button" className="link-button" onClick={onBack}>
          {t('reset.back')}
        </button>
      </p>
    </form>
  );
}
