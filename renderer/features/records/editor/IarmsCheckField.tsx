import { useId } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SerialCheckMark } from '../../../../shared/domain/serial-check-mark.ts';
import { DateField } from '../../../components/DateField.tsx';
import type { IntakeForm } from '../fields.tsx';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** Today on this computer, as the date a person checked. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * "Checked in iARMS" (issue 15): iARMS has no public interface, so a person checks there and
 * ticks it here, with the date and the query's reference. The checks against this laptop's
 * records and watch lists are main's, set on save; this field never touches them.
 */
export function IarmsCheckField({ index }: { index: number }) {
  const { t } = useTranslation('records');
  const { setValue } = useFormContext<IntakeForm>();
  const name = `weapons.${index}.serialChecks` as const;
  const marks = (useWatch<IntakeForm, typeof name>({ name }) ?? []) as SerialCheckMark[];
  const mark = marks.find((entry) => entry.against === 'iarms');
  const tickId = useId();
  const dateId = useId();
  const referenceId = useId();
  const matchId = useId();
  const write = (next: SerialCheckMark | undefined) => {
    const others = marks.filter((entry) => entry.against !== 'iarms');
    setValue(name, next === undefined ? others : [...others, next], {
      shouldDirty: true,
      shouldValidate: true,
    });
  };
  return (
    <div className="iarms-check" data-testid="iarms-check">
      <div className="choice">
        <input
          id={tickId}
          type="checkbox"
          checked={mark !== undefined}
          onChange={(event) =>
            write(
              event.target.checked
                ? { against: 'iarms', on: today(), result: 'no_match' }
                : undefined,
            )
          }
        />
        <label htmlFor={tickId}>{t('serialCheck.marks.iarmsTick')}</label>
      </div>
      {mark === undefined ? (
        <p className="field__hint">{t('serialCheck.marks.iarmsHint')}</p>
      ) : (
        <div className="grid">
          <div className="field">
            <label htmlFor={dateId}>{t('serialCheck.marks.iarmsDate')}</label>
            {/* In the app's language like every date; only a whole day replaces the one kept. */}
            <DateField
              id={dateId}
              value={mark.on}
              onChange={(value) =>
                value !== undefined && isoDay.test(value) && write({ ...mark, on: value })
              }
            />
          </div>
          <div className="field">
            <label htmlFor={referenceId}>{t('serialCheck.marks.iarmsReference')}</label>
            <input
              id={referenceId}
              type="text"
              value={mark.reference ?? ''}
              maxLength={120}
              onChange={(event) => {
                const { reference: _old, ...rest } = mark;
                const reference = event.target.value;
                write(reference === '' ? rest : { ...rest, reference });
              }}
            />
          </div>
          <div className="choice">
            <input
              id={matchId}
              type="checkbox"
              checked={mark.result === 'match'}
              onChange={(event) =>
                write({ ...mark, result: event.target.checked ? 'match' : 'no_match' })
              }
            />
            <label htmlFor={matchId}>{t('serialCheck.marks.iarmsMatch')}</label>
          </div>
        </div>
      )}
    </div>
  );
}
