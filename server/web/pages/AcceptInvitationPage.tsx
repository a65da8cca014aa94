import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleRoutes, type ConsoleSession } from '../../../shared/console/api.ts';
import { consoleApi } from '../api-client.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { GatePanel } from '../parts/GatePanel.tsx';
import { PasswordRequirements } from '../parts/PasswordRequirements.tsx';
import { useSubmit } from '../parts/use-submit.ts';

/** The invited person's first visit: the code from the mail, a name and a password. */
export function AcceptInvitationPage({
  onSignedIn,
}: {
  onSignedIn: (session: ConsoleSession) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      onSignedIn(
        await consoleApi.openSession(consoleRoutes.acceptInvitation, { code, name, password }),
      );
    });
  };
  return (
    <GatePanel title={t('accept.title')}>
      <p>{t('accept.intro')}</p>
      <ErrorNotice error={error} />
      <form className="stack" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('accept.code')}</label>
          <input
            id={`${id}-code`}
            type="text"
            autoComplete="one-time-code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            aria-describedby={`${id}-code-hint`}
            required
          />
          <p className="field__hint" id={`${id}-code-hint`}>
            {t('accept.codeHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('accept.name')}</label>
          <input
            id={`${id}-name`}
            type="text"
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('accept.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-describedby={`${id}-requirements`}
            required
          />
          <PasswordRequirements password={password} id={`${id}-requirements`} />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('accept.submit')}
          </button>
        </div>
      </form>
      <p className="console-links">
        <a href="#/sign-in">{t('accept.backToSignIn')}</a>
      </p>
    </GatePanel>
  );
}
