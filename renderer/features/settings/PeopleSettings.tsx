import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../shared/ipc/procedures/session.ts';
import { api } from '../../api.ts';
import { useCurrentUser, useSession } from '../../app/SessionProvider.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { NewPersonForm, type NewPerson } from '../session/NewPersonForm.tsx';
import { PersonRow, type PeopleOutcome } from './PersonRow.tsx';
import { RecoveryCodeSettings } from './RecoveryCodeSettings.tsx';

/**
 * Who can unlock SALW Field on this computer, with their roles. An administrator also adds
 * people, changes roles, removes people and makes a new recovery code; everyone else sees the
 * list only (the controls are not rendered), and main refuses a forged call with FORBIDDEN.
 */
export function PeopleSettings() {
  const { t } = useTranslation('session');
  const { status } = useSession();
  const me = useCurrentUser();
  const isAdministrator = me.role === 'administrator';
  const titleId = useId();
  const addTitleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [people, setPeople] = useState<Person[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<PeopleOutcome | null>(null);

  const [version, setVersion] = useState(0);
  const reload = () => setVersion((count) => count + 1);

  // Main pushes sessionChanged after every change to people (here or in another window), and
  // the new status object brings the list up to date; so does each change made here.
  useEffect(() => {
    let live = true;
    api()
      .listPeople()
      .then(
        (list) => {
          if (!live) return;
          setPeople(list);
          setLoadError(null);
        },
        (error: unknown) => live && setLoadError(error),
      );
    return () => {
      live = false;
    };
  }, [status, version]);

  const addPerson = async (person: NewPerson) => {
    setAdded(null);
    setOutcome(null);
    const user = await api().addPerson(person);
    reload();
    setAdded(user.name);
  };

  const changed = (next: PeopleOutcome) => {
    setAdded(null);
    setOutcome(next);
    reload();
  };

  const removed = (next: PeopleOutcome) => {
    setAdded(null);
    setOutcome(next);
    reload();
    // The row and its buttons are gone: focus goes back to the list's heading.
    heading.current?.focus();
  };

  return (
    <>
      <section className="card" aria-labelledby={titleId}>
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {t('settings.peopleSection')}
        </h2>
        <p className="field__hint">
          {isAdministrator ? t('settings.peopleHint') : t('people.onlyAdministrators')}
        </p>
        {loadError !== null && <ErrorMessage error={loadError} />}
        {people === null && loadError === null && (
          <p className="field__hint" role="status">
            {t('people.loading')}
          </p>
        )}
        {people !== null && (
          <ul className="people-list" aria-labelledby={titleId} data-testid="people-list">
            {people.map((person) => (
              <PersonRow
                key={person.id}
                person={person}
                isYou={person.id === me.id}
                canManage={isAdministrator}
                onChanged={changed}
                onRemoved={removed}
              />
            ))}
          </ul>
        )}
        <p className="people-status" role="status" data-testid="people-status">
          {outcome?.kind === 'roleChanged' &&
            t('people.roleChanged', { name: outcome.name, role: t(`roles.${outcome.role}`) })}
          {outcome?.kind === 'removed' && t('people.removed', { name: outcome.name })}
        </p>
        {isAdministrator && (
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
        )}
      </section>
      {isAdministrator && <RecoveryCodeSettings />}
    </>
  );
}
