import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleRoutes, OkResponseSchema } from '../../../shared/console/api.ts';
import { consoleApi } from '../api-client.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { GatePanel } from '../parts/GatePanel.tsx';
import { PasswordRequirements } from '../parts/PasswordRequirements.tsx';
import { useSubmit } from '../parts/use-submit.ts';

/** Asking for a reset code by mail, then setting a new password with it. */
export function ResetPasswordPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const request = useSubmit();
  const complete = useSubmit();
  const ask = (event: FormEvent) => {
    event.preventDefault();
    void request.run(async () => {
      // The mail in the language this page speaks: the person reads it as they read the page.
      await consoleApi.post(consoleRoutes.requestPasswordReset, OkResponseSchema, {
        email,
        language: i18n.language,
      });
      setSent(true);
    });
  };
  const set = (event: FormEvent) => {
    event.preventDefault();
    void complete.run(async () => {
      await consoleApi.post(consoleRoutes.completePasswordReset, OkResponseSchema, {
        code,
        password,
      });
      setDone(true);
    });
  };
  if (done) {
    return (
      <GatePanel title={t('reset.title')}>
        <p className="notice" role="status">
          {t('reset.done')}
        </p>
        <p className="console-links">
          <a href="#/sign-in">{t('reset.backToSignIn')}</a>
        </p>
      </GatePanel>
    );
  }
  return (
    <GatePanel title={t('reset.title')}>
      <form className="stack console-section" onSubmit={ask} noValidate>
        <p>{t('reset.requestIntro')}</p>
        <ErrorNotice error={request.error} />
        {sent && (
          <p className="notice" role="status">
            {t('reset.sent')}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('reset.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={request.busy}>
            {t('reset.send')}
          </button>
        </div>
      </form>
      <form className="stack" onSubmit={set} noValidate>
        <p>{t('reset.completeIntro')}</p>
        <ErrorNotice error={complete.error} />
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('reset.code')}</label>
          <input
            id={`${id}-code`}
            type="text"
            autoComplete="one-time-code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('reset.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-describedby={`${id}-requirements`}
          />
          <PasswordRequirements password={password} id={`${id}-requirements`} />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={complete.busy}>
            {t('reset.submit')}
          </button>
        </div>
      </form>
      <p className="console-links">
        <a href="#/sign-in">{t('reset.backToSignIn')}</a>
      </p>
    </GatePanel>
  );
}
