import type { FormEvent } from 'react';
import type { FieldValues, UseFormHandleSubmit } from 'react-hook-form';

/**
 * After a save is refused, the person lands on the first field that says what is wrong (WCAG
 * 3.3.1), not on the button they pressed; with no field marked, on the list of issues. Runs after
 * React has rendered the issues.
 */
export function focusFirstIssue(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    if (form === null || !form.isConnected) return;
    const field = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field !== null) {
      field.focus();
      return;
    }
    const list = form.querySelector<HTMLElement>('[data-testid="form-issues"]');
    if (list === null) return;
    list.tabIndex = -1;
    list.focus();
  });
}

/**
 * Submits a react-hook-form form (transfers, decisions): when the schema refuses it, or the
 * passphrase that seals it is missing, the person lands on the first field that says so.
 */
export function submitFocusingIssues<T extends FieldValues>(
  event: FormEvent<HTMLFormElement>,
  handleSubmit: UseFormHandleSubmit<T>,
  onValid: (values: T) => unknown,
  passphraseTyped: boolean,
): void {
  const form = event.currentTarget;
  void handleSubmit(
    (values) => {
      if (!passphraseTyped) focusFirstIssue(form);
      return onValid(values);
    },
    () => focusFirstIssue(form),
  )(event);
}
