import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/SessionProvider.tsx';
import { PasswordInput } from '../session/PasswordInput.tsx';
import type { SaveFailure } from './save.ts';

/** Failures that are about the passphrase typed to seal, shown at its field. */
const passphraseCodes: ReadonlySet<string> = new Set(['WRONG_PASSPHRASE', 'TOO_MANY_ATTEMPTS']);

/**
 * The end of a custody form: the signed-in person's passphrase, which seals the record with their
 * own key (nobody else signed in on the laptop can seal as them), what went wrong, save, and the
 * way back.
 */
export function FormFooter({
  failure,
  saveLabel,
  isSubmitting,
  cancelHref,
  passphrase,
  onPassphrase,
  passphraseMissing,
}: {
  failure: SaveFailure | null;
  saveLabel: string;
  isSubmitting: boolean;
  cancelHref: string;
  passphrase: string;
  onPassphrase: (value: string) => void;
  /** Saving was tried without it. */
  passphraseMissing: boolean;
}) {
  const { t } = useTranslation('custody');
  const user = useCurrentUser();
  const ids = { input: useId(), hint: useId(), error: useId(), heading: useId() };
  const passphraseFailure =
    failure !== null && failure.code !== null && passphraseCodes.has(failure.code)
      ? failure.text
      : passphraseMissing
        ? t('seal.required')
        : null;
  const otherFailure = failure !== null && passphraseFailure !== failure.text ? failure : null;
  const failureRef = useRef<HTMLDivElement>(null);
  // A refusal puts the focus where the person acts next: the passphrase when that was wrong,
  // otherwise what went wrong.
  useEffect(() => {
    if (failure === null) return;
    if (failure.code !== null && passphraseCodes.has(failure.code)) {
      document.getElementById(ids.input)?.focus();
    } else {
      failureRef.current?.focus();
    }
  }, [failure, ids.input]);
  return (
    <section className="card custody-footer" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('seal.heading')}</h2>
      <p className="field__hint">{t('form.sealedHint')}</p>
      <div className="field seal-passphrase">
        <label htmlFor={ids.input} className="field__label--required">
          {t('seal.passphrase', { name: user.name })}
        </label>
        <PasswordInput
          id={ids.input}
          value={passphrase}
          onChange={(event) => onPassphrase(event.target.value)}
          aria-invalid={passphraseFailure !== null}
          aria-describedby={[ids.hint, passphraseFailure === null ? null : ids.error]
            .filter((part) => part !== null)
            .join(' ')}
        />
        {passphraseFailure !== null && (
          <p id={ids.error} className="field__error" role="alert">
            {passphraseFailure}
          </p>
        )}
        <p id={ids.hint} className="field__hint">
          {t('seal.passphraseHint')}
        </p>
      </div>
      {otherFailure !== null && (
        <div
          className="notice notice--error"
          role="alert"
          data-testid="save-failure"
          ref={failureRef}
          tabIndex={-1}
        >
          <p>{otherFailure.text}</p>
          {otherFailure.detail !== null && (
            <p className="custody-footer__detail">{otherFailure.detail}</p>
          )}
        </div>
      )}
      <div className="actions">
        {/* aria-disabled, not disabled: a disabled button drops the focus to the page for the
            seconds a seal takes. A click (or Enter's implicit submit) meanwhile submits nothing. */}
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={isSubmitting}
          onClick={(event) => {
            if (isSubmitting) event.preventDefault();
          }}
        >
          {isSubmitting ? t('form.saving') : saveLabel}
        </button>
        <a className="button" href={cancelHref}>
          {t('form.cancel')}
        </a>
      </div>
    </section>
  );
}
