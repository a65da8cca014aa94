import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { RecordStatus } from '../../../shared/domain/enums.ts';
import { IntakeEventDraftSchema } from '../../../shared/domain/intake-event.ts';
import { IpcError, type IpcIssue } from '../../../shared/ipc/errors.ts';
import type { IntakeRecordView } from '../../../shared/ipc/procedures/records.ts';
import { api } from '../../api.ts';
import { ErrorMessage, useErrorText } from '../../components/ErrorMessage.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { detailsFor, forFinalisation, toDraftPayload } from './draft-payload.ts';
import { AmmunitionSection } from './editor/AmmunitionSection.tsx';
import { CollectionSection, SeizureSection } from './editor/DetailsSections.tsx';
import { ExplosivesSection } from './editor/ExplosivesSection.tsx';
import { FinaliseSummary, type SummaryIssue } from './editor/FinaliseSummary.tsx';
import { HeaderSection } from './editor/HeaderSection.tsx';
import { PartsSection } from './editor/PartsSection.tsx';
import { WeaponsSection } from './editor/WeaponsSection.tsx';
import type { IntakeForm } from './fields.tsx';
import { FinaliseIssuesContext, makeFinaliseIssues } from './issues-context.tsx';
import { isUnder } from './paths.ts';
import './record-actions.css';
import { useLocations, type LocationsState } from './use-locations.ts';

const finalStatus: RecordStatus = 'final';

/** As the contract allows (shared/ipc/procedures/records.ts amendIntake). */
const maxReasonLength = 1000;

/**
 * `#/records/<id>/amend`: the editor's sections on a FINAL record, without autosave. Nothing is
 * stored until the person saves the amendment with its reason; main then checks the whole record
 * against the final form and keeps the earlier revision in the history.
 */
export function IntakeAmend({ id }: { id: string }) {
  const { t } = useTranslation('actions');
  const { t: recordsT } = useTranslation('records');
  const back = recordsT('editor.back');
  const loading = recordsT('editor.loading');
  const [view, setView] = useState<IntakeRecordView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const locations = useLocations();

  useEffect(() => {
    let live = true;
    api()
      .getIntake({ id })
      .then(
        (loaded) => {
          if (!live) return;
          // A draft is edited, not amended.
          if (loaded.status !== 'final') {
            window.location.replace(`#/records/${encodeURIComponent(id)}/edit`);
            return;
          }
          setView(loaded);
        },
        (caught: unknown) => live && setError(caught),
      );
    return () => {
      live = false;
    };
  }, [id]);

  return (
    <section aria-labelledby="amend-title" className="records-editor">
      <p className="back">
        <a href={`#/records/${encodeURIComponent(id)}`}>{back}</a>
      </p>
      <div className="page-head">
        <h1 id="amend-title">{t('amend.title')}</h1>
        <StatusBadge status={finalStatus} />
      </div>
      {error !== null && <ErrorMessage error={error} />}
      {error === null && view === null && <p className="field__hint">{loading}</p>}
      {view !== null && <AmendForm view={view} locations={locations} />}
    </section>
  );
}

/** RHF's nested errors as a flat list of (path, message key). */
function flattenErrors(errors: FieldErrors, prefix = ''): SummaryIssue[] {
  const out: SummaryIssue[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (value === undefined || value === null || key === 'ref') continue;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const message = (value as { message?: unknown }).message;
    if (typeof message === 'string') out.push({ path, message });
    else if (typeof value === 'object') out.push(...flattenErrors(value as FieldErrors, path));
  }
  return out;
}

function AmendForm({ view, locations }: { view: IntakeRecordView; locations: LocationsState }) {
  const { t } = useTranslation('actions');
  const errorText = useErrorText();
  const id = view.event.id;
  const form = useForm<IntakeForm>({
    // The form speaks drafts (every section reads and writes the draft's shape).
    defaultValues: { ...(view.event as IntakeForm), status: 'draft' },
    resolver: zodResolver(IntakeEventDraftSchema) as unknown as Resolver<IntakeForm>,
    mode: 'onChange',
  });
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [serverIssues, setServerIssues] = useState<readonly IpcIssue[]>([]);
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [focusSummary, setFocusSummary] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const savedRef = useRef(false);

  useEffect(() => {
    if (focusSummary > 0) summaryRef.current?.focus();
  }, [focusSummary]);

  // An amendment is typed, not autosaved: leaving the page with changes asks first.
  const { isDirty } = form.formState;
  const dirty = isDirty || reason.trim() !== '';
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (savedRef.current) return;
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const clearIssuesUnder = useCallback((path: string) => {
    setServerIssues((issues) => issues.filter((issue) => !isUnder(issue.path, path)));
  }, []);

  const { subscribe } = form;
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ name }) => {
          setNotice(null);
          if (name === undefined) return;
          setServerIssues((issues) => {
            const next = issues.filter((issue) => !isUnder(name, issue.path));
            return next.length === issues.length ? issues : next;
          });
        },
      }),
    [subscribe],
  );

  const clientErrors = form.formState.errors;
  const summaryIssues = useMemo<SummaryIssue[]>(() => {
    if (!attempted) return [];
    const client = flattenErrors(clientErrors);
    const clientPaths = new Set(client.map((issue) => issue.path));
    return [
      ...client,
      ...serverIssues
        .filter((issue) => issue.path !== '' && !clientPaths.has(issue.path))
        .map(({ path, message }) => ({ path, message })),
    ];
  }, [attempted, clientErrors, serverIssues]);
  const finaliseIssues = useMemo(() => makeFinaliseIssues(serverIssues), [serverIssues]);

  const save = async () => {
    setAttempted(true);
    setFailure(null);
    setNotice(null);
    if (!(await form.trigger())) {
      setServerIssues([]);
      setFocusSummary((n) => n + 1);
      return;
    }
    if (reason.trim() === '') {
      setReasonError(true);
      reasonRef.current?.focus();
      return;
    }
    const { draft } = toDraftPayload(form.getValues());
    if (draft === null) {
      setFocusSummary((n) => n + 1);
      return;
    }
    setSaving(true);
    try {
      await api().amendIntake({
        draft: forFinalisation(withoutUntouchedGroups(draft, view.event)),
        expectedRevision: view.revision,
        reason: reason.trim(),
      });
      savedRef.current = true;
      window.location.replace(`#/records/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error instanceof IpcError && error.code === 'VALIDATION_ERROR') {
        const whole = error.issues.find((issue) => issue.path === '');
        if (whole?.message === 'nothingChanged') setNotice(t('amend.nothingChanged'));
        else if (error.issues.some((issue) => issue.path === 'reason')) {
          setReasonError(true);
          reasonRef.current?.focus();
        } else {
          setServerIssues(error.issues);
          setFocusSummary((n) => n + 1);
        }
      } else {
        setFailure(error);
      }
    } finally {
      setSaving(false);
    }
  };

  const recordHref = `#/records/${encodeURIComponent(id)}`;

  return (
    <FormProvider {...form}>
      <FinaliseIssuesContext value={finaliseIssues}>
        {summaryIssues.length > 0 && <FinaliseSummary ref={summaryRef} issues={summaryIssues} />}
        <p className="notice">{t('amend.intro')}</p>
        <div className="editor">
          <HeaderSection locations={locations} />
          <DetailsSection locations={locations} />
          <WeaponsSection onRemoved={clearIssuesUnder} />
          <PartsSection onRemoved={clearIssuesUnder} />
          <AmmunitionSection onRemoved={clearIssuesUnder} />
          <ExplosivesSection onRemoved={clearIssuesUnder} />
          <section className="card amend-reason">
            <div className="field">
              <label htmlFor={reasonId} className="field__label">
                {t('amend.reason')}
              </label>
              <p id={`${reasonId}-hint`} className="field__hint">
                {t('amend.reasonHint')}
              </p>
              <textarea
                ref={reasonRef}
                id={reasonId}
                name="amendmentReason"
                autoComplete="off"
                maxLength={maxReasonLength}
                required
                aria-invalid={reasonError}
                aria-describedby={`${reasonId}-hint ${reasonId}-count${reasonError ? ` ${reasonId}-error` : ''}`}
                value={reason}
                onChange={(event) => {
                  setReason(event.target.value);
                  if (event.target.value.trim() !== '') setReasonError(false);
                }}
              />
              <p id={`${reasonId}-count`} className="field__hint">
                {t('amend.reasonCount', { count: reason.length, max: maxReasonLength })}
              </p>
              {reasonError && (
                <p id={`${reasonId}-error`} className="field__error" role="alert">
                  {t('amend.reasonRequired')}
                </p>
              )}
            </div>
          </section>
        </div>
        <div className="action-bar amend-bar">
          {notice !== null && (
            <p className="field__error" role="alert">
              {notice}
            </p>
          )}
          {failure !== null && (
            <p className="field__error" role="alert">
              {errorText(failure)}
            </p>
          )}
          <div className="action-bar__buttons">
            <a className="button" href={recordHref}>
              {t('amend.cancel')}
            </a>
            <button
              type="button"
              className="button button--primary"
              disabled={saving}
              onClick={() => void save()}
            >
              {saving ? t('amend.saving') : t('amend.save')}
            </button>
          </div>
        </div>
      </FinaliseIssuesContext>
    </FormProvider>
  );
}

/**
 * A group of fields the form creates empty (coordinates nobody typed) is not a change to the
 * record: left out when the record did not have it, so an amendment holds only what was changed.
 */
function withoutUntouchedGroups<T extends object>(draft: T, recorded: object): T {
  const out = { ...draft } as Record<string, unknown>;
  const before = recorded as Record<string, unknown>;
  for (const [key, value] of Object.entries(out)) {
    const empty =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).length === 0;
    if (empty && before[key] === undefined) delete out[key];
  }
  return out as T;
}

/** Seizure details for seized or found, collection details for surrendered (as the editor). */
function DetailsSection({ locations }: { locations: LocationsState }) {
  const context = useWatch<IntakeForm, 'context'>({ name: 'context' });
  const details = detailsFor(context);
  if (details === 'seizure') return <SeizureSection locations={locations} />;
  if (details === 'collection') return <CollectionSection />;
  return null;
}
