import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reviewStateValues, type ReviewState } from '../../../shared/domain/record-review.ts';
import type { RecordReviewView } from '../../../shared/ipc/procedures/reviews.ts';
import { api } from '../../api.ts';
import { useSyncGeneration } from '../../app/SyncProvider.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useFormatters } from '../records/format.ts';
import { ReviewStandingBadge } from './ReviewStandingBadge.tsx';
import { useReviewRights } from './use-review-rights.ts';
import './review.css';

/**
 * The review of a final record on its page: where it stands, the current comment and who set it,
 * every state it had, and (for team leads and administrators) the form to review it.
 */
export function ReviewPanel({ recordId }: { recordId: string }) {
  const { t } = useTranslation('review');
  const format = useFormatters();
  const mayReview = useReviewRights();
  const syncGeneration = useSyncGeneration();
  const [view, setView] = useState<RecordReviewView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [state, setState] = useState<ReviewState>('approved');
  const [comment, setComment] = useState('');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const ids = { heading: useId(), comment: useId(), hint: useId(), history: useId() };

  useEffect(() => {
    let live = true;
    api()
      .getRecordReview({ recordId })
      .then(
        (answer) => live && setView(answer),
        (caught: unknown) => live && setError(caught),
      );
    return () => {
      live = false;
    };
  }, [recordId, syncGeneration]);

  const submit = async () => {
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      const trimmed = comment.trim();
      const answer = await api().reviewRecords({
        recordIds: [recordId],
        state,
        ...(trimmed === '' ? {} : { comment: trimmed }),
      });
      setView(answer.reviews[0] ?? null);
      setComment('');
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card review-panel" aria-labelledby={ids.heading}>
      <div className="review-panel__head">
        <h2 id={ids.heading}>{t('panel.title')}</h2>
        {view !== null && <ReviewStandingBadge standing={view.standing} />}
      </div>
      {view?.review !== null && view?.review !== undefined && (
        <p className="review-panel__current">
          {view.review.comment !== undefined && (
            <span className="review-panel__comment">{view.review.comment}</span>
          )}
          <span className="muted">
            {t('panel.by', {
              name: view.reviewer?.name ?? '',
              when: format.dateTime(view.review.reviewedAt),
            })}
          </span>
        </p>
      )}
      {view?.standing === 'answered' && <p className="field__hint">{t('panel.answeredHint')}</p>}

      {mayReview && (
        <form
          className="review-panel__form"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <fieldset className="review-panel__states">
            <legend>{t('panel.decision')}</legend>
            {reviewStateValues.map((value) => (
              <label key={value} className="radio">
                <input
                  type="radio"
                  name="review-state"
                  value={value}
                  checked={state === value}
                  onChange={() => setState(value)}
                />
                {t(`state.${value}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={ids.comment}>{t('panel.comment')}</label>
            <textarea
              id={ids.comment}
              rows={3}
              value={comment}
              required={state === 'has_issues'}
              aria-describedby={ids.hint}
              onChange={(event) => setComment(event.target.value)}
            />
            <p id={ids.hint} className="field__hint">
              {t('panel.commentHint')}
            </p>
          </div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('panel.save')}
          </button>
          {saved && (
            <p role="status" className="review-panel__saved">
              {t('panel.saved')}
            </p>
          )}
        </form>
      )}
      {error !== null && <ErrorMessage error={error} />}

      <h3 id={ids.history}>{t('panel.history')}</h3>
      {view !== null && view.history.length === 0 && (
        <p className="field__hint">{t('panel.noHistory')}</p>
      )}
      {view !== null && view.history.length > 0 && (
        <ol className="review-history" aria-labelledby={ids.history}>
          {view.history.map((entry, index) => (
            <li key={`${index}:${entry.reviewedAt}`}>
              <ReviewStandingBadge standing={entry.state} />{' '}
              {t('panel.by', {
                name: entry.reviewer.name,
                when: format.dateTime(entry.reviewedAt),
              })}
              {entry.received && <span className="muted"> ({t('panel.received')})</span>}
              {entry.comment !== null && <p className="review-history__comment">{entry.comment}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
