import type { DocumentDelivery } from '../../shared/ipc/procedures/documents.ts';

/** A finished document, ready to leave main. */
export interface FinishedDocument {
  /** A file name to offer, e.g. "surrender-receipt-K7QX9-00042.pdf". */
  readonly fileName: string;
  readonly bytes: Buffer;
  /** PDF unless said otherwise. */
  readonly mime?: DocumentMime;
}

export type DocumentMime = Extract<DocumentDelivery, { kind: 'download' }>['mime'];

/**
 * Where a finished document goes: the host's port. The desktop app (electron/platform/
 * document-output.ts) asks where to save it; the browser preview hands the bytes to the page.
 */
export interface DocumentOutput {
  deliver(document: FinishedDocument): Promise<DocumentDelivery>;
}

/**
 * The browser preview's (and the tests') port: the bytes go back to the page, which downloads
 * them the way a browser does. Nothing is written on the host.
 */
export const downloadDocumentOutput: DocumentOutput = {
  deliver: ({ fileName, bytes, mime }) =>
    Promise.resolve({
      kind: 'download',
      fileName,
      mime: mime ?? 'application/pdf',
      dataBase64: bytes.toString('base64'),
    }),
};
