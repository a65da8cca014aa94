import { z } from 'zod';
import { key, keyed } from './message-keys.ts';

/**
 * A record's human-readable number, printed on receipts and read out over a radio: the laptop's
 * prefix, a hyphen and the laptop's own sequence, zero-padded ("K7QX9-00042"). The prefix is
 * drawn once per device database (Crockford's base-32 letters: no I, L, O or U to misread), so
 * two laptops number independently, offline, without asking anyone. The store assigns the number
 * when a record is first saved; it travels with the record and never changes afterwards.
 */
export const recordNumberAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 32^5 = 33.5 million prefixes: two of 300 laptops share one with odds of about 1 in 750. */
export const recordNumberPrefixLength = 5;
/** Digits of the sequence shown at least; it grows past 99999 without changing older numbers. */
export const recordNumberDigits = 5;

export const RecordNumberSchema = z
  .string(keyed('invalidText'))
  .regex(/^[0-9A-HJKMNP-TV-Z]{4,8}-[0-9]{5,9}$/, key('invalidText'));
export type RecordNumber = z.infer<typeof RecordNumberSchema>;

export function formatRecordNumber(prefix: string, sequence: number): RecordNumber {
  return `${prefix}-${String(sequence).padStart(recordNumberDigits, '0')}`;
}

/** A new random prefix from `bytes` (at least one random byte per letter). */
export function recordNumberPrefixFrom(bytes: Uint8Array): string {
  let prefix = '';
  for (let index = 0; index < recordNumberPrefixLength; index++) {
    prefix += recordNumberAlphabet[(bytes[index] ?? 0) % recordNumberAlphabet.length];
  }
  return prefix;
}

/**
 * What a search for a record number compares: upper case, without spaces, with the letters
 * people mistype for digits read as the digits (O→0, I and L→1), as Crockford's base 32 does.
 */
export function normaliseRecordNumberSearch(text: string): string {
  return text.toUpperCase().replace(/\s+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
