import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Controller, FormProvider, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { AttachmentRef } from '../../../shared/domain/attachment.ts';
import { CustodyTransferSchema } from '../../../shared/domain/custody-transfer.ts';
import { custodyPurposeValues, type CustodyPurpose } from '../../../shared/domain/enums.ts';
import type { Location } from '../../../shared/domain/location.ts';
import { custodyProcedures, type CustodyItem } from '../../../shared/ipc/procedures/custody.ts';
import { api } from '../../api.ts';
import { useCurrentUser } from '../../app/SessionProvider.tsx';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../places/PlaceFacts.tsx';
import { useLoaded } from '../places/use-loaded.ts';
import { ChooseOptions } from '../records/editor/InlineForm.tsx';
import { ItemsSection } from './ChosenItems.tsx';
import {
  chosenAsIn,
  custodyResolver,
  emptySignature,
  localTimestamp,
  partIssues,
  transferFromForm,
  type ChosenItem,
  type SignatureValues,
  type TransferFormValues,
} from './custody-form.ts';
import { custodyRecordHref, prefillOf, type ItemPrefillParams } from './custody-location.ts';
import { CorrectionCard } from './CorrectionCard.tsx';
import { CustodyField, MomentInputs } from './fields.tsx';
import { submitFocusingIssues } from './focus-first-issue.ts';
import { FormFooter } from './FormFooter.tsx';
import { HolderFields } from './HolderFields.tsx';
import { loadFormStart, type FormStart } from './prefill.ts';
import { useCustodySave, useSignatureStore } from './save.ts';
import { SealNumbers } from './SealNumbers.tsx';
import { SignatureField, type SignatureHandle } from './SignatureField.tsx';
import { useCustodyRights } from './use-custody-rights.ts';

/** What main takes for a new transfer. */
const CustodyTransferInputSchema = custodyProcedures.recordCustodyTransfer.input.shape.transfer;

/** `#/custody/transfer/new`: a new transfer, or a correction of one (`?corrects=<id>`). */
export function TransferEditor({ query }: { query: string }) {
  const { t } = useTranslation('custody');
  const rights = useCustodyRights();
  const load = useCallback(() => loadFormStart(prefillOf(new URLSearchParams(query))), [query]);
  const { state } = useLoaded(load);
  const prefill = prefillOf(new URLSearchParams(query));
  const correcting = prefill.corrects !== undefined;
  const back = correcting ? custodyRecordHref(prefill.corrects ?? '') : '#/custody/records';

  return (
    <section aria-labelledby="place-title" className="records-editor custody-form">
      <p className="back">
        <a href={back}>{correcting ? t('form.backToRecord') : t('form.backToRecords')}</a>
      </p>
      <PageTitle>{correcting ? t('transfer.correctTitle') : t('transfer.newTitle')}</PageTitle>
      {!rights.transfer ? (
        <p className="notice notice--warning">{t('rights.transfer')}</p>
      ) : (
        <>
          <p className="places-intro">{t('transfer.intro')}</p>
          {state.kind === 'loading' && <p className="field__hint">{t('common.loading')}</p>}
          {state.kind === 'failed' && <ErrorMessage error={state.error} />}
          {state.kind === 'ready' && (
            <TransferForm start={state.value} prefill={prefill} cancelHref={back} />
          )}
        </>
      )}
    </section>
  );
}

/** Names the JSX uses (not words to translate). */
const sides = { from: 'from', to: 'to', handover: 'handover', receipt: 'receipt' } as const;
const signatureSides = [sides.handover, sides.receipt] as const;
const names = { transferredAt: 'transferredAt', sealNumbers: 'sealNumbers' } as const;

/** The place all the items are at now, when they are all at one. */
function commonPlace(items: readonly CustodyItem[]): string | undefined {
  const places = new Set(items.map((item) => item.currentLocationId));
  const [only] = places;
  return places.size === 1 && only !== null && only !== undefined ? only : undefined;
}

const purposeOfSite: Readonly<Partial<Record<Location['locationType'], CustodyPurpose>>> = {
  storage_site: 'to_storage',
  evidence_room: 'to_evidence_room',
  destruction_site: 'to_destruction_site',
};

/**
 * A new transfer starts with the signed-in person as the one handing over: whoever records a
 * transfer on their laptop is, nearly always, the holder letting the items go (a field officer's
 * items going into store, a custodian's going to destruction or to the lab). A correction keeps
 * the corrected record's names. Either way it is only a start, typed over when someone else
 * hands over.
 */
function transferDefaults(
  start: FormStart,
  prefill: ItemPrefillParams,
  signedIn: string,
): TransferFormValues {
  const parsed =
    start.corrected?.entity === 'custody_transfer'
      ? CustodyTransferSchema.safeParse(start.corrected.record)
      : null;
  const record = parsed?.success === true ? parsed.data : null;
  const items: ChosenItem[] = start.items.map((item) => chosenAsIn(item, record?.items));
  const signature = (
    value: { signedBy: string; signedAt: string; image: AttachmentRef } | undefined,
  ): SignatureValues =>
    value === undefined
      ? emptySignature()
      : { name: value.signedBy, at: value.signedAt, drawn: false, kept: value.image };
  return {
    items,
    fromName: record === null ? signedIn : record.fromHolder.name,
    fromUnit: record?.fromHolder.unit ?? '',
    fromLocationId: record?.fromHolder.locationId ?? prefill.site ?? commonPlace(start.items) ?? '',
    toName: record?.toHolder.name ?? '',
    toUnit: record?.toHolder.unit ?? '',
    toLocationId: record?.toHolder.locationId ?? '',
    purpose: record?.purpose ?? '',
    transferredAt: record?.transferredAt ?? localTimestamp(new Date()),
    sealNumbers: record?.sealNumbers ?? [],
    transportMode: record?.transportMode ?? '',
    escort: record?.escort ?? '',
    hasDiscrepancy: record?.discrepancies !== undefined,
    discrepancyNote: record?.discrepancies?.note ?? '',
    countDifference:
      record?.discrepancies?.countDifference === undefined
        ? ''
        : String(record.discrepancies.countDifference),
    handover: signature(record?.handoverSignature),
    receipt: signature(record?.receiptSignature),
    correctionReason: '',
  };
}

function TransferForm({
  start,
  prefill,
  cancelHref,
}: {
  start: FormStart;
  prefill: ItemPrefillParams;
  cancelHref: string;
}) {
  const { t } = useTranslation('custody');
  const label = useEnumLabel();
  // The record's id is made once: saving again after an error saves the same record.
  const [id] = useState(() => uuidv7());
  const correctsId = start.corrected === null ? null : (prefill.corrects ?? null);
  const user = useCurrentUser();
  const [defaults] = useState(() => transferDefaults(start, prefill, user.name));
  const form = useForm<TransferFormValues>({
    resolver: custodyResolver(
      CustodyTransferInputSchema,
      (values: TransferFormValues) => transferFromForm(id, values, correctsId),
      (values: TransferFormValues) => partIssues(values.items),
    ),
    defaultValues: defaults,
  });
  const {
    control,
    register,
    handleSubmit,
    setValue,
    getValues,
    setError,
    formState: { errors, isSubmitting },
  } = form;
  const handoverPad = useRef<SignatureHandle | null>(null);
  const receiptPad = useRef<SignatureHandle | null>(null);
  const storeSignature = useSignatureStore();
  const [passphrase, setPassphrase] = useState('');
  const [passphraseMissing, setPassphraseMissing] = useState(false);
  const { failure, save } = useCustodySave((field, message) =>
    setError(field as keyof TransferFormValues, { message }),
  );
  const ids = {
    items: useId(),
    holders: useId(),
    journey: useId(),
    discrepancies: useId(),
    signatures: useId(),
  };

  // Items all at one place leave from there, unless someone said otherwise.
  const items = useWatch({ control, name: 'items' });
  useEffect(() => {
    if (getValues('fromLocationId') !== '') return;
    const place = commonPlace(items.map((entry) => entry.item));
    if (place !== undefined) setValue('fromLocationId', place);
  }, [items, getValues, setValue]);

  // A site of a known kind suggests the purpose.
  const toLocationId = useWatch({ control, name: 'toLocationId' });
  useEffect(() => {
    if (getValues('purpose') !== '') return;
    const site = start.locations.find((location) => location.id === toLocationId);
    const purpose = site === undefined ? undefined : purposeOfSite[site.locationType];
    if (purpose !== undefined) setValue('purpose', purpose);
  }, [toLocationId, start.locations, getValues, setValue]);

  // The holder's name is usually who signs: it is copied until someone types another signer.
  const fromName = useWatch({ control, name: 'fromName' });
  const toName = useWatch({ control, name: 'toName' });
  const copied = useRef({ handover: defaults.handover.name, receipt: defaults.receipt.name });
  useEffect(() => {
    const follow = (side: 'handover' | 'receipt', name: string) => {
      const signer = getValues(`${side}.name`);
      if (getValues(`${side}.kept`) !== null) return;
      if (signer !== '' && signer !== copied.current[side]) return;
      copied.current[side] = name;
      setValue(`${side}.name`, name);
    };
    follow('handover', fromName);
    follow('receipt', toName);
  }, [fromName, toName, getValues, setValue]);

  // Both usually sign at the handover itself: each signature's time is the transfer's time until
  // someone sets that signature's own (a signature kept from a corrected record keeps its time).
  const transferredAt = useWatch({ control, name: 'transferredAt' });
  const copiedAt = useRef({ handover: defaults.handover.at, receipt: defaults.receipt.at });
  useEffect(() => {
    for (const side of signatureSides) {
      if (getValues(`${side}.kept`) !== null) continue;
      const at = getValues(`${side}.at`);
      if (at !== '' && at !== copiedAt.current[side]) continue;
      copiedAt.current[side] = transferredAt;
      setValue(`${side}.at`, transferredAt);
    }
  }, [transferredAt, getValues, setValue]);

  const hasDiscrepancy = useWatch({ control, name: 'hasDiscrepancy' });
  const purposeOptions = custodyPurposeValues.map((value) => ({
    value,
    label: label('custodyPurpose', value),
  }));

  const fields = {
    correctionReason: register('correctionReason'),
    purpose: register('purpose'),
    transportMode: register('transportMode'),
    escort: register('escort'),
    hasDiscrepancy: register('hasDiscrepancy'),
    discrepancyNote: register('discrepancyNote'),
    countDifference: register('countDifference'),
  };

  // Signatures are stored as images only now, once everything else has been checked.
  const onValid = (values: TransferFormValues) =>
    passphrase === ''
      ? undefined
      : save(async () => {
          const images: { handover?: AttachmentRef; receipt?: AttachmentRef } = {};
          const pads = { handover: handoverPad.current, receipt: receiptPad.current };
          for (const side of signatureSides) {
            if (values[side].kept !== null) continue;
            const png = pads[side]?.png() ?? null;
            if (png !== null) images[side] = await storeSignature(png);
          }
          const record = CustodyTransferInputSchema.parse(
            transferFromForm(id, values, correctsId, images),
          );
          const saved = await api().recordCustodyTransfer({ transfer: record, passphrase });
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
        <ItemsSection sites={start.sites} partial headingId={ids.items} />

        <section className="card" aria-labelledby={ids.holders}>
          <h2 id={ids.holders}>{t('transfer.holders')}</h2>
          <HolderFields
            side={sides.from}
            locations={start.locations}
            legend={t('transfer.from')}
            hint={correctsId === null ? t('transfer.fromHintYou') : t('transfer.fromHint')}
          />
          <HolderFields
            side={sides.to}
            locations={start.locations}
            legend={t('transfer.to')}
            hint={t('transfer.toHint')}
          />
        </section>

        <section className="card" aria-labelledby={ids.journey}>
          <h2 id={ids.journey}>{t('transfer.journey')}</h2>
          <div className="grid">
            <CustodyField label={t('transfer.purpose')} required error={errors.purpose?.message}>
              {(a11y) => (
                <select {...a11y} {...fields.purpose}>
                  <ChooseOptions options={purposeOptions} />
                </select>
              )}
            </CustodyField>
            <div className="grid__row">
              <Controller
                control={control}
                name={names.transferredAt}
                render={({ field }) => (
                  <CustodyField
                    label={t('transfer.transferredAt')}
                    required
                    error={errors.transferredAt?.message}
                  >
                    {(a11y) => (
                      <MomentInputs
                        control={a11y}
                        value={field.value}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        timeLabel={t('transfer.transferredAtTime')}
                        nowLabel={t('transfer.transferredAtNow')}
                      />
                    )}
                  </CustodyField>
                )}
              />
            </div>
          </div>
          <Controller
            control={control}
            name={names.sealNumbers}
            render={({ field }) => (
              <SealNumbers
                value={field.value}
                onChange={field.onChange}
                error={errors.sealNumbers?.message}
              />
            )}
          />
          <div className="grid">
            <CustodyField
              label={t('transfer.transportMode')}
              hint={t('transfer.transportHint')}
              error={errors.transportMode?.message}
            >
              {(a11y) => <input {...a11y} type="text" {...fields.transportMode} />}
            </CustodyField>
            <CustodyField
              label={t('transfer.escort')}
              hint={t('transfer.escortHint')}
              error={errors.escort?.message}
            >
              {(a11y) => <input {...a11y} type="text" {...fields.escort} />}
            </CustodyField>
          </div>
        </section>

        <section className="card" aria-labelledby={ids.discrepancies}>
          <h2 id={ids.discrepancies}>{t('transfer.discrepancies')}</h2>
          <label className="choice">
            <input type="checkbox" {...fields.hasDiscrepancy} />
            {t('transfer.hasDiscrepancy')}
          </label>
          {hasDiscrepancy && (
            <div className="grid discrepancy">
              <CustodyField
                label={t('transfer.discrepancyNote')}
                required
                error={errors.discrepancyNote?.message}
              >
                {(a11y) => <textarea {...a11y} rows={3} {...fields.discrepancyNote} />}
              </CustodyField>
              <CustodyField
                label={t('transfer.countDifference')}
                hint={t('transfer.countDifferenceHint')}
                error={errors.countDifference?.message}
              >
                {(a11y) => (
                  <input
                    {...a11y}
                    type="text"
                    inputMode="numeric"
                    className="input--short"
                    {...fields.countDifference}
                  />
                )}
              </CustodyField>
            </div>
          )}
        </section>

        <section aria-labelledby={ids.signatures} className="signatures">
          <h2 id={ids.signatures}>{t('transfer.signatures')}</h2>
          <SignatureField
            side={sides.handover}
            legend={t('signature.handover.legend')}
            intro={t('signature.handover.intro')}
            handleRef={handoverPad}
          />
          <SignatureField
            side={sides.receipt}
            legend={t('signature.receipt.legend')}
            intro={t('signature.receipt.intro')}
            handleRef={receiptPad}
          />
        </section>

        <FormFooter
          failure={failure}
          saveLabel={t('transfer.save')}
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
