import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { userRoleValues, type UserRole } from '../../../shared/domain/enums.ts';
import type { Person } from '../../../shared/ipc/procedures/session.ts';
import { api } from '../../api.ts';
import { usePeopleFailureText } from './people-text.ts';

type Mode = 'idle' | 'role' | 'remove';

/** What happened, kept as data so it is said in the language chosen at the moment it is read. */
export type PeopleOutcome =
  | { readonly kind: 'roleChanged'; readonly name: string; readonly role: UserRole }
  | { readonly kind: 'removed'; readonly name: string };

/**
 * One person of this computer: name, role and notes, and for an administrator "Change role" and
 * "Remove", each opening in place (a role picker; a question with what removing means). Escape
 * or Cancel closes them and gives focus back to the button that opened them. Main checks every
 * change again; its refusals (the last administrator, oneself) are shown here in plain words.
 */
export function PersonRow({
  person,
  isYou,
  canManage,
  onChanged,
  onRemoved,
}: {
  person: Person;
  isYou: boolean;
  /** Only administrators see the controls; main refuses anyone else whatever is sent. */
  canManage: boolean;
  onChanged: (outcome: PeopleOutcome) => void;
  onRemoved: (outcome: PeopleOutcome) => void;
}) {
  const { t } = useTranslation('session');
  const failureText = usePeopleFailureText();
  const [mode, setMode] = useState<Mode>('idle');
  const [role, setRole] = useState<UserRole>(person.role);
  const [busy, setBusy] = useState(false);
  // The error itself, put into words at render, so switching the language re-words it too.
  const [failure, setFailure] = useState<unknown>(null);
  const changeButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const roleSelect = useRef<HTMLSelectElement>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const rolePanel = useRef<HTMLFormElement>(null);
  const removePanel = useRef<HTMLDivElement>(null);
  const lastOpened = useRef<Mode>('idle');
  const selectId = useId();
  const questionId = useId();
  const failureId = useId();

  // Focus follows what opened or closed, so a keyboard user never lands on the page's top.
  useEffect(() => {
    if (mode === 'role') roleSelect.current?.focus();
    else if (mode === 'remove') question.current?.focus();
    else if (lastOpened.current === 'role') changeButton.current?.focus();
    else if (lastOpened.current === 'remove') removeButton.current?.focus();
    if (mode !== 'idle') lastOpened.current = mode;
  }, [mode]);

  const open = (next: Mode) => {
    setFailure(null);
    setRole(person.role);
    setMode(next);
  };
  const close = () => {
    setFailure(null);
    setMode('idle');
  };
  // Escape anywhere in the open panel closes it, as Cancel does (the panel is not itself a
  // control, so it listens for the keys its select and buttons let bubble up).
  useEffect(() => {
    const element: HTMLElement | null = mode === 'role' ? rolePanel.current : removePanel.current;
    if (element === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || busy) return;
      event.stopPropagation();
      setFailure(null);
      setMode('idle');
    };
    element.addEventListener('keydown', onKey);
    return () => element.removeEventListener('keydown', onKey);
  }, [mode, busy]);

  const saveRole = async (event: FormEvent) => {
    event.preventDefault();
    if (role === person.role) return close();
    setBusy(true);
    setFailure(null);
    try {
      const changed = await api().changeRole({ userId: person.id, role });
      setMode('idle');
      onChanged({ kind: 'roleChanged', name: changed.name, role: changed.role });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await api().removePerson({ userId: person.id });
      onRemoved({ kind: 'removed', name: person.name });
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  const failureLine = failure !== null && (
    <p id={failureId} className="field__error" role="alert">
      {failureText(failure, person.name)}
    </p>
  );

  return (
    <li className="people-list__person" data-testid="person">
      <div className="people-list__who">
        <span className="people-list__name">{person.name}</span>
        {isYou && <span className="people-list__note">({t('settings.you')})</span>}
        <span className="people-list__role" data-testid="person-role">
          {t(`roles.${person.role}`)}
        </span>
        {person.roleSetByCentreAt !== null && (
          <span className="people-list__note" data-testid="person-role-by-centre">
            {t('settings.roleSetByCentre')}
          </span>
        )}
        {person.deactivatedAt !== null && (
          <span className="people-list__note" data-testid="person-deactivated">
            {t('settings.deactivatedByCentre')}
          </span>
        )}
        {person.keychainUnlock && (
          <span className="people-list__note">{t('settings.usesKeychain')}</span>
        )}
      </div>
      {canManage && mode === 'idle' && (
        <div className="people-list__actions">
          {/* A role the centre set is changed there (main refuses it here as well). */}
          {person.roleSetByCentreAt === null && (
            <button
              ref={changeButton}
              type="button"
              className="button people-list__button"
              aria-label={t('people.changeRoleLabel', { name: person.name })}
              onClick={() => open('role')}
            >
              {t('people.changeRole')}
            </button>
          )}
          {!isYou && (
            <button
              ref={removeButton}
              type="button"
              className="button people-list__button people-list__button--remove"
              aria-label={t('people.removeLabel', { name: person.name })}
              onClick={() => open('remove')}
            >
              {t('people.remove')}
            </button>
          )}
        </div>
      )}
      {mode === 'role' && (
        <form
          ref={rolePanel}
          className="people-list__panel"
          onSubmit={(event) => void saveRole(event)}
          noValidate
        >
          <div className="field">
            <label htmlFor={selectId}>{t('people.newRole', { name: person.name })}</label>
            <select
              ref={roleSelect}
              id={selectId}
              value={role}
              aria-describedby={failure === null ? undefined : failureId}
              onChange={(event) => setRole(event.target.value as UserRole)}
            >
              {userRoleValues.map((value) => (
                <option key={value} value={value}>
                  {t(`roles.${value}`)}
                </option>
              ))}
            </select>
          </div>
          {failureLine}
          <div className="actions">
            <button
              type="submit"
              className="button button--primary"
              disabled={busy}
              aria-busy={busy}
            >
              {busy ? t('people.savingRole') : t('people.saveRole')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={close}>
              {t('people.cancel')}
            </button>
          </div>
        </form>
      )}
      {mode === 'remove' && (
        <div
          className="people-list__panel people-list__panel--remove"
          role="group"
          aria-labelledby={questionId}
          ref={removePanel}
        >
          <p id={questionId} ref={question} tabIndex={-1} className="people-list__question">
            {t('people.removeQuestion', { name: person.name })}
          </p>
          <p className="field__hint">{t('people.removeExplain')}</p>
          {failureLine}
          <div className="actions">
            <button
              type="button"
              className="button people-list__button--remove-confirm"
              disabled={busy}
              aria-busy={busy}
              onClick={() => void remove()}
            >
              {busy ? t('people.removing') : t('people.confirmRemove', { name: person.name })}
            </button>
            <button type="button" className="button" disabled={busy} onClick={close}>
              {t('people.cancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
