import { useCallback, useId, useState } from 'react';
import { Controller, FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import { CustodyDecisionSchema } from '../../../shared/domain/custody-decision.ts';
import { custodyDecisionKindValues } from '../../../shared/domain/enums.ts';
import { custodyProcedures } from '../../../shared/ipc/procedures/custody.ts';
import { api } from '../../api.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../places/PlaceFacts.tsx';
import { useLoaded } from '../places/use-loaded.ts';
import { ChooseOptions } from '../records/editor/InlineForm.tsx';
import { ItemsSection } from './ChosenItems.tsx';
import {
  chosen,
  custodyResolver,
  decisionFromForm,
  localTimestamp,
  type DecisionFormValues,
} from './custody-form.ts';
import { custodyRecordHref, prefillOf } from './custody-location.ts';
import { CorrectionCard } from './CorrectionCard.tsx';
import { CustodyField, MomentInputs } from './fields.tsx';
import { submitFocusingIssues } from './focus-first-issue.ts';
import { FormFooter } from './FormFooter.tsx';
import { loadFormStart, type FormStart } from './prefill.ts';
import { useCustodySave } from './save.ts';
import { useCustodyRights } from './use-custody-rights.ts';

/** What main takes for a new decision. */
const CustodyDecisionInputSchema = custodyProcedures.recordCustodyDecision.input.shape.decision;

/**
 * `#/custody/decision/new`: a decision about items that moves nothing (for destruction, evidence
 * hold, return to the owner, release of a hold): who decided, when, on what authority and why.
 */
export function DecisionEditor({ query }: { query: string }) {
  const { t } = useTranslation('custody');
  const rights = useCustodyRights();
  const load = useCallback(() => loadFormStart(prefillOf(new URLSearchParams(query))), [query]);
  const { state } = useLoaded(load);
  const params = new URLSearchParams(query);
  const prefill = prefillOf(params);
  const correcting = prefill.corrects !== undefined;
  const back = correcting ? custodyRecordHref(prefill.corrects ?? '') : '#/custody/records';
  const decision =
    custodyDecisionKindValues.find((value) => value === params.get('decision')) ?? '';

  return (
    <section aria-labelledby="place-title" className="records-editor custody-form">
      <p className="back">
        <a href={back}>{correcting ? t('form.backToRecord') : t('form.backToRecords')}</a>
      </p>
      <PageTitle>{correcting ? t('decision.correctTitle') : t('decision.newTitle')}</PageTitle>
      {!rights.decide ? (
        <p className="notice notice--warning">{t('rights.decide')}</p>
      ) : (
        <>
          <p className="places-intro">{t('decision.intro')}</p>
          {state.kind === 'loading' && <p className="field__hint">{t('common.loading')}</p>}
          {state.kind === 'failed' && <ErrorMessage error={state.error} />}
          {state.kind === 'ready' && (
            <DecisionForm
              start={state.value}
              correctsId={correcting ? (prefill.corrects ?? null) : null}
              decision={decision}
              cancelHref={back}
            />
          )}
        </>
      )}
    </section>
  );
}

const decidedAtName = 'decidedAt' as const;

function decisionDefaults(start: FormStart, decision: string): DecisionFormValues {
  const parsed =
    start.corrected?.entity === 'custody_decision'
      ? CustodyDecisionSchema.safeParse(start.corrected.record)
      : null;
  const record = parsed?.success === true ? parsed.data : null;
  return {
    items: start.items.map(chosen),
    decision: record?.decision ?? decision,
    decidedAt: record?.decidedAt ?? localTimestamp(new Date()),
    decidedBy: record?.decidedBy ?? '',
    authorityReference: record?.authorityReference ?? '',
    reason: record?.reason ?? '',
    correctionReason: '',
  };
}

function DecisionForm({
  start,
  correctsId,
  decision,
  cancelHref,
}: {
  start: FormStart;
  correctsId: string | null;
  decision: string;
  cancelHref: string;
}) {
  const { t } = useTranslation('custody');
  const label = useEnumLabel();
  const [id] = useState(() => uuidv7());
  const [defaults] = useState(() => decisionDefaults(start, decision));
  const form = useForm<DecisionFormValues>({
    resolver: custodyResolver(
      CustodyDecisionInputSchema,
      (values: DecisionFormValues) => decisionFromForm(id, values, correctsId),
      () => [],
    ),
    defaultValues: defaults,
  });
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = form;
  const { failure, save } = useCustodySave((field, message) =>
    setError(field as keyof DecisionFormValues, { message }),
  );
  const ids = { items: useId(), decision: useId() };
  const options = custodyDecisionKindValues.map((value) => ({
    value,
    label: label('custodyDecisionKind', value),
  }));

  const [passphrase, setPassphrase] = useState('');
  const [passphraseMissing, setPassphraseMissing] = useState(false);
  const fields = {
    correctionReason: register('correctionReason'),
    decision: register('decision'),
    decidedBy: register('decidedBy'),
    authorityReference: register('authorityReference'),
    reason: register('reason'),
  };
  const onValid = (values: DecisionFormValues) =>
    passphrase === ''
      ? undefined
      : save(async () => {
          const record = CustodyDecisionInputSchema.parse(decisionFromForm(id, values, correctsId));
          const saved = await api().recordCustodyDecision({ decision: record, passphrase });
          window.location.hash = custodyRecordHref(saved.id);
        });

  return (
    <FormProvider {...form}>
      <form
        aria-labelledby="place-title"
        noValidate
        autoComplete="off"
        onSubmit={(event) => {
          setPassphraseMissing(passphrase === '');
          submitFocusingIssues(event, handleSubmit, onValid, passphrase !== '');
        }}
      >
        {start.corrected !== null && correctsId !== null && (
          <CorrectionCard
            corrected={start.corrected}
            correctsId={correctsId}
            error={errors.correctionReason?.message}
            registration={fields.correctionReason}
          />
        )}
        <ItemsSection sites={start.sites} partial={false} headingId={ids.items} />
        <section className="card" aria-labelledby={ids.decision}>
          <h2 id={ids.decision}>{t('decision.section')}</h2>
          <div className="grid">
            <CustodyField label={t('decision.decision')} required error={errors.decision?.message}>
              {(a11y) => (
                <select {...a11y} {...fields.decision}>
                  <ChooseOptions options={options} />
                </select>
              )}
            </CustodyField>
            <div className="grid__row">
              <Controller
                control={control}
                name={decidedAtName}
                render={({ field }) => (
                  <CustodyField
                    label={t('decision.decidedAt')}
                    required
                    error={errors.decidedAt?.message}
                  >
                    {(a11y) => (
                      <MomentInputs
                        control={a11y}
                        value={field.value}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        timeLabel={t('decision.decidedAtTime')}
                        nowLabel={t('decision.decidedAtNow')}
                      />
                    )}
                  </CustodyField>
                )}
              />
            </div>
            <CustodyField
              label={t('decision.decidedBy')}
              required
              hint={t('decision.decidedByHint')}
              error={errors.decidedBy?.message}
            >
              {(a11y) => <input {...a11y} type="text" {...fields.decidedBy} />}
            </CustodyField>
            <CustodyField
              label={t('decision.authorityReference')}
              hint={t('decision.authorityHint')}
              error={errors.authorityReference?.message}
            >
              {(a11y) => <input {...a11y} type="text" {...fields.authorityReference} />}
            </CustodyField>
          </div>
          <CustodyField label={t('decision.reason')} required error={errors.reason?.message}>
            {(a11y) => <textarea {...a11y} rows={3} {...fields.reason} />}
          </CustodyField>
        </section>
        <FormFooter
          failure={failure}
          saveLabel={t('decision.save')}
          isSubmitting={isSubmitting}
          cancelHref={cancelHref}
          passphrase={passphrase}
          onPassphrase={(value) => {
            setPassphrase(value);
            if (value !== '') setPassphraseMissing(false);
          }}
          passphraseMissing={passphraseMissing}
        />
      </form>
    </FormProvider>
  );
}
