import { createHmac, hkdfSync } from 'node:crypto';

/**
 * This laptop's enrollment key for a code: the same on every attempt with that code, so that a
 * retry after a lost answer gets the same device from the server (EnrollRequestSchema), and
 * different on any other laptop. Derived from the device's data key under its own label (the key
 * itself never leaves), so nothing needs storing between the attempts, across a crash either.
 */
export function enrollmentKeyFor(dek: Buffer, code: string): string {
  // As the server reads it (EnrollmentCodeSchema): typed in lower case or with spaces, the same.
  const normalised = code.trim().toUpperCase().replace(/[\s-]/g, '');
  const secret = Buffer.from(
    hkdfSync('sha256', dek, Buffer.alloc(0), 'salw-field enrollment key v1', 32),
  );
  try {
    return createHmac('sha256', secret).update(normalised).digest('base64url');
  } finally {
    secret.fill(0);
  }
}
