import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  reviewableEntities,
  ReviewQueueSchema,
  ReviewRecordDetailSchema,
  ReviewResponseSchema,
  reviewRoutes,
  type ReviewResponse,
} from '../../../shared/console/review-api.ts';
import {
  reviewFilterValues,
  type ReviewFilter,
  type ReviewState,
} from '../../../shared/domain/record-review.ts';
import { DateField } from '../../../renderer/components/DateField.tsx';
import { consoleApi } from '../api-client.ts';
import { useMay } from '../app/session-context.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { useFieldName } from '../parts/field-names.ts';
import { FieldValue } from '../parts/FieldValue.tsx';
import { timeText } from '../parts/time-text.ts';
import { useLoad } from '../parts/use-load.ts';
import { useSubmit } from '../parts/use-submit.ts';

interface Filters {
  standing: ReviewFilter;
  entity: string;
  teamId: string;
  placeId: string;
  from: string;
  to: string;
}

const fromKey = 'from';
const toKey = 'to';
const dayKeys: ReadonlySet<string> = new Set([fromKey, toKey]);
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

const noFilters: Filters = {
  standing: 'not_reviewed',
  entity: '',
  teamId: '',
  placeId: '',
  from: '',
  to: '',
};

/** What a reviewer reads first: what, when and where, then the items, then the bookkeeping. */
const readingOrder = [
  'recordNumber',
  'context',
  'occurredAt',
  'occurredTime',
  'locationId',
  'coordinates',
  'recordingAgency',
  'recordingOfficer',
  'agencyCaseRef',
  'campaignId',
  'notes',
  'weapons',
  'parts',
  'ammunition',
  'explosives',
  'items',
];

/**
 * Bookkeeping a reviewer does not judge: the record's id (the queue row is the record) and the
 * laptop's own count of its saves (the server's revision is in the record's history).
 */
const notForReview: ReadonlySet<string> = new Set(['id', 'revision']);

/** Stored fields (in the server's arbitrary JSON key order) in reading order, the rest by name. */
function fieldsInReadingOrder(fields: Readonly<Record<string, unknown>>): [string, unknown][] {
  const rank = (key: string) => {
    const index = readingOrder.indexOf(key);
    return index === -1 ? readingOrder.length : index;
  };
  return Object.entries(fields)
    .filter(([key]) => !notForReview.has(key))
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Final records by review standing, filtered by type, team, place and the day they arrived;
 * reviewers and administrators approve, mark "has issues" (with a comment) or reject, one record
 * or the selected rows. The review reaches the laptops at their next sync.
 */
export function ReviewPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const mayReview = useMay('records.review');
  const fieldName = useFieldName();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [answer, setAnswer] = useState<ReviewResponse | null>(null);
  const review = useSubmit();
  const load = useCallback(() => {
    // A day not typed in full yet filters nothing: the queue is not refused for it.
    const query = new URLSearchParams(
      Object.entries(filters).filter(
        ([key, value]) => value !== '' && (!dayKeys.has(key) || isoDay.test(value)),
      ),
    );
    return consoleApi.get(`${reviewRoutes.queue}?${query.toString()}`, ReviewQueueSchema);
  }, [filters]);
  const { data, error, reload } = useLoad(load);
  const loadDetail = useCallback(
    async () =>
      open === null ? null : consoleApi.get(reviewRoutes.record(open), ReviewRecordDetailSchema),
    [open],
  );
  const detail = useLoad(loadDetail);
  const openPlaceName = detail.data?.row.placeName ?? null;
  const when = (iso: string) => timeText(i18n.language, iso, '');
  const set = (key: keyof Filters) => (value: string) => {
    setFilters((current) => ({ ...current, [key]: value }));
    setSelected(new Set());
  };
  // What the field holds, a day or text that is not one yet (kept on screen, never dropped).
  const setDay = (key: 'from' | 'to', value: string | undefined) => set(key)(value ?? '');
  const rows = data?.rows ?? [];
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const toggle = (recordId: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(recordId)) next.delete(recordId);
      else next.add(recordId);
      return next;
    });

  const decide = (state: ReviewState, recordIds: readonly string[]) => {
    if (recordIds.length === 0) return;
    void review.run(async () => {
      const result = await consoleApi.post(reviewRoutes.review, ReviewResponseSchema, {
        recordIds,
        state,
        ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
      });
      setAnswer(result);
      setSelected(new Set());
      setComment('');
      reload();
      detail.reload();
    });
  };
  const onSubmit = (event: FormEvent) => event.preventDefault();
  const applied = answer?.results.filter((result) => result.outcome === 'applied').length ?? 0;
  const notApplied = (answer?.results.length ?? 0) - applied;
  const targets = selected.size > 0 ? [...selected] : open === null ? [] : [open];

  return (
    <>
      <h1>{t('review.title')}</h1>
      <p>{t('review.intro')}</p>
      <form className="console-filters" onSubmit={onSubmit} aria-label={t('review.filters')}>
        <div className="field">
          <label htmlFor={`${id}-standing`}>{t('review.standing')}</label>
          <select
            id={`${id}-standing`}
            value={filters.standing}
            onChange={(event) => set('standing')(event.target.value)}
          >
            {reviewFilterValues.map((value) => (
              <option key={value} value={value}>
                {t(`review.standings.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-entity`}>{t('review.type')}</label>
          <select
            id={`${id}-entity`}
            value={filters.entity}
            onChange={(event) => set('entity')(event.target.value)}
          >
            <option value="">{t('review.anyType')}</option>
            {reviewableEntities.map((entity) => (
              <option key={entity} value={entity}>
                {t(`review.entities.${entity}`, { defaultValue: entity })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-team`}>{t('review.team')}</label>
          <select
            id={`${id}-team`}
            value={filters.teamId}
            onChange={(event) => set('teamId')(event.target.value)}
          >
            <option value="">{t('review.anyTeam')}</option>
            {(data?.teams ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-place`}>{t('review.place')}</label>
          <select
            id={`${id}-place`}
            value={filters.placeId}
            onChange={(event) => set('placeId')(event.target.value)}
          >
            <option value="">{t('review.anyPlace')}</option>
            {(data?.places ?? []).map((place) => (
              <option key={place.id} value={place.id}>
                {place.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('review.from')}</label>
          <DateField
            id={`${id}-from`}
            value={filters.from}
            onChange={(value) => setDay(fromKey, value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('review.to')}</label>
          <DateField
            id={`${id}-to`}
            value={filters.to}
            onChange={(value) => setDay(toKey, value)}
          />
        </div>
      </form>

      <ErrorNotice error={error ?? review.error} />
      {answer !== null && (
        <p className="notice" role="status">
          {t('review.done', { count: applied })}
          {notApplied > 0 && ` ${t('review.notDone', { count: notApplied })}`}
        </p>
      )}

      {mayReview && (
        <section className="card console-section" aria-labelledby={`${id}-decide`}>
          <h2 id={`${id}-decide`}>{t('review.decideTitle', { count: targets.length })}</h2>
          <div className="field">
            <label htmlFor={`${id}-comment`}>{t('review.comment')}</label>
            <textarea
              id={`${id}-comment`}
              value={comment}
              rows={2}
              maxLength={2000}
              onChange={(event) => setComment(event.target.value)}
              aria-describedby={`${id}-comment-hint`}
            />
            <p className="field__hint" id={`${id}-comment-hint`}>
              {t('review.commentHint')}
            </p>
          </div>
          <div className="console-links">
            <button
              type="button"
              className="button button--primary"
              disabled={review.busy || targets.length === 0}
              onClick={() => decide('approved', targets)}
            >
              {t('review.approve')}
            </button>
            <button
              type="button"
              className="button"
              disabled={review.busy || targets.length === 0 || comment.trim() === ''}
              onClick={() => decide('has_issues', targets)}
            >
              {t('review.hasIssues')}
            </button>
            <button
              type="button"
              className="button"
              disabled={review.busy || targets.length === 0}
              onClick={() => {
                if (window.confirm(t('review.confirmReject', { count: targets.length })))
                  decide('rejected', targets);
              }}
            >
              {t('review.reject')}
            </button>
          </div>
        </section>
      )}

      <h2>{t('review.records')}</h2>
      {data !== null && rows.length === 0 && <p>{t('review.none')}</p>}
      {rows.length > 0 && (
        <div className="console-table-wrap">
          <table className="console-table" data-testid="review-queue">
            <thead>
              <tr>
                {mayReview && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('review.selectAll')}
                      checked={allSelected}
                      onChange={() =>
                        setSelected(allSelected ? new Set() : new Set(rows.map((row) => row.id)))
                      }
                    />
                  </td>
                )}
                <th scope="col">{t('review.type')}</th>
                <th scope="col">{t('review.record')}</th>
                <th scope="col">{t('review.place')}</th>
                <th scope="col">{t('review.received')}</th>
                <th scope="col">{t('review.standing')}</th>
                <th scope="col">{t('review.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const name = row.label ?? row.id.slice(0, 8);
                return (
                  <tr key={row.id} aria-selected={open === row.id}>
                    {mayReview && (
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('review.select', { name })}
                          checked={selected.has(row.id)}
                          onChange={() => toggle(row.id)}
                        />
                      </td>
                    )}
                    <td>{t(`review.entities.${row.entity}`, { defaultValue: row.entity })}</td>
                    <th scope="row">
                      <button
                        type="button"
                        className="console-link"
                        onClick={() => setOpen(row.id)}
                      >
                        {name}
                      </button>
                    </th>
                    <td>{row.placeName ?? '—'}</td>
                    <td>{when(row.receivedAt)}</td>
                    <td>{t(`review.standings.${row.standing}`)}</td>
                    <td className="console-wrap">{row.comment ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data?.more === true && <p>{t('review.more')}</p>}

      {open !== null && (
        <section className="card console-section" aria-labelledby={`${id}-detail`}>
          <h2 id={`${id}-detail`}>
            {detail.data === null || detail.data === undefined
              ? t('app.loading')
              : t('review.detailTitle', {
                  name: detail.data.row.label ?? detail.data.row.id,
                })}
          </h2>
          <ErrorNotice error={detail.error} />
          {detail.data !== null && detail.data !== undefined && (
            <>
              <p>
                {t('review.standing')}: {t(`review.standings.${detail.data.row.standing}`)}
              </p>
              <h3>{t('review.history')}</h3>
              {detail.data.history.length === 0 ? (
                <p>{t('review.noHistory')}</p>
              ) : (
                <ol className="console-history">
                  {detail.data.history.map((entry) => (
                    <li key={entry.serverRev}>
                      {t('review.historyLine', {
                        time: when(entry.receivedAt),
                        who: entry.reviewerName ?? '—',
                        state: entry.state === null ? '—' : t(`review.standings.${entry.state}`),
                      })}
                      {entry.comment !== null && <q className="console-wrap">{entry.comment}</q>}
                    </li>
                  ))}
                </ol>
              )}
              {detail.data.row.entity === 'intake_event' && (
                <p>
                  <a href={`#/records/${encodeURIComponent(detail.data.row.id)}`}>
                    {t('review.openRecord')}
                  </a>
                </p>
              )}
              <h3>{t('review.fields')}</h3>
              <dl className="facts console-fields">
                {fieldsInReadingOrder(detail.data.fields).map(([key, value]) => (
                  <div key={key}>
                    <dt>{fieldName(key)}</dt>
                    <dd className="console-wrap">
                      {key === 'locationId' && openPlaceName !== null ? (
                        // The place by its name, as the queue row names it.
                        openPlaceName
                      ) : (
                        <FieldValue field={key} value={value} />
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            </>
          )}
          <button type="button" className="button" onClick={() => setOpen(null)}>
            {t('review.close')}
          </button>
        </section>
      )}
    </>
  );
}
