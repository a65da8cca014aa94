import { useId, type ReactNode } from 'react';
import { FieldMessage, useFieldMessage } from '../fields.tsx';
import { fieldId, focusPath } from '../paths.ts';

/**
 * One list of items in the editor (parts, ammunition lots, explosive items): its heading with
 * the count, what the list is for, the cards and the button that adds one.
 */
export function ItemListSection({
  path,
  heading,
  hint,
  emptyText,
  addLabel,
  onAdd,
  children,
}: {
  /** The list's path in the draft (`parts`): its heading's id, and where its issues are. */
  path: string;
  heading: string;
  hint: string;
  emptyText: string;
  addLabel: string;
  onAdd: () => void;
  children: ReactNode[];
}) {
  const message = useFieldMessage(path);
  const messageId = useId();
  const cards = children;
  return (
    <section className="weapons items" aria-labelledby={fieldId(path)}>
      <h2 id={fieldId(path)} tabIndex={-1}>
        {heading}
      </h2>
      <FieldMessage id={messageId} messageKey={message} />
      <p className="field__hint">{cards.length === 0 ? `${emptyText} ${hint}` : hint}</p>
      {cards}
      <button type="button" className="button" onClick={onAdd}>
        {addLabel}
      </button>
    </section>
  );
}

/** After a removal the list's heading takes the focus, so a keyboard user is not left on nothing. */
export function focusListHeading(path: string): void {
  requestAnimationFrame(() => focusPath(path));
}
