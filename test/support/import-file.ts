import { importPartBytes } from '../../shared/ipc/procedures/import.ts';
import type { DispatchedApp } from './dispatched-app.ts';

/** Sends a file to main as the import page does (beginImport, then its parts); gives its token. */
export async function sendImportFile(
  app: DispatchedApp,
  fileName: string,
  format: 'csv' | 'xlsx',
  bytes: Uint8Array,
  partBytes = importPartBytes,
): Promise<string> {
  const { token } = await app.ok('beginImport', { fileName, format, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += partBytes) {
    const part = Buffer.from(bytes.subarray(offset, offset + partBytes));
    await app.ok('uploadImportPart', { token, offset, dataBase64: part.toString('base64') });
  }
  return token;
}
