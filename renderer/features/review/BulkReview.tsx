import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reviewStateValues, type ReviewState } from '../../../shared/domain/record-review.ts';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import './review.css';

/**
 * Bulk review from the records list: the selected final records all get one state (and one
 * comment), in one transaction in main. Shown to team leads and administrators only.
 */
export function BulkReview({
  selected,
  onDone,
  onClear,
}: {
  selected: readonly string[];
  onDone: (count: number) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation('review');
  const [state, setState] = useState<ReviewState>('approved');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ids = { state: useId(), comment: useId(), heading: useId() };
  if (selected.length === 0) return null;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const trimmed = comment.trim();
      await api().reviewRecords({
        recordIds: [...selected],
        state,
        ...(trimmed === '' ? {} : { comment: trimmed }),
      });
      setComment('');
      onDone(selected.length);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card bulk-review"
      aria-labelledby={ids.heading}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id={ids.heading} className="results__count">
        {t('bulk.selected', { count: selected.length })}
      </h2>
      <div className="field">
        <label htmlFor={ids.state}>{t('panel.decision')}</label>
        <select
          id={ids.state}
          value={state}
          onChange={(event) =>
            setState(reviewStateValues.find((value) => value === event.target.value) ?? 'approved')
          }
        >
          {reviewStateValues.map((value) => (
            <option key={value} value={value}>
              {t(`state.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.comment}>{t('panel.comment')}</label>
        <input
          id={ids.comment}
          type="text"
          value={comment}
          required={state === 'has_issues'}
          onChange={(event) => setComment(event.target.value)}
        />
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('bulk.apply')}
      </button>
      <button type="button" className="button" onClick={onClear}>
        {t('bulk.clear')}
      </button>
      {error !== null && <ErrorMessage error={error} />}
    </form>
  );
}
