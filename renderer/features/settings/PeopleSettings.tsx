import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useSession } from '../../app/SessionProvider.tsx';
import { NewPersonForm, type NewPerson } from '../session/NewPersonForm.tsx';

/** Who can unlock SALW Field on this computer, and a form to add someone. */
export function PeopleSettings() {
  const { t } = useTranslation('session');
  const { status, applyStatus } = useSession();
  const titleId = useId();
  const addTitleId = useId();
  const [added, setAdded] = useState<string | null>(null);

  const addPerson = async (person: NewPerson) => {
    setAdded(null);
    const user = await api().addPerson(person);
    // main also pushes sessionChanged; reading the status here does not depend on that event.
    applyStatus(await api().getSession());
    setAdded(user.name);
  };

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('settings.peopleSection')}</h2>
      <p className="field__hint">{t('settings.peopleHint')}</p>
      <ul className="people-list" aria-labelledby={titleId} data-testid="people-list">
        {status.people.map((person) => (
          <li key={person.id} className="people-list__person">
            <span className="people-list__name">{person.label}</span>
            {person.id === status.currentUser?.id && (
              <span className="people-list__note">({t('settings.you')})</span>
            )}
            {person.keychainUnlock && (
              <span className="people-list__note">{t('settings.usesKeychain')}</span>
            )}
          </li>
        ))}
      </ul>
      <section className="subsection" aria-labelledby={addTitleId}>
        <h3 id={addTitleId}>{t('settings.addPersonTitle')}</h3>
        <NewPersonForm
          nameLabel={t('person.name')}
          passphraseHint={t('settings.addPersonPassphraseHint')}
          submitLabel={t('settings.addPerson')}
          submittingLabel={t('settings.addingPerson')}
          submit={addPerson}
          status={added === null ? null : t('settings.personAdded', { name: added })}
        />
      </section>
    </section>
  );
}
