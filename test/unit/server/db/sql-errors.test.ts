import { describe, expect, it } from 'vitest';
import { isTransientDatabaseError } from '../../../../server/db/sql-errors.ts';

const failure = (code: string) => Object.assign(new Error('database failure'), { code });

describe('isTransientDatabaseError', () => {
  it('calls deadlocks, lost connections, shutdowns and lock timeouts transient', () => {
    for (const code of ['40P01', '40001', '08006', '57P01', '53300', '55P03', 'ECONNRESET']) {
      expect(isTransientDatabaseError(failure(code)), code).toBe(true);
    }
  });

  it('leaves values the database refuses, and anything without a code, to the change', () => {
    // 22P05: a NUL character in jsonb; 23505: a duplicate key; 54000: a value too large.
    for (const code of ['22P05', '23505', '54000', '42P01']) {
      expect(isTransientDatabaseError(failure(code)), code).toBe(false);
    }
    expect(isTransientDatabaseError(new Error('a bug'))).toBe(false);
    expect(isTransientDatabaseError(null)).toBe(false);
  });
});
