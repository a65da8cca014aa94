import { useEffect, useId, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncIssue, SyncStatus } from '../../../shared/ipc/procedures/sync.ts';
import type { SyncEntity } from '../../../shared/sync/protocol.ts';
import { api } from '../../api.ts';
import { useSync, useSyncGeneration } from '../../app/SyncProvider.tsx';
import { ErrorMessage, FailureText, useErrorText } from '../../components/ErrorMessage.tsx';
import { useFormatters } from '../records/format.ts';
import { usePathLabel } from '../records/path-labels.ts';
import { WhenText } from './WhenText.tsx';
import { rejectReasonKey } from './sync-words.ts';
import { useValueText } from './use-value-text.ts';

const entityKeys = {
  intake_event: 'entity.intake_event',
  location: 'entity.location',
  campaign: 'entity.campaign',
  attachment: 'entity.attachment',
  custody_transfer: 'entity.custody_transfer',
  custody_decision: 'entity.custody_decision',
  destruction_event: 'entity.destruction_event',
  stock_check: 'entity.stock_check',
  loss_incident: 'entity.loss_incident',
  signing_key: 'entity.signing_key',
  trace_request: 'entity.trace_request',
  historic_count: 'entity.historic_count',
  record_review: 'entity.record_review',
} as const satisfies Record<SyncEntity, string>;

/**
 * The changes the server did not take as they were: conflicts wait for a choice per field,
 * rejections are read and dismissed. The list reloads whenever a round ends or an issue appears.
 */
export function SyncIssues({ status }: { status: SyncStatus }) {
  const { t } = useTranslation(['sync', 'review']);
  const generation = useSyncGeneration();
  const { reload } = useSync();
  const [issues, setIssues] = useState<readonly SyncIssue[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  // Records review sent back to this person: not a sync problem, but what they must do next, so
  // this screen never says nothing needs them while one waits (the tasks are listed on Records).
  const [reviewTasks, setReviewTasks] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    api()
      .listSyncIssues()
      .then(
        (list) => {
          if (!live) return;
          setIssues(list);
          setError(null);
        },
        (caught: unknown) => live && setError(caught),
      );
    api()
      .listReviewTasks()
      .then(
        (answer) => live && setReviewTasks(answer.open),
        // A help beside the issues: they still show if the tasks cannot be read.
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [generation]);

  const settled = (issue: SyncIssue) => {
    setIssues((current) => current?.filter((candidate) => candidate.id !== issue.id) ?? null);
    setAnnouncement(issue.kind === 'conflict' ? t('issues.resolved') : t('issues.dismissed'));
    // The counts (navigation badge, headline) change with it, whether or not main pushes an event.
    reload();
    // The card that had the focus is gone; the list's heading is where the person continues.
    headingRef.current?.focus();
  };

  const open = issues ?? [];
  const expected = status.openConflicts + status.openRejections;
  return (
    <section className="sync-issues" aria-labelledby="sync-issues-title">
      <h2 id="sync-issues-title" ref={headingRef} tabIndex={-1}>
        {t('issues.title')}
      </h2>
      <p aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
      {error !== null && <ErrorMessage error={error} />}
      {issues === null && error === null && expected > 0 && (
        <p className="field__hint">{t('loading')}</p>
      )}
      {reviewTasks > 0 && (
        <div data-testid="review-tasks-waiting">
          <p>{t('review:tasks.title', { count: reviewTasks })}</p>
          <p>
            <a href="#/records">{t('issues.reviewTasksLink')}</a>
          </p>
        </div>
      )}
      {issues !== null && open.length === 0 && reviewTasks === 0 && (
        <p className="field__hint" data-testid="no-issues">
          {t('issues.none')}
        </p>
      )}
      {open.length > 0 && (
        <ul className="sync-issues__list">
          {open.map((issue) => (
            <li key={issue.id}>
              {issue.kind === 'conflict' ? (
                <ConflictCard issue={issue} onSettled={settled} />
              ) : (
                <RejectionCard issue={issue} onSettled={settled} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function IssueHeading({ issue, id }: { issue: SyncIssue; id: string }) {
  const { t } = useTranslation('sync');
  const format = useFormatters();
  const entity = t(entityKeys[issue.entity]);
  // Main may name a record by its date as stored (2025-03-11); the person reads their own format.
  const label = issue.label.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (date) => format.date(date));
  const name = label.trim() === '' ? entity : t('issues.named', { entity, label });
  return (
    <>
      <h3 id={id} className="sync-issue__title">
        {issue.kind === 'conflict'
          ? t('issues.conflictTitle', { name })
          : t('issues.rejectedTitle', { name })}
      </h3>
      <p className="sync-issue__meta">
        {t('issues.changeBy', { name: issue.createdByName })} <WhenText iso={issue.createdAt} />
        {issue.entity === 'intake_event' && (
          <>
            {' · '}
            <a href={`#/records/${encodeURIComponent(issue.entityId)}`}>{t('issues.openRecord')}</a>
          </>
        )}
      </p>
    </>
  );
}

type Choice = 'mine' | 'server';
const serverChoice: Choice = 'server';
const mineChoice: Choice = 'mine';

/** Sends a decision on an issue once; a refusal is shown at the card and the card stays. */
function useSettle(issue: SyncIssue, onSettled: (issue: SyncIssue) => void) {
  const errorText = useErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const settle = async (keep: Record<string, Choice>) => {
    if (busy) return;
    setFailure(null);
    setBusy(true);
    try {
      await api().resolveSyncIssue({ id: issue.id, keep });
      onSettled(issue);
    } catch (error) {
      setFailure(errorText(error));
      setBusy(false);
    }
  };
  return { busy, failure, settle };
}

/** One side of a conflicting field: the choice and the value it keeps. */
function ChoiceOption({
  name,
  choice,
  chosen,
  label,
  value,
  inputRef,
  onChoose,
}: {
  name: string;
  choice: Choice;
  chosen: Choice | undefined;
  label: string;
  value: string;
  inputRef?: Ref<HTMLInputElement> | undefined;
  onChoose: (choice: Choice) => void;
}) {
  return (
    <label className={`sync-choice${chosen === choice ? ' sync-choice--chosen' : ''}`}>
      <span className="sync-choice__head">
        <input
          type="radio"
          name={name}
          value={choice}
          checked={chosen === choice}
          ref={inputRef}
          onChange={() => onChoose(choice)}
        />
        {label}
      </span>
      <span
        className="sync-choice__value"
        data-testid={choice === serverChoice ? 'server-value' : 'my-value'}
      >
        {value}
      </span>
    </label>
  );
}

function ConflictCard({
  issue,
  onSettled,
}: {
  issue: SyncIssue;
  onSettled: (issue: SyncIssue) => void;
}) {
  const { t } = useTranslation('sync');
  const pathLabel = usePathLabel();
  const valueText = useValueText();
  const titleId = useId();
  const errorId = useId();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [missing, setMissing] = useState(false);
  const { busy, failure, settle } = useSettle(issue, onSettled);
  const firstMissing = useRef<HTMLInputElement | null>(null);

  const unchosen = issue.fields.filter((field) => choices[field.field] === undefined);
  const keepsMine = Object.values(choices).includes('mine');

  const resolve = async () => {
    if (busy) return;
    if (unchosen.length > 0) {
      setMissing(true);
      firstMissing.current?.focus();
      return;
    }
    setMissing(false);
    await settle(choices);
  };

  const firstMissingField = unchosen[0]?.field;
  return (
    <article className="card sync-issue sync-issue--conflict" aria-labelledby={titleId}>
      <IssueHeading issue={issue} id={titleId} />
      <p>{t('conflict.explain')}</p>
      {issue.recordFinal && <p className="notice notice--warning">{t('conflict.finalRecord')}</p>}
      <div className="sync-fields">
        {issue.fields.map((field) => {
          const label = pathLabel(field.field);
          const chosen = choices[field.field];
          const isFirstMissing = field.field === firstMissingField;
          const name = `conflict-${issue.id}-${field.field}`;
          const choose = (choice: Choice) =>
            setChoices((current) => ({ ...current, [field.field]: choice }));
          return (
            <fieldset
              key={field.field}
              className="sync-field"
              aria-describedby={missing && chosen === undefined ? errorId : undefined}
            >
              <legend className="sync-field__name">{label}</legend>
              <ChoiceOption
                name={name}
                choice={serverChoice}
                chosen={chosen}
                label={t('conflict.keepServer')}
                value={valueText(field.field, field.server)}
                inputRef={isFirstMissing ? firstMissing : undefined}
                onChoose={choose}
              />
              <ChoiceOption
                name={name}
                choice={mineChoice}
                chosen={chosen}
                label={t('conflict.keepMine')}
                value={valueText(field.field, field.mine)}
                onChoose={choose}
              />
            </fieldset>
          );
        })}
      </div>
      {missing && unchosen.length > 0 && (
        <p id={errorId} className="field__error" role="alert">
          {t('conflict.chooseEach')}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          aria-disabled={busy}
          onClick={() => void resolve()}
        >
          {busy
            ? t('conflict.resolving')
            : issue.recordFinal && keepsMine
              ? t('conflict.resolveAmend')
              : t('conflict.resolve')}
        </button>
        <FailureText failure={failure} />
      </div>
    </article>
  );
}

function RejectionCard({
  issue,
  onSettled,
}: {
  issue: SyncIssue;
  onSettled: (issue: SyncIssue) => void;
}) {
  const { t } = useTranslation('sync');
  const titleId = useId();
  const { busy, failure, settle } = useSettle(issue, onSettled);

  return (
    <article className="card sync-issue sync-issue--rejected" aria-labelledby={titleId}>
      <IssueHeading issue={issue} id={titleId} />
      <p data-testid="reject-reason">
        {issue.reason === null ? t('reason.unknown') : t(rejectReasonKey[issue.reason])}
      </p>
      {issue.message !== null && issue.message.trim() !== '' && (
        <p className="field__hint">{t('rejected.serverSaid', { message: issue.message })}</p>
      )}
      <p className="field__hint">{t('rejected.kept')}</p>
      <div className="actions">
        <button
          type="button"
          className="button"
          aria-disabled={busy}
          onClick={() => void settle({})}
        >
          {t('rejected.dismiss')}
        </button>
        <FailureText failure={failure} />
      </div>
    </article>
  );
}
