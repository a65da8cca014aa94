import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Removing an item or a marking takes a second click, naming what goes. */
export function ConfirmRemove({
  label,
  question,
  onRemove,
}: {
  label: string;
  question: string;
  onRemove: () => void;
}) {
  const { t } = useTranslation('records');
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button--small" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button type="button" className="button button--small button--danger" onClick={onRemove}>
        {t('editor.remove')}
      </button>
      <button type="button" className="button button--small" onClick={() => setAsking(false)}>
        {t('editor.keep')}
      </button>
    </span>
  );
}
