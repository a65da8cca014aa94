import { useId, useState, type ReactNode } from 'react';
import {
  Controller,
  get,
  useFormContext,
  useFormState,
  useWatch,
  type FieldError,
  type Path,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { IntakeEventDraft } from '../../../shared/domain/intake-event.ts';
import { unknownText } from '../../../shared/domain/weapon-item.ts';
import {
  domainEnums,
  type DomainEnum,
  type DomainEnumValue,
} from '../../components/domain-enums.ts';
import { useCountryOptions } from '../../components/country-names.ts';
import { DateField as AppDateField } from '../../components/DateField.tsx';
import { TimeField as AppTimeField } from '../../components/TimeField.tsx';
import { useDomainValidationText, useEnumLabel } from '../../components/domain-labels.ts';
import { useFinaliseIssue } from './issues-context.tsx';
import { fromLocalParts, toLocalParts } from './item-values.ts';
import { fieldId } from './paths.ts';
import { numberFormat } from '../../../shared/i18n/formats.ts';

/** The editor's form values: a draft, as typed. */
export type IntakeForm = IntakeEventDraft;
type FormPath = Path<IntakeForm>;

/** Blank inputs are "not filled in", never '' (an empty enum is invalid, an empty id too). */
export function blankToUndefined(value: unknown): unknown {
  return value === '' || value === null ? undefined : value;
}

/** An empty number input is undefined, never NaN (nor 0). */
export function numberOrUndefined(value: unknown): number | undefined {
  if (value === '' || value === null || value === undefined) return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** The message for a field: the draft check as typed, else what finalising reported. */
export function useFieldMessage(path: string): string | undefined {
  const { control } = useFormContext<IntakeForm>();
  const { errors } = useFormState({ control, name: path as FormPath });
  const client = (get(errors, path) as FieldError | undefined)?.message;
  const server = useFinaliseIssue(path);
  return client ?? server;
}

interface FieldA11y {
  readonly id: string;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby': string | undefined;
}

/** A message under a field, in the person's language; `id` is what the input points to. */
export function FieldMessage({ id, messageKey }: { id: string; messageKey: string | undefined }) {
  const text = useDomainValidationText();
  if (messageKey === undefined) return null;
  return (
    <p id={id} className="field__error">
      {text(messageKey)}
    </p>
  );
}

/** Label, input, message and hint, tied together for assistive technology. */
export function FieldFrame({
  path,
  label,
  required,
  hint,
  className,
  alsoPath,
  children,
}: {
  path: string;
  label: string;
  required?: boolean | undefined;
  hint?: string | undefined;
  className?: string | undefined;
  alsoPath?: string | undefined;
  children: (a11y: FieldA11y) => ReactNode;
}) {
  const own = useFieldMessage(path);
  const derived = useFieldMessage(alsoPath ?? path);
  const message = own ?? derived;
  const errorId = useId();
  const hintId = useId();
  const describedBy =
    [message !== undefined ? errorId : null, hint !== undefined ? hintId : null]
      .filter((part) => part !== null)
      .join(' ') || undefined;
  const id = fieldId(path);
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id} className={required === true ? 'field__label--required' : undefined}>
        {label}
      </label>
      {children({ id, 'aria-invalid': message !== undefined, 'aria-describedby': describedBy })}
      <FieldMessage id={errorId} messageKey={message} />
      {hint !== undefined && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

interface CommonProps {
  readonly path: string;
  readonly label: string;
  readonly required?: boolean;
  readonly hint?: string;
  readonly className?: string;
  /**
   * A value derived from this field lives at another path (the serial marking's place follows
   * "where the serial is"): its message shows here, where the person can act on it.
   */
  readonly alsoPath?: string;
}

/*
 * Every control here that takes typed text (text, notes, dates, numbers) has autoComplete="off":
 * Chromium then neither saves it as an autofill entry (`Web Data`) nor keeps it in the session
 * history's form state, which a browser profile writes to disk (`Sessions/`) in clear (issue 12).
 */

export function TextField({
  multiline,
  spellCheck,
  mono,
  maxChars,
  onValueChange,
  ...props
}: CommonProps & {
  multiline?: boolean;
  spellCheck?: boolean;
  mono?: boolean;
  /**
   * The schema's limit, stated with a counter as the person types. Never the input's maxLength:
   * that would cut a pasted text short without a word (issue 13: nothing typed is dropped
   * silently); past the limit the field's message says so and the text stays on screen.
   */
  maxChars?: number;
  /** After each change, with the value as the form now holds it. */
  onValueChange?: (value: string | undefined) => void;
}) {
  const { register } = useFormContext<IntakeForm>();
  const counter = useCharacterCount(props.path, maxChars);
  const frame = counter === undefined ? props : { ...props, hint: counter };
  const registration = register(props.path as FormPath, {
    setValueAs: blankToUndefined,
    onChange: (event: { target: { value: string } }) =>
      onValueChange?.(blankToUndefined(event.target.value) as string | undefined),
  });
  return (
    <FieldFrame {...frame}>
      {(a11y) =>
        multiline === true ? (
          <textarea
            {...a11y}
            {...registration}
            rows={3}
            spellCheck={spellCheck}
            autoComplete="off"
          />
        ) : (
          <input
            {...a11y}
            {...registration}
            type="text"
            spellCheck={spellCheck}
            autoComplete="off"
            className={mono === true ? 'input--mono' : undefined}
          />
        )
      }
    </FieldFrame>
  );
}

/** "120 of 2,000 characters" for a field with a limit, in the person's language. */
function useCharacterCount(path: string, max: number | undefined): string | undefined {
  const { t, i18n } = useTranslation('records');
  const { control } = useFormContext<IntakeForm>();
  const value = useWatch({ control, name: path as FormPath }) as unknown;
  if (max === undefined) return undefined;
  const used = typeof value === 'string' ? [...value].length : 0;
  const number = numberFormat(i18n.language);
  return t('editor.characterCount', { used: number.format(used), max: number.format(max) });
}

/**
 * A date in the app language's form (components/DateField.tsx) or a time of day on a 24-hour
 * clock (components/TimeField.tsx), never the operating system's. A date's bounds are checked
 * at finalisation.
 */
export function DateField({ type, ...props }: CommonProps & { type: 'date' | 'time' }) {
  const { control } = useFormContext<IntakeForm>();
  const Input = type === 'date' ? AppDateField : AppTimeField;
  return (
    <Controller
      control={control}
      name={props.path as FormPath}
      render={({ field }) => (
        <FieldFrame {...props}>
          {(a11y) => (
            <Input
              {...a11y}
              inputRef={field.ref}
              name={field.name}
              value={field.value}
              // '' when cleared, not undefined: RHF would show the loaded value for undefined
              // (the draft leaves blanks out, draft-payload.ts).
              onChange={(next) => field.onChange(next ?? '')}
              onBlur={field.onBlur}
            />
          )}
        </FieldFrame>
      )}
    />
  );
}

export function NumberField({
  min,
  max,
  decimals,
  ...props
}: CommonProps & {
  min?: number;
  max?: number;
  /** Weights (kg, tonnes) take decimals; counts and years are whole. */
  decimals?: boolean;
}) {
  const { register } = useFormContext<IntakeForm>();
  const registration = register(props.path as FormPath, { setValueAs: numberOrUndefined });
  return (
    <FieldFrame {...props}>
      {(a11y) => (
        <input
          {...a11y}
          {...registration}
          type="number"
          inputMode={decimals === true ? 'decimal' : 'numeric'}
          autoComplete="off"
          min={min}
          max={max}
          step={decimals === true ? 'any' : 1}
          className="input--short"
        />
      )}
    </FieldFrame>
  );
}

/**
 * A value that follows from another field (a category from the weapon type), shown, not typed.
 * It keeps its path's id, so the finalise summary can still move the focus to it.
 */
export function ReadOnlyField({ value, ...props }: CommonProps & { value: string }) {
  return (
    <FieldFrame {...props}>
      {(a11y) => (
        <output
          id={a11y.id}
          aria-describedby={a11y['aria-describedby']}
          className="field__value"
          tabIndex={-1}
        >
          {value}
        </output>
      )}
    </FieldFrame>
  );
}

/**
 * A moment stored as an ISO timestamp: its date typed in the app's language (the same DateField
 * as the event's date, never the operating system's form) and its time of day beside it, with a
 * button for the present moment, the usual answer in the field. The form holds the moment once
 * both parts read as one; until then what is typed stays on screen.
 */
export function DateTimeField({
  nowLabel,
  nowAriaLabel,
  timeLabel,
  ...props
}: CommonProps & { nowLabel: string; nowAriaLabel: string; timeLabel: string }) {
  const { control } = useFormContext<IntakeForm>();
  return (
    <Controller
      control={control}
      name={props.path as FormPath}
      render={({ field }) => (
        <FieldFrame {...props}>
          {(a11y) => (
            <MomentInputs
              a11y={a11y}
              value={field.value}
              name={field.name}
              inputRef={field.ref}
              onChange={field.onChange}
              onBlur={field.onBlur}
              nowLabel={nowLabel}
              nowAriaLabel={nowAriaLabel}
              timeLabel={timeLabel}
            />
          )}
        </FieldFrame>
      )}
    />
  );
}

function MomentInputs({
  a11y,
  value,
  name,
  inputRef,
  onChange,
  onBlur,
  nowLabel,
  nowAriaLabel,
  timeLabel,
}: {
  a11y: FieldA11y;
  value: unknown;
  name: string;
  inputRef: (element: HTMLInputElement | null) => void;
  onChange: (value: string | undefined) => void;
  onBlur: () => void;
  nowLabel: string;
  nowAriaLabel: string;
  timeLabel: string;
}) {
  const stored = toLocalParts(value);
  const [parts, setParts] = useState(stored);
  // A moment from elsewhere (the button, a reset, a load) replaces what is shown.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setParts(stored);
  }
  const change = (next: { date: string | undefined; time: string }) => {
    setParts(next);
    const moment = fromLocalParts(next);
    if (moment !== undefined || (next.date === undefined && next.time === '')) {
      setShown(moment);
      onChange(moment);
    }
  };
  const timeId = `${a11y.id}-time`;
  return (
    <div className="moment">
      <div className="moment__date">
        <AppDateField
          {...a11y}
          inputRef={inputRef}
          name={name}
          value={parts.date}
          onChange={(date) => change({ ...parts, date })}
          onBlur={onBlur}
        />
      </div>
      <AppTimeField
        id={timeId}
        aria-label={timeLabel}
        className="input--short"
        showFormat={false}
        value={parts.time}
        onChange={(time) => change({ ...parts, time: time ?? '' })}
        onBlur={onBlur}
      />
      <button
        type="button"
        className="button button--small"
        aria-label={nowAriaLabel}
        onClick={() => onChange(new Date().toISOString())}
      >
        {nowLabel}
      </button>
    </div>
  );
}

export interface OptionGroup<E extends DomainEnum> {
  readonly label: string;
  readonly values: readonly DomainEnumValue<E>[];
}

/** A select of an enumeration's translated labels, with an empty "Choose…" first. */
export function EnumSelect<E extends DomainEnum>({
  enumName,
  values,
  groups,
  onPicked,
  ...props
}: CommonProps & {
  enumName: E;
  values?: readonly DomainEnumValue<E>[];
  groups?: readonly OptionGroup<E>[];
  onPicked?: (value: DomainEnumValue<E> | undefined) => void;
}) {
  const { t } = useTranslation('records');
  const { register } = useFormContext<IntakeForm>();
  const label = useEnumLabel();
  const registration = register(props.path as FormPath, {
    setValueAs: blankToUndefined,
    onChange: (event: { target: { value: string } }) =>
      onPicked?.(
        event.target.value === '' ? undefined : (event.target.value as DomainEnumValue<E>),
      ),
  });
  const options = (list: readonly DomainEnumValue<E>[]) =>
    list.map((value) => (
      <option key={value} value={value}>
        {label(enumName, value)}
      </option>
    ));
  return (
    <FieldFrame {...props}>
      {(a11y) => (
        <select {...a11y} {...registration}>
          <option value="">{t('editor.choose')}</option>
          {groups !== undefined
            ? groups.map((group, groupIndex) => (
                <optgroup key={groupIndex} label={group.label}>
                  {options(group.values)}
                </optgroup>
              ))
            : options(values ?? (domainEnums[enumName] as readonly DomainEnumValue<E>[]))}
        </select>
      )}
    </FieldFrame>
  );
}

/**
 * Radio buttons for a short enumeration (context, serial status), in a fieldset. Controlled, so
 * "none chosen yet" is undefined (an uncontrolled radio group reads as null, which is invalid).
 */
export function EnumRadios<E extends DomainEnum>({
  path,
  legend,
  enumName,
  required,
  className,
}: {
  path: string;
  legend: string;
  enumName: E;
  required?: boolean;
  className?: string;
}) {
  const { control } = useFormContext<IntakeForm>();
  const label = useEnumLabel();
  const message = useFieldMessage(path);
  const errorId = useId();
  const values = domainEnums[enumName] as readonly DomainEnumValue<E>[];
  return (
    <Controller
      control={control}
      name={path as FormPath}
      render={({ field }) => (
        <fieldset className={['radios', className].filter(Boolean).join(' ')}>
          <legend className={required === true ? 'field__label--required' : undefined}>
            {legend}
          </legend>
          <div className="choices">
            {values.map((value, index) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name={field.name}
                  value={value}
                  id={index === 0 ? fieldId(path) : undefined}
                  ref={index === 0 ? field.ref : undefined}
                  checked={field.value === value}
                  onChange={() => field.onChange(value)}
                  onBlur={field.onBlur}
                  aria-describedby={message !== undefined ? errorId : undefined}
                />
                {label(enumName, value)}
              </label>
            ))}
          </div>
          <FieldMessage id={errorId} messageKey={message} />
        </fieldset>
      )}
    />
  );
}

/** A yes/no question that must be answered (an unticked checkbox would mean "no" by default). */
export function YesNoField({
  path,
  legend,
  required,
}: {
  path: string;
  legend: string;
  required?: boolean;
}) {
  const { t } = useTranslation('records');
  const { control } = useFormContext<IntakeForm>();
  const message = useFieldMessage(path);
  const errorId = useId();
  return (
    <Controller
      control={control}
      name={path as FormPath}
      render={({ field }) => (
        <fieldset className="radios">
          <legend className={required === true ? 'field__label--required' : undefined}>
            {legend}
          </legend>
          <div className="choices">
            {[true, false].map((answer) => (
              <label key={String(answer)} className="choice">
                <input
                  type="radio"
                  name={field.name}
                  id={answer ? fieldId(path) : undefined}
                  ref={answer ? field.ref : undefined}
                  checked={field.value === answer}
                  onChange={() => field.onChange(answer)}
                  onBlur={field.onBlur}
                  aria-describedby={message !== undefined ? errorId : undefined}
                />
                {answer ? t('editor.yes') : t('editor.no')}
              </label>
            ))}
          </div>
          <FieldMessage id={errorId} messageKey={message} />
        </fieldset>
      )}
    />
  );
}

/**
 * Manufacturer, model and calibre are required, but "unknown" is an answer (A6 "R*"): the button
 * stores the literal token 'unknown', and the field shows it in the person's language.
 */
export function UnknownableTextField(props: CommonProps) {
  const { t } = useTranslation('records');
  const { control } = useFormContext<IntakeForm>();
  return (
    <Controller
      control={control}
      name={props.path as FormPath}
      render={({ field }) => {
        const value = typeof field.value === 'string' ? field.value : '';
        const unknown = value === unknownText;
        return (
          <FieldFrame {...props}>
            {(a11y) => (
              <div className="input-with-button">
                <input
                  {...a11y}
                  ref={field.ref}
                  name={field.name}
                  type="text"
                  autoComplete="off"
                  value={unknown ? t('editor.unknownValue') : value}
                  readOnly={unknown}
                  className={unknown ? 'input--unknown' : undefined}
                  onChange={(event) => field.onChange(blankToUndefined(event.target.value))}
                  onBlur={field.onBlur}
                />
                <button
                  type="button"
                  className="button button--small"
                  aria-pressed={unknown}
                  aria-label={t('editor.unknownFor', { field: props.label })}
                  onClick={() => field.onChange(unknown ? undefined : unknownText)}
                >
                  {t('editor.unknown')}
                </button>
              </div>
            )}
          </FieldFrame>
        );
      }}
    />
  );
}

/** A country (ISO 3166-1 alpha-2), by its name in the person's language. */
export function CountrySelectField(props: CommonProps) {
  const { t } = useTranslation('records');
  const { register } = useFormContext<IntakeForm>();
  const countries = useCountryOptions();
  const registration = register(props.path as FormPath, { setValueAs: blankToUndefined });
  return (
    <FieldFrame {...props}>
      {(a11y) => (
        <select {...a11y} {...registration}>
          <option value="">{t('editor.choose')}</option>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {t('editor.country', { name: country.name, code: country.code })}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
