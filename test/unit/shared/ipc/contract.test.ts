import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastTestCost } from '../../../../electron/keys/kdf.ts';
import { unavailableKeychain } from '../../../../electron/keys/os-keychain.ts';
import { composeMainServices } from '../../../../electron/compose-main-services.ts';
import type { EventSink } from '../../../../electron/ipc/handler-table.ts';
import { silentLogger } from '../../../../electron/logging/logger.ts';
import type { AppEnvironment } from '../../../../electron/services/app-info-service.ts';
import { createNodeSettingsBacking } from '../../../../electron/settings/node-settings-backing.ts';
import {
  eventChannel,
  eventListenerKey,
  eventNames,
  events,
  isProcedureName,
  procedureChannel,
  procedureNames,
  procedures,
  type EventName,
} from '../../../../shared/ipc/contract.ts';
import { createApi, type ApiTransport } from '../../../../shared/ipc/create-api.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

// S7/S9: one contract drives the preload API, the main-side handler table and the channels.

const environment: AppEnvironment = {
  name: 'SALW Field',
  version: '0.0.0-test',
  dataDirectory: '/tmp/salw-contract-test',
  platform: 'linux',
  arch: 'x64',
  runtime: { kind: 'browser-preview', node: '22.0.0' },
};

const recordingSink = (): EventSink & {
  emitted: Array<{ event: EventName; payload: unknown }>;
} => {
  const emitted: Array<{ event: EventName; payload: unknown }> = [];
  return { emitted, emit: (event, payload) => emitted.push({ event, payload }) };
};

const fakeTransport: ApiTransport = {
  invoke: () => Promise.resolve({ ok: true, value: undefined }),
  subscribe: () => () => {},
};

const sorted = (keys: Iterable<string>): string[] => [...keys].sort();

const expectedProcedures = [
  'getAppInfo',
  'getSettings',
  'updateSettings',
  'getSession',
  'setUp',
  'unlock',
  'unlockWithKeychain',
  'resetPassphrase',
  'lock',
  'reportActivity',
  'listPeople',
  'addPerson',
  'changeRole',
  'removePerson',
  'showRecoveryCode',
  'confirmRecoveryCode',
  'replaceRecoveryCode',
  'changePassphrase',
  'setKeychainUnlock',
  'listLocations',
  'saveLocation',
  'listCampaigns',
  'saveCampaign',
  'getLocation',
  'updateLocation',
  'getCampaign',
  'updateCampaign',
  'getCampaignProgress',
  'newIntakeDraft',
  'saveIntakeDraft',
  'finaliseIntake',
  'checkIntakeFinalisation',
  'getIntake',
  'listIntakes',
  'getIntakeHistory',
  'listItems',
  'getItem',
  'getMeasures',
  'listMeasureRecords',
  'listMapPoints',
  'amendIntake',
  'deleteIntakeDraft',
  'makeIntakeReceipt',
  'makeDestructionCertificate',
  'makeTraceRequestDocument',
  'addPhoto',
  'getPhoto',
  'getPositionOffer',
  'getDevicePosition',
  'verifyAuditLog',
  'getDatabaseCheck',
  'checkIntegrity',
  'getUnsavedBackup',
  'getUnsavedNewRecord',
  'putUnsavedBackup',
  'clearUnsavedBackup',
  'getListFilters',
  'putListFilters',
  'getSyncStatus',
  'enrollDevice',
  'syncNow',
  'listSyncIssues',
  'resolveSyncIssue',
  'getRecordSyncState',
  'recordCustodyTransfer',
  'recordCustodyDecision',
  'recordDestruction',
  'recordStockCheck',
  'recordLossIncident',
  'listStorageSites',
  'getSiteInventory',
  'pickItems',
  'getItemCustody',
  'listCustodyRecords',
  'getCustodyRecord',
  'checkSerial',
  'importWatchList',
  'listWatchLists',
  'removeWatchList',
  'beginImport',
  'uploadImportPart',
  'previewImport',
  'confirmImport',
  'cancelImport',
  'startExport',
  'getExport',
  'cancelExport',
  'getReport',
  'saveReport',
  'newTraceRequest',
  'saveTraceRequest',
  'getTraceRequest',
  'listTraceRequests',
  'saveHistoricCount',
  'listHistoricCounts',
  'importHistoricCounts',
  'reviewRecords',
  'getRecordReview',
  'listReviewTasks',
];

describe('IPC contract (S7, S9)', () => {
  let tempDir: { dir: string; remove: () => Promise<void> };
  let handlerKeys: string[];
  let dispose: () => void;

  beforeAll(async () => {
    tempDir = await makeTempDir('contract');
    const services = await composeMainServices({
      environment,
      settingsBacking: createNodeSettingsBacking(tempDir.dir),
      keychain: unavailableKeychain,
      kdfCost: { passphrase: fastTestCost, recovery: fastTestCost },
      events: recordingSink(),
      log: silentLogger,
    });
    handlerKeys = Object.keys(services.handlers);
    dispose = () => services.dispose();
  });

  afterAll(async () => {
    dispose();
    await tempDir.remove();
  });

  it('lists the procedures and events the app has today', () => {
    // A deliberate list: adding or removing a procedure is a change of the renderer's API surface.
    expect(sorted(procedureNames)).toStrictEqual(sorted(expectedProcedures));
    expect(sorted(eventNames)).toStrictEqual(['sessionChanged', 'settingsChanged', 'syncChanged']);
    expect(sorted(procedureNames)).toStrictEqual(sorted(Object.keys(procedures)));
    expect(sorted(eventNames)).toStrictEqual(sorted(Object.keys(events)));
  });

  it('gives every procedure a zod input and output schema and every event a zod payload schema', () => {
    for (const name of procedureNames) {
      expect(procedures[name].input, name).toBeInstanceOf(z.ZodType);
      expect(procedures[name].output, name).toBeInstanceOf(z.ZodType);
    }
    for (const name of eventNames) expect(events[name], name).toBeInstanceOf(z.ZodType);
  });

  it('names procedures and events as plain identifiers that cannot clash with listener keys', () => {
    for (const name of [...procedureNames, ...eventNames])
      expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/);
    // A procedure called `onSomething` would be indistinguishable from an event listener.
    for (const name of procedureNames) expect(name).not.toMatch(/^on[A-Z]/);
  });

  it.each([['settingsChanged', 'onSettingsChanged']] as const)(
    'exposes event %s as %s',
    (event, key) => {
      expect(eventListenerKey(event)).toBe(key);
    },
  );

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '', 'getappinfo'])(
    'isProcedureName refuses %j (no inherited or near-miss names)',
    (name) => {
      expect(isProcedureName(name)).toBe(false);
    },
  );

  it('isProcedureName accepts every contract procedure', () => {
    for (const name of procedureNames) expect(isProcedureName(name)).toBe(true);
  });

  it('has the same key set in the contract, the main handler table and window.api', () => {
    const api = createApi(fakeTransport);
    const listenerKeys = new Set<string>(eventNames.map((event) => eventListenerKey(event)));
    const apiProcedureKeys = Object.keys(api).filter((key) => !listenerKeys.has(key));

    expect(sorted(handlerKeys)).toStrictEqual(sorted(procedureNames));
    expect(sorted(apiProcedureKeys)).toStrictEqual(sorted(procedureNames));
  });

  it('window.api has exactly one function per procedure plus one on<Event> per event', () => {
    const api = createApi(fakeTransport);
    const expected = [...procedureNames, ...eventNames.map((event) => eventListenerKey(event))];
    expect(new Set(expected).size).toBe(expected.length);
    expect(sorted(Object.keys(api))).toStrictEqual(sorted(expected));
  });

  it('uses namespaced channel names, one per procedure and event, all distinct', () => {
    const procedureChannels = procedureNames.map((name) => procedureChannel(name));
    const eventChannels = eventNames.map((name) => eventChannel(name));
    for (const [index, channel] of procedureChannels.entries()) {
      expect(channel).toBe(`salw:call:${procedureNames[index]}`);
    }
    for (const [index, channel] of eventChannels.entries()) {
      expect(channel).toBe(`salw:event:${eventNames[index]}`);
    }
    const all = [...procedureChannels, ...eventChannels];
    expect(new Set(all).size).toBe(all.length);
  });
});
