import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleRoutes, type ConsoleSession } from '../../../shared/console/api.ts';
import { consoleApi } from '../api-client.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { GatePanel } from '../parts/GatePanel.tsx';
import { useSubmit } from '../parts/use-submit.ts';

export function SignInPage({
  onSignedIn,
  sessionEnded,
}: {
  onSignedIn: (session: ConsoleSession) => void;
  sessionEnded: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      onSignedIn(await consoleApi.openSession(consoleRoutes.signIn, { email, password }));
    });
  };
  return (
    <GatePanel title={t('signIn.title')}>
      {sessionEnded && error === null && (
        <p className="notice" role="status">
          {t('session.ended')}
        </p>
      )}
      <ErrorNotice error={error} />
      <form className="stack" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('signIn.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('signIn.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('signIn.submit')}
          </button>
        </div>
      </form>
      <p className="console-links">
        <a href="#/reset">{t('signIn.forgot')}</a>
        <a href="#/accept">{t('signIn.haveCode')}</a>
      </p>
    </GatePanel>
  );
}
