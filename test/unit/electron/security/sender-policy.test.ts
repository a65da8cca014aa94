import { describe, expect, it } from 'vitest';
import { isTrustedSender, parseOrigin } from '../../../../electron/security/sender-policy.ts';

describe('S8 sender origin (parseOrigin)', () => {
  it.each([
    ['app://app/index.html', 'app://app'],
    ['app://app', 'app://app'],
    ['app://app/index.html#/settings?x=1', 'app://app'],
    ['app://app.evil/x', 'app://app.evil'],
    ['app://app:8080/x', 'app://app:8080'],
    ['https://example.com/a/b', 'https://example.com'],
    ['https://example.com:443/', 'https://example.com'],
    ['HTTP://LOCALHOST:5173/', 'http://localhost:5173'],
    ['http://127.0.0.1:5173/x', 'http://127.0.0.1:5173'],
  ])('%s has origin %s', (url, origin) => {
    expect(parseOrigin(url)).toBe(origin);
  });

  it.each([
    ['credentials', 'app://user:pass@app/'],
    ['a user name', 'app://user@app/'],
    ['no host (file:)', 'file:///etc/passwd'],
    ['no host (app:///)', 'app:///index.html'],
    ['an opaque URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,x'],
    ['about:blank', 'about:blank'],
    ['a relative URL', '/index.html'],
    ['garbage', 'not a url'],
    ['an empty string', ''],
    ['the string "null"', 'null'],
  ])('has no origin for %s (%s)', (_label, url) => {
    expect(parseOrigin(url)).toBeNull();
  });
});

describe('S8 sender frame (isTrustedSender)', () => {
  const trusted = ['app://app'];
  it.each([
    [{ url: 'app://app/index.html', isTopFrame: true }, true],
    [{ url: 'app://app/index.html', isTopFrame: false }, false],
    [{ url: undefined, isTopFrame: true }, false],
    [{ url: 'app://app.evil/index.html', isTopFrame: true }, false],
    [{ url: 'app://user@app/index.html', isTopFrame: true }, false],
  ])('%j → %s', (frame, expected) => {
    expect(isTrustedSender(frame, trusted)).toBe(expected);
  });

  it('trusts nobody when no origin is trusted', () => {
    expect(isTrustedSender({ url: 'app://app/', isTopFrame: true }, [])).toBe(false);
  });
});
