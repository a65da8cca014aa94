/**
 * Reads a picked file as base64 (how main takes files over IPC), reporting progress as the
 * browser reads it, so a large register shows a moving bar instead of a frozen page, and can be
 * stopped: `abort()` stops the read and rejects with a ReadAborted.
 */
export class ReadAborted extends Error {
  constructor() {
    super('The file read was cancelled.');
    this.name = 'ReadAborted';
  }
}

export interface FileRead {
  readonly done: Promise<string>;
  readonly abort: () => void;
}

export function readAsBase64(
  file: Blob,
  onProgress: (loaded: number, total: number) => void,
): FileRead {
  const reader = new FileReader();
  const done = new Promise<string>((resolve, reject) => {
    reader.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      // A data URL: everything after the first comma is the base64 of the bytes.
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onabort = () => reject(new ReadAborted());
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
  });
  reader.readAsDataURL(file);
  return { done, abort: () => reader.abort() };
}

/** The format main is told, from the file's name; null for anything else. */
export function importFormatOf(fileName: string): 'csv' | 'xlsx' | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}
