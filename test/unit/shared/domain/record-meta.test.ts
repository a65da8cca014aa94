import { describe, expect, it } from 'vitest';
import { RecordMetaSchema } from '../../../../shared/domain/record-meta.ts';
import { id, issuesOf } from './fixtures.ts';

describe('RecordMetaSchema', () => {
  const meta = {
    createdAt: '2025-03-14T06:45:00+01:00',
    updatedAt: '2025-03-14T07:10:00Z',
    createdBy: id(90),
    updatedBy: id(91),
  };

  it('accepts timestamps with an offset and user ids', () => {
    expect(RecordMetaSchema.parse(meta)).toStrictEqual(meta);
  });

  it('rejects a local time without an offset and a user name for an id', () => {
    expect(
      issuesOf(RecordMetaSchema, {
        ...meta,
        updatedAt: '2025-03-14T07:10:00',
        createdBy: 'jelena',
      }),
    ).toStrictEqual([
      ['updatedAt', 'invalidTimestamp'],
      ['createdBy', 'invalidId'],
    ]);
  });
});
