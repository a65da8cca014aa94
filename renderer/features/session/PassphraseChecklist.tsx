import { useTranslation } from 'react-i18next';
import {
  minPassphraseLength,
  passphraseProblemValues,
  passphraseProblems,
} from '../../../shared/domain/people.ts';

/**
 * The passphrase policy as a checklist that ticks itself off while the person types. The list is
 * static for screen readers (each item says whether it is met); only the short summary below it
 * is a polite live region, so typing is not drowned in announcements.
 */
export function PassphraseChecklist({ id, value }: { id: string; value: string }) {
  const { t } = useTranslation('session');
  const problems = passphraseProblems(value);
  const total = passphraseProblemValues.length;
  return (
    <div id={id} className="checklist">
      <p className="checklist__title">{t('passphrase.requirementsTitle')}</p>
      <ul className="checklist__items">
        {passphraseProblemValues.map((requirement) => {
          const met = !problems.includes(requirement);
          return (
            <li
              key={requirement}
              className={met ? 'checklist__item checklist__item--met' : 'checklist__item'}
              data-requirement={requirement}
              data-met={met}
            >
              {t(`passphrase.requirements.${requirement}`, { min: minPassphraseLength })}
              <span className="visually-hidden">
                {' — '}
                {met ? t('passphrase.met') : t('passphrase.notMet')}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="checklist__summary" aria-live="polite">
        {problems.length === 0
          ? t('passphrase.allMet')
          : t('passphrase.progress', { met: total - problems.length, total })}
      </p>
    </div>
  );
}
