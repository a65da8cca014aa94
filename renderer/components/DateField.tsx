import { useId, type KeyboardEvent, type Ref } from 'react';
import './date-field.css';
import { useTranslation } from 'react-i18next';
import {
  addDaysToIsoDate,
  dateOrderFor,
  describeDate,
  formatDateText,
  parseDateText,
} from './date-text.ts';
import { useTypedValue } from './use-typed-value.ts';

export interface DateFieldProps {
  readonly id: string;
  /** The stored ISO date, or text that is not a date yet (kept on screen with its message). */
  readonly value: unknown;
  /** An ISO date, undefined when blank, or the typed text when it is not a date. */
  readonly onChange: (value: string | undefined) => void;
  readonly onBlur?: () => void;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly name?: string;
  readonly 'aria-invalid'?: boolean;
  /** The frame's own descriptions (message, hint); the format line is added to them. */
  readonly 'aria-describedby'?: string | undefined;
  readonly required?: boolean;
}

/**
 * A date typed and shown in the app's language (date-text.ts), stored as YYYY-MM-DD. Under it,
 * the expected form while the field is empty or wrong, and the date in words once it reads as
 * one. A valid or emptied value reaches the form at once; text that is not a date reaches it when
 * the person leaves the field (or presses Enter), so half-typed dates are not called wrong, and
 * nothing typed is ever dropped. Arrow up and down move a date by a day.
 */
export function DateField({
  id,
  value,
  onChange,
  onBlur,
  inputRef,
  name,
  required,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
}: DateFieldProps) {
  const { t, i18n } = useTranslation('event');
  const language = i18n.language;
  const { text, commit, typed, settle } = useTypedValue({
    value,
    onChange,
    read: (typedText) => {
      const parsed = parseDateText(typedText, language);
      return parsed.kind === 'date' ? { kind: 'value', value: parsed.iso } : parsed;
    },
    show: (stored) => formatDateText(stored, language),
    shownAs: language,
  });
  const formatId = useId();

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      settle();
      return;
    }
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    const parsed = parseDateText(text, language);
    if (parsed.kind !== 'date') return;
    const moved = addDaysToIsoDate(parsed.iso, event.key === 'ArrowUp' ? 1 : -1);
    if (moved === null) return;
    event.preventDefault();
    commit(moved, formatDateText(moved, language));
  };

  const parsed = parseDateText(text, language);
  const words = parsed.kind === 'date' ? describeDate(parsed.iso, language) : null;
  const order = dateOrderFor(language);
  return (
    <>
      <input
        id={id}
        ref={inputRef}
        name={name}
        type="text"
        className="input--date"
        autoComplete="off"
        spellCheck={false}
        placeholder={t(order === 'dmy' ? 'date.placeholderDmy' : 'date.placeholderIso')}
        value={text}
        required={required}
        aria-invalid={invalid}
        aria-describedby={[formatId, describedBy].filter(Boolean).join(' ')}
        onChange={(event) => typed(event.target.value)}
        onBlur={() => {
          settle();
          onBlur?.();
        }}
        onKeyDown={onKeyDown}
      />
      <p id={formatId} className="field__hint date-field__format">
        {words ?? t(order === 'dmy' ? 'date.formatDmy' : 'date.formatIso')}
      </p>
    </>
  );
}
