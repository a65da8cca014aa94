import { useId, type ReactNode } from 'react';

export interface FieldControlProps {
  readonly id: string;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby': string | undefined;
}

/**
 * One labelled form field: the label, the control, its error (announced when it appears) and a
 * hint, wired together with ids so a screen reader reads the error and the hint with the control.
 */
export function FormField({
  label,
  required = false,
  hint,
  error,
  describedBy,
  children,
}: {
  label: string;
  /** Marks the label as required (the form refuses to save without it). */
  required?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  /** More ids that describe the control (a checklist, say). */
  describedBy?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  const description = [
    error !== undefined ? errorId : null,
    hint !== undefined ? hintId : null,
    describedBy ?? null,
  ]
    .filter((part) => part !== null)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id} className={required ? 'field__label--required' : undefined}>
        {label}
      </label>
      {children({
        id,
        'aria-invalid': error !== undefined,
        'aria-describedby': description === '' ? undefined : description,
      })}
      {error !== undefined && (
        <p id={errorId} className="field__error" role="alert">
          {error}
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
