import { describe, expect, it } from 'vitest';
import { createLogger, redact, type LogLine } from '../../../../electron/logging/logger.ts';

const fixedNow = () => new Date('2025-03-01T12:00:00.000Z');

function capture() {
  const lines: string[] = [];
  const log = createLogger((line) => lines.push(line), fixedNow);
  const parsed = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);
  return { log, lines, parsed };
}

const SECRET = 'S3cr3t-value-that-must-never-appear';

describe('S11 logger redaction', () => {
  it.each([
    'key',
    'dataKey',
    'apiKey',
    'DEK',
    'dek',
    'passphrase',
    'newPassphrase',
    'password',
    'clientSecret',
    'token',
    'accessToken',
    'recoveryCode',
    'credentials',
  ])('redacts a field named %s', (name) => {
    const { log, lines, parsed } = capture();
    log.info('test.event', { [name]: SECRET, harmless: 'visible' });
    expect(lines[0]).not.toContain(SECRET);
    expect(parsed()[0]).toMatchObject({ [name]: '[redacted]', harmless: 'visible' });
  });

  it('redacts secret-looking fields at any depth, including inside arrays', () => {
    const { log, lines } = capture();
    log.warn('test.nested', {
      device: {
        slots: [
          { kind: 'passphrase', wrappedKey: SECRET },
          { kind: 'os', meta: { token: SECRET } },
        ],
      },
      batches: [[{ password: SECRET }]],
    });
    expect(lines[0]).not.toContain(SECRET);
    const line = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(line).toMatchObject({
      device: {
        slots: [
          { kind: 'passphrase', wrappedKey: '[redacted]' },
          { kind: 'os', meta: { token: '[redacted]' } },
        ],
      },
      batches: [[{ password: '[redacted]' }]],
    });
  });

  it('never writes a secret however deep it is nested', () => {
    let nested: Record<string, unknown> = { secret: SECRET, passphrase: SECRET };
    for (let level = 0; level < 12; level += 1) nested = { level, child: nested, list: [nested] };
    const { log, lines } = capture();
    log.error('test.deep', { nested });
    expect(lines[0]).not.toContain(SECRET);
  });

  it('redacts a whole secret-named object, not just its leaves', () => {
    const { log, lines, parsed } = capture();
    log.info('test.object', { keyring: { slot: 'a', material: SECRET } });
    expect(lines[0]).not.toContain(SECRET);
    expect(parsed()[0]?.keyring).toBe('[redacted]');
  });

  it('shows bytes as a byte count, never their content', () => {
    const bytes = new Uint8Array([0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4]);
    const { log, lines, parsed } = capture();
    log.info('test.bytes', {
      photo: bytes,
      chunks: [new Uint8Array(3)],
      nested: { blob: Buffer.from('secret text') },
    });
    expect(parsed()[0]).toMatchObject({
      photo: '[8 bytes]',
      chunks: ['[3 bytes]'],
      nested: { blob: '[11 bytes]' },
    });
    expect(lines[0]).not.toContain('secret text');
    expect(lines[0]).not.toMatch(/"0":/);
  });

  it('serialises an Error with its name and message', () => {
    const { log, parsed } = capture();
    log.error('test.error', { error: new TypeError('disk full'), errors: [new Error('first')] });
    const line = parsed()[0];
    expect(line?.error).toMatchObject({ name: 'TypeError', message: 'disk full' });
    expect(line?.errors).toMatchObject([{ name: 'Error', message: 'first' }]);
  });

  it('does not loop on a circular object', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const { log, lines } = capture();
    expect(() => log.info('test.circular', { circular })).not.toThrow();
    expect(lines).toHaveLength(1);
  });

  it('leaves plain values alone', () => {
    expect(
      redact({ count: 3, ok: true, none: null, text: 'hello', list: [1, 'two'] }),
    ).toStrictEqual({
      count: 3,
      ok: true,
      none: null,
      text: 'hello',
      list: [1, 'two'],
    });
  });
});

describe('logger line format', () => {
  it.each(['info', 'warn', 'error'] as const)(
    'writes one JSON object per %s call with time, level and event',
    (level) => {
      const { log, lines } = capture();
      log[level]('sync.push_finished', { pushed: 3 });
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toContain('\n');
      expect(JSON.parse(lines[0] ?? '')).toStrictEqual({
        time: '2025-03-01T12:00:00.000Z',
        level,
        event: 'sync.push_finished',
        pushed: 3,
      });
    },
  );

  it('writes a line without fields', () => {
    const { log, parsed } = capture();
    log.info('app.started');
    expect(parsed()).toStrictEqual([
      { time: '2025-03-01T12:00:00.000Z', level: 'info', event: 'app.started' },
    ]);
  });

  it('keeps a multi-line message on one line', () => {
    const { log, lines } = capture();
    log.error('test.multiline', { error: new Error('line one\nline two') });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.split('\n')).toHaveLength(1);
  });

  // A caller's data must not be able to forge the level or event of a log line.
  it('never lets a field overwrite the time, level or event of the line', () => {
    const { log, parsed } = capture();
    log.error('ipc.handler_failed', { time: 'yesterday', level: 'info', event: 'all.good' });
    expect(parsed()[0]).toMatchObject({
      time: '2025-03-01T12:00:00.000Z',
      level: 'error',
      event: 'ipc.handler_failed',
    });
  });
});
