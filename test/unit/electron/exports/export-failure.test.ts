import { describe, expect, it } from 'vitest';
import { exportFailureOf } from '../../../../electron/exports/export-failure.ts';

const failing = (code: string) => Object.assign(new Error(code), { code });

describe('why an export failed', () => {
  it.each([
    ['EACCES', 'not_permitted'],
    ['EPERM', 'not_permitted'],
    ['EROFS', 'read_only'],
    ['ENOENT', 'folder_missing'],
    ['ENOTDIR', 'folder_missing'],
    ['EBUSY', 'in_use'],
    ['EISDIR', 'name_is_folder'],
    ['ENOSPC', 'disk_full'],
    ['EDQUOT', 'disk_full'],
    ['EIO', 'other'],
  ])('%s is %s', (code, failure) => {
    expect(exportFailureOf(failing(code))).toBe(failure);
  });

  it('is "other" for anything that is not a file system error', () => {
    expect(exportFailureOf(new Error('locked'))).toBe('other');
    expect(exportFailureOf(null)).toBe('other');
    expect(exportFailureOf('text')).toBe('other');
  });
});
