import { describe, expect, it } from 'vitest';
import {
  externalHostAllowlist,
  toExternalUrl,
} from '../../../../electron/security/external-url.ts';

describe('S5 external links (toExternalUrl)', () => {
  it('allows only https hosts on the reference list', () => {
    expect([...externalHostAllowlist]).toStrictEqual([
      'www.unoda.org',
      'disarmament.unoda.org',
      'www.smallarmssurvey.org',
      'www.seesac.org',
    ]);
  });

  it.each([
    ['https://www.unoda.org', 'https://www.unoda.org/'],
    ['https://www.unoda.org/en/small-arms?x=1#top', 'https://www.unoda.org/en/small-arms?x=1#top'],
    ['HTTPS://WWW.UNODA.ORG/Path', 'https://www.unoda.org/Path'],
    ['https://www.unoda.org:443/', 'https://www.unoda.org/'],
    ['https://disarmament.unoda.org/a/../b', 'https://disarmament.unoda.org/b'],
    ['https://www.smallarmssurvey.org/resource/x', 'https://www.smallarmssurvey.org/resource/x'],
    ['https://www.seesac.org/SALW-Control/', 'https://www.seesac.org/SALW-Control/'],
  ])('opens %s as %s', (url, normalised) => {
    expect(toExternalUrl(url)).toBe(normalised);
  });

  it.each([
    ['plain http', 'http://www.unoda.org/'],
    ['a look-alike host with a suffix', 'https://www.unoda.org.evil.com/'],
    ['the allowed host in the path', 'https://evil.com/www.unoda.org'],
    ['the allowed host in the query', 'https://evil.com/?u=www.unoda.org'],
    ['the allowed host in the fragment', 'https://evil.com/#www.unoda.org'],
    ['the allowed host as user name', 'https://www.unoda.org@evil.com/'],
    ['credentials on an allowed host', 'https://user:pass@www.unoda.org/'],
    ['a user name on an allowed host', 'https://user@www.unoda.org/'],
    ['a non-default port', 'https://www.unoda.org:8443/'],
    ['a trailing-dot host', 'https://www.unoda.org./'],
    ['a parent domain of an allowed host', 'https://unoda.org/'],
    ['a sibling subdomain', 'https://evil.unoda.org/'],
    ['a homograph host (Cyrillic o)', 'https://www.un\u043eda.org/'],
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['mailto:', 'mailto:info@unoda.org'],
    ['data:', 'data:text/html,<p>x</p>'],
    ['our own scheme', 'app://app/index.html'],
    ['a relative URL', '/en/small-arms'],
    ['a protocol-relative URL', '//www.unoda.org/'],
    ['garbage', 'not a url'],
    ['an empty string', ''],
  ])('refuses %s (%s)', (_label, url) => {
    expect(toExternalUrl(url)).toBeNull();
  });

  it('uses a custom allowlist instead of the default one', () => {
    const allowlist = ['docs.example.org'];
    expect(toExternalUrl('https://docs.example.org/guide', allowlist)).toBe(
      'https://docs.example.org/guide',
    );
    expect(toExternalUrl('https://www.unoda.org/', allowlist)).toBeNull();
    expect(toExternalUrl('http://docs.example.org/guide', allowlist)).toBeNull();
    expect(toExternalUrl('https://www.unoda.org/', [])).toBeNull();
  });
});
