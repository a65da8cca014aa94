import { isProcedureName, procedures, type ProcedureName } from '../../shared/ipc/contract.ts';
import { toIpcIssues, type IpcFailure, type IpcResult } from '../../shared/ipc/errors.ts';
import type { Logger } from '../logging/logger.ts';
import { isTrustedSender, type SenderFrame } from '../security/sender-policy.ts';
import { StoreError, storeErrorFromSqlite } from '../store/store-error.ts';
import { AppError } from './app-error.ts';
import type { HandlerTable } from './handler-table.ts';

export interface DispatcherOptions {
  readonly handlers: HandlerTable;
  /** Origins whose top frame may call (S8): `app://app` in Electron, the preview's own origin. */
  readonly trustedOrigins: readonly string[];
  /** Parse every result with the output schema too; on in development and tests (S8). */
  readonly checkOutput: boolean;
  readonly log: Logger;
}

export interface IpcCall {
  readonly sender: SenderFrame;
  readonly procedure: string;
  readonly input: unknown;
}

export type Dispatch = (call: IpcCall) => Promise<IpcResult<unknown>>;

const INTERNAL_MESSAGE =
  'SALW Field could not complete this action. Nothing was changed; the details are in the log.';

/**
 * The one path every renderer call takes, whatever its transport: sender check, then procedure
 * lookup, then zod parse of the input, then the handler. It never throws and never returns a stack:
 * a failure is always one of the typed codes in shared/ipc/errors.ts.
 */
export function createDispatcher(options: DispatcherOptions): Dispatch {
  const { handlers, trustedOrigins, checkOutput, log } = options;

  return async function dispatch(call: IpcCall): Promise<IpcResult<unknown>> {
    if (!isTrustedSender(call.sender, trustedOrigins)) {
      log.warn('ipc.rejected_sender', {
        procedure: call.procedure,
        origin: originOf(call.sender.url),
      });
      return failure({
        code: 'FORBIDDEN',
        message: 'This call did not come from the SALW Field window, so it was refused.',
      });
    }
    if (!isProcedureName(call.procedure)) {
      return failure({
        code: 'NOT_FOUND',
        message: `There is no procedure named "${truncate(call.procedure)}".`,
      });
    }
    const name: ProcedureName = call.procedure;
    const definition = procedures[name];
    const parsed = definition.input.safeParse(call.input);
    if (!parsed.success) {
      return failure({
        code: 'VALIDATION_ERROR',
        message: `The input to ${name} is not valid.`,
        issues: toIpcIssues(parsed.error.issues),
      });
    }
    try {
      const handler = handlers[name] as (
        input: unknown,
        context: { procedure: ProcedureName },
      ) => unknown;
      const value = await handler(parsed.data, { procedure: name });
      if (checkOutput) {
        const checked = definition.output.safeParse(value);
        if (!checked.success) {
          log.error('ipc.invalid_output', {
            procedure: name,
            issues: toIpcIssues(checked.error.issues),
          });
          return failure({ code: 'INTERNAL', message: INTERNAL_MESSAGE });
        }
        return { ok: true, value: checked.data };
      }
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) {
        return failure({
          code: error.code,
          message: error.message,
          ...(error.issues.length > 0 ? { issues: [...error.issues] } : {}),
          ...(error.retryAfterSeconds !== undefined
            ? { retryAfterSeconds: error.retryAfterSeconds }
            : {}),
        });
      }
      // Disk full, read-only folder, damaged file: the store's own errors, or SQLite's mapped to them.
      const storeError = error instanceof StoreError ? error : storeErrorFromSqlite(error);
      if (storeError !== null) {
        log.error('ipc.store_refused', { procedure: name, code: storeError.code, error });
        return failure({ code: storeError.code, message: storeError.message });
      }
      log.error('ipc.handler_failed', { procedure: name, error });
      return failure({ code: 'INTERNAL', message: INTERNAL_MESSAGE });
    }
  };
}

function failure(error: IpcFailure): IpcResult<never> {
  return { ok: false, error };
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function originOf(url: string | undefined): string {
  if (url === undefined) return '(none)';
  try {
    return new URL(url).origin;
  } catch {
    return '(unparseable)';
  }
}
