import { TUS_VERSION } from '../../shared/sync/protocol.ts';
import { SyncHttpError } from '../http/sync-http-error.ts';

/** tus 1.0 header parsing (core, creation, checksum); every refusal is a SyncHttpError. */

export function requireTusResumable(header: string | string[] | undefined): void {
  if (header !== TUS_VERSION) {
    throw new SyncHttpError(
      412,
      'UNSUPPORTED_PROTOCOL',
      `Tus-Resumable ${TUS_VERSION} is required.`,
    );
  }
}

export function nonNegativeIntegerHeader(
  value: string | string[] | undefined,
  name: string,
): number {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) {
    throw new SyncHttpError(400, 'VALIDATION_ERROR', `${name} must be a non-negative integer.`, {
      issues: [{ path: name, message: 'invalidNumber' }],
    });
  }
  return Number(value);
}

/** `key base64,key base64`: values decoded as UTF-8 text; a key without a value is ''. */
export function parseUploadMetadata(header: string | string[] | undefined): Map<string, string> {
  const metadata = new Map<string, string>();
  if (typeof header !== 'string' || header.trim() === '') return metadata;
  for (const pair of header.split(',')) {
    const [key, value = '', ...rest] = pair.trim().split(' ');
    if (!key || rest.length > 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
      throw new SyncHttpError(400, 'VALIDATION_ERROR', 'Upload-Metadata is malformed.', {
        issues: [{ path: 'Upload-Metadata', message: 'malformed' }],
      });
    }
    metadata.set(key, Buffer.from(value, 'base64').toString('utf8'));
  }
  return metadata;
}

/** `sha256 <base64 digest>` → the digest as hex; undefined when the header is absent. */
export function parseUploadChecksum(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match =
    typeof header === 'string' ? /^(\S+) ([A-Za-z0-9+/]+={0,2})$/.exec(header.trim()) : null;
  if (match?.[1] !== 'sha256') {
    throw new SyncHttpError(400, 'VALIDATION_ERROR', 'Upload-Checksum must be "sha256 <base64>".', {
      issues: [{ path: 'Upload-Checksum', message: 'unsupportedChecksum' }],
    });
  }
  const digest = Buffer.from(match[2] ?? '', 'base64');
  if (digest.length !== 32) {
    throw new SyncHttpError(400, 'VALIDATION_ERROR', 'Upload-Checksum is not a SHA-256 digest.', {
      issues: [{ path: 'Upload-Checksum', message: 'unsupportedChecksum' }],
    });
  }
  return digest.toString('hex');
}
