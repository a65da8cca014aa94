import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AccountListSchema,
  consoleRoutes,
  InviteResponseSchema,
  OkResponseSchema,
  type AccountListEntry,
  type InviteResponse,
} from '../../../shared/console/api.ts';
import { ConsoleRoleSchema, consoleRoles } from '../../../shared/console/roles.ts';
import { languageInfo } from '../../../shared/i18n/languages.ts';
import { LanguageSchema, supportedLanguages } from '../../../shared/settings/settings.ts';
import { useDocumentLanguage } from '../../../renderer/components/DocumentLanguageSelect.tsx';
import { consoleApi } from '../api-client.ts';
import { useConsoleSession } from '../app/session-context.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { timeText } from '../parts/time-text.ts';
import { useLoad } from '../parts/use-load.ts';
import { useSubmit } from '../parts/use-submit.ts';

/** Administrators: invite people, change their role, disable or enable their account. */
export function AccountsPage() {
  const { t, i18n } = useTranslation();
  const { session } = useConsoleSession();
  const id = useId();
  const load = useCallback(
    async () => (await consoleApi.get(consoleRoutes.accounts, AccountListSchema)).accounts,
    [],
  );
  const { data, error, reload } = useLoad(load);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<(typeof consoleRoles)[number]>('viewer');
  // The mail speaks the console's language unless the administrator picks the invitee's.
  const [language, setLanguage] = useDocumentLanguage();
  const [invited, setInvited] = useState<InviteResponse | null>(null);
  const invite = useSubmit();
  const change = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void invite.run(async () => {
      setInvited(
        await consoleApi.post(consoleRoutes.invite, InviteResponseSchema, {
          email,
          role,
          language,
        }),
      );
      setEmail('');
      reload();
    });
  };
  const act = (path: string, body: unknown) =>
    void change.run(async () => {
      await consoleApi.post(path, OkResponseSchema, body);
      reload();
    });
  const when = (iso: string | null) => timeText(i18n.language, iso, t('accounts.never'));
  const statusText = (account: AccountListEntry) =>
    account.status === 'invited'
      ? t('accounts.statusInvited')
      : account.status === 'active'
        ? t('accounts.statusActive')
        : t('accounts.statusDisabled');

  return (
    <>
      <h1>{t('accounts.title')}</h1>
      <section className="card console-section" aria-labelledby={`${id}-invite`}>
        <h2 id={`${id}-invite`}>{t('accounts.inviteTitle')}</h2>
        <p>{t('accounts.roles')}</p>
        <ErrorNotice error={invite.error} />
        {invited !== null && (
          <p className="notice" role="status">
            {t(invited.mailed ? 'accounts.invited' : 'accounts.invitedToLog', {
              email: invited.email,
              time: when(invited.expiresAt),
            })}
          </p>
        )}
        <form className="console-inline-form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('accounts.email')}</label>
            <input
              id={`${id}-email`}
              type="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-role`}>{t('accounts.role')}</label>
            <select
              id={`${id}-role`}
              value={role}
              onChange={(event) => setRole(ConsoleRoleSchema.parse(event.target.value))}
            >
              {consoleRoles.map((value) => (
                <option key={value} value={value}>
                  {t(`role.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-language`}>{t('accounts.mailLanguage')}</label>
            <select
              id={`${id}-language`}
              value={language}
              onChange={(event) => setLanguage(LanguageSchema.parse(event.target.value))}
            >
              {supportedLanguages.map((value) => (
                <option key={value} value={value} lang={value}>
                  {languageInfo[value].nativeName}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--primary" disabled={invite.busy}>
            {t('accounts.invite')}
          </button>
        </form>
      </section>
      <ErrorNotice error={error ?? change.error} />
      {data !== null && data.length === 0 && <p>{t('accounts.none')}</p>}
      {data !== null && data.length > 0 && (
        <div className="console-table-wrap">
          <table className="console-table">
            <thead>
              <tr>
                <th scope="col">{t('accounts.email')}</th>
                <th scope="col">{t('accounts.name')}</th>
                <th scope="col">{t('accounts.role')}</th>
                <th scope="col">{t('accounts.status')}</th>
                <th scope="col">{t('accounts.lastSignIn')}</th>
                <th scope="col">{t('accounts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((account) => {
                const isMe = account.id === session.account.id;
                return (
                  <tr key={account.id}>
                    <td>
                      {account.email} {isMe && t('accounts.you')}
                    </td>
                    <td>{account.name}</td>
                    <td>
                      <select
                        aria-label={t('accounts.changeRole', { email: account.email })}
                        value={account.role}
                        disabled={change.busy}
                        onChange={(event) =>
                          act(consoleRoutes.accountRole(account.id), {
                            role: ConsoleRoleSchema.parse(event.target.value),
                          })
                        }
                      >
                        {consoleRoles.map((value) => (
                          <option key={value} value={value}>
                            {t(`role.${value}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{statusText(account)}</td>
                    <td>{when(account.lastSignInAt)}</td>
                    <td>
                      {/* Nobody disables their own account from here (they would be locked out). */}
                      {!isMe && (
                        <button
                          type="button"
                          className="button"
                          disabled={change.busy}
                          onClick={() =>
                            act(consoleRoutes.accountDisabled(account.id), {
                              disabled: account.status !== 'disabled',
                            })
                          }
                        >
                          {account.status === 'disabled'
                            ? t('accounts.enable')
                            : t('accounts.disable')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
