import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RecordPageSchema,
  type ItemCustody,
  type SealCheck,
} from '../../../shared/console/console-data.ts';
import { consoleDataApiPaths } from '../../../shared/console/overview.ts';
import { consoleApi } from '../api-client.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { dayText, timeText } from '../parts/time-text.ts';
import { useLoad } from '../parts/use-load.ts';

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/**
 * A seal's check as a badge a reader can trust at a glance: valid, broken (the signature does not
 * verify, or another person signed), the signer's key unknown to the server, or no seal at all.
 * The words carry the meaning; the colour only repeats it.
 */
export function SealBadge({ seal }: { seal: SealCheck }) {
  const { t } = useTranslation();
  const [key, tone] = seal.ok
    ? (['record.sealValid', 'ok'] as const)
    : seal.problem === 'unknown_key'
      ? (['record.sealUnknownKey', 'unknown'] as const)
      : seal.problem === 'missing'
        ? (['record.sealMissing', 'unknown'] as const)
        : (['record.sealBroken', 'broken'] as const);
  return <span className={`console-seal console-seal--${tone}`}>{t(key)}</span>;
}

/** What a custody record did to the item, in a line. */
function useStepText() {
  const { t } = useTranslation();
  const loose = t as unknown as LooseT;
  return (summary: Record<string, unknown>) => {
    const text = (key: string) =>
      typeof summary[key] === 'string' ? (summary[key] as string) : null;
    const parts: string[] = [];
    const from = text('fromHolder');
    if (from !== null) parts.push(t('record.from', { holder: from }));
    const decidedBy = text('decidedBy');
    if (decidedBy !== null) {
      parts.push(t('record.decidedBy', { name: decidedBy, reason: text('reason') ?? '' }));
    }
    const method = text('method');
    if (method !== null) {
      parts.push(
        t('record.method', {
          method: loose(`record.methods.${method}`, { defaultValue: method }),
        }),
      );
    }
    const certificate = text('certificateNumber');
    if (certificate !== null) parts.push(t('record.certificate', { number: certificate }));
    const countedBy = text('countedBy');
    if (countedBy !== null) parts.push(t('record.countedBy', { name: countedBy }));
    return parts.join(' · ');
  };
}

/** One item: what it is, its status now, and every custody record about it, oldest first. */
function ItemCustodyCard({ custody }: { custody: ItemCustody }) {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as LooseT;
  const stepText = useStepText();
  const { item } = custody;
  const name = [item.manufacturer, item.model, item.calibre].filter(Boolean).join(' ');
  return (
    <li className="card console-item" data-testid={`item-${item.id}`}>
      <h3 className="console-item__title">
        {loose(`register.kinds.${item.kind}`)}
        {name !== '' && ` · ${name}`}
        {' · '}
        <span className="console-serial">
          {item.serialNumber === null
            ? t('record.noSerial')
            : t('record.serial', { serial: item.serialNumber })}
        </span>
      </h3>
      <p>
        {t('record.statusNow', {
          status: loose(`register.statuses.${custody.status}`, { defaultValue: custody.status }),
        })}
      </p>
      {custody.timeline.length === 0 ? (
        <p className="console-figure__empty">{t('record.custodyNone')}</p>
      ) : (
        <ol className="console-timeline" aria-label={t('record.items')}>
          {custody.timeline.map((step) => (
            <li key={step.recordId} className="console-timeline__step">
              <p className="console-timeline__head">
                <a href={`#/records/${encodeURIComponent(step.recordId)}`}>
                  {loose(`record.entities.${step.entity}`, { defaultValue: step.entity })}
                </a>{' '}
                <time dateTime={step.at}>{timeText(i18n.language, step.at, step.at)}</time>{' '}
                <SealBadge seal={step.seal} />
                {step.correctedBy !== null && ` (${t('record.correctedBy')})`}
              </p>
              <p className="console-timeline__text">{stepText(step.summary)}</p>
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

/**
 * One record as the server holds it: its fields, its history of revisions, its items each with
 * the custody timeline and seal checks, and its photos (named by fingerprint; they stay
 * encrypted on the server).
 */
export function RecordPage({ recordId }: { recordId: string }) {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as LooseT;
  const load = useCallback(
    () => consoleApi.get(consoleDataApiPaths.record(recordId), RecordPageSchema),
    [recordId],
  );
  const { data, error } = useLoad(load);
  const record = data?.record;
  // An intake record's fields in the laptop's words; other records' as stored (their forms are
  // the custody screens', whose labels are not loaded here).
  const fieldName = (field: string) =>
    record?.entity === 'intake_event'
      ? loose(field, { ns: 'recordFields', defaultValue: field })
      : field;
  const fields = useMemo(() => record?.data ?? {}, [record]);
  const number = typeof fields.recordNumber === 'string' ? fields.recordNumber : null;
  const occurredOn =
    typeof fields.occurredAt === 'string'
      ? fields.occurredAt
      : typeof fields.occurredOn === 'string'
        ? fields.occurredOn
        : null;

  return (
    <>
      <p>
        <a href="#/records">{t('record.back')}</a>
      </p>
      <h1>{number === null ? t('record.titleNoNumber') : t('record.title', { number })}</h1>
      <ErrorNotice error={error} />
      {record !== undefined && data !== null && (
        <>
          <section className="console-section" aria-labelledby="record-fields">
            <h2 id="record-fields">{t('record.fields')}</h2>
            <dl className="console-fields">
              <dt>{t('record.entity')}</dt>
              <dd>{loose(`record.entities.${record.entity}`, { defaultValue: record.entity })}</dd>
              <dt>{t('record.status')}</dt>
              <dd>
                {record.deleted
                  ? t('record.deleted')
                  : record.status === 'final'
                    ? t('record.final')
                    : t('record.draft')}
                {data.seal !== null && (
                  <>
                    {' '}
                    <SealBadge seal={data.seal} />
                  </>
                )}
              </dd>
              {occurredOn !== null && (
                <>
                  <dt>{t('record.occurredOn')}</dt>
                  <dd>{dayText(i18n.language, occurredOn)}</dd>
                </>
              )}
              <dt>{t('record.createdBy')}</dt>
              <dd>{record.createdBy.name ?? record.createdBy.id}</dd>
              <dt>{t('record.receivedAt')}</dt>
              <dd>{timeText(i18n.language, record.receivedAt, record.receivedAt)}</dd>
            </dl>
          </section>

          <section className="console-section" aria-labelledby="record-items">
            <h2 id="record-items">{t('record.items')}</h2>
            {data.items.length === 0 ? (
              <p>{t('record.itemsNone')}</p>
            ) : (
              <ul className="console-items">
                {data.items.map((custody) => (
                  <ItemCustodyCard key={custody.item.id} custody={custody} />
                ))}
              </ul>
            )}
          </section>

          <section className="console-section" aria-labelledby="record-history">
            <h2 id="record-history">{t('record.history')}</h2>
            {data.history.length === 0 ? (
              <p>{t('record.historyNone')}</p>
            ) : (
              <div className="console-table-wrap">
                <table className="console-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('record.revision')}</th>
                      <th scope="col">{t('record.change')}</th>
                      <th scope="col">{t('record.by')}</th>
                      <th scope="col">{t('record.when')}</th>
                      <th scope="col">{t('record.fieldsChanged')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.history.map((entry) => (
                      <tr key={entry.serverRev}>
                        <td>{entry.serverRev}</td>
                        <td className="console-wrap">
                          {loose(`record.ops.${entry.op}`, { defaultValue: entry.op })}
                          {entry.reason !== null && (
                            <>
                              <br />
                              {t('record.amendReason', { reason: entry.reason })}
                            </>
                          )}
                        </td>
                        <td>{entry.authorName ?? entry.authorId}</td>
                        <td>{timeText(i18n.language, entry.deviceTime, entry.deviceTime)}</td>
                        <td className="console-wrap">
                          {entry.changedFields.map(fieldName).join(', ')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="console-section" aria-labelledby="record-photos">
            <h2 id="record-photos">{t('record.photos')}</h2>
            <p className="field__hint">{t('record.photosHint')}</p>
            {data.photos.length === 0 ? (
              <p>{t('record.photosNone')}</p>
            ) : (
              <ul className="console-photos">
                {data.photos.map((photo) => (
                  <li key={photo.sha256} className="console-serial console-wrap">
                    {photo.sha256}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
