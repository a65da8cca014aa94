import { describe, expect, it } from 'vitest';
import {
  formatRecoveryCode,
  generateRecoveryCode,
  normaliseRecoveryCode,
} from '../../../../electron/keys/recovery-code.ts';

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const printed = /^[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}$/;

describe('generateRecoveryCode', () => {
  it('prints 8 groups of 4 characters from the RFC 4648 base32 alphabet', () => {
    for (let i = 0; i < 50; i += 1) expect(generateRecoveryCode()).toMatch(printed);
  });

  it('carries 160 bits: exactly 32 code characters, the last one as random as the first', () => {
    const codes = Array.from({ length: 400 }, () => generateRecoveryCode().replace(/-/g, ''));
    for (const code of codes) expect(code).toHaveLength(32);
    // 160 bits = 32 × 5 exactly, so no padding bits: every position, the last included, can take
    // any of the 32 values. A code built from fewer bits (or padded) would pin the last character
    // to a few values.
    for (const position of [0, 15, 31]) {
      const values = new Set(codes.map((code) => code[position]));
      expect(values.size, `distinct characters at position ${position}`).toBeGreaterThan(24);
    }
  });

  it('never repeats across calls', () => {
    const codes = new Set(Array.from({ length: 200 }, () => generateRecoveryCode()));
    expect(codes.size).toBe(200);
  });

  it('never prints the characters a reader could confuse (0, 1, 8, 9)', () => {
    const all = Array.from({ length: 200 }, () => generateRecoveryCode()).join('');
    expect(all).not.toMatch(/[0189]/);
  });
});

describe('normaliseRecoveryCode', () => {
  const code = generateRecoveryCode();
  const bare = code.replace(/-/g, '');

  it('returns the 32 code characters of a printed code', () => {
    expect(normaliseRecoveryCode(code)).toBe(bare);
    expect(formatRecoveryCode(bare)).toBe(code);
  });

  it('accepts lower case, spaces, missing or extra dashes and surrounding blanks', () => {
    expect(normaliseRecoveryCode(code.toLowerCase())).toBe(bare);
    expect(normaliseRecoveryCode(code.replace(/-/g, ' '))).toBe(bare);
    expect(normaliseRecoveryCode(bare)).toBe(bare);
    expect(normaliseRecoveryCode(`  ${code.replace(/-/g, ' - ')}\n`)).toBe(bare);
    expect(normaliseRecoveryCode(bare.match(/.{1,8}/g)!.join('\t'))).toBe(bare);
  });

  it('reads the digits 0, 1 and 8 typed off paper as the letters O, I and B', () => {
    const typed = 'OIBA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA'.replace('OIB', '018');
    expect(normaliseRecoveryCode(typed)).toBe('OIBAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(normaliseRecoveryCode('o1b8'.repeat(8))).toBe('OIBB'.repeat(8));
  });

  it('rejects a code that is too short or too long', () => {
    expect(normaliseRecoveryCode(bare.slice(1))).toBeNull();
    expect(normaliseRecoveryCode(`${bare}A`)).toBeNull();
    expect(normaliseRecoveryCode('')).toBeNull();
    expect(normaliseRecoveryCode('----')).toBeNull();
  });

  it('rejects characters outside the alphabet', () => {
    for (const bad of ['9', '!', 'É', '_', '.', 'Ø']) {
      expect(normaliseRecoveryCode(bad + bare.slice(1)), bad).toBeNull();
    }
  });

  it('accepts every character of the alphabet', () => {
    expect(normaliseRecoveryCode(base32)).toBe(base32);
  });
});
