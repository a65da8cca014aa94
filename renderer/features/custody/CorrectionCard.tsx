import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
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
}: {
  corrected: CustodyRecordView;
  correctsId: string;
  error: string | undefined;
  registration: UseFormRegisterReturn;
}) {
  const { t } = useTranslation('custody');
  const format = useFormatters();
  const headingId = useId();
  return (
    <section className="card correction" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('correction.heading')}</h2>
      <p>
        {t('correction.intro', {
          what:
            corrected.entity === 'custody_transfer'
              ? t('correction.aTransfer')
              : t('correction.aDecision'),
          when: format.dateTime(corrected.recordedAt),
          who: corrected.recordedBy.name,
        })}{' '}
        <a href={custodyRecordHref(correctsId)}>{t('correction.open')}</a>
      </p>
      <p className="field__hint">{t('correction.explain')}</p>
      <CustodyField label={t('correction.reason')} required error={error}>
        {(a11y) => <textarea {...a11y} rows={3} {...registration} />}
      </CustodyField>
    </section>
  );
}
