import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.tsx';
import { TimeField } from '../../components/TimeField.tsx';
import { useDomainValidationText } from '../../components/domain-labels.ts';
import { FormField, type FieldControlProps } from '../../components/FormField.tsx';
import { localTimestamp, momentOfParts, momentParts } from './custody-form.ts';

/** The message keys main gives a refused custody record (electron/services/custody-handlers.ts). */
const custodyIssueKeys = [
  'itemUnknown',
  'recordNotFinal',
  'unitMismatch',
  'moreThanTheLot',
  'containerNotPicked',
  'already_destroyed',
  'lost_or_stolen',
  'already_returned',
  'not_at_origin',
  'not_enough_at_origin',
  'recordUnknown',
  'alreadyCorrected',
  'photoNotAttached',
] as const;
type CustodyIssueKey = (typeof custodyIssueKeys)[number];
const issueKeys: ReadonlySet<string> = new Set(custodyIssueKeys);

/**
 * A message key in words: the form's own (`custody:moreThanHere`), main's for a refused custody
 * record, or shared/domain's.
 */
export function useIssueText(): (messageKey: string) => string {
  const { t } = useTranslation('custody');
  const domainText = useDomainValidationText();
  return useCallback(
    (messageKey) => {
      if (messageKey === 'custody:moreThanHere') return t('form.moreThanHere');
      if (issueKeys.has(messageKey)) return t(`issue.${messageKey as CustodyIssueKey}`);
      return domainText(messageKey);
    },
    [domainText, t],
  );
}

/** One field of a custody form; `error` is the message key the schema or the form gave it. */
export function CustodyField({
  label,
  error,
  hint,
  required = false,
  children,
}: {
  label: string;
  error: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const text = useIssueText();
  return (
    <FormField
      label={label}
      required={required}
      hint={hint}
      error={error === undefined ? undefined : text(error)}
    >
      {children}
    </FormField>
  );
}

/**
 * A moment: its date typed in the app's language, its time of day beside it, and a button for
 * the present moment. The form holds an ISO timestamp with the laptop's offset once both parts
 * read as one; until then what is typed stays on screen.
 */
export function MomentInputs({
  control,
  value,
  onChange,
  onBlur,
  timeLabel,
  nowLabel,
}: {
  control: FieldControlProps;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  timeLabel: string;
  nowLabel: string;
}) {
  const { t } = useTranslation('custody');
  const [parts, setParts] = useState(() => momentParts(value));
  // A moment from elsewhere (the Now button, a signature, a prefill) replaces what is shown.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setParts(momentParts(value));
  }
  const change = (next: { date: string | undefined; time: string }) => {
    setParts(next);
    const moment = momentOfParts(next.date, next.time);
    if (moment !== undefined) {
      setShown(moment);
      onChange(moment);
    } else if (next.date === undefined && next.time === '') {
      setShown('');
      onChange('');
    } else if (value !== '') {
      // Half a moment is no moment: the form must not keep the old one as if it were typed.
      setShown('');
      onChange('');
    }
  };
  return (
    <div className="moment">
      <div className="moment__date">
        <DateField
          {...control}
          value={parts.date}
          onChange={(date) => change({ ...parts, date })}
          onBlur={onBlur}
        />
      </div>
      <TimeField
        id={`${control.id}-time`}
        aria-label={timeLabel}
        aria-invalid={control['aria-invalid']}
        showFormat={false}
        value={parts.time}
        onChange={(time) => change({ ...parts, time: time ?? '' })}
        onBlur={onBlur}
      />
      <button
        type="button"
        className="button button--small"
        aria-label={nowLabel}
        onClick={() => onChange(localTimestamp(new Date()))}
      >
        {t('form.now')}
      </button>
    </div>
  );
}
