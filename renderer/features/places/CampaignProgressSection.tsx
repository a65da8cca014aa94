import { useTranslation } from 'react-i18next';
import type { Quantity } from '../../../shared/domain/quantity.ts';
import type { CampaignProgress, CampaignTotal } from '../../../shared/ipc/procedures/places.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { useFormatters } from '../records/format.ts';

/**
 * What the campaign's records hold so far, one line per kind and unit (never added across), final
 * records apart from drafts; the target is set against the line of its own kind and unit only.
 */
export function CampaignProgressSection({
  progress,
  target,
}: {
  progress: CampaignProgress;
  target: Quantity | undefined;
}) {
  const { t } = useTranslation('places');
  const label = useEnumLabel();
  const format = useFormatters();
  const { records, totals, uncounted } = progress;
  const kindOf = (total: CampaignTotal) => label('quantityKind', total.kind);
  const unitOf = (total: CampaignTotal) => label('quantityUnit', total.unit);
  const matching =
    target && totals.find((total) => total.kind === target.kind && total.unit === target.unit);
  const reached = matching?.final ?? 0;
  const percent = target && target.amount > 0 ? Math.floor((reached / target.amount) * 100) : null;

  return (
    <section className="card" aria-labelledby="campaign-progress">
      <h2 id="campaign-progress">{t('progress.title')}</h2>
      {records.final + records.draft === 0 ? (
        <p className="field__hint">{t('progress.none')}</p>
      ) : (
        <p>
          {t('progress.records', {
            final: format.number(records.final),
            draft: format.number(records.draft),
          })}
        </p>
      )}
      {target !== undefined && percent !== null && (
        <div className="progress-target">
          <progress
            className="progress-meter"
            max={target.amount}
            value={Math.min(reached, target.amount)}
            aria-label={t('progress.progressLabel', {
              kind: label('quantityKind', target.kind),
              unit: label('quantityUnit', target.unit),
            })}
          />
          <p>
            {matching === undefined
              ? t('progress.targetNotReached')
              : t('progress.ofTarget', {
                  reached: format.number(reached),
                  target: format.number(target.amount),
                  percent: format.number(percent),
                })}
          </p>
        </div>
      )}
      {records.final + records.draft > 0 && totals.length === 0 && (
        <p className="field__hint">{t('progress.noTotals')}</p>
      )}
      {totals.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table table--compact" aria-labelledby="campaign-progress">
              <thead>
                <tr>
                  <th scope="col">{t('progress.columnKind')}</th>
                  <th scope="col">{t('progress.columnUnit')}</th>
                  <th scope="col" className="num">
                    {t('progress.columnFinal')}
                  </th>
                  <th scope="col" className="num">
                    {t('progress.columnDraft')}
                  </th>
                  <th scope="col" className="num">
                    {t('progress.columnTarget')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {totals.map((total) => (
                  <tr key={`${total.kind}:${total.unit}`}>
                    <td>{kindOf(total)}</td>
                    <td>{unitOf(total)}</td>
                    <td className="num">{format.number(total.final)}</td>
                    <td className="num">{format.number(total.draft)}</td>
                    <td className="num">
                      {target !== undefined &&
                      target.kind === total.kind &&
                      target.unit === total.unit
                        ? format.number(target.amount)
                        : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="field__hint">{t('progress.neverSummed')}</p>
        </>
      )}
      {uncounted > 0 && (
        <p className="field__hint">{t('progress.uncounted', { count: uncounted })}</p>
      )}
    </section>
  );
}
