import { useTranslation } from 'react-i18next';
import { passphraseProblems, passphraseProblemValues } from '../../../shared/domain/people.ts';

/**
 * Every requirement of a console password, ticked off live as the person types (the same rule
 * the server checks: passphraseProblems in shared/domain/people.ts).
 */
export function PasswordRequirements({ password, id }: { password: string; id: string }) {
  const { t } = useTranslation();
  const missing = new Set(passphraseProblems(password));
  return (
    <div id={id} className="console-requirements">
      <p>{t('password.requirements')}</p>
      <ul>
        {passphraseProblemValues.map((problem) => {
          const met = !missing.has(problem);
          return (
            <li key={problem} className={met ? 'is-met' : 'is-missing'}>
              <span aria-hidden="true" className="console-requirements__mark" />{' '}
              {t(`password.${problem}`)}
              <span className="visually-hidden">
                {' '}
                ({met ? t('password.met') : t('password.missing')})
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
