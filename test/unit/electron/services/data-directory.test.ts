import { describe, expect, it } from 'vitest';
import { dataDirectoryOverride } from '../../../../electron/services/data-directory.ts';

describe('dataDirectoryOverride', () => {
  it('uses --data-dir= from the command line first', () => {
    expect(
      dataDirectoryOverride(['app', '--data-dir=/media/usb/salw'], { SALW_DATA_DIR: '/other' }),
    ).toBe('/media/usb/salw');
  });

  it('falls back to SALW_DATA_DIR', () => {
    expect(dataDirectoryOverride(['app'], { SALW_DATA_DIR: '/srv/salw' })).toBe('/srv/salw');
  });

  it('leaves the per-user folder alone when neither is set or both are empty', () => {
    expect(dataDirectoryOverride(['app'], {})).toBeUndefined();
    expect(dataDirectoryOverride(['app', '--data-dir='], { SALW_DATA_DIR: '' })).toBeUndefined();
  });

  it('does not mistake a similar flag for the data directory', () => {
    expect(dataDirectoryOverride(['app', '--data-directory=/x', '--data-dir'], {})).toBeUndefined();
  });
});
