import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { api } from '../../api.ts';
import { useSession } from '../../app/SessionProvider.tsx';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { FormField } from '../../components/FormField.tsx';
import { GateLayout } from './GateLayout.tsx';
import { useSessionMessageText } from './message-text.ts';
import { PasswordInput } from './PasswordInput.tsx';
import { PersonChoice } from './PersonChoice.tsx';
import { RecoveryResetForm } from './RecoveryResetForm.tsx';
import { RetryNotice } from './RetryNotice.tsx';
import { useCountdown, type Countdown } from './use-countdown.ts';

/**
 * The locked app: choose who you are, type your passphrase. Wrong passphrases are answered
 * plainly; after several, main makes the person wait and the screen counts the wait down. A
 * forgotten passphrase is reset here with the printed recovery code.
 */
export function UnlockScreen() {
  const { t } = useTranslation('session');
  const { status, lockedForInactivity } = useSession();
  const { people } = status;
  const [userId, setUserId] = useState<string | null>(() =>
    people.length === 1 ? (people[0]?.id ?? null) : null,
  );
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  const countdown = useCountdown(status.retryAfterSeconds);
  const showRecovery = () => setMode('recovery');
  const showPassphrase = () => setMode('passphrase');

  return (
    <GateLayout title={t('unlock.title')}>
      <h1>{t('unlock.title')}</h1>
      {status.signedOutReason === 'deactivated' ? (
        <p className="notice notice--error" role="alert" data-testid="signed-out-deactivated">
          {t('unlock.signedOutDeactivated')}
        </p>
      ) : (
        lockedForInactivity && (
          <p className="notice" role="alert">
            {t('unlock.lockedForInactivity')}
          </p>
        )
      )}
      {mode === 'passphrase' ? (
        <PassphraseUnlockForm
          userId={userId}
          onUserChange={setUserId}
          countdown={countdown}
          onForgot={showRecovery}
        />
      ) : (
        <RecoveryResetForm
          userId={userId}
          onUserChange={setUserId}
          countdown={countdown}
          onBack={showPassphrase}
        />
      )}
    </GateLayout>
  );
}

type Problem =
  | { readonly kind: 'person' }
  | { readonly kind: 'field'; readonly message: string }
  | { readonly kind: 'form'; readonly message: string };

function PassphraseUnlockForm({
  userId,
  onUserChange,
  countdown,
  onForgot,
}: {
  userId: string | null;
  onUserChange: (userId: string) => void;
  countdown: Countdown;
  onForgot: () => void;
}) {
  const { t } = useTranslation('session');
  const { status, applyStatus } = useSession();
  const messageText = useSessionMessageText();
  const errorText = useErrorText();
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  // Bumped on every failure, so the same message is announced again on a second wrong try.
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const preselected = useRef(userId !== null);

  // With the person already chosen (one person on this computer), typing can start at once.
  useEffect(() => {
    if (preselected.current) input.current?.focus();
  }, []);

  const person = status.people.find((candidate) => candidate.id === userId);
  const waiting = countdown.secondsLeft > 0;

  const fail = (next: Problem) => {
    setProblem(next);
    setAttempt((count) => count + 1);
  };

  const unlock = async (call: () => Promise<void>, viaKeychain = false) => {
    setBusy(true);
    setProblem(null);
    // A new try clears "you can try again now"; a wait still running is main's and stays.
    if (!waiting) countdown.start(0);
    try {
      await call();
    } catch (error) {
      if (!(error instanceof IpcError)) return fail({ kind: 'form', message: errorText(error) });
      if (error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0)
        countdown.start(error.retryAfterSeconds);
      if (error.code === 'WRONG_PASSPHRASE') {
        setPassphrase('');
        input.current?.focus();
        fail({ kind: 'form', message: t('unlock.wrongPassphrase') });
      } else if (error.code === 'TOO_MANY_ATTEMPTS') {
        fail({ kind: 'form', message: t('unlock.tooManyAttempts') });
      } else if (
        error.code === 'FORBIDDEN' &&
        error.issues.some((issue) => issue.message === 'personRemoved')
      ) {
        // Removed by an administrator (main has just taken them off the list too).
        fail({ kind: 'form', message: t('unlock.personRemoved') });
        api()
          .getSession()
          .then(applyStatus, () => undefined);
      } else if (
        error.code === 'FORBIDDEN' &&
        error.issues.some((issue) => issue.message === 'personDeactivated')
      ) {
        // Deactivated at the centre (the decision came by sync): the person stays listed.
        setPassphrase('');
        fail({ kind: 'form', message: t('unlock.personDeactivated') });
      } else if (viaKeychain && error.code === 'UNAUTHORIZED') {
        fail({ kind: 'form', message: t('unlock.keychainFailed') });
      } else if (error.code === 'VALIDATION_ERROR') {
        const issue = error.issues.find((candidate) => candidate.path === 'passphrase');
        if (issue !== undefined) fail({ kind: 'field', message: messageText(issue.message) });
        else fail({ kind: 'form', message: errorText(error) });
      } else {
        fail({ kind: 'form', message: errorText(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || waiting) return;
    if (userId === null) return fail({ kind: 'person' });
    if (passphrase === '') {
      input.current?.focus();
      return fail({ kind: 'field', message: messageText('passphraseRequired') });
    }
    void unlock(async () => applyStatus(await api().unlock({ userId, passphrase })));
  };

  const onKeychain = () => {
    if (userId === null) return fail({ kind: 'person' });
    void unlock(async () => applyStatus(await api().unlockWithKeychain({ userId })), true);
  };

  const personError = problem?.kind === 'person' ? messageText('personRequired') : undefined;
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <PersonChoice
        people={status.people}
        value={userId}
        onChange={(id) => {
          onUserChange(id);
          setProblem(null);
        }}
        error={personError}
      />
      <FormField
        label={t('unlock.passphrase')}
        error={problem?.kind === 'field' ? problem.message : undefined}
      >
        {(control) => (
          <PasswordInput
            {...control}
            ref={input}
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
          />
        )}
      </FormField>
      {problem?.kind === 'form' && (
        <p key={attempt} className="notice notice--error" role="alert">
          {problem.message}
        </p>
      )}
      <RetryNotice countdown={countdown} />
      <div className="actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || waiting}
          aria-busy={busy}
        >
          {busy ? t('unlock.submitting') : t('unlock.submit')}
        </button>
        {person?.keychainUnlock === true && status.keychainAvailable && (
          <button type="button" className="button" disabled={busy} onClick={onKeychain}>
            {t('unlock.withKeychain')}
          </button>
        )}
      </div>
      <p>
        <button type="button" className="link-button" onClick={onForgot}>
          {t('unlock.forgot')}
        </button>
      </p>
    </form>
  );
}
