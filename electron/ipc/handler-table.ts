import type {
  EventName,
  EventPayload,
  ProcedureInput,
  ProcedureName,
  ProcedureOutput,
} from '../../shared/ipc/contract.ts';
import type { z } from 'zod';
import type { procedures } from '../../shared/ipc/contract.ts';

/** What a handler learns about its caller; grows with the signed-in user in later work. */
export interface CallContext {
  readonly procedure: ProcedureName;
}

type ParsedInput<N extends ProcedureName> = z.output<(typeof procedures)[N]['input']>;

/**
 * One handler per contract procedure, no more and no fewer: the mapped type makes a missing or an
 * extra handler a compile error, and test/unit/shared/ipc/contract.test.ts checks it at run time.
 */
export type HandlerTable = {
  readonly [N in ProcedureName]: (
    input: ParsedInput<N>,
    context: CallContext,
  ) => Promise<ProcedureOutput<N>> | ProcedureOutput<N>;
};

/** Main pushes contract events through this; Electron sends them to windows, the preview over SSE. */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type { ProcedureInput };
