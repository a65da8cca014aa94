import type { RecordStatus } from '../../shared/domain/enums.ts';
import { useEnumLabel } from './domain-labels.ts';

/** Draft or Final, as a badge: a draft can still change, a final record is evidence. */
export function StatusBadge({ status }: { status: RecordStatus }) {
  const label = useEnumLabel();
  const text = label('recordStatus', status);
  return <span className={`badge badge--${status}`}>{text}</span>;
}
