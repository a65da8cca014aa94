import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../shared/ipc/procedures/session.ts';

/** Who is unlocking: one radio per person on this computer. */
export function PersonChoice({
  people,
  value,
  onChange,
  error,
}: {
  people: SessionStatus['people'];
  value: string | null;
  onChange: (userId: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation('session');
  const name = useId();
  const errorId = useId();
  return (
    <fieldset
      className="people-choice"
      aria-describedby={error === undefined ? undefined : errorId}
    >
      <legend>{t('unlock.whoIsUnlocking')}</legend>
      <div className="people-choice__list">
        {people.map((person) => (
          <label key={person.id} className="choice people-choice__person">
            <input
              type="radio"
              name={name}
              value={person.id}
              checked={value === person.id}
              onChange={() => onChange(person.id)}
            />
            {person.label}
          </label>
        ))}
      </div>
      {error !== undefined && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
