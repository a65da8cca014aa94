import { describe, expect, it } from 'vitest';
import {
  maxPassphraseLength,
  normalisePassphrase,
  PassphraseSchema,
  passphraseProblems,
  passphraseProblemValues,
  UserSchema,
} from '../../../../shared/domain/people.ts';
import { id, issuesOf } from './fixtures.ts';

const good = 'Mountain-Pass7';

describe('passphraseProblems', () => {
  it('finds nothing wrong with a good passphrase', () => {
    expect(passphraseProblems(good)).toStrictEqual([]);
    expect(PassphraseSchema.parse(good)).toBe(good);
  });

  it.each([
    ['passphraseTooShort', 'Mount-Pass7'],
    ['passphraseHasSpaces', 'Mountain Pass-7'],
    ['passphraseNeedsUpper', 'mountain-pass7'],
    ['passphraseNeedsLower', 'MOUNTAIN-PASS7'],
    ['passphraseNeedsDigit', 'Mountain-Pass!'],
    ['passphraseNeedsSymbol', 'MountainPass77'],
  ] as const)('reports %s alone when only that rule fails', (problem, text) => {
    expect(passphraseProblems(text)).toStrictEqual([problem]);
    expect(issuesOf(PassphraseSchema, text)).toStrictEqual([['', problem]]);
  });

  it('treats any whitespace as a space: tab, newline, no-break space', () => {
    for (const space of ['\t', '\n', '\u00a0', '\u3000']) {
      expect(passphraseProblems(`Mountain${space}Pass-7`)).toContain('passphraseHasSpaces');
    }
  });

  it('accepts exactly 12 characters', () => {
    expect(passphraseProblems('Abcdefgh-12x')).toStrictEqual([]);
    expect(passphraseProblems('Abcdefg-12x')).toStrictEqual(['passphraseTooShort']);
  });

  it('reports every missing requirement at once, in a stable order', () => {
    expect(passphraseProblems('')).toStrictEqual([
      'passphraseTooShort',
      'passphraseNeedsUpper',
      'passphraseNeedsLower',
      'passphraseNeedsDigit',
      'passphraseNeedsSymbol',
    ]);
    expect(issuesOf(PassphraseSchema, 'a b')).toStrictEqual([
      ['', 'passphraseTooShort'],
      ['', 'passphraseHasSpaces'],
      ['', 'passphraseNeedsUpper'],
      ['', 'passphraseNeedsDigit'],
      ['', 'passphraseNeedsSymbol'],
    ]);
    expect(passphraseProblemValues).toHaveLength(6);
  });

  it('counts Unicode letters: Serbian Cyrillic, accented Latin', () => {
    expect(passphraseProblems('Жабљак-планина7')).toStrictEqual([]);
    expect(passphraseProblems('ČAČAK-ŽUPA-7')).toStrictEqual(['passphraseNeedsLower']);
    expect(passphraseProblems('čačak-župa-77')).toStrictEqual(['passphraseNeedsUpper']);
  });

  it('does not count a combining accent as a symbol', () => {
    // NFKC composes e + U+0301 into é; x + U+0301 has no precomposed form and stays a mark.
    expect(passphraseProblems('Mountaine\u0301Pass7')).toStrictEqual(['passphraseNeedsSymbol']);
    expect(passphraseProblems('Mountainx\u0301Pass7')).toStrictEqual(['passphraseNeedsSymbol']);
  });

  it('counts code points, not UTF-16 units', () => {
    // Eleven characters, one of them outside the BMP (two UTF-16 units).
    expect(passphraseProblems('Abcdef-12x𝔸')).toContain('passphraseTooShort');
  });

  it('normalises with NFKC (NIST SP 800-63B), so both keyboards unlock the same slot', () => {
    expect(normalisePassphrase('Cafe\u0301')).toBe(normalisePassphrase('Café'));
    expect(normalisePassphrase('ＡＢ')).toBe('AB');
  });

  it('caps the length', () => {
    const long = `${good}${'x'.repeat(maxPassphraseLength)}`;
    expect(issuesOf(PassphraseSchema, long)).toStrictEqual([['', 'passphraseTooLong']]);
  });

  it('keys a missing passphrase as required', () => {
    expect(issuesOf(PassphraseSchema, undefined)).toStrictEqual([['', 'required']]);
  });
});

describe('UserSchema', () => {
  const user = {
    id: id(1),
    name: 'Jelena Petrović',
    role: 'field_officer',
    createdAt: '2025-03-14T06:40:00+01:00',
  };

  it('accepts a user and trims the name', () => {
    expect(UserSchema.parse({ ...user, name: '  Jelena Petrović ' })).toStrictEqual(user);
  });

  it.each([
    ['a blank name', { ...user, name: '   ' }, [['name', 'required']]],
    ['a name over 80 characters', { ...user, name: 'x'.repeat(81) }, [['name', 'tooLong']]],
    ['an unknown role', { ...user, role: 'admin' }, [['role', 'invalidOption']]],
    [
      'a timestamp without offset',
      { ...user, createdAt: '2025-03-14T06:40:00' },
      [['createdAt', 'invalidTimestamp']],
    ],
    ['a non-UUID id', { ...user, id: '42' }, [['id', 'invalidId']]],
  ])('rejects %s', (_label, input, expected) => {
    expect(issuesOf(UserSchema, input)).toStrictEqual(expected);
  });

  it('accepts an 80-character name and a Z timestamp', () => {
    expect(
      UserSchema.safeParse({ ...user, name: 'x'.repeat(80), createdAt: '2025-03-14T05:40:00Z' })
        .success,
    ).toBe(true);
  });
});
