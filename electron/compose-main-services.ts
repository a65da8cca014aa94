import type { EventSink, HandlerTable } from './ipc/handler-table.ts';
import type { KdfCost, KdfCostSource } from './keys/kdf.ts';
import type { OsKeychain } from './keys/os-keychain.ts';
import { unavailablePositionSource, type PositionSource } from './geolocation/position-source.ts';
import type { Logger } from './logging/logger.ts';
import { downloadDocumentOutput, type DocumentOutput } from './documents/document-output.ts';
import { folderExportDestination, type ExportDestination } from './exports/export-destination.ts';
import { getAppInfo, type AppEnvironment } from './services/app-info-service.ts';
import { documentHandlers } from './services/document-handlers.ts';
import { itemHandlers } from './services/items-handlers.ts';
import { measureHandlers } from './services/measures-handlers.ts';
import { placeHandlers } from './services/places-handlers.ts';
import { integrityHandlers } from './services/integrity-handlers.ts';
import { custodyHandlers } from './services/custody-handlers.ts';
import { serialCheckHandlers } from './services/serial-check-handlers.ts';
import { watchListHandlers } from './services/watch-list-handlers.ts';
import { positionHandlers } from './services/position-handlers.ts';
import { recordHandlers } from './services/records-handlers.ts';
import { exportHandlers } from './services/export-handlers.ts';
import { reportHandlers } from './services/report-handlers.ts';
import { importHandlers } from './services/import-handlers.ts';
import { sessionHandlers, sessionStatus } from './services/session-handlers.ts';
import { syncHandlers } from './services/sync-handlers.ts';
import { unsavedTypingHandlers } from './services/unsaved-typing-handlers.ts';
import { historicCountHandlers } from './services/historic-count-handlers.ts';
import { reviewHandlers } from './services/review-handlers.ts';
import { tracingHandlers } from './services/tracing-handlers.ts';
import { UnsavedTypingStore } from './services/unsaved-typing-store.ts';
import { IdleLock } from './session/idle-lock.ts';
import { Session } from './session/session.ts';
import {
  followPersonLanguage,
  rememberLanguageOfSignedInPerson,
} from './settings/person-language.ts';
import { createSettingsService, type SettingsBacking } from './settings/settings-service.ts';
import { SyncEngine, type SyncEngineOptions } from './sync/sync-engine.ts';

/** The adapters a host supplies: Electron's in main.ts, Node's in the browser preview. */
export interface MainAdapters {
  readonly environment: AppEnvironment;
  readonly settingsBacking: SettingsBacking;
  readonly keychain: OsKeychain;
  readonly kdfCost: { readonly passphrase: KdfCostSource; readonly recovery: KdfCost };
  readonly events: EventSink;
  readonly log: Logger;
  /** Where finished documents go; the browser preview's download when left out. */
  readonly documents?: DocumentOutput;
  /**
   * Where exports are written; when left out (the browser preview, tests), a folder beside the
   * data directory, "<data>-exports" (never inside it: it holds only ciphertext). The desktop app
   * asks with a save dialog.
   */
  readonly exports?: ExportDestination;
  /** The laptop's position for an intake's coordinates; none (not offered) when left out. */
  readonly position?: PositionSource;
  /** Sync's clock, timers, network and pace; tests inject their own, hosts leave them out. */
  readonly sync?: Omit<
    SyncEngineOptions,
    'session' | 'events' | 'log' | 'appVersion' | 'onEnrolled'
  >;
}

export interface MainServices {
  readonly handlers: HandlerTable;
  readonly session: Session;
  readonly sync: SyncEngine;
  /** Settles once the database is closed at rest (Session.lock). */
  dispose(): Promise<void>;
}

/**
 * Builds every main-side service and the handler table from the adapters. main.ts and the browser
 * preview both call this, so the preview runs exactly the code the desktop app runs.
 */
export async function composeMainServices(adapters: MainAdapters): Promise<MainServices> {
  const { environment, keychain, events, log } = adapters;
  const settings = createSettingsService(adapters.settingsBacking);
  const stopSettingsEvents = settings.onChange((next) => events.emit('settingsChanged', next));

  const session = new Session({
    dataDir: environment.dataDirectory,
    keychain,
    cost: adapters.kdfCost,
    log,
  });
  await session.load();
  const idle = new IdleLock(session, () => settings.get().idleLockMinutes);
  idle.start();
  const sync = new SyncEngine({
    session,
    events,
    log,
    appVersion: environment.version,
    ...adapters.sync,
    onEnrolled: (serverUrl) => settings.update({ serverUrl }),
  });
  // Sync runs exactly while the data is open: it starts on unlock and stops on lock.
  const stopSessionEvents = session.onChange(() => {
    if (session.state.kind === 'unlocked') sync.start();
    else sync.stop();
    void sessionStatus(session, keychain).then((status) => events.emit('sessionChanged', status));
  });
  const stopPersonLanguage = followPersonLanguage(session, settings);

  // Unsaved typing lives here, in memory, for the person who typed it (issue 12).
  const unsavedTyping = new UnsavedTypingStore();
  const unsaved = unsavedTypingHandlers(session, idle, unsavedTyping);

  const handlers: HandlerTable = {
    getAppInfo: () => getAppInfo(environment),
    getSettings: () => settings.get(),
    updateSettings: (patch) => {
      const next = settings.update(patch);
      if (patch.language !== undefined) rememberLanguageOfSignedInPerson(session, patch.language);
      log.info('settings.updated', { fields: Object.keys(patch) });
      return next;
    },
    ...sessionHandlers(session, keychain, idle),
    ...recordHandlers(session, idle, undefined, () => sync.notifyLocalChange()),
    ...itemHandlers(session, idle),
    ...measureHandlers(session, idle),
    ...placeHandlers(session, idle, undefined, () => sync.notifyLocalChange()),
    ...positionHandlers(session, idle, adapters.position ?? unavailablePositionSource),
    ...unsaved.handlers,
    ...documentHandlers(
      session,
      idle,
      adapters.documents ?? downloadDocumentOutput,
      () => settings.get().language,
    ),
    ...syncHandlers(session, idle, sync),
    ...integrityHandlers(session, idle),
    ...custodyHandlers(session, idle, undefined, () => sync.notifyLocalChange()),
    ...serialCheckHandlers(session, idle, undefined, (request, timeoutMs) =>
      sync.lookUpSerial(request, timeoutMs),
    ),
    ...watchListHandlers(session, idle),
    ...historicCountHandlers(session, idle, undefined, () => sync.notifyLocalChange()),
    ...reviewHandlers(session, idle, undefined, () => sync.notifyLocalChange()),
    ...tracingHandlers(
      session,
      idle,
      () => settings.get().traceAnswerDays,
      undefined,
      () => sync.notifyLocalChange(),
    ),
    ...importHandlers(session, idle, undefined, () => sync.notifyLocalChange()),
    ...reportHandlers(
      session,
      idle,
      adapters.documents ?? downloadDocumentOutput,
      () => settings.get().language,
    ),
    ...exportHandlers(
      session,
      idle,
      adapters.exports ?? folderExportDestination(`${environment.dataDirectory}-exports`),
    ),
  };

  return {
    handlers,
    session,
    sync,
    dispose() {
      sync.stop();
      idle.stop();
      stopSettingsEvents();
      stopSessionEvents();
      stopPersonLanguage();
      unsaved.dispose();
      const closed = session.lock('person');
      // Quitting: nobody's unsaved typing outlives the app.
      unsavedTyping.clear();
      return closed;
    },
  };
}
