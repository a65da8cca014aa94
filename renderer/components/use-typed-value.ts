import { useState } from 'react';

/** What a field's text reads as: nothing, a stored value, or text that is not one yet. */
export type TypedValue =
  | { readonly kind: 'empty' }
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'invalid' };

/**
 * The text of a field typed in the app's own form (DateField, TimeField) and what reaches the
 * form: a valid or emptied value at once, text that is not a value yet when the person leaves the
 * field (`settle`), so a half-typed one is not called wrong and nothing typed is dropped. A value
 * from elsewhere (a reset, a prefill, Now) or another `shownAs` (a language switch) replaces the
 * text; the field's own does not.
 */
export function useTypedValue({
  value,
  onChange,
  read,
  show,
  shownAs,
}: {
  readonly value: unknown;
  readonly onChange: (value: string | undefined) => void;
  readonly read: (text: string) => TypedValue;
  /** A stored value as the field shows it. */
  readonly show: (stored: string) => string;
  readonly shownAs: string;
}) {
  const stored = typeof value === 'string' ? value : '';
  const [text, setText] = useState(() => show(stored));
  const [shown, setShown] = useState({ value: stored, shownAs });
  if (shown.value !== stored || shown.shownAs !== shownAs) {
    setShown({ value: stored, shownAs });
    setText(show(stored));
  }
  const commit = (next: string | undefined, nextText: string) => {
    setShown({ value: next ?? '', shownAs });
    setText(nextText);
    if (next !== (typeof value === 'string' ? value : undefined)) onChange(next);
  };
  const typed = (nextText: string) => {
    const parsed = read(nextText);
    if (parsed.kind === 'value') commit(parsed.value, nextText);
    else if (parsed.kind === 'empty') commit(undefined, nextText);
    else setText(nextText);
  };
  const settle = () => {
    const parsed = read(text);
    if (parsed.kind === 'value') commit(parsed.value, show(parsed.value));
    else if (parsed.kind === 'empty') commit(undefined, '');
    else commit(text.trim(), text);
  };
  return { text, commit, typed, settle };
}
