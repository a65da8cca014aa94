import { describe, expect, it } from 'vitest';
import { MarkingDraftSchema, MarkingFinalSchema } from '../../../../shared/domain/marking.ts';
import { id, issuesOf, sha } from './fixtures.ts';

const importMark = {
  id: id(1),
  component: 'barrel',
  markingKind: 'import_mark',
  textAsRead: 'BA 2019',
  legibility: 'legible',
  photoSha256: sha(7),
};

describe('MarkingFinalSchema', () => {
  it('accepts a complete marking, keeping the text as read and deriving the search form', () => {
    expect(MarkingFinalSchema.parse(importMark)).toStrictEqual({
      ...importMark,
      textNormalised: 'BA2019',
    });
  });

  it('accepts an illegible marking without text', () => {
    const { textAsRead: _text, ...marking } = importMark;
    const parsed = MarkingFinalSchema.parse({ ...marking, legibility: 'illegible' });
    expect(parsed.textNormalised).toBeUndefined();
  });

  it.each(['legible', 'partially_legible'])('requires text when %s', (legibility) => {
    expect(
      issuesOf(MarkingFinalSchema, { ...importMark, legibility, textAsRead: '  ' }),
    ).toStrictEqual([['textAsRead', 'required']]);
  });

  it('reports every missing field at once', () => {
    expect(issuesOf(MarkingFinalSchema, { id: id(1) })).toStrictEqual([
      ['component', 'required'],
      ['markingKind', 'required'],
      ['legibility', 'required'],
      ['textAsRead', 'required'],
    ]);
  });
});

describe('MarkingDraftSchema', () => {
  it('accepts a marking with only its id', () => {
    expect(MarkingDraftSchema.parse({ id: id(1) })).toStrictEqual({
      id: id(1),
      textNormalised: undefined,
    });
  });

  it('still rejects a malformed value', () => {
    expect(issuesOf(MarkingDraftSchema, { id: id(1), markingKind: 'stamp' })).toStrictEqual([
      ['markingKind', 'invalidOption'],
    ]);
    expect(issuesOf(MarkingDraftSchema, { id: id(1), textAsRead: 'x'.repeat(201) })).toStrictEqual([
      ['textAsRead', 'tooLong'],
    ]);
  });
});
