import type { z } from 'zod';
import { SettingsSchema } from '../settings/settings.ts';
import type { IpcResult } from './errors.ts';
import { appProcedures } from './procedures/app.ts';
import { custodyProcedures } from './procedures/custody.ts';
import { documentProcedures } from './procedures/documents.ts';
import { placeProcedures } from './procedures/places.ts';
import { positionProcedures } from './procedures/position.ts';
import { historicCountProcedures } from './procedures/historic-counts.ts';
import { exportProcedures } from './procedures/exports.ts';
import { reportProcedures } from './procedures/reports.ts';
import { importProcedures } from './procedures/import.ts';
import { integrityProcedures } from './procedures/integrity.ts';
import { itemProcedures } from './procedures/items.ts';
import { measureProcedures } from './procedures/measures.ts';
import { recordProcedures } from './procedures/records.ts';
import { reviewProcedures } from './procedures/reviews.ts';
import { serialCheckProcedures } from './procedures/serial-check.ts';
import { SessionStatusSchema, sessionProcedures } from './procedures/session.ts';
import { SyncStatusSchema, syncProcedures } from './procedures/sync.ts';
import { tracingProcedures } from './procedures/tracing.ts';
import { unsavedProcedures } from './procedures/unsaved.ts';
import { watchListProcedures } from './procedures/watch-list.ts';

/**
 * The single definition of every procedure the renderer may call and every event main may push.
 * The preload API, the main-side handler table and the browser bridge are all derived from these
 * two objects; test/unit/shared/ipc/contract.test.ts proves the key sets stay equal.
 *
 * Payloads are plain JSON (ISO strings, no Date or Map) so Electron's structured clone and the
 * preview's HTTP bridge carry exactly the same values. Each area's procedures live in
 * procedures/<area>.ts and are defined there once.
 */
export const procedures = {
  ...appProcedures,
  ...sessionProcedures,
  ...recordProcedures,
  ...itemProcedures,
  ...placeProcedures,
  ...positionProcedures,
  ...documentProcedures,
  ...unsavedProcedures,
  ...syncProcedures,
  ...integrityProcedures,
  ...custodyProcedures,
  ...serialCheckProcedures,
  ...watchListProcedures,
  ...importProcedures,
  ...exportProcedures,
  ...reportProcedures,
  ...tracingProcedures,
  ...historicCountProcedures,
  ...measureProcedures,
  ...reviewProcedures,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  settingsChanged: SettingsSchema,
  /** Pushed when the app locks itself (idle) or another window changes who is signed in. */
  sessionChanged: SessionStatusSchema,
  /** Pushed whenever sync's status changes: a round starts, progresses, ends or fails. */
  syncChanged: SyncStatusSchema,
} as const satisfies Record<string, z.ZodType>;

export type ProcedureName = keyof typeof procedures;
export type EventName = keyof typeof events;
export type ProcedureInput<N extends ProcedureName> = z.input<(typeof procedures)[N]['input']>;
export type ProcedureOutput<N extends ProcedureName> = z.output<(typeof procedures)[N]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const procedureNames = Object.keys(procedures) as ProcedureName[];
export const eventNames = Object.keys(events) as EventName[];

export function isProcedureName(name: string): name is ProcedureName {
  return Object.hasOwn(procedures, name);
}

/** `settingsChanged` is exposed as `onSettingsChanged(listener)`. */
export type EventListenerKey<E extends EventName> = `on${Capitalize<E>}`;
export function eventListenerKey<E extends EventName>(event: E): EventListenerKey<E> {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as EventListenerKey<E>;
}

/** Electron channel names; namespaced so no other code's channel can collide. */
export const procedureChannel = (name: ProcedureName): string => `salw:call:${name}`;
export const eventChannel = (name: EventName): string => `salw:event:${name}`;

export type Unsubscribe = () => void;

type ProcedureFunction<N extends ProcedureName> =
  undefined extends ProcedureInput<N>
    ? (input?: ProcedureInput<N>) => Promise<IpcResult<ProcedureOutput<N>>>
    : (input: ProcedureInput<N>) => Promise<IpcResult<ProcedureOutput<N>>>;

/** The shape of `window.api`: one function per procedure, one `on…` per event, nothing else. */
export type Api = { readonly [N in ProcedureName]: ProcedureFunction<N> } & {
  readonly [E in EventName as EventListenerKey<E>]: (
    listener: (payload: EventPayload<E>) => void,
  ) => Unsubscribe;
};
