import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { RecordStatus } from '../../../shared/domain/enums.ts';
import { IntakeEventDraftSchema } from '../../../shared/domain/intake-event.ts';
import { IpcError, type IpcIssue } from '../../../shared/ipc/errors.ts';
import type { IntakeRecordView } from '../../../shared/ipc/procedures/records.ts';
import { api, rawApi } from '../../api.ts';
import { ErrorMessage, useErrorText } from '../../components/ErrorMessage.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import {
  detailsFor,
  finalFormIssues,
  forFinalisation,
  prune,
  toDraftPayload,
} from './draft-payload.ts';
import { DraftSaver, type SaveState } from './draft-saver.ts';
import { CollectionSection, SeizureSection } from './editor/DetailsSections.tsx';
import { FinaliseSummary, type SummaryIssue } from './editor/FinaliseSummary.tsx';
import { LeaveGuard } from './editor/LeaveGuard.tsx';
import { useIntakeRights } from './use-intake-rights.ts';
import { HeaderSection } from './editor/HeaderSection.tsx';
import { SaveStatus } from './editor/SaveStatus.tsx';
import { WeaponsSection } from './editor/WeaponsSection.tsx';
import { AmmunitionSection } from './editor/AmmunitionSection.tsx';
import { ExplosivesSection } from './editor/ExplosivesSection.tsx';
import { PartsSection } from './editor/PartsSection.tsx';
import type { IntakeForm } from './fields.tsx';
import { useFormatters } from './format.ts';
import { FinaliseIssuesContext, makeFinaliseIssues } from './issues-context.tsx';
import { isUnder } from './paths.ts';
import {
  clearBackup,
  readBackup,
  readUnsavedNew,
  writeBackup,
  type UnsavedBackup,
} from './unsaved-backup.ts';
import { useLocations, type LocationsState } from './use-locations.ts';
import { issuesAtSerialLocation } from './serial-marking.ts';

const draftStatus: RecordStatus = 'draft';

export type EditorMode = { readonly kind: 'new' } | { readonly kind: 'edit'; readonly id: string };

type Restore =
  /** Unsaved changes from main's backup were put back into the form (and are being saved). */
  | { readonly kind: 'restored'; readonly changedAt: string }
  /** The backup is based on an older revision than main's: the person decides. */
  | { readonly kind: 'choice'; readonly backup: UnsavedBackup };

interface Loaded {
  readonly id: string;
  readonly values: IntakeForm;
  readonly revision: number | null;
  readonly updatedAt: string | null;
  readonly isNew: boolean;
  readonly restore: Restore | null;
  /** Tells loads apart, so loading the same revision again still starts a fresh form. */
  readonly loadNumber: number;
}

let loads = 0;

type LoadResult = { readonly kind: 'draft'; readonly loaded: Loaded } | { readonly kind: 'final' };

function isCode(error: unknown, code: IpcError['code']): boolean {
  return error instanceof IpcError && error.code === code;
}

function fromView(view: IntakeRecordView, backup: UnsavedBackup | null): LoadResult {
  if (view.status === 'final') {
    clearBackup(view.event.id);
    return { kind: 'final' };
  }
  const base: Loaded = {
    id: view.event.id,
    values: view.event as IntakeForm,
    revision: view.revision,
    updatedAt: view.updatedAt,
    isNew: false,
    restore: null,
    loadNumber: (loads += 1),
  };
  if (backup === null) return { kind: 'draft', loaded: base };
  if (backup.baseRevision === view.revision) {
    return {
      kind: 'draft',
      loaded: {
        ...base,
        values: backup.values as IntakeForm,
        restore: { kind: 'restored', changedAt: backup.changedAt },
      },
    };
  }
  return { kind: 'draft', loaded: { ...base, restore: { kind: 'choice', backup } } };
}

async function load(mode: EditorMode): Promise<LoadResult> {
  if (mode.kind === 'edit') {
    const [view, backup] = await Promise.all([
      api().getIntake({ id: mode.id }),
      readBackup(mode.id),
    ]);
    return fromView(view, backup);
  }
  // A new record whose page was reloaded before its first save: the same record, same backup.
  const backup = await readUnsavedNew();
  if (backup !== null) {
    try {
      return fromView(await api().getIntake({ id: backup.id }), backup);
    } catch (error) {
      if (!isCode(error, 'NOT_FOUND')) throw error;
      return {
        kind: 'draft',
        loaded: {
          id: backup.id,
          values: backup.values as IntakeForm,
          revision: null,
          updatedAt: null,
          isNew: true,
          restore: { kind: 'restored', changedAt: backup.changedAt },
          loadNumber: (loads += 1),
        },
      };
    }
  }
  // Main starts it on today's date with the agency and officer of the person's last record.
  const draft = await api().newIntakeDraft();
  return {
    kind: 'draft',
    loaded: {
      id: draft.id,
      values: draft,
      revision: null,
      updatedAt: null,
      isNew: true,
      restore: null,
      loadNumber: (loads += 1),
    },
  };
}

/** `#/records/new` and `#/records/<id>/edit`: loads the draft, then hands it to the form. */
export function IntakeEditor({ mode }: { mode: EditorMode }) {
  const { t } = useTranslation('records');
  const rights = useIntakeRights();
  // A role that does not record intakes gets no form to type into (main refuses its saves).
  if (!(mode.kind === 'new' ? rights.create : rights.update)) {
    return (
      <section aria-labelledby="editor-title" className="records-editor">
        <p className="back">
          <a href="#/records">{t('editor.back')}</a>
        </p>
        <h1 id="editor-title">
          {mode.kind === 'new' ? t('editor.titleNew') : t('editor.titleEdit')}
        </h1>
        <p className="notice" role="status">
          {t('editor.roleCannotRecord')}
        </p>
      </section>
    );
  }
  return <IntakeEditorFor mode={mode} />;
}

function IntakeEditorFor({ mode }: { mode: EditorMode }) {
  const { t } = useTranslation('records');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failure, setFailure] = useState<{ for: string | null; error: unknown } | null>(null);
  const locations = useLocations();
  const wanted = mode.kind === 'edit' ? mode.id : null;
  // A new record keeps its form when its address becomes `#/records/<id>/edit` after the first
  // save; only a different record loads anew.
  const current = loaded !== null && (wanted === null || loaded.id === wanted);

  useEffect(() => {
    if (current) return;
    let live = true;
    load(wanted === null ? { kind: 'new' } : { kind: 'edit', id: wanted }).then(
      (result) => {
        if (!live) return;
        if (result.kind === 'final') {
          if (wanted !== null) window.location.replace(`#/records/${encodeURIComponent(wanted)}`);
          return;
        }
        setLoaded(result.loaded);
      },
      (caught: unknown) => live && setFailure({ for: wanted, error: caught }),
    );
    return () => {
      live = false;
    };
  }, [current, wanted]);
  const error = failure !== null && failure.for === wanted ? failure.error : null;

  const reloadFromMain = useCallback(async () => {
    if (loaded === null) return;
    clearBackup(loaded.id);
    const result = fromView(await api().getIntake({ id: loaded.id }), null);
    if (result.kind === 'final') {
      window.location.replace(`#/records/${encodeURIComponent(loaded.id)}`);
      return;
    }
    setLoaded(result.loaded);
  }, [loaded]);

  return (
    <section aria-labelledby="editor-title" className="records-editor">
      <p className="back">
        <a href="#/records">{t('editor.back')}</a>
      </p>
      <div className="page-head">
        <h1 id="editor-title">
          {mode.kind === 'new' ? t('editor.titleNew') : t('editor.titleEdit')}
        </h1>
        <StatusBadge status={draftStatus} />
      </div>
      {error !== null && <ErrorMessage error={error} />}
      {error === null && (loaded === null || !current) && (
        <p className="field__hint">{t('editor.loading')}</p>
      )}
      {loaded !== null && current && (
        <EditorForm
          // A reload from main starts a fresh form (and a fresh saver) at main's revision.
          key={`${loaded.id}:${loaded.loadNumber}`}
          loaded={loaded}
          locations={locations}
          onReloadFromMain={reloadFromMain}
        />
      )}
    </section>
  );
}

const zodDraftResolver = zodResolver(IntakeEventDraftSchema) as unknown as Resolver<IntakeForm>;
const draftResolver: Resolver<IntakeForm> = (values, context, options) =>
  zodDraftResolver(prune(values) as IntakeForm, context, options);

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

function EditorForm({
  loaded,
  locations,
  onReloadFromMain,
}: {
  loaded: Loaded;
  locations: LocationsState;
  onReloadFromMain: () => Promise<void>;
}) {
  const { t } = useTranslation('records');
  const rights = useIntakeRights();
  const format = useFormatters();
  const errorText = useErrorText();
  const form = useForm<IntakeForm>({
    defaultValues: loaded.values,
    // The DRAFT schema: only what is wrong as typed (too long, not a year), never what is missing.
    // Checked as it will be saved (blanks removed): a cleared date is '' in the form, never
    // undefined, which RHF would answer with the loaded value (so a prefilled date could not be
    // cleared).
    resolver: draftResolver,
    mode: 'onChange',
  });
  const { id } = loaded;
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [restore, setRestore] = useState<Restore | null>(loaded.restore);
  const [serverIssues, setServerIssues] = useState<readonly IpcIssue[]>([]);
  const [refusedIssues, setRefusedIssues] = useState<readonly IpcIssue[]>([]);
  const [attempted, setAttempted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [finalising, setFinalising] = useState(false);
  const [finaliseError, setFinaliseError] = useState<unknown>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const finaliseRef = useRef<HTMLButtonElement>(null);
  const [focusSummary, setFocusSummary] = useState(0);

  const [saver] = useState(() => {
    let isNew = loaded.isNew;
    return new DraftSaver({
      id,
      revision: loaded.revision,
      initialValues: loaded.restore?.kind === 'restored' ? undefined : loaded.values,
      toPayload: toDraftPayload,
      save: (draft, expectedRevision) => api().saveIntakeDraft({ draft, expectedRevision }),
      writeBackup,
      clearBackup,
      onState: setSaveState,
      onRefused: setRefusedIssues,
      onSaved: () => {
        if (!isNew) return;
        isNew = false;
        // The record exists now: its address says so (a reload opens it, not another new one).
        if (window.location.hash === '#/records/new') {
          window.history.replaceState(null, '', `#/records/${encodeURIComponent(id)}/edit`);
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        }
      },
    });
  });

  const clearIssuesFor = useCallback((name: string) => {
    setServerIssues((issues) => {
      const next = issues.filter((issue) => !isUnder(name, issue.path));
      return next.length === issues.length ? issues : next;
    });
  }, []);

  const clearIssuesUnder = useCallback((path: string) => {
    setServerIssues((issues) => issues.filter((issue) => !isUnder(issue.path, path)));
  }, []);

  // Every change: to the saver (debounced save, backup in main) and off the finalise issues.
  const { subscribe, getValues } = form;
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ name }) => {
          saver.change(getValues());
          if (name !== undefined) clearIssuesFor(name);
        },
      }),
    [subscribe, getValues, saver, clearIssuesFor],
  );

  // Restored from main's backup: save it now.
  useEffect(() => {
    if (loaded.restore?.kind !== 'restored') return;
    saver.change(form.getValues());
    void saver.flush();
  }, [form, saver, loaded.restore]);

  // Leaving (route change, reload, window closing) saves at once; the backup covers the rest.
  useEffect(() => {
    saver.attach();
    const flush = () => void saver.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      void saver.flush();
      saver.detach();
    };
  }, [saver]);

  // Saves refused while locked go through once the person unlocks.
  useEffect(
    () =>
      rawApi().onSessionChanged((status) => {
        if (status.state === 'unlocked') void saver.retry();
      }),
    [saver],
  );

  useEffect(() => {
    if (focusSummary > 0) summaryRef.current?.focus();
  }, [focusSummary]);

  // The sticky save bar must never cover the focused field: the page keeps a bottom scroll
  // padding as tall as the bar (which grows when it wraps or asks a question), so moving the
  // focus (Tab, a summary link) scrolls the field above it.
  const actionBarRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const bar = actionBarRef.current;
    if (bar === null) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      root.style.scrollPaddingBlockEnd = `${Math.ceil(bar.getBoundingClientRect().height) + 16}px`;
    });
    observer.observe(bar);
    return () => {
      observer.disconnect();
      root.style.scrollPaddingBlockEnd = '';
    };
  }, []);

  // The question takes the focus, so a keyboard user answers it at once.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const clientErrors = form.formState.errors;
  const summaryIssues = useMemo<SummaryIssue[]>(() => {
    if (!attempted) return [];
    const client = flattenErrors(clientErrors);
    const clientPaths = new Set(client.map((issue) => issue.path));
    return [
      ...client,
      ...serverIssues
        .filter((issue) => !clientPaths.has(issue.path))
        .map(({ path, message }) => ({ path, message })),
    ];
  }, [attempted, clientErrors, serverIssues]);

  // Values the draft leaves out because they are not valid as typed, or main refused them.
  const unsavedPaths = [
    ...new Set([
      ...flattenErrors(clientErrors).map((issue) => issue.path),
      ...refusedIssues.map((issue) => issue.path),
    ]),
  ];

  const finaliseIssues = useMemo(
    () => makeFinaliseIssues(serverIssues, refusedIssues),
    [serverIssues, refusedIssues],
  );

  /**
   * "Finalise" first asks whether the record is complete: what the form knows at once, then
   * main's answer for the saved draft (the same rules finalising applies, with the place's
   * type and today's date). Only a complete record gets the question "finalise?"; an empty or
   * incomplete one always answers with the list of what is missing.
   */
  const checkBeforeFinalising = async () => {
    setFinalising(true);
    setFinaliseError(null);
    setAttempted(true);
    const showIssues = (issues: readonly IpcIssue[]) => {
      setServerIssues(issuesAtSerialLocation(issues, form.getValues().weapons));
      setFocusSummary((n) => n + 1);
    };
    try {
      if (!(await form.trigger())) {
        showIssues([]);
        return;
      }
      const { draft } = toDraftPayload(form.getValues());
      const candidate = draft === null ? null : forFinalisation(draft);
      if (candidate !== null) saver.change(candidate);
      if (!(await saver.flush())) return;
      if (saver.revision === null) {
        // Nothing typed, so nothing saved: the form alone says what a final record lacks.
        showIssues(candidate === null ? [] : finalFormIssues(candidate));
        return;
      }
      const { issues } = await api().checkIntakeFinalisation({ id });
      if (issues.length > 0) {
        showIssues(issues);
        return;
      }
      setServerIssues([]);
      setConfirming(true);
    } catch (error) {
      setFinaliseError(error);
    } finally {
      setFinalising(false);
    }
  };

  const finalise = async () => {
    setConfirming(false);
    setFinalising(true);
    setFinaliseError(null);
    setAttempted(true);
    try {
      const { draft } = toDraftPayload(form.getValues());
      if (draft !== null) saver.change(forFinalisation(draft));
      if (!(await saver.flush()) || saver.revision === null) return;
      const view = await api().finaliseIntake({ id, expectedRevision: saver.revision });
      saver.reset(view.revision);
      window.location.replace(`#/records/${encodeURIComponent(id)}`);
    } catch (error) {
      if (isCode(error, 'VALIDATION_ERROR') && error instanceof IpcError) {
        setServerIssues(issuesAtSerialLocation(error.issues, form.getValues().weapons));
        setFocusSummary((n) => n + 1);
      } else {
        setFinaliseError(error);
      }
    } finally {
      setFinalising(false);
    }
  };

  const applyBackup = (backup: UnsavedBackup) => {
    form.reset(backup.values as IntakeForm);
    setRestore(null);
    saver.change(form.getValues());
    void saver.flush();
  };

  const recordHref = `#/records/${encodeURIComponent(id)}`;
  const lastSavedAt = loaded.updatedAt === null ? null : new Date(loaded.updatedAt);

  return (
    <FormProvider {...form}>
      <FinaliseIssuesContext value={finaliseIssues}>
        {restore?.kind === 'restored' && (
          <div className="notice" role="status">
            {t('editor.restored', { time: format.dateTime(restore.changedAt) })}
          </div>
        )}
        {restore?.kind === 'choice' && (
          <div className="notice notice--warning" role="alert">
            <p>{t('editor.backupConflict', { time: format.dateTime(restore.backup.changedAt) })}</p>
            <div className="actions actions--tight">
              <button
                type="button"
                className="button button--small"
                onClick={() => applyBackup(restore.backup)}
              >
                {t('editor.useBackup')}
              </button>
              <button
                type="button"
                className="button button--small"
                onClick={() => {
                  clearBackup(id);
                  setRestore(null);
                }}
              >
                {t('editor.discardBackup')}
              </button>
            </div>
          </div>
        )}
        {summaryIssues.length > 0 && <FinaliseSummary ref={summaryRef} issues={summaryIssues} />}
        <p className="field__hint">{t('editor.intro')}</p>
        <div
          className="editor"
          onBlur={() => {
            void saver.flush();
          }}
        >
          <HeaderSection locations={locations} />
          <DetailsSection locations={locations} />
          <WeaponsSection onRemoved={clearIssuesUnder} />
          <PartsSection onRemoved={clearIssuesUnder} />
          <AmmunitionSection onRemoved={clearIssuesUnder} />
          <ExplosivesSection onRemoved={clearIssuesUnder} />
        </div>
        <div className="action-bar" ref={actionBarRef}>
          <SaveStatus
            state={saveState}
            lastSavedAt={lastSavedAt}
            onRetry={() => void saver.retry()}
            onReload={() => void onReloadFromMain()}
            onKeepMine={() => {
              // If the saved version cannot be read (locked, host gone), say so where errors show.
              void api()
                .getIntake({ id })
                .then((view) => saver.overwrite(view.revision))
                .catch(setFinaliseError);
            }}
            recordHref={recordHref}
          />
          <LeaveGuard unsavedPaths={unsavedPaths} />
          {finaliseError !== null && (
            <p className="field__error" role="alert">
              {errorText(finaliseError)}
            </p>
          )}
          <div className="action-bar__buttons">
            {confirming ? (
              <span className="confirm" role="group" aria-label={t('finalise.confirm')}>
                <span>{t('finalise.confirm')}</span>
                <button
                  ref={confirmRef}
                  type="button"
                  className="button button--primary"
                  onClick={() => void finalise()}
                >
                  {t('finalise.yes')}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setConfirming(false);
                    requestAnimationFrame(() => finaliseRef.current?.focus());
                  }}
                >
                  {t('editor.cancel')}
                </button>
              </span>
            ) : (
              rights.finalise && (
                <button
                  ref={finaliseRef}
                  type="button"
                  className="button button--primary"
                  disabled={finalising}
                  onClick={() => void checkBeforeFinalising()}
                >
                  {finalising ? t('finalise.working') : t('finalise.button')}
                </button>
              )
            )}
          </div>
        </div>
      </FinaliseIssuesContext>
    </FormProvider>
  );
}

/** Seizure details for seized or found, collection details for surrendered. */
function DetailsSection({ locations }: { locations: LocationsState }) {
  const { t } = useTranslation('records');
  const context = useWatch<IntakeForm, 'context'>({ name: 'context' });
  const details = detailsFor(context);
  if (details === 'seizure') return <SeizureSection locations={locations} />;
  if (details === 'collection') return <CollectionSection />;
  return <p className="card field__hint">{t('editor.chooseContextFirst')}</p>;
}
