import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  IpcError,
  IpcResultSchema,
  ipcErrorCodes,
  toIpcIssues,
  unwrapResult,
  type IpcResult,
} from '../../../../shared/ipc/errors.ts';

function issuesOf(schema: z.ZodType, input: unknown): z.core.$ZodIssue[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the schema to reject the input');
  return result.error.issues;
}

describe('toIpcIssues', () => {
  const schema = z.object({
    name: z.string(),
    location: z.object({ region: z.object({ code: z.string() }) }),
    items: z.array(z.object({ serial: z.string() })),
  });

  it.each([
    ['a top-level field', { location: { region: { code: 'x' } }, items: [] }, ['name']],
    [
      'a nested field',
      { name: 'a', location: { region: { code: 7 } }, items: [] },
      ['location.region.code'],
    ],
    [
      'a field inside an array element',
      { name: 'a', location: { region: { code: 'x' } }, items: [{ serial: 'ok' }, { serial: 5 }] },
      ['items.1.serial'],
    ],
    [
      'several fields at once',
      { location: { region: {} }, items: [{}] },
      ['name', 'location.region.code', 'items.0.serial'],
    ],
  ])('reports %s as a dotted path', (_label, input, paths) => {
    expect(toIpcIssues(issuesOf(schema, input)).map((issue) => issue.path)).toStrictEqual(paths);
  });

  it("uses '' for the input as a whole", () => {
    expect(
      toIpcIssues(issuesOf(z.undefined(), 'unexpected')).map((issue) => issue.path),
    ).toStrictEqual(['']);
    expect(toIpcIssues(issuesOf(schema, null)).map((issue) => issue.path)).toStrictEqual(['']);
  });

  it('keeps only path, message and code, and never the rejected value', () => {
    const secret = 'correct horse battery staple';
    const issues = toIpcIssues(issuesOf(z.object({ count: z.number() }), { count: secret }));
    expect(issues).toHaveLength(1);
    expect(Object.keys(issues[0] ?? {}).sort()).toStrictEqual(['code', 'message', 'path']);
    expect(issues[0]).toMatchObject({ path: 'count', code: 'invalid_type' });
    expect(JSON.stringify(issues)).not.toContain(secret);
  });

  it('carries a schema message key through unchanged', () => {
    const issues = toIpcIssues(
      issuesOf(z.object({ url: z.string().min(3, { error: 'tooShort' }) }), { url: 'a' }),
    );
    expect(issues).toStrictEqual([{ path: 'url', message: 'tooShort', code: 'too_small' }]);
  });
});

describe('unwrapResult', () => {
  it('returns the value of a success', () => {
    const value = { a: [1, 2] };
    expect(unwrapResult({ ok: true, value })).toBe(value);
  });

  it.each(ipcErrorCodes)('throws an IpcError with code %s', (code) => {
    const result: IpcResult<never> = { ok: false, error: { code, message: `failed with ${code}` } };
    let thrown: unknown;
    try {
      unwrapResult(result);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IpcError);
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).toMatchObject({
      name: 'IpcError',
      code,
      message: `failed with ${code}`,
      issues: [],
    });
  });

  it('keeps the issues of a validation failure', () => {
    const issues = [{ path: 'theme', message: 'Invalid option', code: 'invalid_value' }];
    expect(() =>
      unwrapResult({ ok: false, error: { code: 'VALIDATION_ERROR', message: 'bad', issues } }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', issues }));
  });
});

describe('IpcResultSchema', () => {
  it.each([
    ['a success with an object', { ok: true, value: { a: 1 } }],
    ['a success with null', { ok: true, value: null }],
    ['a failure', { ok: false, error: { code: 'INTERNAL', message: 'x' } }],
    [
      'a failure with issues',
      {
        ok: false,
        error: {
          code: 'VALIDATION_ERROR',
          message: 'x',
          issues: [{ path: '', message: 'm', code: 'c' }],
        },
      },
    ],
  ])('accepts %s', (_label, value) => {
    expect(IpcResultSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'ok'],
    ['an array', [true, 1]],
    ['no ok flag', { value: 1 }],
    ['ok as a string', { ok: 'true', value: 1 }],
    ['a failure without error', { ok: false }],
    ['an unknown error code', { ok: false, error: { code: 'TEAPOT', message: 'x' } }],
    ['an error without message', { ok: false, error: { code: 'INTERNAL' } }],
    [
      'an error message that is not a string',
      { ok: false, error: { code: 'INTERNAL', message: 42 } },
    ],
    [
      'an issue with a non-string path',
      {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: 'x',
          issues: [{ path: ['a'], message: 'm', code: 'c' }],
        },
      },
    ],
  ])('rejects %s', (_label, value) => {
    expect(IpcResultSchema.safeParse(value).success).toBe(false);
  });
});
