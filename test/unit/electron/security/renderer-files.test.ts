import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mimeTypeFor,
  resolveAppUrl,
  resolveRendererPath,
} from '../../../../electron/security/renderer-files.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

describe('S2 renderer files (resolveRendererPath, resolveAppUrl)', () => {
  let root: string;
  let remove: () => Promise<void>;

  beforeAll(async () => {
    ({ dir: root, remove } = await makeTempDir('renderer-files'));
  });
  afterAll(() => remove());

  /** Every served path is the index or strictly inside the build dir. */
  function expectInsideRoot(resolved: string | null): void {
    if (resolved === null) return;
    expect(
      resolved === path.join(root, 'index.html') || resolved.startsWith(root + path.sep),
      resolved,
    ).toBe(true);
  }

  it.each([
    ['', 'index.html'],
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/x.js', 'assets/x.js'],
    ['/assets//x.js', 'assets/x.js'],
    ['/assets/index%20copy.css', 'assets/index copy.css'],
    // An absolute-looking request path still means "inside the build", never the file system root.
    ['//etc/passwd', 'etc/passwd'],
  ])('serves the request path %j from <root>/%s', (requestPath, relative) => {
    expect(resolveRendererPath(requestPath, root)).toBe(path.join(root, relative));
  });

  it.each([
    ['a parent segment', '..'],
    ['a leading parent segment', '/..'],
    ['a parent escape', '/../package.json'],
    ['an encoded parent', '%2e%2e/x'],
    ['an encoded parent after a slash', '/%2e%2e/x'],
    ['an upper-case encoded parent', '/%2E%2E/x'],
    ['a parent with an encoded slash', '..%2fx'],
    ['a fully encoded parent', '%2e%2e%2f'],
    ['a climb out of a sub-folder', '/a/../../b'],
    ['a climb inside the build', '/assets/../index.html'],
    ['a dot segment', '/a/./b'],
    ['backslashes', '/..\\..\\package.json'],
    ['an encoded backslash', '/%5c..%5cpackage.json'],
    ['a NUL byte', '/index.html%00.png'],
    ['a bare NUL', '%00'],
    ['malformed percent-encoding', '/%E0%A4%A'],
    ['a lone percent sign', '/%'],
  ])('refuses %s (%j)', (_label, requestPath) => {
    expect(resolveRendererPath(requestPath, root)).toBeNull();
  });

  it.each([
    ['app://app/', 'index.html'],
    ['app://app', 'index.html'],
    ['app://app/index.html', 'index.html'],
    ['app://app/index.html#/settings', 'index.html'],
    ['app://app/assets/x.js?v=3', 'assets/x.js'],
  ])('serves %s from <root>/%s', (url, relative) => {
    expect(resolveAppUrl(url, root)).toBe(path.join(root, relative));
  });

  it.each([
    ['an encoded parent with an encoded slash', 'app://app/..%2fpackage.json'],
    ['a fully encoded parent', 'app://app/%2e%2e%2fpackage.json'],
    ['an encoded backslash', 'app://app/%5c..%5cpackage.json'],
    ['a NUL byte', 'app://app/index.html%00'],
    ['malformed percent-encoding', 'app://app/%E0%A4%A'],
    ['another app:// host', 'app://evil/index.html'],
    ['a look-alike host', 'app://app.evil/index.html'],
    ['our host with credentials', 'app://user@app/index.html'],
    ['our host with a port', 'app://app:1234/index.html'],
    ['our host name in upper case', 'app://APP/index.html'],
    ['no host', 'app:///index.html'],
    ['an opaque app: URL', 'app:index.html'],
    ['file:', 'file:///etc/passwd'],
    ['https with our host name', 'https://app/index.html'],
    ['http with our host name', 'http://app/index.html'],
    ['javascript:', 'javascript:alert(1)'],
    ['garbage', 'not a url'],
    ['an empty string', ''],
  ])('refuses %s (%s)', (_label, url) => {
    expect(resolveAppUrl(url, root)).toBeNull();
  });

  it.each([
    'app://app/../package.json',
    'app://app/%2e%2e/package.json',
    'app://app/a/../../b',
    'app://app//etc/passwd',
  ])('keeps %s inside the build after URL parsing resolves its dot segments', (url) => {
    const resolved = resolveAppUrl(url, root);
    expect(resolved).not.toBeNull();
    expectInsideRoot(resolved);
    expect(resolved).not.toBe(path.resolve(root, '..', 'package.json'));
  });

  it('never returns a path outside the build dir, for any request in the tables', () => {
    const requests = [
      '',
      '/',
      '..',
      '/../x',
      '%2e%2e/x',
      '..%2fx',
      '/a/../../b',
      '/\\x',
      '/%5cx',
      '%00',
      '/%E0%A4%A',
      '//etc/passwd',
      '/C:/Windows/win.ini',
      '/assets/../../x',
      '/%252e%252e/x',
      '/....//x',
    ];
    for (const request of requests) {
      expectInsideRoot(resolveRendererPath(request, root));
      expectInsideRoot(
        resolveAppUrl(`app://app${request.startsWith('/') ? '' : '/'}${request}`, root),
      );
    }
  });

  it('accepts a root given with a trailing separator or relative segments', () => {
    expect(resolveRendererPath('/index.html', `${root}${path.sep}`)).toBe(
      path.join(root, 'index.html'),
    );
    expect(resolveRendererPath('/index.html', path.join(root, 'sub', '..'))).toBe(
      path.join(root, 'index.html'),
    );
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['worker.mjs', 'text/javascript; charset=utf-8'],
    ['assets/index.CSS', 'text/css; charset=utf-8'],
    ['favicon.svg', 'image/svg+xml'],
    ['icon.png', 'image/png'],
    ['photo.JPG', 'image/jpeg'],
    ['photo.jpeg', 'image/jpeg'],
    ['photo.webp', 'image/webp'],
    ['favicon.ico', 'image/x-icon'],
    ['font.woff2', 'font/woff2'],
    ['data.json', 'application/json; charset=utf-8'],
    ['index.js.map', 'application/json; charset=utf-8'],
    ['notes.txt', 'text/plain; charset=utf-8'],
    ['archive.zip', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
    ['.html', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });
});
