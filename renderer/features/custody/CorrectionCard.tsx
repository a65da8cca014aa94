import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CustodyEntity } from '../../../shared/custody/item-custody.ts';
import type { CustodyRecordView } from '../../../shared/ipc/procedures/custody.ts';
import { useFormatters } from '../records/format.ts';
import { custodyRecordHref } from './custody-location.ts';
import { CustodyField } from './fields.tsx';

/**
 * A sealed record is never edited: a correction is a new record naming the one it corrects and
 * saying why. The corrected record stays, visible in every timeline.
 */
export function CorrectionCard({
  corrected,
  correctsId,
  error,
  registration,
  reason,
}: {
  corrected: CustodyRecordView;
  correctsId: string;
  error: string | undefined;
  /** The reason's field in a react-hook-form form (transfers, decisions)… */
  registration?: UseFormRegisterReturn;
  /** …or kept by the form itself (stock checks, loss reports, destructions). */
  reason?: { value: string; onChange: (value: string) => void };
}) {
  const { t } = useTranslation('custody');
  const format = useFormatters();
  const headingId = useId();
  const what: Record<CustodyEntity, string> = {
    custody_transfer: t('correction.aTransfer'),
    custody_decision: t('correction.aDecision'),
    stock_check: t('correction.aStockCheck'),
    loss_incident: t('correction.aIncident'),
    destruction_event: t('correction.aDestruction'),
  };
  return (
    <section className="card correction" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('correction.heading')}</h2>
      <p>
        {t('correction.intro', {
          what: what[corrected.entity],
          when: format.dateTime(corrected.recordedAt),
          who: corrected.recordedBy.name,
        })}{' '}
        <a href={custodyRecordHref(correctsId)}>{t('correction.open')}</a>
      </p>
      <p className="field__hint">{t('correction.explain')}</p>
      <CustodyField label={t('correction.reason')} required error={error}>
        {(a11y) =>
          reason === undefined ? (
            <textarea {...a11y} rows={3} {...registration} />
          ) : (
            <textarea
              {...a11y}
              rows={3}
              value={reason.value}
              onChange={(event) => reason.onChange(event.target.value)}
            />
          )
        }
      </CustodyField>
    </section>
  );
}
