import { useCallback, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../shared/domain/attachment.ts';
import {
  DestructionEventInputSchema,
  DestructionEventSchema,
  DestructionToPrintSchema,
  type DestructionEvent,
} from '../../../shared/domain/destruction-event.ts';
import {
  destructionMethodValues,
  intakeContextValues,
  sourceContextValues,
  verificationResultValues,
} from '../../../shared/domain/enums.ts';
import { quantityKindValues, quantityUnitValues } from '../../../shared/domain/quantity.ts';
import { ageingBuckets, type CustodyItem } from '../../../shared/ipc/procedures/custody.ts';
import { itemKinds } from '../../../shared/records/intake-items.ts';
import type { CustodyEntity } from '../../../shared/custody/item-custody.ts';
import { api } from '../../api.ts';
import { DateField } from '../../components/DateField.tsx';
import {
  DocumentLanguageSelect,
  useDocumentLanguage,
} from '../../components/DocumentLanguageSelect.tsx';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { ErrorMessage, useErrorText } from '../../components/ErrorMessage.tsx';
import { useItemLabels } from '../items/item-labels.ts';
import { PageTitle } from '../places/PlaceFacts.tsx';
import { useLoaded } from '../places/use-loaded.ts';
import { downloadPdf } from '../records/RecordActions.tsx';
import { PhotoThumb, readFileAsBase64 } from '../records/photos.tsx';
import { blank, chosen, decimal, itemRefOf, localTimestamp } from './custody-form.ts';
import { custodyRecordHref, prefillOf, siteHref } from './custody-location.ts';
import { CorrectedRecord, type Corrected } from './CorrectedRecord.tsx';
import { CorrectionCard } from './CorrectionCard.tsx';
import { ItemIdentityCell, ItemTypeCell, useAmountText, useItemName } from './item-text.tsx';
import { IssueList, Labelled, SealFooter, useSealing } from './sealing.tsx';
import { SiteChooser } from './SiteChooser.tsx';
import { useCustodyRights } from './use-custody-rights.ts';
import { OptionSelect } from './OptionSelect.tsx';

/** The kind of record this form seals (and corrects). */
const destructionEntity: CustodyEntity = 'destruction_event';

const formPath = 'destruction';

/** `#/custody/destruction/new?site=<id>&items=<ids>`: items destroyed, checked, witnessed, certified. */
export function DestructionEditor({ query }: { query: string }) {
  const { t } = useTranslation('custody');
  const rights = useCustodyRights();
  const prefill = prefillOf(new URLSearchParams(query));
  const site = prefill.site ?? '';
  const correctsId = prefill.corrects ?? null;
  const back =
    correctsId !== null
      ? custodyRecordHref(correctsId)
      : site === ''
        ? '#/custody/sites'
        : siteHref(site);
  return (
    <section aria-labelledby="place-title" className="records-editor custody-form">
      <p className="back">
        <a href={back}>{t('form2.back')}</a>
      </p>
      <PageTitle>
        {correctsId === null ? t('destruction.newTitle') : t('destruction.correctTitle')}
      </PageTitle>
      {!rights.destroy ? (
        <p className="notice notice--warning">{t('destruction.notAllowed')}</p>
      ) : correctsId !== null ? (
        <>
          <p className="places-intro">{t('destruction.intro')}</p>
          {/* A correction starts at the site of the destruction it corrects, with its items. */}
          <CorrectedRecord
            correctsId={correctsId}
            entity={destructionEntity}
            schema={DestructionEventSchema}
          >
            {(corrected) => (
              <DestructionForm
                site={corrected.record.siteLocationId}
                preselected={corrected.view.items.map((item) => item.id)}
                corrected={corrected}
                cancelHref={back}
              />
            )}
          </CorrectedRecord>
        </>
      ) : (
        <>
          <p className="places-intro">{t('destruction.intro')}</p>
          <SiteChooser site={site} path={formPath} />
          {site !== '' && (
            <DestructionForm
              key={query}
              site={site}
              preselected={prefill.items ?? []}
              corrected={null}
              cancelHref={back}
            />
          )}
        </>
      )}
    </section>
  );
}

/** Which age bucket an item's wait falls in. */
function bucketOf(days: number | null): string | null {
  if (days === null) return null;
  if (days < 90) return 'under_90_days';
  if (days <= 365) return 'days_90_to_365';
  return 'over_a_year';
}

interface Row {
  key: number;
}
interface Witness extends Row {
  name: string;
  organisation: string;
  role: string;
}
interface Count extends Row {
  sourceContext: string;
  kind: string;
  unit: string;
  amount: string;
}

let nextKey = 1;
const newKey = () => (nextKey += 1);

/** A row just added takes the focus, so a keyboard user types into it at once. */
function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

function DestructionForm({
  site,
  preselected,
  corrected,
  cancelHref,
}: {
  site: string;
  preselected: readonly string[];
  /** The destruction this one corrects: the form starts from what it said. */
  corrected: Corrected<DestructionEvent> | null;
  cancelHref: string;
}) {
  const was = corrected?.record ?? null;
  const { t } = useTranslation('custody');
  const label = useEnumLabel();
  const text = {
    destructionMethod: (value: string) => label('destructionMethod', value as never),
    intakeContext: (value: string) => label('intakeContext', value as never),
    quantityKind: (value: string) => label('quantityKind', value as never),
    quantityUnit: (value: string) => label('quantityUnit', value as never),
    sourceContext: (value: string) => label('sourceContext', value as never),
    verificationResult: (value: string) => label('verificationResult', value as never),
  };
  const labels = useItemLabels();
  const itemName = useItemName();
  const amountText = useAmountText();
  const errorText = useErrorText();
  const load = useCallback(
    () =>
      api().getSiteInventory({
        siteId: site,
        lifecycleStatus: 'awaiting_destruction',
        limit: 10000,
      }),
    [site],
  );
  const { state } = useLoaded(load);
  const [filter, setFilter] = useState({ kind: '', context: '', age: '' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(preselected));
  const [ticked, setTicked] = useState<ReadonlySet<string>>(
    () => new Set(was?.preDestructionVerification.itemsTicked ?? []),
  );
  const [counts, setCounts] = useState<Count[]>(() =>
    (was?.aggregateCounts ?? []).map((count) => ({
      key: newKey(),
      sourceContext: count.sourceContext,
      kind: count.quantity.kind,
      unit: count.quantity.unit,
      amount: String(count.quantity.amount),
    })),
  );
  const [check, setCheck] = useState({
    verifiedBy: was?.preDestructionVerification.verifiedBy ?? '',
    countChecked: was?.preDestructionVerification.countChecked ?? false,
    serialsChecked: was?.preDestructionVerification.serialsChecked ?? false,
    result: was?.preDestructionVerification.result ?? '',
    note: was?.preDestructionVerification.note ?? '',
  });
  const [facts, setFacts] = useState({
    destructionDate: (was?.destructionDate ?? localTimestamp(new Date()).slice(0, 10)) as
      string | undefined,
    method: was?.method ?? '',
    organisingAuthority: was?.organisingAuthority ?? '',
    certificateNumber: was?.certificateNumber ?? '',
    postDestructionCheck: was?.postDestructionCheck ?? '',
    fundingSource: was?.fundingSource ?? '',
    publicEvent: was?.publicEvent ?? false,
    publicOccasion: was?.publicOccasion ?? '',
  });
  const [witnesses, setWitnesses] = useState<Witness[]>(() =>
    (was?.witnesses ?? [{ name: '', organisation: '', role: '' }]).map((witness) => ({
      key: newKey(),
      name: witness.name,
      organisation: witness.organisation,
      role: witness.role,
    })),
  );
  const [signatories, setSignatories] = useState<Array<Row & { name: string }>>(() =>
    (was?.certificateSignatories ?? ['']).map((name) => ({ key: newKey(), name })),
  );
  const [photos, setPhotos] = useState<AttachmentRef[]>(was?.photos ?? []);
  const [certificateFile, setCertificateFile] = useState<AttachmentRef | null>(
    was?.certificateFile ?? null,
  );
  const [correctionReason, setCorrectionReason] = useState('');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [printOutcome, setPrintOutcome] = useState<string | null>(null);
  const [printLanguage, setPrintLanguage] = useDocumentLanguage();
  const sealing = useSealing();
  const ids = {
    items: useId(),
    kind: useId(),
    context: useId(),
    age: useId(),
    counts: useId(),
    check: useId(),
    facts: useId(),
    witnesses: useId(),
    photos: useId(),
    certificate: useId(),
    more: useId(),
    f: useId(),
  };
  if (state.kind === 'loading') return <p className="field__hint">{t('common.loading')}</p>;
  if (state.kind === 'failed') return <ErrorMessage error={state.error} />;
  // A correction's own items were destroyed by the record it corrects: listed from that record.
  const awaiting = state.value.items;
  const all = [
    ...(corrected?.view.items.filter((item) => !awaiting.some((other) => other.id === item.id)) ??
      []),
    ...awaiting,
  ];
  const visible = all.filter(
    (item) =>
      (filter.kind === '' || item.kind === filter.kind) &&
      (filter.context === '' || item.intakeContext === filter.context) &&
      (filter.age === '' || bucketOf(item.daysAwaiting) === filter.age),
  );
  const chosenItems = all.filter((item) => selected.has(item.id));
  const setIn = (
    setter: (update: (current: ReadonlySet<string>) => ReadonlySet<string>) => void,
    idsToSet: readonly string[],
    on: boolean,
  ) =>
    setter((current) => {
      const next = new Set(current);
      for (const id of idsToSet) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const f = (name: string) => `${ids.f}-${name}`;

  const record = () => {
    const chosenIds = new Set(chosenItems.map((item) => item.id));
    return {
      destructionDate: facts.destructionDate,
      siteLocationId: site,
      organisingAuthority: blank(facts.organisingAuthority),
      method: blank(facts.method),
      items: chosenItems.map((item: CustodyItem) => itemRefOf(chosen(item))),
      aggregateCounts: counts.map((count) => ({
        sourceContext: blank(count.sourceContext),
        quantity: {
          kind: blank(count.kind),
          unit: blank(count.unit),
          amount: decimal(count.amount),
        },
      })),
      preDestructionVerification: {
        verifiedBy: blank(check.verifiedBy),
        countChecked: check.countChecked,
        serialsChecked: check.serialsChecked,
        itemsTicked: [...ticked].filter((id) => chosenIds.has(id)),
        result: blank(check.result),
        note: blank(check.note),
      },
      witnesses: witnesses.map((witness) => ({
        name: blank(witness.name),
        organisation: blank(witness.organisation),
        role: blank(witness.role),
      })),
      photos,
      certificateNumber: blank(facts.certificateNumber),
      certificateSignatories: signatories.map((entry) => blank(entry.name)),
      certificateFile: certificateFile ?? undefined,
      postDestructionCheck: blank(facts.postDestructionCheck),
      fundingSource: blank(facts.fundingSource),
      publicEvent: facts.publicEvent ? true : undefined,
      publicOccasion: facts.publicEvent ? blank(facts.publicOccasion) : undefined,
      correction:
        corrected === null
          ? undefined
          : { correctsId: corrected.id, reason: blank(correctionReason) },
    };
  };

  const addFile = async (event: ChangeEvent<HTMLInputElement>, kind: 'scene' | 'document') => {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    setFileProblem(null);
    try {
      for (const file of files) {
        const ref = await api().addPhoto({ dataBase64: await readFileAsBase64(file), kind });
        if (kind === 'document') setCertificateFile(ref);
        else
          setPhotos((current) =>
            current.some((photo) => photo.sha256 === ref.sha256) ? current : [...current, ref],
          );
      }
    } catch (error) {
      setFileProblem(errorText(error));
    }
    input.value = '';
  };

  const print = async () => {
    setPrintOutcome(null);
    // Printed to be signed before sealing: photos and the signed scan do not exist yet.
    const parsed = DestructionToPrintSchema.safeParse(record());
    if (!parsed.success) {
      sealing.submit(
        { preventDefault: () => undefined } as FormEvent,
        DestructionToPrintSchema,
        record(),
        () => Promise.reject(new Error('unreachable')),
      );
      return;
    }
    try {
      const delivery = await api().makeDestructionCertificate({
        destruction: parsed.data,
        language: printLanguage,
      });
      if (delivery.kind === 'download') {
        downloadPdf(delivery);
        setPrintOutcome(t('destruction.printed', { fileName: delivery.fileName }));
      } else if (delivery.kind === 'saved') {
        setPrintOutcome(t('destruction.printedSaved', { path: delivery.path }));
      } else setPrintOutcome(t('destruction.printCancelled'));
    } catch (error) {
      setPrintOutcome(errorText(error));
    }
  };

  const onSubmit = (event: FormEvent) =>
    sealing.submit(event, DestructionEventInputSchema, record(), (destruction: never, passphrase) =>
      api().recordDestruction({ destruction, passphrase }),
    );
  const fieldLabels: Record<string, string> = {
    items: t('destruction.items', { count: 2 }),
    aggregateCounts: t('destruction.counts'),
    preDestructionVerification: t('destruction.check'),
    witnesses: t('destruction.witnesses'),
    photos: t('destruction.photos'),
    certificateFile: t('destruction.certificateFile'),
    certificateNumber: t('destruction.certificateNumber'),
    certificateSignatories: t('destruction.signatories'),
    organisingAuthority: t('destruction.authority'),
    method: t('destruction.method'),
    destructionDate: t('destruction.date'),
    correction: t('correction.reason'),
  };
  const partLabels: Record<string, string> = {
    result: t('destruction.result'),
    verifiedBy: t('destruction.verifiedBy'),
    note: t('destruction.checkNote'),
    itemsTicked: t('destruction.ticked'),
    name: t('destruction.witnessName'),
    organisation: t('destruction.witnessOrganisation'),
    role: t('destruction.witnessRole'),
    sourceContext: t('destruction.sourceContext'),
    kind: t('site.kind'),
    unit: t('destruction.unit'),
    amount: t('destruction.amount'),
  };
  /** "Witness 2 · Name" rather than "Witnesses" three times: the list names each field. */
  const fieldLabel = (path: string): string => {
    const [head = '', ...rest] = path.split('.');
    const index = /^\d+$/.test(rest[0] ?? '') ? Number(rest.shift()) : null;
    const part = rest.at(-1);
    const whole =
      index === null
        ? (fieldLabels[head] ?? path)
        : head === 'witnesses'
          ? t('destruction.witnessN', { n: index + 1 })
          : head === 'aggregateCounts'
            ? t('destruction.countN', { n: index + 1 })
            : head === 'certificateSignatories'
              ? t('destruction.signatoryN', { n: index + 1 })
              : (fieldLabels[head] ?? path);
    const detail = part === undefined ? undefined : partLabels[part];
    return detail === undefined ? whole : `${whole} · ${detail}`;
  };

  return (
    <form aria-labelledby="place-title" noValidate autoComplete="off" onSubmit={onSubmit}>
      {corrected !== null && (
        <CorrectionCard
          corrected={corrected.view}
          correctsId={corrected.id}
          error={sealing.errorAt('correction')}
          reason={{ value: correctionReason, onChange: setCorrectionReason }}
        />
      )}
      <section className="card" aria-labelledby={ids.items}>
        <h2 id={ids.items}>{t('destruction.awaiting', { count: all.length })}</h2>
        <div className="filters__grid">
          <Labelled id={ids.kind} label={t('site.kind')}>
            <OptionSelect
              id={ids.kind}
              value={filter.kind}
              empty={t('site.anyKind')}
              options={itemKinds}
              label={(kind) => labels.kind(kind)}
              onChange={(value) => setFilter({ ...filter, kind: value })}
            />
          </Labelled>
          <Labelled id={ids.context} label={t('destruction.context')}>
            <OptionSelect
              id={ids.context}
              value={filter.context}
              empty={t('destruction.anyContext')}
              options={intakeContextValues}
              label={(value) => text.intakeContext(value)}
              onChange={(value) => setFilter({ ...filter, context: value })}
            />
          </Labelled>
          <Labelled id={ids.age} label={t('site.ageing')}>
            <OptionSelect
              id={ids.age}
              value={filter.age}
              empty={t('site.anyAge')}
              options={ageingBuckets}
              label={(bucket) => t(`ageing.${bucket}`)}
              onChange={(value) => setFilter({ ...filter, age: value })}
            />
          </Labelled>
        </div>
        <div className="actions">
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              setIn(
                setSelected,
                visible.map((item) => item.id),
                true,
              )
            }
          >
            {t('destruction.selectAll')}
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              setIn(
                setSelected,
                visible.map((item) => item.id),
                false,
              )
            }
          >
            {t('destruction.selectNone')}
          </button>
          <span aria-live="polite">{t('site.selected', { count: chosenItems.length })}</span>
        </div>
        {visible.length === 0 ? (
          <p className="field__hint">{t('destruction.noneAwaiting')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('destruction.destroy')}</th>
                  <th scope="col">{t('columns.serial')}</th>
                  <th scope="col">{t('columns.item')}</th>
                  <th scope="col">{t('columns.amountHere')}</th>
                </tr>
              </thead>
              <tbody>
                {visible.map((item) => (
                  <tr key={item.id}>
                    <td className="select-cell">
                      <input
                        type="checkbox"
                        aria-label={t('destruction.selectItem', { item: itemName(item) })}
                        checked={selected.has(item.id)}
                        onChange={(event) => setIn(setSelected, [item.id], event.target.checked)}
                      />
                    </td>
                    <td>
                      <ItemIdentityCell item={item} />
                    </td>
                    <td>
                      <ItemTypeCell item={item} link={false} />
                    </td>
                    <td>{amountText(item) ?? t('common.notSet')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby={ids.counts}>
        <h2 id={ids.counts}>{t('destruction.counts')}</h2>
        <p className="field__hint">{t('destruction.countsHint')}</p>
        {counts.map((count, index) => {
          const update = (patch: Partial<Count>) =>
            setCounts((current) =>
              current.map((other) => (other.key === count.key ? { ...other, ...patch } : other)),
            );
          return (
            <fieldset key={count.key} className="grid__row">
              <legend>{t('destruction.countN', { n: index + 1 })}</legend>
              <Labelled
                id={f(`c${count.key}s`)}
                error={sealing.errorAt(`aggregateCounts.${index}.sourceContext`)}
                label={t('destruction.sourceContext')}
                required
              >
                <OptionSelect
                  id={f(`c${count.key}s`)}
                  value={count.sourceContext}
                  empty={t('form2.choose')}
                  options={sourceContextValues}
                  label={(value) => text.sourceContext(value)}
                  onChange={(value) => update({ sourceContext: value })}
                />
              </Labelled>
              <Labelled
                id={f(`c${count.key}k`)}
                error={sealing.errorAt(`aggregateCounts.${index}.quantity.kind`)}
                label={t('site.kind')}
                required
              >
                <OptionSelect
                  id={f(`c${count.key}k`)}
                  value={count.kind}
                  empty={t('form2.choose')}
                  options={quantityKindValues}
                  label={(value) => text.quantityKind(value)}
                  onChange={(value) => update({ kind: value })}
                />
              </Labelled>
              <Labelled
                id={f(`c${count.key}u`)}
                error={sealing.errorAt(`aggregateCounts.${index}.quantity.unit`)}
                label={t('destruction.unit')}
                required
              >
                <OptionSelect
                  id={f(`c${count.key}u`)}
                  value={count.unit}
                  empty={t('form2.choose')}
                  options={quantityUnitValues}
                  label={(value) => text.quantityUnit(value)}
                  onChange={(value) => update({ unit: value })}
                />
              </Labelled>
              <Labelled
                id={f(`c${count.key}a`)}
                error={sealing.errorAt(`aggregateCounts.${index}.quantity.amount`)}
                label={t('destruction.amount')}
                required
              >
                <input
                  id={f(`c${count.key}a`)}
                  type="text"
                  inputMode="decimal"
                  className="input--short"
                  value={count.amount}
                  onChange={(event) => update({ amount: event.target.value })}
                />
              </Labelled>
              <button
                type="button"
                className="button button--small"
                onClick={() =>
                  setCounts((current) => current.filter((other) => other.key !== count.key))
                }
              >
                {t('form2.remove')}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            const key = newKey();
            setCounts((current) => [
              ...current,
              { key, sourceContext: '', kind: '', unit: '', amount: '' },
            ]);
            focusSoon(f(`c${key}s`));
          }}
        >
          {t('destruction.addCount')}
        </button>
      </section>

      <section className="card" aria-labelledby={ids.check}>
        <h2 id={ids.check}>{t('destruction.check')}</h2>
        <p className="field__hint">{t('destruction.checkHint')}</p>
        {chosenItems.length > 0 && (
          <ul className="tick-list" data-testid="tick-list">
            {chosenItems.map((item) => (
              <li key={item.id}>
                <label className="record-actions__check">
                  <input
                    type="checkbox"
                    checked={ticked.has(item.id)}
                    onChange={(event) => setIn(setTicked, [item.id], event.target.checked)}
                  />
                  {t('destruction.tick', { item: itemName(item) })}
                </label>
              </li>
            ))}
          </ul>
        )}
        <label className="record-actions__check">
          <input
            type="checkbox"
            checked={check.countChecked}
            onChange={(event) => setCheck({ ...check, countChecked: event.target.checked })}
          />
          {t('destruction.countChecked')}
        </label>
        <label className="record-actions__check">
          <input
            type="checkbox"
            checked={check.serialsChecked}
            onChange={(event) => setCheck({ ...check, serialsChecked: event.target.checked })}
          />
          {t('destruction.serialsChecked')}
        </label>
        <div className="grid">
          <Labelled
            id={f('result')}
            error={sealing.errorAt('preDestructionVerification.result')}
            label={t('destruction.result')}
            required
          >
            <OptionSelect
              id={f('result')}
              value={check.result}
              empty={t('form2.choose')}
              options={verificationResultValues}
              label={(value) => text.verificationResult(value)}
              onChange={(value) => setCheck({ ...check, result: value })}
            />
          </Labelled>
          <Labelled
            id={f('verifiedBy')}
            error={sealing.errorAt('preDestructionVerification.verifiedBy')}
            label={t('destruction.verifiedBy')}
            required
          >
            <input
              id={f('verifiedBy')}
              type="text"
              value={check.verifiedBy}
              onChange={(event) => setCheck({ ...check, verifiedBy: event.target.value })}
            />
          </Labelled>
        </div>
        <Labelled
          id={f('checkNote')}
          error={sealing.errorAt('preDestructionVerification.note')}
          label={t('destruction.checkNote')}
          required={check.result === 'discrepancies_found'}
        >
          <textarea
            id={f('checkNote')}
            rows={2}
            value={check.note}
            onChange={(event) => setCheck({ ...check, note: event.target.value })}
          />
        </Labelled>
      </section>

      <section className="card" aria-labelledby={ids.facts}>
        <h2 id={ids.facts}>{t('destruction.section')}</h2>
        <div className="grid">
          <Labelled
            id={f('date')}
            error={sealing.errorAt('destructionDate')}
            label={t('destruction.date')}
            required
          >
            <DateField
              id={f('date')}
              aria-invalid={false}
              aria-describedby={undefined}
              value={facts.destructionDate}
              onChange={(value) => setFacts({ ...facts, destructionDate: value })}
            />
          </Labelled>
          <Labelled
            id={f('method')}
            error={sealing.errorAt('method')}
            label={t('destruction.method')}
            required
          >
            <OptionSelect
              id={f('method')}
              value={facts.method}
              empty={t('form2.choose')}
              options={destructionMethodValues}
              label={(value) => text.destructionMethod(value)}
              onChange={(value) => setFacts({ ...facts, method: value })}
            />
          </Labelled>
          <Labelled
            id={f('authority')}
            error={sealing.errorAt('organisingAuthority')}
            label={t('destruction.authority')}
            required
          >
            <input
              id={f('authority')}
              type="text"
              value={facts.organisingAuthority}
              onChange={(event) => setFacts({ ...facts, organisingAuthority: event.target.value })}
            />
          </Labelled>
        </div>
      </section>

      <section className="card" aria-labelledby={ids.witnesses}>
        <h2 id={ids.witnesses}>{t('destruction.witnesses')}</h2>
        {witnesses.map((witness, index) => {
          const update = (patch: Partial<Witness>) =>
            setWitnesses((current) =>
              current.map((other) => (other.key === witness.key ? { ...other, ...patch } : other)),
            );
          return (
            <fieldset key={witness.key} className="grid__row">
              <legend>{t('destruction.witnessN', { n: index + 1 })}</legend>
              <Labelled
                id={f(`w${witness.key}n`)}
                error={sealing.errorAt(`witnesses.${index}.name`)}
                label={t('destruction.witnessName')}
                required
              >
                <input
                  id={f(`w${witness.key}n`)}
                  type="text"
                  value={witness.name}
                  onChange={(event) => update({ name: event.target.value })}
                />
              </Labelled>
              <Labelled
                id={f(`w${witness.key}o`)}
                error={sealing.errorAt(`witnesses.${index}.organisation`)}
                label={t('destruction.witnessOrganisation')}
                required
              >
                <input
                  id={f(`w${witness.key}o`)}
                  type="text"
                  value={witness.organisation}
                  onChange={(event) => update({ organisation: event.target.value })}
                />
              </Labelled>
              <Labelled
                id={f(`w${witness.key}r`)}
                error={sealing.errorAt(`witnesses.${index}.role`)}
                label={t('destruction.witnessRole')}
                required
              >
                <input
                  id={f(`w${witness.key}r`)}
                  type="text"
                  value={witness.role}
                  onChange={(event) => update({ role: event.target.value })}
                />
              </Labelled>
              {witnesses.length > 1 && (
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('destruction.removeWitness', { n: index + 1 })}
                  onClick={() =>
                    setWitnesses((current) => current.filter((other) => other.key !== witness.key))
                  }
                >
                  {t('form2.remove')}
                </button>
              )}
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            const key = newKey();
            setWitnesses((current) => [...current, { key, name: '', organisation: '', role: '' }]);
            focusSoon(f(`w${key}n`));
          }}
        >
          {t('destruction.addWitness')}
        </button>
      </section>

      <section className="card" aria-labelledby={ids.photos}>
        <h2 id={ids.photos} className="field__label--required">
          {t('destruction.photosCount', { count: photos.length })}
        </h2>
        {photos.length > 0 && (
          <ul className="thumbs">
            {photos.map((photo, index) => (
              <li key={photo.sha256} className="thumbs__item">
                <PhotoThumb
                  photo={photo}
                  alt={t('destruction.photoAlt', { n: index + 1 })}
                  errorText={t('destruction.photoUnreadable')}
                />
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('destruction.removePhoto', { n: index + 1 })}
                  onClick={() =>
                    setPhotos((current) => current.filter((other) => other.sha256 !== photo.sha256))
                  }
                >
                  {t('form2.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <Labelled
          id={f('photos')}
          error={sealing.errorAt('photos')}
          label={t('destruction.addPhotos')}
          required
          // Said before anything is typed: a missing photo otherwise surfaces only at sealing.
          hint={t('destruction.photosNeeded')}
          // The native file button speaks the browser's language, not the app's: it stays
          // focusable but hidden, and a label styled as a button is what is seen.
          after={
            <label htmlFor={f('photos')} className="button file-input__button">
              {t('destruction.choosePhotos')}
            </label>
          }
        >
          <input
            id={f('photos')}
            className="file-input"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            multiple
            onChange={(event) => void addFile(event, 'scene')}
          />
        </Labelled>
        {fileProblem !== null && (
          <p className="field__error" role="alert">
            {fileProblem}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby={ids.certificate}>
        <h2 id={ids.certificate}>{t('destruction.certificate')}</h2>
        <Labelled
          id={f('certificateNumber')}
          error={sealing.errorAt('certificateNumber')}
          label={t('destruction.certificateNumber')}
          required
        >
          <input
            id={f('certificateNumber')}
            type="text"
            value={facts.certificateNumber}
            onChange={(event) => setFacts({ ...facts, certificateNumber: event.target.value })}
          />
        </Labelled>
        <fieldset>
          <legend className="field__label--required">{t('destruction.signatories')}</legend>
          {signatories.map((entry, index) => (
            <div key={entry.key} className="grid__row">
              <Labelled
                id={f(`s${entry.key}`)}
                error={sealing.errorAt(`certificateSignatories.${index}`)}
                label={t('destruction.signatoryN', { n: index + 1 })}
              >
                <input
                  id={f(`s${entry.key}`)}
                  type="text"
                  value={entry.name}
                  onChange={(event) =>
                    setSignatories((current) =>
                      current.map((other) =>
                        other.key === entry.key ? { ...other, name: event.target.value } : other,
                      ),
                    )
                  }
                />
              </Labelled>
              {signatories.length > 1 && (
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('destruction.removeSignatory', { n: index + 1 })}
                  onClick={() =>
                    setSignatories((current) => current.filter((other) => other.key !== entry.key))
                  }
                >
                  {t('form2.remove')}
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              const key = newKey();
              setSignatories((current) => [...current, { key, name: '' }]);
              focusSoon(f(`s${key}`));
            }}
          >
            {t('destruction.addSignatory')}
          </button>
        </fieldset>
        <p className="field__hint">{t('destruction.printHint')}</p>
        <div className="actions destruction-print">
          <button type="button" className="button" onClick={() => void print()}>
            {t('destruction.print')}
          </button>
          <DocumentLanguageSelect value={printLanguage} onChange={setPrintLanguage} />
        </div>
        <p role="status" className="field__hint" data-testid="print-outcome">
          {printOutcome}
        </p>
        <Labelled
          id={f('certificateFile')}
          error={sealing.errorAt('certificateFile')}
          label={t('destruction.certificateFile')}
          required
          hint={
            certificateFile === null
              ? t('destruction.certificateFileHint')
              : t('destruction.certificateFileAttached')
          }
          after={
            <label htmlFor={f('certificateFile')} className="button file-input__button">
              {t('destruction.chooseScan')}
            </label>
          }
        >
          <input
            id={f('certificateFile')}
            className="file-input"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            onChange={(event) => void addFile(event, 'document')}
          />
        </Labelled>
      </section>

      <section className="card" aria-labelledby={ids.more}>
        <h2 id={ids.more}>{t('destruction.more')}</h2>
        <Labelled
          id={f('funding')}
          error={sealing.errorAt('fundingSource')}
          label={t('destruction.funding')}
          hint={t('destruction.fundingHint')}
        >
          <input
            id={f('funding')}
            type="text"
            value={facts.fundingSource}
            onChange={(event) => setFacts({ ...facts, fundingSource: event.target.value })}
          />
        </Labelled>
        <label className="record-actions__check">
          <input
            type="checkbox"
            checked={facts.publicEvent}
            onChange={(event) => setFacts({ ...facts, publicEvent: event.target.checked })}
          />
          {t('destruction.publicEvent')}
        </label>
        {facts.publicEvent && (
          <Labelled
            id={f('occasion')}
            error={sealing.errorAt('publicOccasion')}
            label={t('destruction.publicOccasion')}
          >
            <input
              id={f('occasion')}
              type="text"
              value={facts.publicOccasion}
              onChange={(event) => setFacts({ ...facts, publicOccasion: event.target.value })}
            />
          </Labelled>
        )}
        <Labelled
          id={f('post')}
          error={sealing.errorAt('postDestructionCheck')}
          label={t('destruction.postCheck')}
        >
          <textarea
            id={f('post')}
            rows={2}
            value={facts.postDestructionCheck}
            onChange={(event) => setFacts({ ...facts, postDestructionCheck: event.target.value })}
          />
        </Labelled>
      </section>
      <IssueList issues={sealing.issues} fieldLabel={fieldLabel} />
      <SealFooter sealing={sealing} saveLabel={t('destruction.save')} cancelHref={cancelHref} />
    </form>
  );
}
