import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import {
  composeMainServices,
  type MainAdapters,
  type MainServices,
} from '../../electron/compose-main-services.ts';
import { createDispatcher, type Dispatch } from '../../electron/ipc/dispatcher.ts';
import { fastTestCost } from '../../electron/keys/kdf.ts';
import { unavailableKeychain } from '../../electron/keys/os-keychain.ts';
import { createLogger } from '../../electron/logging/logger.ts';
import { createNodeSettingsBacking } from '../../electron/settings/node-settings-backing.ts';
import type {
  EventName,
  ProcedureInput,
  ProcedureName,
  ProcedureOutput,
} from '../../shared/ipc/contract.ts';
import type { IpcFailure, IpcResult } from '../../shared/ipc/errors.ts';
import { pullWorkerSource } from './project.ts';
import { makeTempDir } from './temp-dir.ts';

/** The renderer's top frame as Electron reports it: the only sender the dispatcher trusts. */
export const appSender = { url: 'app://app/index.html', isTopFrame: true } as const;
export const appOrigins = ['app://app'] as const;

/** Every call and its answer, serialised as the renderer would receive it. */
export interface RecordedCall {
  readonly procedure: string;
  readonly result: IpcResult<unknown>;
  readonly json: string;
}

export interface DispatchedApp {
  /** The data folder (keyring, database, blobs, settings). */
  readonly dir: string;
  readonly services: MainServices;
  readonly dispatch: Dispatch;
  /** Events main pushed through the EventSink, in order. */
  readonly events: Array<{ event: EventName; payload: unknown }>;
  /** Every log line the services wrote (JSON, one object per line). */
  readonly logLines: string[];
  readonly calls: RecordedCall[];
  /** Any call, any input: exactly what a compromised or buggy renderer could send. */
  call(procedure: string, input?: unknown): Promise<IpcResult<unknown>>;
  /** A call that must succeed; returns its value, typed by the contract. */
  ok<N extends ProcedureName>(procedure: N, input?: ProcedureInput<N>): Promise<ProcedureOutput<N>>;
  /** A call that must fail; returns the failure. */
  fail(procedure: string, input?: unknown): Promise<IpcFailure>;
  /** Disposes the services (locks, wiping the key); the folder stays. */
  /** Settles once the database is closed at rest. */
  dispose(): Promise<void>;
  /** Disposes and removes the data folder (unless the folder was passed in). */
  close(): Promise<void>;
}

export interface DispatchedAppOptions {
  /** An existing data folder to start on ("restart"); a fresh temp folder otherwise. */
  readonly dataDir?: string;
  readonly prefix?: string;
  /** Sync's clock, timers and network (MainAdapters.sync). */
  readonly sync?: MainAdapters['sync'];
}

/**
 * The main-side services as main.ts composes them (real encrypted store, fast test KDF, no OS
 * keychain), reached only through the real dispatcher with the renderer's sender, so every input
 * passes zod exactly as a renderer call would and every output is checked against the contract.
 */
export async function startDispatchedApp(
  options: DispatchedAppOptions = {},
): Promise<DispatchedApp> {
  const temp = options.dataDir === undefined ? await makeTempDir(options.prefix ?? 'app') : null;
  const dir = options.dataDir ?? path.join(temp?.dir ?? '', 'data');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const events: Array<{ event: EventName; payload: unknown }> = [];
  const logLines: string[] = [];
  const log = createLogger((line) => logLines.push(line));
  const services = await composeMainServices({
    environment: {
      name: 'SALW Field',
      version: '0.0.0-test',
      dataDirectory: dir,
      platform: process.platform,
      arch: process.arch,
      runtime: { kind: 'browser-preview', node: process.versions.node },
    },
    settingsBacking: createNodeSettingsBacking(dir),
    keychain: unavailableKeychain,
    kdfCost: { passphrase: fastTestCost, recovery: fastTestCost },
    events: { emit: (event, payload) => events.push({ event, payload }) },
    log,
    // As main.ts gives it its bundle: a pull of several pages reads them on a worker thread.
    sync: { pullWorker: pullWorkerSource, ...options.sync },
  });
  const dispatch = createDispatcher({
    handlers: services.handlers,
    trustedOrigins: appOrigins,
    checkOutput: true,
    log,
  });
  const calls: RecordedCall[] = [];

  const call = async (procedure: string, input?: unknown): Promise<IpcResult<unknown>> => {
    const result = await dispatch({ sender: appSender, procedure, input });
    calls.push({ procedure, result, json: JSON.stringify(result) });
    return result;
  };

  let disposed: Promise<void> | null = null;
  const dispose = () => (disposed ??= services.dispose());

  return {
    dir,
    services,
    dispatch,
    events,
    logLines,
    calls,
    call,
    async ok<N extends ProcedureName>(procedure: N, input?: ProcedureInput<N>) {
      const result = await call(procedure, input);
      if (!result.ok) {
        expect.fail(`${procedure} failed: ${JSON.stringify(result.error)}`);
      }
      return result.value as ProcedureOutput<N>;
    },
    async fail(procedure: string, input?: unknown) {
      const result = await call(procedure, input);
      if (result.ok) expect.fail(`${procedure} succeeded but was expected to fail`);
      return result.error;
    },
    dispose,
    async close() {
      await dispose();
      await temp?.remove();
    },
  };
}

/** A passphrase that meets the policy (12+ characters, upper, lower, digit, symbol, no spaces). */
export function goodPassphrase(label: string): string {
  return `Granica-${label}#${Math.random().toString(36).slice(2, 8)}7Q`;
}

/**
 * Sets up the first person (always the administrator) through `setUp`, reads the recovery code
 * off its sheet and confirms it was kept, as the person would; the app is left unlocked as them.
 */
export async function setUpFirstPerson(
  app: DispatchedApp,
  person: { name?: string; passphrase?: string } = {},
) {
  const passphrase = person.passphrase ?? goodPassphrase('first');
  const session = await app.ok('setUp', { name: person.name ?? 'Amina Hadžić', passphrase });
  const user = session.currentUser;
  if (user === null) throw new Error('setUp left nobody signed in');
  const { recoveryCode } = await app.ok('showRecoveryCode');
  await app.ok('confirmRecoveryCode');
  return { passphrase, recoveryCode, user };
}

/** Row counts of the tables a change writes, read through the session's open database. */
export function storeCounts(app: DispatchedApp): {
  intakes: number;
  weapons: number;
  markings: number;
  locations: number;
  attachments: number;
  audit: number;
  outbox: number;
  /** The newest outbox row, id and content: a save folded into it changes this too. */
  outboxNewest: string | null;
} {
  const { db } = app.services.session.requireUnlocked();
  const count = (table: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    intakes: count('intake_events'),
    weapons: (
      db.prepare("SELECT count(*) AS n FROM items WHERE kind = 'weapon'").get() as { n: number }
    ).n,
    markings: count('item_texts'),
    locations: count('locations'),
    attachments: count('attachments'),
    audit: count('audit_log'),
    outbox: count('outbox'),
    outboxNewest:
      (
        db
          .prepare(
            `SELECT mutation_id || ':' || op || ':' || payload_json || ':' || coalesce(changed_fields_json, '*') AS row
             FROM outbox ORDER BY mutation_id DESC LIMIT 1`,
          )
          .get() as { row: string } | undefined
      )?.row ?? null,
  };
}
