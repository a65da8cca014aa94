import { importPartBytes } from '../../../shared/ipc/procedures/import.ts';
import { api } from '../../api.ts';

/**
 * Sends a picked file to main in parts (beginImport, then uploadImportPart in order), a part read
 * from the disk at a time, so neither the page nor main holds a large register whole. Progress is
 * reported as parts arrive; `abort()` stops before the next part and rejects with a ReadAborted
 * (the caller discards the token). `onToken` hears the token as soon as main gives it.
 */
export class ReadAborted extends Error {
  constructor() {
    super('The file read was cancelled.');
    this.name = 'ReadAborted';
  }
}

export interface FileSend {
  readonly done: Promise<string>;
  readonly abort: () => void;
}

function partAsBase64(part: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      // A data URL: everything after the first comma is the base64 of the bytes.
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(part);
  });
}

export function sendImportFile(
  file: File,
  format: 'csv' | 'xlsx',
  onToken: (token: string) => void,
  onProgress: (sent: number, total: number) => void,
): FileSend {
  let aborted = false;
  const done = (async () => {
    const { token } = await api().beginImport({ fileName: file.name, format, size: file.size });
    onToken(token);
    for (let offset = 0; offset < file.size; offset += importPartBytes) {
      if (aborted) throw new ReadAborted();
      const dataBase64 = await partAsBase64(file.slice(offset, offset + importPartBytes));
      if (aborted) throw new ReadAborted();
      const { received } = await api().uploadImportPart({ token, offset, dataBase64 });
      onProgress(received, file.size);
    }
    return token;
  })();
  return {
    done,
    abort: () => {
      aborted = true;
    },
  };
}

/** The format main is told, from the file's name; null for anything else. */
export function importFormatOf(fileName: string): 'csv' | 'xlsx' | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}
