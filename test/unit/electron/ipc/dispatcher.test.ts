import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../electron/ipc/app-error.ts';
import { createDispatcher, type IpcCall } from '../../../../electron/ipc/dispatcher.ts';
import type { CallContext, HandlerTable } from '../../../../electron/ipc/handler-table.ts';
import type { Logger } from '../../../../electron/logging/logger.ts';
import type { SenderFrame } from '../../../../electron/security/sender-policy.ts';
import type { AppInfo } from '../../../../shared/app/app-info.ts';
import type { ProcedureName } from '../../../../shared/ipc/contract.ts';
import type { IpcResult } from '../../../../shared/ipc/errors.ts';
import { defaultSettings } from '../../../../shared/settings/settings.ts';

const APP = 'app://app';
const topFrame: SenderFrame = { url: 'app://app/index.html#/settings', isTopFrame: true };

const appInfo: AppInfo = {
  name: 'SALW Field',
  version: '1.2.3',
  dataDirectory: '/data',
  platform: 'linux',
  arch: 'x64',
  runtime: { kind: 'browser-preview', node: '22.0.0' },
};

type Behaviour = (input: unknown) => unknown;
interface HandlerCall {
  readonly procedure: ProcedureName;
  readonly input: unknown;
  readonly context: CallContext;
}

function spyHandlers(behaviour: Partial<Record<ProcedureName, Behaviour>> = {}) {
  const calls: HandlerCall[] = [];
  const spy =
    <N extends ProcedureName>(procedure: N, fallback: Behaviour) =>
    (input: unknown, context: CallContext) => {
      calls.push({ procedure, input, context });
      return (behaviour[procedure] ?? fallback)(input);
    };
  const handlers = {
    getAppInfo: spy('getAppInfo', () => appInfo),
    getSettings: spy('getSettings', () => defaultSettings),
    updateSettings: spy('updateSettings', (patch) => ({
      ...defaultSettings,
      ...(patch as object),
    })),
  } as unknown as HandlerTable;
  return { handlers, calls };
}

interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly event: string;
  readonly fields: Record<string, unknown> | undefined;
}

function recordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return {
    entries,
    info: (event, fields) => entries.push({ level: 'info', event, fields }),
    warn: (event, fields) => entries.push({ level: 'warn', event, fields }),
    error: (event, fields) => entries.push({ level: 'error', event, fields }),
  };
}

function setup(
  options: {
    behaviour?: Partial<Record<ProcedureName, Behaviour>>;
    checkOutput?: boolean;
    trustedOrigins?: string[];
  } = {},
) {
  const { handlers, calls } = spyHandlers(options.behaviour);
  const log = recordingLogger();
  const dispatch = createDispatcher({
    handlers,
    trustedOrigins: options.trustedOrigins ?? [APP],
    checkOutput: options.checkOutput ?? true,
    log,
  });
  const call = async (partial: Partial<IpcCall>): Promise<IpcResult<unknown>> => {
    const result = await dispatch({
      sender: topFrame,
      procedure: 'getSettings',
      input: undefined,
      ...partial,
    });
    // Every answer crosses structured clone or the HTTP bridge: it must survive JSON unchanged.
    expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
    return result;
  };
  return { call, calls, log };
}

function errorOf(result: IpcResult<unknown>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result.error;
}

describe('S8 dispatcher: sender check', () => {
  it.each([
    ['another web origin', { url: 'https://evil.example/', isTopFrame: true }],
    ['a sub-frame of our own origin', { url: 'app://app/index.html', isTopFrame: false }],
    ['a sub-frame of another origin', { url: 'https://evil.example/', isTopFrame: false }],
    ['a look-alike host app://app.evil', { url: 'app://app.evil/index.html', isTopFrame: true }],
    ['another app:// host', { url: 'app://evil/index.html', isTopFrame: true }],
    ['http://app', { url: 'http://app/index.html', isTopFrame: true }],
    ['https://app', { url: 'https://app/index.html', isTopFrame: true }],
    ['our origin with credentials', { url: 'app://user:pass@app/index.html', isTopFrame: true }],
    ['our host with a port', { url: 'app://app:8080/index.html', isTopFrame: true }],
    ['file://', { url: 'file:///home/user/index.html', isTopFrame: true }],
    ['about:blank', { url: 'about:blank', isTopFrame: true }],
    ['a data: URL', { url: 'data:text/html,<p>x</p>', isTopFrame: true }],
    ['an unparseable URL', { url: 'not a url', isTopFrame: true }],
    ['an empty URL', { url: '', isTopFrame: true }],
    ['no URL at all', { url: undefined, isTopFrame: true }],
  ] satisfies Array<[string, SenderFrame]>)(
    'refuses %s with FORBIDDEN and never runs the handler',
    async (_label, sender) => {
      const { call, calls, log } = setup();
      for (const procedure of ['getSettings', 'updateSettings', 'getAppInfo']) {
        const result = await call({
          sender,
          procedure,
          input: procedure === 'updateSettings' ? { theme: 'dark' } : undefined,
        });
        expect(errorOf(result).code).toBe('FORBIDDEN');
      }
      expect(calls).toStrictEqual([]);
      expect(log.entries.map((entry) => [entry.level, entry.event])).toContainEqual([
        'warn',
        'ipc.rejected_sender',
      ]);
    },
  );

  it('checks the sender before the procedure name, so a stranger learns nothing about procedures', async () => {
    const { call } = setup();
    const result = await call({
      sender: { url: 'https://evil.example/', isTopFrame: true },
      procedure: 'noSuchThing',
    });
    expect(errorOf(result).code).toBe('FORBIDDEN');
  });

  it('accepts the dev origin only when it is one of the trusted origins', async () => {
    const devFrame: SenderFrame = { url: 'http://localhost:5173/', isTopFrame: true };
    expect(errorOf(await setup().call({ sender: devFrame })).code).toBe('FORBIDDEN');
    const trusted = setup({ trustedOrigins: [APP, 'http://localhost:5173'] });
    expect((await trusted.call({ sender: devFrame })).ok).toBe(true);
  });
});

describe('S8 dispatcher: procedure lookup', () => {
  it.each([
    'noSuchThing',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '',
    'GETSETTINGS',
  ])('answers NOT_FOUND for %j', async (procedure) => {
    const { call, calls } = setup();
    const result = await call({ procedure });
    expect(errorOf(result).code).toBe('NOT_FOUND');
    expect(calls).toStrictEqual([]);
  });

  it('does not echo an unbounded procedure name back', async () => {
    const { call } = setup();
    const result = await call({ procedure: 'x'.repeat(10_000) });
    expect(errorOf(result).message.length).toBeLessThan(200);
  });
});

describe('S8 dispatcher: input validation', () => {
  it.each([
    ['an unknown theme', 'updateSettings', { theme: 'purple' }, ['theme']],
    [
      'two bad fields',
      'updateSettings',
      { theme: 'purple', serverUrl: 'ftp://x.org' },
      ['theme', 'serverUrl'],
    ],
    ['an unknown key', 'updateSettings', { isAdmin: true }, ['']],
    ['no patch at all', 'updateSettings', undefined, ['']],
    ['a string instead of a patch', 'updateSettings', 'theme=dark', ['']],
    ['an input to a procedure that takes none', 'getSettings', { anything: 1 }, ['']],
  ])(
    'answers VALIDATION_ERROR for %s, naming the failing paths',
    async (_label, procedure, input, paths) => {
      const { call, calls } = setup();
      const error = errorOf(await call({ procedure, input }));
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(error.issues?.map((issue) => issue.path)).toStrictEqual(paths);
      expect(calls).toStrictEqual([]);
    },
  );

  it('calls the handler once with the parsed input and returns its value', async () => {
    const { call, calls } = setup();
    const input = { theme: 'dark', serverUrl: 'https://salw.example.org' };
    const result = await call({ procedure: 'updateSettings', input });

    expect(result).toStrictEqual({ ok: true, value: { ...defaultSettings, ...input } });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.procedure).toBe('updateSettings');
    expect(calls[0]?.input).toStrictEqual(input);
    // The handler sees zod's parsed copy, never the caller's own object.
    expect(calls[0]?.input).not.toBe(input);
    expect(calls[0]?.context).toStrictEqual({ procedure: 'updateSettings' });
  });

  it('runs a procedure without input once', async () => {
    const { call, calls } = setup();
    expect(await call({ procedure: 'getAppInfo' })).toStrictEqual({ ok: true, value: appInfo });
    expect(calls.map((c) => c.procedure)).toStrictEqual(['getAppInfo']);
  });
});

describe('S8 dispatcher: handler failures', () => {
  it('turns a plain Error into INTERNAL without its text or stack, and logs it', async () => {
    const thrown = new Error('SQLITE_CORRUPT at /home/officer/.config/salw/db.sqlite key=deadbeef');
    const { call, log } = setup({
      behaviour: {
        getSettings: () => {
          throw thrown;
        },
      },
    });

    const result = await call({ procedure: 'getSettings' });
    const error = errorOf(result);
    const wire = JSON.stringify(result);

    expect(error.code).toBe('INTERNAL');
    expect(Object.keys(error).sort()).toStrictEqual(['code', 'message']);
    expect(wire).not.toContain('SQLITE_CORRUPT');
    expect(wire).not.toContain('/home/officer');
    expect(wire).not.toContain('deadbeef');
    expect(wire).not.toMatch(/\bat .*:\d+:\d+/);
    expect(wire).not.toContain('stack');

    const logged = log.entries.filter((entry) => entry.level === 'error');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.event).toBe('ipc.handler_failed');
    expect(logged[0]?.fields).toMatchObject({ procedure: 'getSettings', error: thrown });
  });

  it.each([
    ['a rejected promise', () => Promise.reject(new Error('async failure'))],
    [
      'a thrown string',
      () => {
        throw 'raw string failure';
      },
    ],
    [
      'a thrown null',
      () => {
        throw null;
      },
    ],
  ])('turns %s into INTERNAL', async (_label, behaviour) => {
    const { call } = setup({ behaviour: { getSettings: behaviour } });
    const error = errorOf(await call({ procedure: 'getSettings' }));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).not.toMatch(/failure/);
  });

  it.each([
    ['NOT_FOUND', []],
    ['FORBIDDEN', []],
    ['VALIDATION_ERROR', [{ path: 'serverUrl', message: 'serverUrlInvalid', code: 'custom' }]],
  ] as const)('passes an AppError %s through with its message', async (code, issues) => {
    const { call } = setup({
      behaviour: {
        getSettings: () => {
          throw new AppError(code, 'A safe message for people.', issues);
        },
      },
    });
    const error = errorOf(await call({ procedure: 'getSettings' }));
    expect(error).toStrictEqual({
      code,
      message: 'A safe message for people.',
      ...(issues.length > 0 ? { issues } : {}),
    });
  });
});

describe('S8 dispatcher: output check', () => {
  const badOutput = { language: 'klingon', theme: 'dark', serverUrl: '' };

  it('answers INTERNAL and logs when the output breaks the contract and checkOutput is on', async () => {
    const { call, log } = setup({ behaviour: { getSettings: () => badOutput } });
    const error = errorOf(await call({ procedure: 'getSettings' }));
    expect(error.code).toBe('INTERNAL');
    expect(JSON.stringify(error)).not.toContain('klingon');
    expect(log.entries.map((entry) => [entry.level, entry.event])).toContainEqual([
      'error',
      'ipc.invalid_output',
    ]);
  });

  it('strips fields the contract does not know when checkOutput is on', async () => {
    const { call } = setup({
      behaviour: { getSettings: () => ({ ...defaultSettings, internalPath: '/secret' }) },
    });
    expect(await call({ procedure: 'getSettings' })).toStrictEqual({
      ok: true,
      value: defaultSettings,
    });
  });

  it('passes the value through unchecked when checkOutput is off', async () => {
    const { call } = setup({ checkOutput: false, behaviour: { getSettings: () => badOutput } });
    expect(await call({ procedure: 'getSettings' })).toStrictEqual({ ok: true, value: badOutput });
  });
});
