import type { ItemSummary, ItemView } from '../../shared/ipc/procedures/items.ts';
import { AppError } from '../ipc/app-error.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session } from '../session/session.ts';
import { listItems, readItem, type ItemListRow } from '../store/items-repository.ts';

type ItemHandlers = Pick<HandlerTable, 'listItems' | 'getItem'>;

/** Items across every intake (reading only: an item changes with its intake, or by custody). */
export function itemHandlers(session: Session, idle: IdleLock): ItemHandlers {
  const open = () => {
    idle.touch();
    return session.requireUnlocked();
  };
  return {
    listItems: (filter) => {
      const { rows, total } = listItems(open().db, filter);
      return { items: rows.map(toSummary), total };
    },
    getItem: ({ id }) => {
      const found = readItem(open().db, id);
      if (found === null) throw new AppError('NOT_FOUND', 'No record lists this item.');
      return {
        ...found,
        item: toSummary(found.item),
        intake: {
          ...found.intake,
          context: found.intake.context as ItemView['intake']['context'],
        },
      };
    },
  };
}

function toSummary(row: ItemListRow): ItemSummary {
  return { ...row, intakeContext: row.intakeContext as ItemSummary['intakeContext'] };
}
