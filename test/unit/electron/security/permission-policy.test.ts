import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  grantedPermissions,
  permissionDecision,
} from '../../../../electron/security/permission-policy.ts';
import { projectDir } from '../../../support/project.ts';

/** The permission names of Electron's session handlers (electron.d.ts of Electron 45), kept as a floor. */
const knownPermissions = [
  'ar',
  'automatic-fullscreen',
  'background-fetch',
  'background-sync',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'geolocation-approximate',
  'hand-tracking',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'nfc',
  'notifications',
  'openExternal',
  'payment-handler',
  'periodic-background-sync',
  'persistent-storage',
  'pointerLock',
  'screen-wake-lock',
  'sensors',
  'serial',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'system-wake-lock',
  'top-level-storage-access',
  'usb',
  'vr',
  'web-app-installation',
  'web-printing',
  'window-management',
  'unknown',
];

/**
 * Reads the permission unions of setPermissionRequestHandler / setPermissionCheckHandler from the
 * installed electron.d.ts (a text file; electron itself is never loaded), so a permission a newer
 * Electron adds is covered without editing this test.
 */
function permissionsFromElectronTypes(): string[] {
  const file = path.join(projectDir, 'node_modules', 'electron', 'electron.d.ts');
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const names = new Set<string>();
  for (const match of text.matchAll(
    /setPermission(?:Request|Check)Handler\(handler: \(\(webContents[^,]*, permission: ([^,]+),/g,
  )) {
    for (const literal of (match[1] ?? '').matchAll(/'([^']+)'/g)) names.add(literal[1] ?? '');
  }
  return [...names];
}

const allPermissions = [
  ...new Set([...knownPermissions, ...permissionsFromElectronTypes()]),
].sort();
const deniedEverywhere = allPermissions.filter(
  (permission) => permission !== 'clipboard-sanitized-write',
);

describe('S6 permission policy (permissionDecision)', () => {
  it('grants nothing but clipboard-sanitized-write', () => {
    expect([...grantedPermissions]).toStrictEqual(['clipboard-sanitized-write']);
  });

  it('knows at least the permissions of Electron 45', () => {
    const fromTypes = permissionsFromElectronTypes();
    if (fromTypes.length > 0)
      expect(fromTypes).toEqual(expect.arrayContaining(['media', 'geolocation', 'usb', 'hid']));
    expect(allPermissions.length).toBeGreaterThanOrEqual(knownPermissions.length);
  });

  it.each(deniedEverywhere)('denies %s, even to our own origin', (permission) => {
    expect(permissionDecision(permission, 'app://app/index.html')).toBe('deny');
    expect(permissionDecision(permission, 'app://app')).toBe('deny');
    expect(permissionDecision(permission, 'https://example.com/')).toBe('deny');
  });

  it.each([
    '',
    'Media',
    'clipboard-sanitized-write ',
    'CLIPBOARD-SANITIZED-WRITE',
    'clipboard-write',
    'toString',
    '__proto__',
  ])('denies the made-up permission %j', (permission) => {
    expect(permissionDecision(permission, 'app://app/index.html')).toBe('deny');
  });

  it.each([
    // setPermissionRequestHandler passes the page URL, setPermissionCheckHandler the origin.
    ['the page URL', 'app://app/index.html#/settings'],
    ['the bare origin', 'app://app'],
  ])('grants clipboard-sanitized-write to app://app given %s', (_label, url) => {
    expect(permissionDecision('clipboard-sanitized-write', url)).toBe('grant');
  });

  it.each([
    'app://evil/',
    'app://app.evil/',
    'app://user@app/',
    'https://app/',
    'https://example.com/',
    'file:///etc/passwd',
    'data:text/html,x',
    'about:blank',
    'null',
    '',
  ])('denies clipboard-sanitized-write to %j', (url) => {
    expect(permissionDecision('clipboard-sanitized-write', url)).toBe('deny');
  });

  it('grants clipboard-sanitized-write to a dev origin only when it is allowed', () => {
    const dev = 'http://localhost:5173';
    expect(permissionDecision('clipboard-sanitized-write', `${dev}/`)).toBe('deny');
    expect(permissionDecision('clipboard-sanitized-write', `${dev}/`, ['app://app', dev])).toBe(
      'grant',
    );
    expect(permissionDecision('media', `${dev}/`, ['app://app', dev])).toBe('deny');
  });
});
