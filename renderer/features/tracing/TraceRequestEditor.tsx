import { useCallback, useState, type ReactNode } from 'react';
import { Controller, useForm, useWatch, type UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  traceAddresseeBasisValues,
  traceChannelValues,
  tracePriorityValues,
  traceTransitions,
  type TraceRequest,
} from '../../../shared/domain/trace-request.ts';
import { IpcError } from '../../../shared/ipc/errors.ts';
import type { TraceRequestView } from '../../../shared/ipc/procedures/tracing.ts';
import { api } from '../../api.ts';
import { DateField } from '../../components/DateField.tsx';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import type { FieldControlProps } from '../../components/FormField.tsx';
import { CustodyField, useIssueText } from '../custody/fields.tsx';
import { focusFirstIssue } from '../custody/focus-first-issue.ts';
import { PageTitle } from '../places/PlaceFacts.tsx';
import { useLoaded } from '../places/use-loaded.ts';
import { todayIsoDate } from '../records/format.ts';
import { useCountryChoices } from '../records/editor/InlineForm.tsx';
import {
  addresseeFields,
  answerFields,
  stepFields,
  checkRequest,
  fieldOfPath,
  groundsFields,
  requestFromForm,
  sectionsOf,
  traceFormValues,
  type GeneralIssue,
  type TraceFormField,
  type TraceFormMode,
  type TraceFormValues,
} from './trace-form.ts';
import { useWeaponName } from './trace-text.ts';
import { useTraceRights } from './use-trace-rights.ts';
import { WeaponFacts } from './WeaponFacts.tsx';

interface Loaded {
  readonly request: TraceRequest;
  /** Null for a new request: nothing is stored until it is saved. */
  readonly view: TraceRequestView | null;
}

/**
 * `#/tracing/new/<itemId>`, `#/tracing/<id>/edit` and `#/tracing/<id>/step/<status>`: a new
 * request prefilled by main from the weapon, an edit, or a step with its date, note and, for an
 * answer, what the answer said.
 */
export function TraceRequestEditor({
  itemId,
  id,
  mode,
}: {
  itemId: string | null;
  id: string | null;
  mode: TraceFormMode;
}) {
  const { t } = useTranslation('tracing');
  const weaponName = useWeaponName();
  const rights = useTraceRights();
  const allowed = id === null ? rights.create : rights.update;
  const load = useCallback(async (): Promise<Loaded | null> => {
    // Nothing to load for someone who may not make or change one: main would refuse it anyway.
    if (!allowed) return null;
    if (id === null)
      return { request: await api().newTraceRequest({ itemId: itemId ?? '' }), view: null };
    const view = await api().getTraceRequest({ id });
    return { request: view.request, view };
  }, [allowed, id, itemId]);
  const { state } = useLoaded(load);
  const loaded = state.kind === 'ready' ? state.value : null;
  const back =
    id === null
      ? `#/items/${encodeURIComponent(itemId ?? '')}`
      : `#/tracing/${encodeURIComponent(id)}`;
  const weapon = loaded === null ? '' : weaponName(loaded.request.weapon);
  const title =
    mode.kind === 'create'
      ? t('editor.newTitle')
      : loaded === null
        ? t('request.titleFallback')
        : mode.kind === 'edit'
          ? t('editor.editTitle', { weapon })
          : t(`step.title.${mode.status}`, { weapon });
  const blocked =
    loaded !== null &&
    mode.kind === 'step' &&
    loaded.view !== null &&
    !traceTransitions[loaded.view.status].includes(mode.status)
      ? loaded.view.status
      : null;

  return (
    <section aria-labelledby="place-title" className="records-editor trace-editor">
      <p className="back">
        <a href={back}>{t('common.cancel')}</a>
      </p>
      <PageTitle>{title}</PageTitle>
      {state.kind === 'loading' && <p className="field__hint">{t('common.loading')}</p>}
      {state.kind === 'failed' && <ErrorMessageOf error={state.error} />}
      {state.kind === 'ready' && !allowed && (
        <p className="notice notice--warning">{t('editor.notAllowed')}</p>
      )}
      {blocked !== null && (
        <p className="notice notice--warning">
          {t('step.notAllowed', { status: t(`status.${blocked}`) })}
        </p>
      )}
      {loaded !== null && blocked === null && (
        <TraceForm loaded={loaded} mode={mode} cancelHref={back} />
      )}
    </section>
  );
}

/** Main's refusal to start a request (not a weapon, a draft record) in words. */
function ErrorMessageOf({ error }: { error: unknown }) {
  const errorText = useErrorText();
  const issueText = useIssueText();
  const issue = error instanceof IpcError ? error.issues[0] : undefined;
  return (
    <p className="notice notice--error" role="alert">
      {issue === undefined ? errorText(error) : issueText(issue.message)}
    </p>
  );
}

/** Every field but the date, which DateField gives the form through a Controller. */
const textFields = [...addresseeFields, ...groundsFields, 'stepNote', ...answerFields] as const;
const stepOnField = 'stepOn';
const yes = 'yes';
const no = 'no';

type Failure = { readonly kind: 'conflict' } | { readonly kind: 'message'; readonly text: string };

function TraceForm({
  loaded,
  mode,
  cancelHref,
}: {
  loaded: Loaded;
  mode: TraceFormMode;
  cancelHref: string;
}) {
  const { t } = useTranslation('tracing');
  const issueText = useIssueText();
  const errorText = useErrorText();
  const countries = useCountryChoices();
  const { request: base, view } = loaded;
  const [today] = useState(() => todayIsoDate());
  const [general, setGeneral] = useState<readonly GeneralIssue[]>([]);
  const [failure, setFailure] = useState<Failure | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    clearErrors,
    formState: { errors, isSubmitting },
  } = useForm<TraceFormValues>({ defaultValues: traceFormValues(base, today) });
  const shown = sectionsOf(mode, base);
  const href = `#/tracing/${encodeURIComponent(base.id)}`;

  /** Issues (paths within the request) go on their fields, or into the list; focus the first. */
  const showIssues = (form: HTMLFormElement, issues: readonly GeneralIssue[]) => {
    const left: GeneralIssue[] = [];
    const marked = new Set<TraceFormField>();
    for (const issue of issues) {
      const field = fieldOfPath(issue.path, mode, base);
      if (field === null) left.push(issue);
      else if (!marked.has(field)) {
        // The first issue of a field is the one it shows.
        marked.add(field);
        setError(field, { message: issue.message });
      }
    }
    setGeneral(left);
    focusFirstIssue(form);
  };

  const onValid = async (form: HTMLFormElement, values: TraceFormValues) => {
    clearErrors();
    setGeneral([]);
    setFailure(null);
    const checked = checkRequest(requestFromForm(base, values, mode), today);
    if (checked.request === null) {
      showIssues(form, checked.issues);
      return;
    }
    try {
      await api().saveTraceRequest({
        request: checked.request,
        expectedRevision: view?.revision ?? null,
      });
      window.location.hash = href;
    } catch (error) {
      if (error instanceof IpcError && error.code === 'CONFLICT') {
        setFailure({ kind: 'conflict' });
        return;
      }
      const issues = error instanceof IpcError ? error.issues : [];
      if (issues.length === 0) {
        setFailure({ kind: 'message', text: errorText(error) });
        return;
      }
      // Main names fields from its input down: `request.steps.0.on`.
      showIssues(
        form,
        issues.map((issue) => ({
          path: issue.path.split('.').filter((part, index) => index > 0 || part !== 'request'),
          message: issue.message,
        })),
      );
    }
  };

  const priority = useWatch({ control, name: 'priority' });
  const registered = Object.fromEntries(textFields.map((name) => [name, register(name)])) as Record<
    Exclude<TraceFormField, 'stepOn'>,
    UseFormRegisterReturn
  >;
  const choice =
    <T extends string>(
      name: Exclude<TraceFormField, 'stepOn'>,
      values: readonly T[],
      label: (value: T) => string,
    ) =>
    (a11y: FieldControlProps) => (
      <select {...a11y} {...registered[name]}>
        <option value="">{t('common.choose')}</option>
        {values.map((value) => (
          <option key={value} value={value}>
            {label(value)}
          </option>
        ))}
      </select>
    );
  const textInput = (name: Exclude<TraceFormField, 'stepOn'>) => (control: FieldControlProps) => (
    <input {...control} type="text" {...registered[name]} />
  );
  const textArea =
    (name: Exclude<TraceFormField, 'stepOn'>, rows = 3) =>
    (control: FieldControlProps) => <textarea {...control} rows={rows} {...registered[name]} />;
  const controls: Record<TraceFormField, (control: FieldControlProps) => ReactNode> = {
    requestingAgency: textInput('requestingAgency'),
    caseReference: textInput('caseReference'),
    addresseeBasis: choice('addresseeBasis', traceAddresseeBasisValues, (value) =>
      t(`addresseeBasis.${value}`),
    ),
    addresseeCountry: (control) => (
      <select {...control} {...registered.addresseeCountry}>
        <option value="">{t('common.choose')}</option>
        {countries.map((country) => (
          <option key={country.value} value={country.value}>
            {country.label}
          </option>
        ))}
      </select>
    ),
    addresseeAuthority: textInput('addresseeAuthority'),
    channel: choice('channel', traceChannelValues, (value) => t(`channel.${value}`)),
    theirReference: textInput('theirReference'),
    illicitNature: textArea('illicitNature', 4),
    intendedUse: textArea('intendedUse'),
    priority: (control) => (
      <select {...control} {...registered.priority}>
        {tracePriorityValues.map((value) => (
          <option key={value} value={value}>
            {t(`priority.${value}`)}
          </option>
        ))}
      </select>
    ),
    urgencyReason: textArea('urgencyReason', 2),
    stepOn: (a11y) => (
      <Controller
        control={control}
        name={stepOnField}
        render={({ field }) => (
          <DateField
            {...a11y}
            value={field.value}
            onChange={(value) => field.onChange(value ?? '')}
            onBlur={field.onBlur}
            inputRef={field.ref}
          />
        )}
      />
    ),
    stepNote: textArea('stepNote', 2),
    answerSummary: textArea('answerSummary', 4),
    answerLastLegalRecord: textArea('answerLastLegalRecord', 2),
    answerDiversion: (control) => (
      <select {...control} {...registered.answerDiversion}>
        <option value="">{t('common.choose')}</option>
        <option value={yes}>{t('common.yes')}</option>
        <option value={no}>{t('common.no')}</option>
      </select>
    ),
  };
  const sendingOrSent = base.steps.length > 0 || (mode.kind === 'step' && mode.status === 'sent');
  // What the ITI requires once a request goes out (shared/domain/trace-request.ts).
  const required: ReadonlySet<TraceFormField> = new Set<TraceFormField>([
    ...(sendingOrSent
      ? ([
          'requestingAgency',
          'addresseeBasis',
          'addresseeCountry',
          'channel',
          'illicitNature',
          'intendedUse',
        ] as const)
      : []),
    ...(priority === 'urgent' ? (['urgencyReason'] as const) : []),
    ...(shown.answer ? (['answerSummary', 'answerDiversion'] as const) : []),
    ...(shown.step ? (['stepOn'] as const) : []),
  ]);
  const labels: Record<TraceFormField, string> = {
    requestingAgency: t('request.requestingAgency'),
    caseReference: t('request.caseReference'),
    addresseeBasis: t('request.addresseeBasis'),
    addresseeCountry: t('request.addresseeCountry'),
    addresseeAuthority: t('request.addresseeAuthority'),
    channel: t('request.channel'),
    theirReference: t('request.theirReference'),
    illicitNature: t('request.illicitNature'),
    intendedUse: t('request.intendedUse'),
    priority: t('request.priority'),
    urgencyReason: t('request.urgencyReason'),
    stepOn: t('step.on'),
    stepNote: t('step.note'),
    answerSummary: t('request.answerSummary'),
    answerLastLegalRecord: t('request.answerLastLegalRecord'),
    answerDiversion: t('request.answerDiversion'),
  };
  const hints: Partial<Record<TraceFormField, string>> = {
    addresseeAuthority: t('request.addresseeAuthorityHint'),
    illicitNature: t('request.illicitNatureHint'),
    intendedUse: t('request.intendedUseHint'),
    answerLastLegalRecord: t('request.answerLastLegalRecordHint'),
    stepNote: t('step.noteHint'),
    ...(mode.kind === 'step' ? { stepOn: t(`step.onHint.${mode.status}`) } : {}),
  };
  const field = (name: TraceFormField) =>
    name === 'urgencyReason' && priority !== 'urgent' ? null : (
      <CustodyField
        key={name}
        label={labels[name]}
        required={required.has(name)}
        hint={hints[name]}
        error={errors[name]?.message}
      >
        {controls[name]}
      </CustodyField>
    );
  /** An issue the form has no field for, named by what it is about. */
  const generalLabel = (path: readonly string[]): string => {
    const [first, second] = path;
    if (first === 'weapon') return t('request.sectionWeapon');
    if (first === 'steps') return t('request.sectionHistory');
    if (first === 'answer') return t('request.sectionAnswer');
    if (first !== undefined && first in labels) return labels[first as TraceFormField];
    return [first, second].filter(Boolean).join('.');
  };

  return (
    <form
      aria-labelledby="place-title"
      noValidate
      autoComplete="off"
      onSubmit={(event) => {
        const form = event.currentTarget;
        void handleSubmit((values) => onValid(form, values))(event);
      }}
    >
      {mode.kind === 'create' && <p className="places-intro">{t('editor.newHint')}</p>}
      {shown.step && (
        <section className="card" aria-labelledby="trace-step">
          <h2 id="trace-step">{mode.kind === 'step' ? t(`step.${mode.status}`) : ''}</h2>
          {mode.kind === 'step' && mode.status === 'sent' && (
            <p className="field__hint">{t('step.sentHint')}</p>
          )}
          {stepFields.map(field)}
        </section>
      )}
      {shown.answer && mode.kind === 'step' && (
        <section className="card" aria-labelledby="trace-answer">
          <h2 id="trace-answer">{t('request.sectionAnswer')}</h2>
          {answerFields.map(field)}
        </section>
      )}
      <section className="card" aria-labelledby="trace-weapon">
        <h2 id="trace-weapon">{t('request.sectionWeapon')}</h2>
        <p className="field__hint">{t('request.weaponHint')}</p>
        <WeaponFacts weapon={base.weapon} />
      </section>
      {shown.request && (
        <>
          <section className="card" aria-labelledby="trace-addressee">
            <h2 id="trace-addressee">{t('editor.sectionAddressee')}</h2>
            <div className="grid">{addresseeFields.map(field)}</div>
          </section>
          <section className="card" aria-labelledby="trace-grounds">
            <h2 id="trace-grounds">{t('editor.sectionWhy')}</h2>
            {groundsFields.map(field)}
          </section>
        </>
      )}
      {shown.answer && mode.kind !== 'step' && (
        <section className="card" aria-labelledby="trace-answer">
          <h2 id="trace-answer">{t('request.sectionAnswer')}</h2>
          {answerFields.map(field)}
        </section>
      )}
      {general.length > 0 && (
        <div className="notice notice--error" role="alert" data-testid="form-issues">
          <p>{t('common.issuesTitle')}</p>
          <ul>
            {general.map((issue) => (
              <li key={issue.path.join('.') + issue.message}>
                {t('common.issueAt', {
                  field: generalLabel(issue.path),
                  message: issueText(issue.message),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {failure?.kind === 'conflict' && (
        <div className="notice notice--error" role="alert">
          <p>{t('common.conflict')}</p>
          <p>
            <a href={href}>{t('common.reload')}</a>
          </p>
        </div>
      )}
      {failure?.kind === 'message' && (
        <p className="notice notice--error" role="alert">
          {failure.text}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {mode.kind === 'create'
            ? t('editor.saveNew')
            : mode.kind === 'step'
              ? t(`step.save.${mode.status}`)
              : t('common.save')}
        </button>
        <a className="button" href={cancelHref}>
          {t('common.cancel')}
        </a>
      </div>
    </form>
  );
}
