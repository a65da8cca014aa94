import { useHashSubpath } from '../../app/use-hash-route.ts';
import { ExportPage } from '../exports/ExportPage.tsx';
import { ImportPage } from '../import/ImportPage.tsx';
import { IntakeAmend } from './IntakeAmend.tsx';
import { IntakeEditor, type EditorMode } from './IntakeEditor.tsx';
import { IntakeView } from './IntakeView.tsx';
import { RecordsList } from './RecordsList.tsx';
import './records.css';

/**
 * The Records area: `#/records` lists, `#/records/new` creates, `#/records/<id>` shows and
 * `#/records/<id>/edit` edits a draft (`#/records/<id>/amend` amends a final record);
 * `#/records/import` imports records from a file and `#/records/export` exports everything
 * (record ids are UUIDs, never 'import' or 'export'). New and
 * edit render the same editor at the same place, so a new record's form stays mounted (focus,
 * caret, typing) when its address changes after the first save.
 */
const newRecord: EditorMode = { kind: 'new' };
const editRecord = (id: string): EditorMode => ({ kind: 'edit', id });

export function RecordsPage() {
  const [first, second] = useHashSubpath();
  if (first === undefined) return <RecordsList />;
  if (first === 'new') return <IntakeEditor mode={newRecord} />;
  if (first === 'import') return <ImportPage />;
  if (first === 'export') return <ExportPage />;
  if (second === 'edit') return <IntakeEditor mode={editRecord(first)} />;
  if (second === 'amend') return <IntakeAmend key={first} id={first} />;
  return <IntakeView key={first} id={first} />;
}
