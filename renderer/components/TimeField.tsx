import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import './date-field.css';
import type { DateFieldProps } from './DateField.tsx';
import { parseTimeOfDay } from './time-of-day-text.ts';
import { useTypedValue } from './use-typed-value.ts';

/** DateField's, with a stored HH:MM (or text that is not a time yet) as the value. */
export interface TimeFieldProps extends Omit<DateFieldProps, 'required'> {
  readonly className?: string;
  readonly 'aria-label'?: string;
  /** The line under the field saying how to type a time; left out where space is short. */
  readonly showFormat?: boolean;
}

/**
 * A time of day typed on a 24-hour clock (time-of-day-text.ts), as DateField types a date: in the
 * app's terms, never the operating system's (useTypedValue). On leaving, a time is shown as
 * stored (9.05 becomes 09:05).
 */
export function TimeField({
  id,
  value,
  onChange,
  onBlur,
  inputRef,
  name,
  className,
  showFormat = true,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
  'aria-label': label,
}: TimeFieldProps) {
  const { t } = useTranslation('event');
  const { text, typed, settle } = useTypedValue({
    value,
    onChange,
    read: (typedText) => {
      const parsed = parseTimeOfDay(typedText);
      return parsed.kind === 'time' ? { kind: 'value', value: parsed.value } : parsed;
    },
    show: (stored) => stored,
    shownAs: '',
  });
  const formatId = useId();

  return (
    <>
      <input
        id={id}
        ref={inputRef}
        name={name}
        type="text"
        inputMode="numeric"
        className={className ?? 'input--time'}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('time.placeholder')}
        value={text}
        aria-invalid={invalid}
        aria-label={label}
        aria-describedby={
          [showFormat ? formatId : undefined, describedBy].filter(Boolean).join(' ') || undefined
        }
        onChange={(event) => typed(event.target.value)}
        onBlur={() => {
          settle();
          onBlur?.();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') settle();
        }}
      />
      {showFormat && (
        <p id={formatId} className="field__hint date-field__format">
          {t('time.format')}
        </p>
      )}
    </>
  );
}
