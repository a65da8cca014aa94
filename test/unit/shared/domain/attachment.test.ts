import { describe, expect, it } from 'vitest';
import {
  AttachmentListSchema,
  AttachmentRefSchema,
  maxAttachmentBytes,
} from '../../../../shared/domain/attachment.ts';
import { issuesOf, photo } from './fixtures.ts';

describe('AttachmentRefSchema', () => {
  it.each(['image/jpeg', 'image/png', 'image/webp'])('accepts %s', (mime) => {
    const ref = { ...photo(1), mime, caption: 'Serial on the receiver' };
    expect(AttachmentRefSchema.parse(ref)).toStrictEqual(ref);
  });

  it('accepts exactly 25 MiB and one byte', () => {
    expect(maxAttachmentBytes).toBe(25 * 1024 * 1024);
    expect(AttachmentRefSchema.safeParse({ ...photo(1), size: maxAttachmentBytes }).success).toBe(
      true,
    );
    expect(AttachmentRefSchema.safeParse({ ...photo(1), size: 1 }).success).toBe(true);
  });

  it.each([
    ['an empty file', { size: 0 }, [['size', 'attachmentEmpty']]],
    ['over 25 MiB', { size: maxAttachmentBytes + 1 }, [['size', 'attachmentTooLarge']]],
    ['a fractional size', { size: 1.5 }, [['size', 'invalidNumber']]],
    ['a GIF', { mime: 'image/gif' }, [['mime', 'unsupportedImageType']]],
    ['a PDF', { mime: 'application/pdf' }, [['mime', 'unsupportedImageType']]],
    ['an unknown kind', { kind: 'selfie' }, [['kind', 'invalidOption']]],
    ['a caption over 200 characters', { caption: 'x'.repeat(201) }, [['caption', 'tooLong']]],
  ])('rejects %s', (_label, patch, expected) => {
    expect(issuesOf(AttachmentRefSchema, { ...photo(1), ...patch })).toStrictEqual(expected);
  });

  it('keys every missing field', () => {
    expect(issuesOf(AttachmentRefSchema, {})).toStrictEqual([
      ['sha256', 'required'],
      ['mime', 'required'],
      ['size', 'required'],
      ['kind', 'required'],
    ]);
  });
});

describe('AttachmentListSchema', () => {
  it('treats a missing list as empty', () => {
    expect(AttachmentListSchema.parse(undefined)).toStrictEqual([]);
  });

  it('keys a list that is not a list', () => {
    expect(issuesOf(AttachmentListSchema, 'photo.jpg')).toStrictEqual([['', 'invalidList']]);
  });
});
