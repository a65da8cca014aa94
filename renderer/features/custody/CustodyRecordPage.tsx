import { useCallback, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustodyEntity } from '../../../shared/custody/item-custody.ts';
import { CorrectionSchema } from '../../../shared/domain/correction.ts';
import { CustodyDecisionSchema } from '../../../shared/domain/custody-decision.ts';
import {
  CustodyTransferSchema,
  type CustodyTransfer,
  type Holder,
  type Signature,
} from '../../../shared/domain/custody-transfer.ts';
import type { Location } from '../../../shared/domain/location.ts';
import { SealSchema } from '../../../shared/domain/seal.ts';
import type { CustodyItem, CustodyRecordView } from '../../../shared/ipc/procedures/custody.ts';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle, PlaceFacts } from '../places/PlaceFacts.tsx';
import { useLoaded } from '../places/use-loaded.ts';
import { useFormatters } from '../records/format.ts';
import { RecordSyncNotice } from '../sync/RecordSyncNotice.tsx';
import {
  custodyRecordHref,
  decisionHref,
  destructionHref,
  incidentHref,
  siteHref,
  stockCheckHref,
  transferHref,
} from './custody-location.ts';
import {
  ConflictBadge,
  ItemIdentityCell,
  ItemTypeCell,
  useAmountText,
  useStatusText,
} from './item-text.tsx';
import { OtherRecordFacts, otherRecordWhen } from './OtherRecordFacts.tsx';
import { SignatureImage } from './SignatureImage.tsx';
import { useCustodyRights } from './use-custody-rights.ts';
import { useWhatText } from './what-text.ts';

/**
 * `#/custody/records/<id>`: a transfer or a decision as it was sealed, read-only: every field,
 * the drawn signatures, the items, and what it corrects or what corrected it. A mistake is put
 * right by a correction, a new record naming this one.
 */
export function CustodyRecordPage({ id }: { id: string }) {
  const { t } = useTranslation('custody');
  const load = useCallback(
    () => Promise.all([api().getCustodyRecord({ id }), api().listLocations()] as const),
    [id],
  );
  const { state } = useLoaded(load);
  return (
    <section aria-labelledby="place-title" className="records-view custody custody-record">
      <p className="back">
        <a href="#/custody/records">{t('record.back')}</a>
      </p>
      {state.kind !== 'ready' && <PageTitle>{t('record.titleFallback')}</PageTitle>}
      {state.kind === 'loading' && <p className="field__hint">{t('common.loading')}</p>}
      {state.kind === 'failed' && <ErrorMessage error={state.error} />}
      {state.kind === 'ready' && (
        <RecordDetails id={id} view={state.value[0]} locations={state.value[1]} />
      )}
    </section>
  );
}

function RecordDetails({
  id,
  view,
  locations,
}: {
  id: string;
  view: CustodyRecordView;
  locations: readonly Location[];
}) {
  const { t } = useTranslation('custody');
  const format = useFormatters();
  const whatText = useWhatText();
  const rights = useCustodyRights();
  const isTransfer = view.entity === 'custody_transfer';
  const isDecision = view.entity === 'custody_decision';
  const transfer = isTransfer ? CustodyTransferSchema.safeParse(view.record) : null;
  const decision = isDecision ? CustodyDecisionSchema.safeParse(view.record) : null;
  const sealed = transfer?.success === true ? transfer.data : null;
  const decided = decision?.success === true ? decision.data : null;
  // Every sealed record has these two in the same shape, whatever its kind.
  const common = view.record as { correction?: unknown; seal?: unknown };
  const correction = CorrectionSchema.safeParse(common.correction).data;
  const seal = SealSchema.safeParse(common.seal).data;
  const what = sealed?.purpose ?? decided?.decision;
  const at = sealed?.transferredAt ?? decided?.decidedAt ?? otherRecordWhen(view);
  const title =
    what === undefined
      ? t(`entity.${view.entity}`)
      : t(isTransfer ? 'record.transferTitle' : 'record.decisionTitle', {
          what: whatText.of(view.entity, what),
        });
  const correctable: Record<CustodyEntity, { may: boolean; href: string }> = {
    custody_transfer: { may: rights.transfer, href: transferHref({ corrects: id }) },
    custody_decision: { may: rights.decide, href: decisionHref({ corrects: id }) },
    stock_check: { may: rights.stockCheck, href: stockCheckHref(undefined, id) },
    loss_incident: { may: rights.incident, href: incidentHref({ corrects: id }) },
    destruction_event: { may: rights.destroy, href: destructionHref({ corrects: id }) },
  };
  const mayCorrect = correctable[view.entity].may;
  const correctHref = correctable[view.entity].href;

  return (
    <>
      <div className="page-head">
        <PageTitle>{title}</PageTitle>
        <span className="badge badge--sealed">{t('record.sealed')}</span>
        {mayCorrect && view.correctedBy === null && (
          <a className="button page-head__action" href={correctHref}>
            {t('record.correct')}
          </a>
        )}
      </div>
      {at !== undefined && (
        <p className="record-number">
          {/^\d{4}-\d{2}-\d{2}$/.test(at) ? format.date(at) : format.dateTime(at)}
        </p>
      )}
      <RecordSyncNotice id={id} />
      {view.correctedBy !== null && (
        <div className="notice notice--warning" data-testid="corrected-by">
          <p>
            {t('record.correctedBy')}{' '}
            <a href={custodyRecordHref(view.correctedBy)}>{t('record.openCorrection')}</a>
          </p>
        </div>
      )}
      {correction !== undefined && (
        <div className="notice">
          <p>
            {t('record.corrects')}{' '}
            <a href={custodyRecordHref(correction.correctsId)}>{t('record.openCorrected')}</a>
          </p>
          <p>{t('record.correctionReason', { reason: correction.reason })}</p>
        </div>
      )}
      {(isTransfer || isDecision) && sealed === null && decided === null && (
        <p className="notice notice--error">{t('record.unreadable')}</p>
      )}
      {sealed !== null && <TransferFacts transfer={sealed} locations={locations} />}
      <OtherRecordFacts id={id} view={view} locations={locations} />
      {decided !== null && (
        <section className="card" aria-labelledby="record-decision">
          <h2 id="record-decision">{t('record.decision')}</h2>
          <PlaceFacts
            rows={[
              [t('decision.decision'), whatText.decision(decided.decision)],
              [t('decision.decidedAt'), format.dateTime(decided.decidedAt)],
              [t('decision.decidedBy'), decided.decidedBy],
              [t('decision.authorityReference'), decided.authorityReference],
              [t('decision.reason'), decided.reason],
            ]}
          />
        </section>
      )}
      {sealed !== null && (
        <section className="signatures" aria-labelledby="record-signatures">
          <h2 id="record-signatures">{t('transfer.signatures')}</h2>
          <div className="signatures__pair">
            <SignatureCard
              legend={t('signature.handover.legend')}
              signature={sealed.handoverSignature}
            />
            <SignatureCard
              legend={t('signature.receipt.legend')}
              signature={sealed.receiptSignature}
            />
          </div>
        </section>
      )}
      <RecordItems
        items={view.items}
        amounts={
          new Map(
            (sealed?.items ?? []).flatMap((ref) =>
              'id' in ref && 'quantity' in ref && ref.quantity !== undefined
                ? [[ref.id, ref.quantity.amount] as const]
                : [],
            ),
          )
        }
        showAmounts={isTransfer}
      />
      <section className="card" aria-labelledby="record-recorded">
        <h2 id="record-recorded">{t('record.recorded')}</h2>
        <PlaceFacts
          rows={[
            [
              t('record.recordedBy'),
              t('record.byAt', {
                name: view.recordedBy.name,
                when: format.dateTime(view.recordedAt),
              }),
            ],
            [
              t('record.seal'),
              seal === undefined ? undefined : (
                <span key="seal">
                  {t('record.sealValue', { when: format.dateTime(seal.sealedAt) })}
                  <br />
                  <span className="mono muted seal-digest">{seal.digest}</span>
                </span>
              ),
            ],
          ]}
        />
      </section>
    </>
  );
}

function HolderText({ holder, locations }: { holder: Holder; locations: readonly Location[] }) {
  const { t } = useTranslation('custody');
  const site = locations.find((location) => location.id === holder.locationId);
  return (
    <>
      {t('record.holder', { name: holder.name, unit: holder.unit })}
      {holder.locationId !== undefined && (
        <>
          <br />
          {site === undefined ? (
            <span className="muted">{t('record.siteNotHere')}</span>
          ) : (
            <a href={siteHref(site.id)}>{site.name}</a>
          )}
        </>
      )}
    </>
  );
}

function TransferFacts({
  transfer,
  locations,
}: {
  transfer: CustodyTransfer;
  locations: readonly Location[];
}) {
  const { t } = useTranslation('custody');
  const format = useFormatters();
  const whatText = useWhatText();
  const seals: ReactNode =
    transfer.sealNumbers === undefined || transfer.sealNumbers.length === 0 ? undefined : (
      <ul className="serials">
        {transfer.sealNumbers.map((seal) => (
          <li key={seal} className="mono">
            {seal}
          </li>
        ))}
      </ul>
    );
  const discrepancy = transfer.discrepancies;
  return (
    <section className="card" aria-labelledby="record-transfer">
      <h2 id="record-transfer">{t('record.transfer')}</h2>
      <PlaceFacts
        rows={[
          [
            t('transfer.from'),
            <HolderText key="from" holder={transfer.fromHolder} locations={locations} />,
          ],
          [
            t('transfer.to'),
            <HolderText key="to" holder={transfer.toHolder} locations={locations} />,
          ],
          [t('transfer.purpose'), whatText.purpose(transfer.purpose)],
          [t('transfer.transferredAt'), format.dateTime(transfer.transferredAt)],
          [t('form.sealNumbers'), seals],
          [t('transfer.transportMode'), transfer.transportMode],
          [t('transfer.escort'), transfer.escort],
          [
            t('transfer.discrepancies'),
            discrepancy === undefined
              ? t('record.noDiscrepancy')
              : discrepancy.countDifference === undefined
                ? discrepancy.note
                : t('record.discrepancy', {
                    note: discrepancy.note,
                    difference: format.number(discrepancy.countDifference),
                  }),
          ],
        ]}
      />
    </section>
  );
}

function SignatureCard({ legend, signature }: { legend: string; signature: Signature }) {
  const { t } = useTranslation('custody');
  const format = useFormatters();
  const headingId = useId();
  return (
    <section className="card signature" aria-labelledby={headingId}>
      <h3 id={headingId}>{legend}</h3>
      <SignatureImage
        image={signature.image}
        alt={t('signature.imageAlt', { who: signature.signedBy })}
      />
      <p>
        {t('record.signedBy', {
          name: signature.signedBy,
          when: format.dateTime(signature.signedAt),
        })}
      </p>
    </section>
  );
}

function RecordItems({
  items,
  amounts,
  showAmounts,
}: {
  items: readonly CustodyItem[];
  amounts: ReadonlyMap<string, number>;
  showAmounts: boolean;
}) {
  const { t } = useTranslation('custody');
  const amountText = useAmountText();
  const statusText = useStatusText();
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('record.items', { count: items.length })}</h2>
      <div className="table-wrap">
        <table className="table table--compact" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t('columns.serial')}</th>
              <th scope="col">{t('columns.item')}</th>
              {showAmounts && <th scope="col">{t('columns.moved')}</th>}
              <th scope="col">{t('columns.statusNow')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const part = amounts.get(item.id);
              return (
                <tr key={item.id}>
                  <td>
                    <ItemIdentityCell item={item} />
                  </td>
                  <td>
                    <ItemTypeCell item={item} />
                  </td>
                  {showAmounts && (
                    <td>
                      {part === undefined
                        ? item.kind === 'weapon'
                          ? amountText(item, 1)
                          : t('record.allOfIt')
                        : amountText(item, part)}
                    </td>
                  )}
                  <td>
                    {statusText(item.lifecycleStatus) ?? t('common.notSet')}
                    {item.currentLocationName !== null && (
                      <span className="item-identity">{item.currentLocationName}</span>
                    )}
                    {item.inConflict && (
                      <>
                        <br />
                        <ConflictBadge />
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
