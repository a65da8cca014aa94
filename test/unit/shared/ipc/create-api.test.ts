import { describe, expect, it } from 'vitest';
import {
  eventListenerKey,
  eventNames,
  procedureNames,
  type EventName,
  type ProcedureName,
} from '../../../../shared/ipc/contract.ts';
import {
  createApi,
  createUnwrappedApi,
  type ApiTransport,
} from '../../../../shared/ipc/create-api.ts';
import { IpcError, type IpcResult } from '../../../../shared/ipc/errors.ts';
import { defaultSettings, type Settings } from '../../../../shared/settings/settings.ts';

interface FakeTransport extends ApiTransport {
  readonly invocations: Array<[ProcedureName, unknown]>;
  readonly subscriptions: EventName[];
  unsubscribeCount: number;
  /** What the transport hands to the wrapped listener: the payload plus an Electron-like event. */
  deliver(event: EventName, payload: unknown, transportEvent?: unknown): void;
  nextResult: IpcResult<unknown>;
}

function fakeTransport(): FakeTransport {
  const listeners = new Map<EventName, Set<(...args: unknown[]) => void>>();
  const transport: FakeTransport = {
    invocations: [],
    subscriptions: [],
    unsubscribeCount: 0,
    nextResult: { ok: true, value: 'result' },
    invoke(procedure, input) {
      transport.invocations.push([procedure, input]);
      return Promise.resolve(transport.nextResult);
    },
    subscribe(event, listener) {
      transport.subscriptions.push(event);
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const forward = listener as (...args: unknown[]) => void;
      set.add(forward);
      return () => {
        transport.unsubscribeCount += 1;
        set.delete(forward);
      };
    },
    deliver(event, payload, transportEvent) {
      for (const listener of listeners.get(event) ?? []) {
        // Deliberately pass extra arguments, as a careless transport (ipcRenderer.on) would.
        listener(payload, transportEvent);
      }
    },
  };
  return transport;
}

const samplePerson = { name: 'Ana Petrović', role: 'field_officer', passphrase: 'Correct-Horse-7' };
const firstPerson = { name: 'Ana Petrović', passphrase: 'Correct-Horse-7' };
const sampleInputs: Record<ProcedureName, unknown> = {
  getAppInfo: undefined,
  getDatabaseCheck: undefined,
  checkIntegrity: undefined,
  getSettings: undefined,
  updateSettings: { theme: 'dark' },
  getSession: undefined,
  setUp: firstPerson,
  unlock: { userId: '0190f0e0-0000-7000-8000-000000000001', passphrase: 'Correct-Horse-7' },
  unlockWithKeychain: { userId: '0190f0e0-0000-7000-8000-000000000001' },
  resetPassphrase: {
    userId: '0190f0e0-0000-7000-8000-000000000001',
    recoveryCode: 'ABCD-EFGH',
    newPassphrase: 'Another-Horse-8',
  },
  lock: undefined,
  reportActivity: undefined,
  listPeople: undefined,
  addPerson: samplePerson,
  changeRole: { userId: '0190f0e0-0000-7000-8000-000000000001', role: 'team_lead' },
  removePerson: { userId: '0190f0e0-0000-7000-8000-000000000001' },
  showRecoveryCode: undefined,
  confirmRecoveryCode: undefined,
  replaceRecoveryCode: { passphrase: 'Correct-Horse-7' },
  changePassphrase: { currentPassphrase: 'Correct-Horse-7', newPassphrase: 'Another-Horse-8' },
  setKeychainUnlock: { enabled: true },
  listLocations: undefined,
  saveLocation: {
    id: '0190f0e0-0000-7000-8000-000000000002',
    locationType: 'border_crossing_road',
    name: 'Batrovci',
    jurisdiction: 'RS',
  },
  listCampaigns: undefined,
  saveCampaign: {
    id: '0190f0e0-0000-7000-8000-000000000004',
    name: 'Amnesty 2026',
    jurisdiction: 'RS',
    campaignType: 'voluntary_surrender_amnesty',
    startDate: '2026-01-01',
    leadAgency: 'Ministry of Interior',
    status: 'active',
  },
  getLocation: { id: '0190f0e0-0000-7000-8000-000000000002' },
  updateLocation: {
    location: {
      id: '0190f0e0-0000-7000-8000-000000000002',
      locationType: 'border_crossing_road',
      name: 'Batrovci',
      jurisdiction: 'RS',
    },
    expectedRevision: 1,
  },
  getCampaign: { id: '0190f0e0-0000-7000-8000-000000000004' },
  updateCampaign: {
    campaign: {
      id: '0190f0e0-0000-7000-8000-000000000004',
      name: 'Amnesty 2026',
      jurisdiction: 'RS',
      campaignType: 'voluntary_surrender_amnesty',
      startDate: '2026-01-01',
      leadAgency: 'Ministry of Interior',
      status: 'closed',
    },
    expectedRevision: 1,
  },
  getCampaignProgress: { id: '0190f0e0-0000-7000-8000-000000000004' },
  newIntakeDraft: undefined,
  saveIntakeDraft: {
    draft: { id: '0190f0e0-0000-7000-8000-000000000003' },
    expectedRevision: null,
  },
  finaliseIntake: { id: '0190f0e0-0000-7000-8000-000000000003', expectedRevision: 1 },
  checkIntakeFinalisation: { id: '0190f0e0-0000-7000-8000-000000000003' },
  getIntake: { id: '0190f0e0-0000-7000-8000-000000000003' },
  listIntakes: { serial: 'AK-47' },
  listItems: { kind: 'weapon', lifecycleStatus: 'in_custody' },
  getMeasures: { from: '2025-01-01', to: '2025-12-31' },
  listMeasureRecords: {
    filter: { from: '2025-01-01', to: '2025-12-31' },
    drill: { source: 'k1', slice: { context: 'seized' } },
  },
  listMapPoints: { from: '2025-01-01', to: '2025-12-31' },
  getItem: { id: '0190f0e0-0000-7000-8000-000000000002' },
  getIntakeHistory: { id: '0190f0e0-0000-7000-8000-000000000003' },
  amendIntake: {
    draft: { id: '0190f0e0-0000-7000-8000-000000000003', status: 'draft', revision: 2 },
    expectedRevision: 2,
    reason: 'Serial number misread',
  },
  deleteIntakeDraft: { id: '0190f0e0-0000-7000-8000-000000000003', expectedRevision: 1 },
  makeIntakeReceipt: { id: '0190f0e0-0000-7000-8000-000000000003', includePhotos: false },
  addPhoto: { dataBase64: 'iVBORw0KGgo=', kind: 'whole_weapon' },
  getPhoto: { sha256: 'a'.repeat(64) },
  getPositionOffer: undefined,
  getDevicePosition: undefined,
  verifyAuditLog: undefined,
  getUnsavedBackup: { id: '0190f0e0-0000-7000-8000-000000000003' },
  getUnsavedNewRecord: undefined,
  putUnsavedBackup: {
    backup: {
      id: '0190f0e0-0000-7000-8000-000000000003',
      baseRevision: 1,
      changedAt: '2026-05-04T10:20:30.000Z',
      valuesJson: '{"notes":"Spare wheel"}',
    },
    order: { writer: '0190f0e0-0000-4000-8000-000000000005', seq: 1 },
  },
  clearUnsavedBackup: {
    id: '0190f0e0-0000-7000-8000-000000000003',
    order: { writer: '0190f0e0-0000-4000-8000-000000000005', seq: 2 },
  },
  getListFilters: undefined,
  putListFilters: {
    filters: { serial: 'AK-47' },
    order: { writer: '0190f0e0-0000-4000-8000-000000000005', seq: 3 },
  },
  getSyncStatus: undefined,
  enrollDevice: { serverUrl: 'https://sync.example.org', code: 'ABCD-EFGH-IJKL' },
  syncNow: undefined,
  listSyncIssues: undefined,
  resolveSyncIssue: { id: 1, keep: { notes: 'mine' } },
  getRecordSyncState: { id: '0190f0e0-0000-7000-8000-000000000003' },
  recordCustodyDecision: {
    decision: {
      items: [{ kind: 'weapon', id: '0190f0e0-0000-7000-8000-000000000004' }],
      decision: 'for_destruction',
      decidedAt: '2026-12-01T10:00:00Z',
      decidedBy: 'Prosecutor',
      reason: 'Case closed',
    },
    passphrase: 'x',
  },
  recordCustodyTransfer: { transfer: { items: [] }, passphrase: 'x' },
  recordDestruction: { destruction: { items: [] }, passphrase: 'x' },
  makeDestructionCertificate: { id: '0190f0e0-0000-7000-8000-000000000007' },
  makeTraceRequestDocument: { id: '0190f0e0-0000-7000-8000-000000000008', includePhotos: true },
  recordStockCheck: { stockCheck: { found: [] }, passphrase: 'x' },
  recordLossIncident: { incident: { items: [] }, passphrase: 'x' },
  listStorageSites: undefined,
  getSiteInventory: { siteId: '0190f0e0-0000-7000-8000-000000000005' },
  pickItems: { serial: 'AK-1' },
  getItemCustody: { id: '0190f0e0-0000-7000-8000-000000000004' },
  listCustodyRecords: {},
  getCustodyRecord: { id: '0190f0e0-0000-7000-8000-000000000006' },
  checkSerial: { serial: 'M70-4411' },
  importWatchList: { listName: 'MUP', csv: 'serial\nA1', mode: 'replace' },
  listWatchLists: undefined,
  removeWatchList: { listName: 'MUP' },
  beginImport: { fileName: 'register.csv', format: 'csv', size: 1 },
  uploadImportPart: { token: '0190f0e0-0000-7000-8000-000000000007', offset: 0, dataBase64: '' },
  previewImport: { token: '0190f0e0-0000-7000-8000-000000000007' },
  confirmImport: { token: '0190f0e0-0000-7000-8000-000000000007' },
  startExport: {
    format: 'xlsx',
    finalOnly: true,
    includePersonalData: false,
    includePhotos: false,
  },
  getExport: { jobId: '0190f0e0-0000-7000-8000-000000000007' },
  getReport: { report: 'iafq', filter: { from: '2025-01-01', to: '2025-12-31' } },
  saveReport: {
    report: 'sdg_16_4_2',
    filter: { from: '2025-01-01', to: '2025-12-31' },
    format: 'pdf',
  },
  cancelExport: { jobId: '0190f0e0-0000-7000-8000-000000000007' },
  cancelImport: { token: '0190f0e0-0000-7000-8000-000000000007' },
  newTraceRequest: { itemId: '0190f0e0-0000-7000-8000-000000000002' },
  saveTraceRequest: {
    request: {
      id: '0190f0e0-0000-7000-8000-000000000008',
      itemId: '0190f0e0-0000-7000-8000-000000000002',
      intakeEventId: '0190f0e0-0000-7000-8000-000000000003',
      weapon: { id: '0190f0e0-0000-7000-8000-000000000002', markings: [], photos: [] },
      steps: [],
    },
    expectedRevision: null,
  },
  getTraceRequest: { id: '0190f0e0-0000-7000-8000-000000000008' },
  listTraceRequests: { overdueOnly: true },
  saveHistoricCount: {
    count: {
      id: '0190f0e0-0000-7000-8000-000000000009',
      activity: 'destroyed',
      periodFrom: '2015-01-01',
      periodTo: '2015-12-31',
      quantity: { kind: 'weapons', unit: 'pieces', amount: 857 },
      source: 'Annual report 2015',
    },
    expectedRevision: null,
  },
  listHistoricCounts: { from: '2015-01-01' },
  importHistoricCounts: { fileName: 'counts.csv', format: 'csv', dataBase64: '', dryRun: true },
  reviewRecords: {
    recordIds: ['0190f0e0-0000-7000-8000-000000000010'],
    state: 'has_issues',
    comment: 'The second serial is missing a digit.',
  },
  getRecordReview: { recordId: '0190f0e0-0000-7000-8000-000000000010' },
  listReviewTasks: undefined,
};

type Listener = (payload: unknown) => void;
type Subscribe = (listener: unknown) => () => void;

describe('S9 preload API (createApi)', () => {
  it('is one frozen object whose members are all functions', () => {
    const api = createApi(fakeTransport());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Reflect.set(api, 'getSettings', () => null)).toBe(false);
    expect(Reflect.set(api, 'invoke', () => null)).toBe(false);
    expect(Reflect.deleteProperty(api, 'getSettings')).toBe(false);
    for (const [key, member] of Object.entries(api)) expect(typeof member, key).toBe('function');
  });

  it.each([
    'invoke',
    'ipcRenderer',
    'send',
    'sendSync',
    'on',
    'off',
    'removeListener',
    'transport',
  ])('exposes no generic %s member', (key) => {
    const api = createApi(fakeTransport());
    expect(key in api).toBe(false);
  });

  it.each(procedureNames)(
    '%s forwards exactly (procedure, input) once and returns the envelope',
    async (name) => {
      const transport = fakeTransport();
      const envelope: IpcResult<unknown> = { ok: true, value: { marker: name } };
      transport.nextResult = envelope;
      const api = createApi(transport);
      const call = api[name] as (input?: unknown) => Promise<IpcResult<unknown>>;

      const result = await call(sampleInputs[name]);

      expect(transport.invocations).toStrictEqual([[name, sampleInputs[name]]]);
      expect(result).toBe(envelope);
    },
  );

  it('passes a failure envelope through unchanged instead of throwing', async () => {
    const transport = fakeTransport();
    transport.nextResult = { ok: false, error: { code: 'FORBIDDEN', message: 'refused' } };
    const api = createApi(transport);
    await expect(api.getSettings()).resolves.toStrictEqual(transport.nextResult);
  });

  it.each(eventNames)(
    'on<%s> hands the listener only the payload, never a transport event',
    (event) => {
      const transport = fakeTransport();
      const api = createApi(transport);
      const received: unknown[][] = [];
      const subscribe = api[eventListenerKey(event)] as Subscribe;
      subscribe((...args: unknown[]) => received.push(args));

      const payload: Settings = { ...defaultSettings, theme: 'dark' };
      transport.deliver(event, payload, { sender: { send() {} }, ports: [] });

      expect(transport.subscriptions).toStrictEqual([event]);
      expect(received).toStrictEqual([[payload]]);
    },
  );

  it.each(eventNames)('on<%s> returns an unsubscribe function that stops delivery', (event) => {
    const transport = fakeTransport();
    const api = createApi(transport);
    const received: unknown[] = [];
    const subscribe = api[eventListenerKey(event)] as Subscribe;
    const unsubscribe = subscribe(((payload) => received.push(payload)) satisfies Listener);

    transport.deliver(event, 'first');
    unsubscribe();
    transport.deliver(event, 'second');

    expect(typeof unsubscribe).toBe('function');
    expect(received).toStrictEqual(['first']);
    expect(transport.unsubscribeCount).toBe(1);
  });

  it.each([undefined, null, 'listener', 42, {}])(
    'on<Event> throws for a non-function listener %j',
    (bad) => {
      const transport = fakeTransport();
      const api = createApi(transport);
      for (const event of eventNames) {
        const subscribe = api[eventListenerKey(event)] as Subscribe;
        expect(() => subscribe(bad)).toThrow(TypeError);
      }
      expect(transport.subscriptions).toStrictEqual([]);
    },
  );
});

describe('createUnwrappedApi', () => {
  it('is frozen and has exactly one function per procedure', () => {
    const unwrapped = createUnwrappedApi(createApi(fakeTransport()));
    expect(Object.isFrozen(unwrapped)).toBe(true);
    expect(Object.keys(unwrapped).sort()).toStrictEqual([...procedureNames].sort());
    for (const member of Object.values(unwrapped)) expect(typeof member).toBe('function');
  });

  it('resolves to the value on success and forwards the input', async () => {
    const transport = fakeTransport();
    const settings: Settings = { ...defaultSettings, language: 'sr-Latn' };
    transport.nextResult = { ok: true, value: settings };
    const unwrapped = createUnwrappedApi(createApi(transport));

    await expect(unwrapped.updateSettings({ language: 'sr-Latn' })).resolves.toStrictEqual(
      settings,
    );
    expect(transport.invocations).toStrictEqual([['updateSettings', { language: 'sr-Latn' }]]);
  });

  it('throws an IpcError carrying the code, message and issues on failure', async () => {
    const transport = fakeTransport();
    const issues = [{ path: 'serverUrl', message: 'serverUrlInvalid', code: 'invalid_format' }];
    transport.nextResult = {
      ok: false,
      error: { code: 'VALIDATION_ERROR', message: 'The input is not valid.', issues },
    };
    const unwrapped = createUnwrappedApi(createApi(transport));

    const error: unknown = await unwrapped
      .updateSettings({ serverUrl: 'ftp://x' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'The input is not valid.',
      issues,
    });
  });

  it('gives an IpcError with no issues an empty list', async () => {
    const transport = fakeTransport();
    transport.nextResult = { ok: false, error: { code: 'UNAVAILABLE', message: 'gone' } };
    const unwrapped = createUnwrappedApi(createApi(transport));

    await expect(unwrapped.getSettings()).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      issues: [],
    });
  });
});
