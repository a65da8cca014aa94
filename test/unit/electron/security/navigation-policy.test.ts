import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../../electron/security/app-origin.ts';
import { isAllowedNavigation } from '../../../../electron/security/navigation-policy.ts';

describe('S4 navigation policy (isAllowedNavigation)', () => {
  it.each([
    'app://app/x',
    'app://app/',
    'app://app',
    'app://app/index.html#/settings',
    'app://app/index.html?lang=sr-Latn',
    APP_ENTRY_URL,
  ])('allows our own page %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
  });

  it.each([
    ['another app:// host', 'app://evil/index.html'],
    ['a look-alike host with our name as prefix', 'app://app.evil/index.html'],
    ['our host under another name case', 'app://APP/index.html'],
    ['our host with a port', 'app://app:8080/index.html'],
    ['our host with credentials', 'app://user@app/'],
    ['our host with user and password', 'app://user:pass@app/'],
    ['our host name over https', 'https://app/'],
    ['our host name over http', 'http://app/'],
    ['a web page', 'https://example.com/'],
    ['a look-alike web page', 'https://example.com.attacker.com/app://app/'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: with our origin in it', 'javascript://app://app/%0aalert(1)'],
    ['a local file', 'file:///etc/passwd'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a blob: URL', 'blob:app://app/0b9c1c6e-8f0f-4c2a-9d0e-000000000000'],
    ['about:blank', 'about:blank'],
    ['app: without a host', 'app:///index.html'],
    ['app: as an opaque path', 'app:index.html'],
    ['garbage', 'not a url'],
    ['an empty string', ''],
  ])('refuses %s (%s)', (_label, url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('allows a dev server origin only when it is passed in', () => {
    const dev = 'http://localhost:5173';
    expect(isAllowedNavigation(`${dev}/index.html`)).toBe(false);
    expect(isAllowedNavigation(`${dev}/index.html`, ['app://app', dev])).toBe(true);
    expect(isAllowedNavigation('app://app/x', ['app://app', dev])).toBe(true);
  });

  it.each([
    'http://localhost:5174/',
    'https://localhost:5173/',
    'http://localhost:5173.evil.com/',
    'http://127.0.0.1:5173/',
  ])('does not widen a dev origin to %s', (url) => {
    expect(isAllowedNavigation(url, ['app://app', 'http://localhost:5173'])).toBe(false);
  });

  it('refuses everything when no origin is allowed', () => {
    expect(isAllowedNavigation('app://app/x', [])).toBe(false);
  });
});
