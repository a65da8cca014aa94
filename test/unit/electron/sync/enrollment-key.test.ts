import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { enrollmentKeyFor } from '../../../../electron/sync/enrollment-key.ts';
import { EnrollmentKeySchema } from '../../../../shared/sync/protocol.ts';

describe('enrollmentKeyFor', () => {
  it('is the same for one laptop and one code however the code is typed, and a valid key', () => {
    const dek = randomBytes(32);
    const key = enrollmentKeyFor(dek, 'ABCD-EFGH-IJKL');
    expect(EnrollmentKeySchema.parse(key)).toBe(key);
    expect(enrollmentKeyFor(dek, ' abcd efgh ijkl ')).toBe(key);
  });

  it('differs for another code, another laptop, and never shows the data key', () => {
    const dek = randomBytes(32);
    const key = enrollmentKeyFor(dek, 'ABCD-EFGH-IJKL');
    expect(enrollmentKeyFor(dek, 'ABCD-EFGH-IJKM')).not.toBe(key);
    expect(enrollmentKeyFor(randomBytes(32), 'ABCD-EFGH-IJKL')).not.toBe(key);
    expect(key).not.toContain(dek.toString('base64url').slice(0, 10));
  });
});
