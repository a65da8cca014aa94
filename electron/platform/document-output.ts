import { writeFile } from 'node:fs/promises';
import { dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { DocumentOutput } from '../documents/document-output.ts';

/**
 * The desktop app's document port: a save dialog (a PDF, or a report's XLSX), then the file is written where the
 * person chose. Printing happens from the PDF viewer the file opens in, with the system's dialog.
 * Thin on purpose: the document itself is made and tested in plain Node.
 */
export function electronDocumentOutput(window: () => BrowserWindow | null): DocumentOutput {
  return {
    async deliver({ fileName, bytes, mime }) {
      const options: SaveDialogOptions = {
        defaultPath: fileName,
        filters:
          mime === undefined || mime === 'application/pdf'
            ? [{ name: 'PDF', extensions: ['pdf'] }]
            : [{ name: 'Excel', extensions: ['xlsx'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const parent = window();
      const choice =
        parent === null
          ? await dialog.showSaveDialog(options)
          : await dialog.showSaveDialog(parent, options);
      if (choice.canceled || choice.filePath === undefined || choice.filePath === '') {
        return { kind: 'cancelled' };
      }
      await writeFile(choice.filePath, bytes);
      return { kind: 'saved', fileName, path: choice.filePath };
    },
  };
}
