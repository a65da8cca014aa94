import { useId, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import './date-field.css';
import { parseTimeOfDay } from './time-of-day-text.ts';

export interface TimeFieldProps {
  readonly id: string;
  /** The stored HH:MM, or text that is not a time yet (kept on screen with its message). */
  readonly value: unknown;
  /** HH:MM, undefined when blank, or the typed text when it is not a time. */
  readonly onChange: (value: string | undefined) => void;
  readonly onBlur?: () => void;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly name?: string;
  readonly className?: string;
  readonly 'aria-invalid'?: boolean;
  readonly 'aria-describedby'?: string | undefined;
  readonly 'aria-label'?: string;
  /** The line under the field saying how to type a time; left out where space is short. */
  readonly showFormat?: boolean;
}

/**
 * A time of day typed on a 24-hour clock (time-of-day-text.ts), as DateField types a date: in the
 * app's terms, never the operating system's. A valid or emptied value reaches the form at once;
 * text that is not a time reaches it when the person leaves the field, so a half-typed time is
 * not called wrong, and nothing typed is dropped. On leaving, a time is shown as stored (9.05
 * becomes 09:05).
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
  const stored = typeof value === 'string' ? value : '';
  const [text, setText] = useState(stored);
  // What this field last gave the form: a value from elsewhere (Now, a reset) replaces the text.
  const [shown, setShown] = useState(stored);
  if (shown !== stored) {
    setShown(stored);
    setText(stored);
  }
  const formatId = useId();

  const commit = (next: string | undefined, nextText: string) => {
    setShown(next ?? '');
    setText(nextText);
    if (next !== (typeof value === 'string' ? value : undefined)) onChange(next);
  };
  const typed = (nextText: string) => {
    const parsed = parseTimeOfDay(nextText);
    if (parsed.kind === 'time') commit(parsed.value, nextText);
    else if (parsed.kind === 'empty') commit(undefined, nextText);
    else setText(nextText);
  };
  const settle = () => {
    const parsed = parseTimeOfDay(text);
    if (parsed.kind === 'time') commit(parsed.value, parsed.value);
    else if (parsed.kind === 'empty') commit(undefined, '');
    else commit(text.trim(), text);
  };

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
