import { createHash, randomBytes, randomInt } from 'node:crypto';

/** RFC 4648 base32 letters: no 0/1/8/9, so a code read aloud is not confused with O/I/B/g. */
const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const credentialPrefix = 'salwdev_';

export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

/** 12 random base32 letters (60 bits); enrollment is rate limited, single use and expires. */
export function newEnrollmentCode(): string {
  let code = '';
  for (let index = 0; index < 12; index += 1) code += base32[randomInt(32)];
  return code;
}

/** XXXX-XXXX-XXXX, for reading aloud or typing from paper. */
export function formatEnrollmentCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** 32 random bytes; the prefix makes a leaked credential easy to recognise in a scan. */
export function newDeviceCredential(): string {
  return credentialPrefix + randomBytes(32).toString('base64url');
}
