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
