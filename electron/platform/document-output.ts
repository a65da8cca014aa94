import type { BrowserWindow } from 'electron';
import type { DocumentOutput } from '../documents/document-output.ts';
import { writeChosenFile } from '../documents/write-chosen-file.ts';
import { askWhereToSave } from './save-dialog.ts';

/**
 * The desktop app's document port: a save dialog (a PDF, or a report's XLSX), then the file is
 * written where the person chose. Printing happens from the PDF viewer the file opens in, with the
 * system's dialog. Thin on purpose: the document itself is made and tested in plain Node.
 */
export function electronDocumentOutput(window: () => BrowserWindow | null): DocumentOutput {
  return {
    async deliver({ fileName, bytes, mime }) {
      const path = await askWhereToSave(window, {
        defaultPath: fileName,
        filters:
          mime === undefined || mime === 'application/pdf'
            ? [{ name: 'PDF', extensions: ['pdf'] }]
            : [{ name: 'Excel', extensions: ['xlsx'] }],
      });
      if (path === null) return { kind: 'cancelled' };
      await writeChosenFile(path, bytes);
      return { kind: 'saved', fileName, path };
    },
  };
}
