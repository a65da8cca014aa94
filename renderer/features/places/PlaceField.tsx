import type { ReactNode } from 'react';
import { useDomainValidationText } from '../../components/domain-labels.ts';
import { FormField, type FieldControlProps } from '../../components/FormField.tsx';

/** One field of a place or campaign form; `error` is the message key the schema gave it. */
export function PlaceField({
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
  const text = useDomainValidationText();
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
