/**
 * Every input of the editor has an id derived from its field path (`weapons.0.serialNumber` →
 * `f-weapons-0-serialNumber`), so an issue main reports by path can be shown next to its field
 * and a link in the summary can move the focus there.
 */
export function fieldId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

/** The element for `path`, or for the nearest enclosing path that has one. */
export function elementForPath(path: string): HTMLElement | null {
  const segments = path.split('.');
  for (let length = segments.length; length > 0; length -= 1) {
    const element = document.getElementById(fieldId(segments.slice(0, length).join('.')));
    if (element !== null) return element;
  }
  return null;
}

export function focusPath(path: string): void {
  const element = elementForPath(path);
  if (element === null) return;
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
}

/** `a.b` is `a.b` itself or lies under it (`a.b.c`), never `a.bc`. */
export function isUnder(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}.`);
}
