import { useCallback, useId, useState, type FormEvent } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { lossIncidentKindValues } from '../../../shared/domain/enums.ts';
import {
  LossIncidentInputSchema,
  LossIncidentSchema,
} from '../../../shared/domain/loss-incident.ts';
import { api } from '../../api.ts';
import { DateField } from '../../components/DateField.tsx';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../places/PlaceFacts.tsx';
import { useLoaded } from '../places/use-loaded.ts';
import { ItemsSection } from './ChosenItems.tsx';
import { blank, chosenAsIn, itemRefOf, localTimestamp, type ChosenItem } from './custody-form.ts';
import { custodyRecordHref, prefillOf, siteHref } from './custody-location.ts';
import { CorrectionCard } from './CorrectionCard.tsx';
import { CustodyField, MomentInputs } from './fields.tsx';
import { loadFormStart, type FormStart } from './prefill.ts';
import { IssueList, Labelled, SealFooter, useSealing } from './sealing.tsx';
import { useCustodyRights } from './use-custody-rights.ts';

/** `#/custody/incident/new?site=<id>&items=<ids>`: items lost or stolen, and whether iARMS knows. */
export function IncidentEditor({ query }: { query: string }) {
  const { t } = useTranslation('custody');
  const rights = useCustodyRights();
  const prefill = prefillOf(new URLSearchParams(query));
  // The site is where the items went missing from, never a list of them: a report starts with
  // the items it was opened with (a stock check's missing ones), or none.
  const load = useCallback(
    () => loadFormStart({ ...prefillOf(new URLSearchParams(query)), site: undefined }),
    [query],
  );
  const { state } = useLoaded(load);
  const correctsId = prefill.corrects ?? null;
  const back =
    correctsId !== null
      ? custodyRecordHref(correctsId)
      : prefill.site === undefined
        ? '#/custody/records'
        : siteHref(prefill.site);
  return (
    <section aria-labelledby="place-title" className="records-editor custody-form">
      <p className="back">
        <a href={back}>{t('form2.back')}</a>
      </p>
      <PageTitle>
        {correctsId === null ? t('incident.newTitle') : t('incident.correctTitle')}
      </PageTitle>
      {!rights.incident ? (
        <p className="notice notice--warning">{t('form2.notAllowed')}</p>
      ) : (
        <>
          <p className="places-intro">{t('incident.intro')}</p>
          {state.kind === 'loading' && <p className="field__hint">{t('common.loading')}</p>}
          {state.kind === 'failed' && <ErrorMessage error={state.error} />}
          {state.kind === 'ready' && (
            <IncidentForm
              start={state.value}
              site={prefill.site ?? ''}
              correctsId={correctsId}
              cancelHref={back}
            />
          )}
        </>
      )}
    </section>
  );
}

function IncidentForm({
  start,
  site: startSite,
  correctsId,
  cancelHref,
}: {
  start: FormStart;
  site: string;
  /** The report this one corrects: the form starts from what it said. */
  correctsId: string | null;
  cancelHref: string;
}) {
  const { t } = useTranslation('custody');
  const label = useEnumLabel();
  const text = {
    lossIncidentKind: (value: string) => label('lossIncidentKind', value as never),
  };
  const parsed =
    start.corrected?.entity === 'loss_incident'
      ? LossIncidentSchema.safeParse(start.corrected.record)
      : null;
  const was = parsed?.success === true ? parsed.data : null;
  const form = useForm<{ items: ChosenItem[] }>({
    defaultValues: { items: start.items.map((item) => chosenAsIn(item, was?.items)) },
  });
  const [kind, setKind] = useState<string>(was?.incidentKind ?? '');
  const [occurredAt, setOccurredAt] = useState(() => was?.occurredAt ?? localTimestamp(new Date()));
  // Opened from items (not from a site): they went missing from where they all are, if that is
  // one storage site.
  const [site, setSite] = useState(() => {
    if (was !== null) return was.siteLocationId ?? '';
    if (startSite !== '') return startSite;
    const places = new Set(start.items.map((item) => item.currentLocationId));
    const [only] = places;
    return places.size === 1 && start.sites.some((entry) => entry.location.id === only)
      ? (only ?? '')
      : '';
  });
  const [circumstances, setCircumstances] = useState(was?.circumstances ?? '');
  const [police, setPolice] = useState(was?.policeReference ?? '');
  const [notified, setNotified] = useState(was?.iarmsNotified ?? false);
  const [notifiedOn, setNotifiedOn] = useState<string | undefined>(was?.iarmsNotifiedOn);
  const [iarmsReference, setIarmsReference] = useState(was?.iarmsReference ?? '');
  const [correctionReason, setCorrectionReason] = useState('');
  const sealing = useSealing();
  const ids = {
    items: useId(),
    facts: useId(),
    kind: useId(),
    site: useId(),
    circumstances: useId(),
    police: useId(),
    notified: useId(),
    notifiedOn: useId(),
    iarmsReference: useId(),
  };
  const fieldLabels: Record<string, string> = {
    incidentKind: t('incident.kind'),
    occurredAt: t('incident.occurredAt'),
    items: t('form.items', { count: 2 }),
    circumstances: t('incident.circumstances'),
    iarmsNotifiedOn: t('incident.notifiedOn'),
    siteLocationId: t('incident.site'),
    policeReference: t('incident.police'),
    iarmsReference: t('incident.iarmsReference'),
    correction: t('correction.reason'),
  };

  const onSubmit = (event: FormEvent) => {
    const record = {
      incidentKind: blank(kind),
      occurredAt: blank(occurredAt),
      siteLocationId: blank(site),
      items: form.getValues('items').map(itemRefOf),
      circumstances: blank(circumstances),
      policeReference: blank(police),
      iarmsNotified: notified,
      iarmsNotifiedOn: notified ? notifiedOn : undefined,
      iarmsReference: notified ? blank(iarmsReference) : undefined,
      correction: correctsId === null ? undefined : { correctsId, reason: blank(correctionReason) },
    };
    sealing.submit(event, LossIncidentInputSchema, record, (incident: never, passphrase) =>
      api().recordLossIncident({ incident, passphrase }),
    );
  };

  return (
    <FormProvider {...form}>
      <form aria-labelledby="place-title" noValidate autoComplete="off" onSubmit={onSubmit}>
        {start.corrected !== null && correctsId !== null && (
          <CorrectionCard
            corrected={start.corrected}
            correctsId={correctsId}
            error={sealing.errorAt('correction')}
            reason={{ value: correctionReason, onChange: setCorrectionReason }}
          />
        )}
        <ItemsSection
          sites={start.sites}
          partial
          headingId={ids.items}
          amountHeading={t('incident.missingColumn')}
        />
        <section className="card" aria-labelledby={ids.facts}>
          <h2 id={ids.facts}>{t('incident.section')}</h2>
          <div className="grid">
            <Labelled
              id={ids.kind}
              error={sealing.errorAt('incidentKind')}
              label={t('incident.kind')}
              required
            >
              <select id={ids.kind} value={kind} onChange={(event) => setKind(event.target.value)}>
                <option value="">{t('form2.choose')}</option>
                {lossIncidentKindValues.map((value) => (
                  <option key={value} value={value}>
                    {text.lossIncidentKind(value)}
                  </option>
                ))}
              </select>
            </Labelled>
            <CustodyField
              label={t('incident.occurredAt')}
              required
              error={sealing.errorAt('occurredAt')}
            >
              {(a11y) => (
                <MomentInputs
                  control={a11y}
                  value={occurredAt}
                  onChange={setOccurredAt}
                  timeLabel={t('incident.occurredAtTime')}
                  nowLabel={t('incident.occurredAtNow')}
                />
              )}
            </CustodyField>
            <Labelled
              id={ids.site}
              error={sealing.errorAt('siteLocationId')}
              label={t('incident.site')}
              hint={t('incident.siteHint')}
            >
              <select id={ids.site} value={site} onChange={(event) => setSite(event.target.value)}>
                <option value="">{t('incident.noSite')}</option>
                {start.sites.map((entry) => (
                  <option key={entry.location.id} value={entry.location.id}>
                    {entry.location.name}
                  </option>
                ))}
              </select>
            </Labelled>
            <Labelled
              id={ids.police}
              error={sealing.errorAt('policeReference')}
              label={t('incident.police')}
            >
              <input
                id={ids.police}
                type="text"
                value={police}
                onChange={(event) => setPolice(event.target.value)}
              />
            </Labelled>
          </div>
          <Labelled
            id={ids.circumstances}
            error={sealing.errorAt('circumstances')}
            label={t('incident.circumstances')}
            required
          >
            <textarea
              id={ids.circumstances}
              rows={3}
              value={circumstances}
              onChange={(event) => setCircumstances(event.target.value)}
            />
          </Labelled>
          <label className="record-actions__check" htmlFor={ids.notified}>
            <input
              id={ids.notified}
              type="checkbox"
              checked={notified}
              onChange={(event) => setNotified(event.target.checked)}
            />
            {t('incident.notified')}
          </label>
          {notified && (
            <div className="grid">
              <Labelled
                id={ids.notifiedOn}
                error={sealing.errorAt('iarmsNotifiedOn')}
                label={t('incident.notifiedOn')}
              >
                <DateField
                  id={ids.notifiedOn}
                  aria-invalid={false}
                  aria-describedby={undefined}
                  value={notifiedOn}
                  onChange={setNotifiedOn}
                />
              </Labelled>
              <Labelled
                id={ids.iarmsReference}
                error={sealing.errorAt('iarmsReference')}
                label={t('incident.iarmsReference')}
              >
                <input
                  id={ids.iarmsReference}
                  type="text"
                  value={iarmsReference}
                  onChange={(event) => setIarmsReference(event.target.value)}
                />
              </Labelled>
            </div>
          )}
        </section>
        <IssueList
          issues={sealing.issues}
          fieldLabel={(path) => fieldLabels[path.split('.')[0] ?? ''] ?? path}
        />
        <SealFooter sealing={sealing} saveLabel={t('incident.save')} cancelHref={cancelHref} />
      </form>
    </FormProvider>
  );
}
