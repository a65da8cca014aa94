import { describe, expect, it } from 'vitest';
import {
  duplicateIdIssues,
  IsoDateSchema,
  listOf,
  requiredTextSchema,
  RevisionSchema,
  textSchema,
  TimeOfDaySchema,
  YearSchema,
} from '../../../../shared/domain/primitives.ts';
import { issuesOf } from './fixtures.ts';

describe('text', () => {
  it('trims and bounds free text, allowing it to be empty in drafts', () => {
    expect(textSchema(5).parse('  abc ')).toBe('abc');
    expect(textSchema(5).parse('')).toBe('');
    expect(issuesOf(textSchema(5), 'abcdef')).toStrictEqual([['', 'tooLong']]);
    expect(issuesOf(textSchema(5), 5)).toStrictEqual([['', 'invalidText']]);
  });

  it('requires non-blank text in finals', () => {
    expect(issuesOf(requiredTextSchema(5), '   ')).toStrictEqual([['', 'required']]);
    expect(issuesOf(requiredTextSchema(5), undefined)).toStrictEqual([['', 'required']]);
  });
});

describe('dates and times', () => {
  it.each(['2025-03-14', '2024-02-29'])('accepts the date %s', (date) => {
    expect(IsoDateSchema.parse(date)).toBe(date);
  });

  it.each(['2025-02-29', '14.03.2025', '2025-3-14', '2025-03-14T06:40:00Z'])(
    'rejects the date %s',
    (date) => {
      expect(issuesOf(IsoDateSchema, date)).toStrictEqual([['', 'invalidDate']]);
    },
  );

  it.each(['00:00', '06:40', '23:59'])('accepts the time %s', (time) => {
    expect(TimeOfDaySchema.parse(time)).toBe(time);
  });

  it.each(['24:00', '6:40', '06:60', '06:40:00'])('rejects the time %s', (time) => {
    expect(issuesOf(TimeOfDaySchema, time)).toStrictEqual([['', 'invalidTime']]);
  });
});

describe('numbers', () => {
  it('bounds years and revisions', () => {
    expect(YearSchema.parse(1899)).toBe(1899);
    expect(issuesOf(YearSchema, 1299)).toStrictEqual([['', 'yearOutOfRange']]);
    expect(RevisionSchema.parse(0)).toBe(0);
    expect(issuesOf(RevisionSchema, 1.5)).toStrictEqual([['', 'invalidNumber']]);
  });
});

describe('listOf', () => {
  it('treats a missing list as empty and still applies its minimum', () => {
    expect(listOf(textSchema(5)).parse(undefined)).toStrictEqual([]);
    const atLeastOne = listOf(textSchema(5), { count: 1, message: 'witnessRequired' });
    expect(issuesOf(atLeastOne, undefined)).toStrictEqual([['', 'witnessRequired']]);
  });
});

describe('duplicateIdIssues', () => {
  it('reports the second use of an id across lists, and ignores malformed input', () => {
    const value = { a: [{ id: 1 }, { id: 2 }], b: [{ id: 2 }, 'x', null, {}] };
    expect(duplicateIdIssues(value, ['a', 'b'])).toStrictEqual([
      { path: ['b', 0, 'id'], message: 'duplicateId' },
    ]);
    expect(duplicateIdIssues(null, ['a'])).toStrictEqual([]);
    expect(duplicateIdIssues({ a: 'not a list' }, ['a'])).toStrictEqual([]);
  });
});
