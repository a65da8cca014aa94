import { cloneElement, isValidElement, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { custodyRecordHref } from './custody-location.ts';
import { useIssueText } from './fields.tsx';
import { focusFirstIssue } from './focus-first-issue.ts';
import { FormFooter } from './FormFooter.tsx';
import { useCustodySave } from './save.ts';

export interface FormIssueText {
  readonly path: string;
  readonly message: string;
}

/**
 * Saving one of the smaller custody forms (stock check, loss or theft, destruction): the record is
 * checked against its shared schema first, every issue is listed above the seal with the field it
 * is about, and main's own refusal (its issues, or what it says) is shown the same way.
 */
export function useSealing() {
  const [passphrase, setPassphrase] = useState('');
  const [missing, setMissing] = useState(false);
  const [issues, setIssues] = useState<FormIssueText[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const { failure, save } = useCustodySave(() => undefined);

  const submit = (
    event: FormEvent,
    schema: z.ZodType,
    record: unknown,
    send: (input: never, passphrase: string) => Promise<{ id: string }>,
  ) => {
    event.preventDefault();
    const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    setMissing(passphrase === '');
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      setIssues(
        parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          message: issue.message,
        })),
      );
      focusFirstIssue(form);
      return;
    }
    setIssues([]);
    if (passphrase === '') {
      focusFirstIssue(form);
      return;
    }
    setSubmitting(true);
    void save(async () => {
      try {
        const saved = await send(parsed.data as never, passphrase);
        window.location.hash = custodyRecordHref(saved.id);
      } catch (error) {
        if (error instanceof IpcError && error.issues.length > 0) {
          setIssues(error.issues.map((issue) => ({ path: issue.path, message: issue.message })));
          focusFirstIssue(form);
        }
        throw error;
      }
    }).finally(() => setSubmitting(false));
  };
  /** The first issue about the field at `path` (or anything inside it), shown at the field. */
  const errorAt = (path: string): string | undefined =>
    issues.find((issue) => issue.path === path || issue.path.startsWith(`${path}.`))?.message;
  return {
    passphrase,
    setPassphrase,
    missing,
    setMissing,
    issues,
    errorAt,
    failure,
    submitting,
    submit,
  };
}

/** The form's issues, each with the field it is about. */
export function IssueList({
  issues,
  fieldLabel,
}: {
  issues: readonly FormIssueText[];
  fieldLabel: (path: string) => string;
}) {
  const { t } = useTranslation('custody');
  const text = useIssueText();
  if (issues.length === 0) return null;
  return (
    <div className="notice notice--error" role="alert" data-testid="form-issues">
      <p>{t('form2.issues')}</p>
      <ul>
        {issues.map((issue) => (
          <li key={`${issue.path}:${issue.message}`}>
            {fieldLabel(issue.path)}: {text(issue.message)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The seal card of these forms. */
export function SealFooter({
  sealing,
  saveLabel,
  cancelHref,
}: {
  sealing: ReturnType<typeof useSealing>;
  saveLabel: string;
  cancelHref: string;
}) {
  return (
    <FormFooter
      failure={sealing.failure}
      saveLabel={saveLabel}
      isSubmitting={sealing.submitting}
      cancelHref={cancelHref}
      passphrase={sealing.passphrase}
      onPassphrase={(value) => {
        sealing.setPassphrase(value);
        if (value !== '') sealing.setMissing(false);
      }}
      passphraseMissing={sealing.missing}
    />
  );
}

/**
 * A labelled input with its own id, for these forms' plain fields. `error` is the message key of
 * the field's issue: shown under it, and the input marked invalid and described by it, so the
 * person finds the field itself and not only the list above the seal.
 */
export function Labelled({
  id,
  label,
  required = false,
  hint,
  error,
  children,
  after,
}: {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: string | undefined;
  children: React.ReactElement<{ 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
  /** Right after the control (a file input's visible button, which follows it). */
  after?: React.ReactNode;
}) {
  const text = useIssueText();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error === undefined ? null : errorId, hint === undefined ? null : hintId]
    .filter((part) => part !== null)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id} className={required ? 'field__label--required' : undefined}>
        {label}
      </label>
      {isValidElement(children)
        ? cloneElement(children, {
            'aria-invalid': error !== undefined,
            'aria-describedby': describedBy === '' ? undefined : describedBy,
          })
        : children}
      {after}
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {text(error)}
        </p>
      )}
      {hint !== undefined && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
