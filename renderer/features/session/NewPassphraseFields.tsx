import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FormField } from '../../components/FormField.tsx';
import { PassphraseChecklist } from './PassphraseChecklist.tsx';
import { PasswordInput } from './PasswordInput.tsx';

/** A new passphrase, typed twice, with the policy checklist ticking off as the person types. */
export function NewPassphraseFields({
  passphrase,
  confirm,
}: {
  passphrase: {
    label: string;
    hint?: string;
    field: UseFormRegisterReturn;
    value: string;
    error?: string | undefined;
  };
  confirm: { label: string; field: UseFormRegisterReturn; error?: string | undefined };
}) {
  const checklistId = useId();
  return (
    <>
      <FormField
        label={passphrase.label}
        hint={passphrase.hint}
        error={passphrase.error}
        describedBy={checklistId}
      >
        {(control) => <PasswordInput {...control} isNew {...passphrase.field} />}
      </FormField>
      <PassphraseChecklist id={checklistId} value={passphrase.value} />
      <FormField label={confirm.label} error={confirm.error}>
        {(control) => <PasswordInput {...control} isNew {...confirm.field} />}
      </FormField>
    </>
  );
}
