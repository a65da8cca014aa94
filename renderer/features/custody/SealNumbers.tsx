import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIssueText } from './fields.tsx';

/**
 * The seal or container numbers put on the items for the journey: typed or scanned one at a
 * time (Enter adds one, as a scanner ends with Enter), each removable.
 */
export function SealNumbers({
  value,
  onChange,
  error,
}: {
  value: readonly string[];
  onChange: (value: string[]) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation('custody');
  const issueText = useIssueText();
  const [text, setText] = useState('');
  const ids = { input: useId(), hint: useId(), error: useId(), list: useId() };
  const add = () => {
    const seal = text.trim();
    if (seal === '') return;
    if (!value.includes(seal)) onChange([...value, seal]);
    setText('');
  };
  return (
    <div className="field seals">
      <label htmlFor={ids.input}>{t('form.sealNumbers')}</label>
      <div className="input-with-button">
        <input
          id={ids.input}
          type="text"
          className="input--mono"
          autoComplete="off"
          spellCheck={false}
          value={text}
          aria-invalid={error !== undefined}
          aria-describedby={[ids.hint, error === undefined ? null : ids.error]
            .filter((part) => part !== null)
            .join(' ')}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            add();
          }}
        />
        <button type="button" className="button button--small" onClick={add}>
          {t('form.addSeal')}
        </button>
      </div>
      <p id={ids.hint} className="field__hint">
        {t('form.sealHint')}
      </p>
      {error !== undefined && (
        <p id={ids.error} className="field__error" role="alert">
          {issueText(error)}
        </p>
      )}
      {value.length > 0 && (
        <ul className="seals__list" aria-label={t('form.sealList', { count: value.length })}>
          {value.map((seal) => (
            <li key={seal}>
              <span className="mono">{seal}</span>
              <button
                type="button"
                className="button button--small"
                aria-label={t('form.removeSeal', { seal })}
                onClick={() => onChange(value.filter((other) => other !== seal))}
              >
                {t('form.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
