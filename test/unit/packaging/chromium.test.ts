import { describe, expect, it } from 'vitest';
import { findChromium } from '../../../packaging/chromium.ts';

describe('findChromium', () => {
  const only = (present: string[]) => (file: string) => present.includes(file);

  it('prefers CHROMIUM_PATH when it exists', () => {
    const found = findChromium(
      { CHROMIUM_PATH: '/opt/chrome/chrome' },
      only(['/opt/chrome/chrome', '/usr/bin/chromium']),
      () => undefined,
    );
    expect(found).toBe('/opt/chrome/chrome');
  });

  it("falls back to Debian's /usr/bin/chromium, then Playwright's own browser", () => {
    expect(findChromium({}, only(['/usr/bin/chromium']), () => '/pw/chrome')).toBe(
      '/usr/bin/chromium',
    );
    expect(
      findChromium({ CHROMIUM_PATH: '/missing' }, only(['/pw/chrome']), () => '/pw/chrome'),
    ).toBe('/pw/chrome');
  });

  it('says where it looked and how to get one when there is none', () => {
    expect(() => findChromium({}, only([]), () => undefined)).toThrow(
      /apt-get install -y chromium/,
    );
    expect(() => findChromium({}, only([]), () => undefined)).toThrow(/CHROMIUM_PATH/);
  });
});
