import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DestructionEventSchema } from '../../../shared/domain/destruction-event.ts';
import { LossIncidentSchema } from '../../../shared/domain/loss-incident.ts';
import { StockCheckSchema } from '../../../shared/domain/stock-check.ts';
import type { Location } from '../../../shared/domain/location.ts';
import type { CustodyItem, CustodyRecordView } from '../../../shared/ipc/procedures/custody.ts';
import { api } from '../../api.ts';
import {
  DocumentLanguageSelect,
  useDocumentLanguage,
} from '../../components/DocumentLanguageSelect.tsx';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { PlaceFacts } from '../places/PlaceFacts.tsx';
import { useFormatters } from '../records/format.ts';
import { useAmountWithUnit } from '../records/quantity-text.ts';
import { PhotoThumb } from '../records/photos.tsx';
import { downloadPdf } from '../records/RecordActions.tsx';
import { incidentHref } from './custody-location.ts';
import { useAmountText, useItemName } from './item-text.tsx';
import { useCustodyRights } from './use-custody-rights.ts';

/** What a stock check, a loss or theft, or a destruction says, as sealed. */
export function OtherRecordFacts({
  id,
  view,
  locations,
}: {
  id: string;
  view: CustodyRecordView;
  locations: readonly Location[];
}) {
  const siteName = (siteId: string | undefined) =>
    siteId === undefined
      ? undefined
      : (locations.find((location) => location.id === siteId)?.name ?? siteId);
  if (view.entity === 'stock_check') return <StockCheckFacts view={view} siteName={siteName} />;
  if (view.entity === 'loss_incident') return <IncidentFacts view={view} siteName={siteName} />;
  if (view.entity === 'destruction_event')
    return <DestructionFacts id={id} view={view} siteName={siteName} />;
  return null;
}

/** The timestamp a stock check, an incident or a destruction is dated by. */
export function otherRecordWhen(view: CustodyRecordView): string | undefined {
  const record = view.record;
  const value = record.checkedAt ?? record.occurredAt ?? record.destructionDate;
  return typeof value === 'string' ? value : undefined;
}

type SiteName = (siteId: string | undefined) => string | undefined;

function StockCheckFacts({ view, siteName }: { view: CustodyRecordView; siteName: SiteName }) {
  const { t } = useTranslation('custody');
  const format = useFormatters();
  const itemName = useItemName();
  const amountText = useAmountText();
  const rights = useCustodyRights();
  const headingId = useId();
  const parsed = StockCheckSchema.safeParse(view.record);
  if (!parsed.success) return <p className="notice notice--error">{t('record.unreadable')}</p>;
  const check = parsed.data;
  const items = new Map(view.items.map((item) => [item.id, item] as const));
  const name = (itemId: string | undefined) => {
    const item = itemId === undefined ? undefined : items.get(itemId);
    return item === undefined ? (itemId ?? '') : itemName(item);
  };
  const amount = (itemId: string | undefined, value: number | undefined) => {
    const item: CustodyItem | undefined = itemId === undefined ? undefined : items.get(itemId);
    if (value === undefined) return '';
    return item === undefined ? format.number(value) : (amountText(item, value) ?? '');
  };
  const missing = check.discrepancies.flatMap((entry) =>
    entry.kind === 'missing' && entry.itemId !== undefined ? [entry.itemId] : [],
  );
  return (
    <>
      <section className="card" aria-labelledby={`${headingId}-facts`}>
        <h2 id={`${headingId}-facts`}>{t('entity.stock_check')}</h2>
        <PlaceFacts
          rows={[
            [t('form2.site'), siteName(check.siteLocationId)],
            [t('stockCheck.checkedAt'), format.dateTime(check.checkedAt)],
            [t('stockCheck.countedBy'), check.countedBy],
            [t('stockCheck.expectedCount'), format.number(check.expected.length)],
            [t('stockCheck.foundCount'), format.number(check.found.length)],
            [t('stockCheck.note'), check.note],
          ]}
        />
      </section>
      <section className="card" aria-labelledby={headingId} data-testid="discrepancies">
        <h2 id={headingId}>
          {t('stockCheck.discrepancies', { count: check.discrepancies.length })}
        </h2>
        {check.discrepancies.length === 0 ? (
          <p>{t('stockCheck.noDiscrepancy')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('stockCheck.kindColumn')}</th>
                  <th scope="col">{t('columns.item')}</th>
                  <th scope="col">{t('stockCheck.expectedAmount')}</th>
                  <th scope="col">{t('stockCheck.foundAmount')}</th>
                </tr>
              </thead>
              <tbody>
                {check.discrepancies.map((entry, index) => (
                  <tr key={`${entry.kind}:${entry.itemId ?? index}`}>
                    <td>{t(`stockCheck.kind.${entry.kind}`)}</td>
                    <td>{entry.itemId === undefined ? entry.description : name(entry.itemId)}</td>
                    <td>{amount(entry.itemId, entry.expectedAmount)}</td>
                    <td>{amount(entry.itemId, entry.foundAmount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {missing.length > 0 && rights.incident && (
          <p>
            <a
              className="button"
              href={incidentHref({ site: check.siteLocationId, items: missing })}
            >
              {t('stockCheck.reportMissing')}
            </a>
          </p>
        )}
      </section>
    </>
  );
}

function IncidentFacts({ view, siteName }: { view: CustodyRecordView; siteName: SiteName }) {
  const { t } = useTranslation('custody');
  const format = useFormatters();
  const label = useEnumLabel();
  const text = {
    destructionMethod: (value: string) => label('destructionMethod', value as never),
    lossIncidentKind: (value: string) => label('lossIncidentKind', value as never),
    sourceContext: (value: string) => label('sourceContext', value as never),
    verificationResult: (value: string) => label('verificationResult', value as never),
  };
  const parsed = LossIncidentSchema.safeParse(view.record);
  if (!parsed.success) return <p className="notice notice--error">{t('record.unreadable')}</p>;
  const incident = parsed.data;
  return (
    <section className="card" aria-labelledby="record-incident">
      <h2 id="record-incident">{t('entity.loss_incident')}</h2>
      <PlaceFacts
        rows={[
          [t('incident.kind'), text.lossIncidentKind(incident.incidentKind)],
          [t('incident.occurredAt'), format.dateTime(incident.occurredAt)],
          [t('incident.site'), siteName(incident.siteLocationId)],
          [t('incident.circumstances'), incident.circumstances],
          [t('incident.police'), incident.policeReference],
          [t('incident.notified'), incident.iarmsNotified ? t('incident.yes') : t('incident.no')],
          [
            t('incident.notifiedOn'),
            incident.iarmsNotifiedOn === undefined
              ? undefined
              : format.date(incident.iarmsNotifiedOn),
          ],
          [t('incident.iarmsReference'), incident.iarmsReference],
        ]}
      />
    </section>
  );
}

function DestructionFacts({
  id,
  view,
  siteName,
}: {
  id: string;
  view: CustodyRecordView;
  siteName: SiteName;
}) {
  const { t } = useTranslation('custody');
  const format = useFormatters();
  const label = useEnumLabel();
  const text = {
    destructionMethod: (value: string) => label('destructionMethod', value as never),
    lossIncidentKind: (value: string) => label('lossIncidentKind', value as never),
    sourceContext: (value: string) => label('sourceContext', value as never),
    verificationResult: (value: string) => label('verificationResult', value as never),
  };
  const amountWithUnit = useAmountWithUnit();
  const errorText = useErrorText();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const [language, setLanguage] = useDocumentLanguage();
  const parsed = DestructionEventSchema.safeParse(view.record);
  if (!parsed.success) return <p className="notice notice--error">{t('record.unreadable')}</p>;
  const event = parsed.data;
  const check = event.preDestructionVerification;
  const certificate = async () => {
    setWorking(true);
    setOutcome(null);
    try {
      const delivery = await api().makeDestructionCertificate({ id, language });
      if (delivery.kind === 'download') {
        downloadPdf(delivery);
        setOutcome(t('destruction.printed', { fileName: delivery.fileName }));
      } else if (delivery.kind === 'saved') {
        setOutcome(t('destruction.printedSaved', { path: delivery.path }));
      } else setOutcome(t('destruction.printCancelled'));
    } catch (error) {
      setOutcome(errorText(error));
    } finally {
      setWorking(false);
    }
  };
  return (
    <>
      <section className="card record-actions" aria-label={t('destruction.certificate')}>
        {/* Not disabled while it works: a disabled button drops the focus to the page, and the
            outcome is said next to it; a second press meanwhile does nothing. */}
        <button
          type="button"
          className="button button--primary"
          aria-disabled={working}
          onClick={() => {
            if (!working) void certificate();
          }}
        >
          {t('destruction.certificatePdf')}
        </button>
        <DocumentLanguageSelect value={language} onChange={setLanguage} />
        <p role="status" data-testid="certificate-outcome">
          {outcome}
        </p>
      </section>
      <section className="card" aria-labelledby="record-destruction">
        <h2 id="record-destruction">{t('entity.destruction_event')}</h2>
        <PlaceFacts
          rows={[
            [t('destruction.date'), format.date(event.destructionDate)],
            [t('form2.site'), siteName(event.siteLocationId)],
            [t('destruction.method'), text.destructionMethod(event.method)],
            [t('destruction.authority'), event.organisingAuthority],
            [t('destruction.certificateNumber'), event.certificateNumber],
            [t('destruction.signatories'), event.certificateSignatories.join(', ')],
            [
              t('destruction.witnesses'),
              event.witnesses
                .map((witness) => `${witness.name} (${witness.organisation}, ${witness.role})`)
                .join('; '),
            ],
            [t('destruction.result'), text.verificationResult(check.result)],
            [t('destruction.verifiedBy'), check.verifiedBy],
            [
              t('destruction.ticked'),
              t('destruction.tickedValue', {
                ticked: check.itemsTicked.length,
                total: event.items.length,
              }),
            ],
            [t('destruction.checkNote'), check.note],
            [
              t('destruction.counts'),
              event.aggregateCounts.length === 0
                ? undefined
                : event.aggregateCounts
                    .map(
                      (count) =>
                        `${text.sourceContext(count.sourceContext)}: ${amountWithUnit(count.quantity.amount, count.quantity.unit)}`,
                    )
                    .join('; '),
            ],
            [
              t('destruction.photos'),
              <ul key="photos" className="thumbs">
                {event.photos.map((photo, index) => (
                  <li key={photo.sha256} className="thumbs__item">
                    <PhotoThumb
                      photo={photo}
                      alt={t('destruction.photoAlt', { n: index + 1 })}
                      errorText={t('destruction.photoUnreadable')}
                    />
                  </li>
                ))}
              </ul>,
            ],
            [
              t('destruction.certificateFile'),
              <PhotoThumb
                key="certificate"
                photo={event.certificateFile}
                alt={t('destruction.certificateFile')}
                errorText={t('destruction.photoUnreadable')}
              />,
            ],
            [t('destruction.funding'), event.fundingSource],
            [t('destruction.publicOccasion'), event.publicOccasion],
            [t('destruction.postCheck'), event.postDestructionCheck],
          ]}
        />
      </section>
    </>
  );
}
