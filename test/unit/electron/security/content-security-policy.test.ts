import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
} from '../../../../electron/security/content-security-policy.ts';

function directivesOf(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name === undefined || name === '') continue;
    expect(map.has(name), `directive ${name} appears twice`).toBe(false);
    map.set(name, values);
  }
  return map;
}

const header = directivesOf(CONTENT_SECURITY_POLICY);
const meta = directivesOf(CONTENT_SECURITY_POLICY_META);

describe('S3 content security policy', () => {
  it.each([
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ])('the header sets %s to exactly %j', (name, values) => {
    expect(header.get(name)).toStrictEqual(values);
  });

  it('lets images come only from the app itself and inline data/blob URLs, never the network', () => {
    const sources = header.get('img-src') ?? [];
    expect(sources).toContain("'self'");
    for (const source of sources) expect(["'self'", 'data:', 'blob:']).toContain(source);
  });

  it.each([CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META])(
    '%s allows no eval, inline code or wildcard',
    (policy) => {
      for (const unsafe of [
        "'unsafe-eval'",
        "'unsafe-inline'",
        "'unsafe-hashes'",
        "'wasm-unsafe-eval'",
        "'strict-dynamic'",
      ]) {
        expect(policy).not.toContain(unsafe);
      }
      for (const values of directivesOf(policy).values()) {
        for (const value of values)
          expect(['*', 'http:', 'https:', 'ws:', 'wss:', 'file:']).not.toContain(value);
      }
    },
  );

  it('leaves frame-ancestors out of the <meta> form, where browsers ignore it', () => {
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(CONTENT_SECURITY_POLICY_META).not.toContain('frame-ancestors');
  });

  it('makes the <meta> form the header minus frame-ancestors, in the same order', () => {
    const expected = [...header].filter(([name]) => name !== 'frame-ancestors');
    expect([...meta]).toStrictEqual(expected);
  });

  it('can be embedded in a double-quoted HTML attribute as is', () => {
    expect(CONTENT_SECURITY_POLICY_META).not.toMatch(/["<>&]/);
  });
});
