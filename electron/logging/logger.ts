/**
 * Structured, one-JSON-object-per-line logs. Fields whose name suggests a secret are replaced
 * before anything is written: a key, passphrase or token must never reach a log file (S11).
 */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export type LogLevel = 'info' | 'warn' | 'error';
export type LogLine = { time: string; level: LogLevel; event: string } & Record<string, unknown>;

const secretFieldPattern = /key|passphrase|password|secret|token|recovery|credential|dek/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[depth limit]';
  if (value instanceof Error) {
    // code and cause carry the real detail (a StoreError wraps SQLite's error as its cause).
    const { code } = value as { code?: unknown };
    return {
      name: value.name,
      message: value.message,
      ...(code === undefined ? {} : { code }),
      ...(value.cause === undefined ? {} : { cause: redact(value.cause, depth + 1) }),
      stack: value.stack,
    };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) return redact(Object.fromEntries(value), depth + 1);
  if (value instanceof Set) return redact([...value], depth + 1);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(value)) {
      out[name] = secretFieldPattern.test(name) ? '[redacted]' : redact(field, depth + 1);
    }
    return out;
  }
  return value;
}

export function createLogger(
  write: (line: string) => void,
  now: () => Date = () => new Date(),
): Logger {
  const log = (level: LogLevel, event: string, fields: Record<string, unknown> = {}): void => {
    // Fields first: a field named time, level or event must never disguise the line itself.
    const line: LogLine = {
      ...(redact(fields) as Record<string, unknown>),
      time: now().toISOString(),
      level,
      event,
    };
    write(JSON.stringify(line));
  };
  return {
    info: (event, fields) => log('info', event, fields),
    warn: (event, fields) => log('warn', event, fields),
    error: (event, fields) => log('error', event, fields),
  };
}

/** Logs to stderr, so a host's stdout stays free for the lines a person reads (the preview URL). */
export function createStderrLogger(): Logger {
  return createLogger((line) => process.stderr.write(`${line}\n`));
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
