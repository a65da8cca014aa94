import { describe, expect, it } from 'vitest';
import { RecordIdSchema, Sha256Schema } from '../../../../shared/domain/ids.ts';
import { id, issuesOf, sha } from './fixtures.ts';

describe('RecordIdSchema', () => {
  it.each([
    ['a v7 id', '0190a5c8-5f5e-7c3b-9f1a-1234567890ab'],
    ['a v4 id', '3b241101-e2bb-4255-8caf-4136c566a962'],
    ['a fixture id', id(1)],
  ])('accepts %s', (_label, value) => {
    expect(RecordIdSchema.parse(value)).toBe(value);
  });

  it.each([
    ['a number-like string', '42', 'invalidId'],
    ['a truncated uuid', '0190a5c8-5f5e-7c3b-9f1a', 'invalidId'],
    ['a number', 42, 'invalidId'],
    ['nothing', undefined, 'required'],
  ])('rejects %s', (_label, value, message) => {
    expect(issuesOf(RecordIdSchema, value)).toStrictEqual([['', message]]);
  });
});

describe('Sha256Schema', () => {
  it('accepts 64 lowercase hex digits', () => {
    expect(Sha256Schema.parse(sha(255))).toBe(sha(255));
  });

  it.each([
    ['upper case', sha(255).toUpperCase()],
    ['63 digits', sha(1).slice(1)],
    ['65 digits', `${sha(1)}0`],
    ['non-hex', 'g'.repeat(64)],
  ])('rejects %s', (_label, value) => {
    expect(issuesOf(Sha256Schema, value)).toStrictEqual([['', 'invalidSha256']]);
  });
});
