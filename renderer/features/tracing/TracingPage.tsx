import {
  traceStepStatusValues,
  type TraceStepStatus,
} from '../../../shared/domain/trace-request.ts';
import { useHashSubpath } from '../../app/use-hash-route.ts';
import { TraceRequestEditor } from './TraceRequestEditor.tsx';
import { TraceRequestPage } from './TraceRequestPage.tsx';
import { TraceRequestsPage } from './TraceRequestsPage.tsx';
import type { TraceFormMode } from './trace-form.ts';
import '../records/records.css';
import '../places/places.css';
import './tracing.css';

const createMode: TraceFormMode = { kind: 'create' };
const editMode: TraceFormMode = { kind: 'edit' };
const stepMode = (status: TraceStepStatus): TraceFormMode => ({ kind: 'step', status });

const stepStatuses: ReadonlySet<string> = new Set(traceStepStatusValues);

/**
 * The Tracing area: `#/tracing` lists every request and `#/tracing/overdue` those overdue for an
 * answer; `#/tracing/new/<itemId>` starts one for a weapon; `#/tracing/<id>` shows one,
 * `…/<id>/edit` edits it and `…/<id>/step/<status>` records what happened next (sent, answered…).
 */
export function TracingPage() {
  const [first, second, third] = useHashSubpath();
  if (first === undefined) return <TraceRequestsPage key="all" overdueOnly={false} />;
  if (first === 'overdue') return <TraceRequestsPage key="overdue" overdueOnly />;
  if (first === 'new' && second !== undefined) {
    return <TraceRequestEditor key={`new:${second}`} itemId={second} id={null} mode={createMode} />;
  }
  if (second === 'edit') {
    return <TraceRequestEditor key={`edit:${first}`} itemId={null} id={first} mode={editMode} />;
  }
  if (second === 'step' && third !== undefined && stepStatuses.has(third)) {
    const status = third as TraceStepStatus;
    return (
      <TraceRequestEditor
        key={`step:${first}:${status}`}
        itemId={null}
        id={first}
        mode={stepMode(status)}
      />
    );
  }
  return <TraceRequestPage key={first} id={first} />;
}
