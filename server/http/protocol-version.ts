import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol.ts';
import { SyncHttpError } from './sync-http-error.ts';

/** A laptop speaking another protocol version is told so, not given a schema error. */
export function checkProtocolVersion(body: unknown): void {
  if (typeof body !== 'object' || body === null || !('protocolVersion' in body)) return;
  const version = (body as { protocolVersion: unknown }).protocolVersion;
  if (typeof version === 'number' && version !== SYNC_PROTOCOL_VERSION) {
    throw new SyncHttpError(
      400,
      'UNSUPPORTED_PROTOCOL',
      `This server speaks sync protocol ${SYNC_PROTOCOL_VERSION}; update the app.`,
    );
  }
}
