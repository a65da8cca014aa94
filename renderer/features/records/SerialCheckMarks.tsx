import { useTranslation } from 'react-i18next';
import { SerialCheckMarksSchema } from '../../../shared/domain/serial-check-mark.ts';
import { useFormatters } from './format.ts';

/**
 * A weapon's "checked" flags as a list (issue 15): against what its serial was checked, when,
 * with what result and reference. Reads the entry as stored; nothing shown when it has none.
 */
export function SerialCheckMarks({ marks }: { marks: unknown }) {
  const { t } = useTranslation('records');
  const format = useFormatters();
  const parsed = SerialCheckMarksSchema.safeParse(marks ?? []);
  if (!parsed.success || parsed.data.length === 0) return null;
  return (
    <>
      <h3>{t('serialCheck.marks.title')}</h3>
      <ul className="serial-check-marks" data-testid="serial-check-marks">
        {parsed.data.map((mark) => (
          <li key={mark.against}>
            <strong>{t(`serialCheck.marks.against.${mark.against}`)}</strong>
            {`: ${t(`serialCheck.marks.result.${mark.result}`)}, ${format.date(mark.on)}`}
            {mark.reference !== undefined &&
              ` · ${t('serialCheck.watchListReference', { reference: mark.reference })}`}
          </li>
        ))}
      </ul>
    </>
  );
}
