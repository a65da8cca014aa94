import { dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { ExportDestination } from '../exports/export-destination.ts';

const filters: Record<string, SaveDialogOptions['filters']> = {
  xlsx: [{ name: 'Excel', extensions: ['xlsx'] }],
  zip: [{ name: 'ZIP', extensions: ['zip'] }],
  geojson: [{ name: 'GeoJSON', extensions: ['geojson'] }],
};

/** The desktop app's export port: the system's save dialog. Thin on purpose (see run-export.ts). */
export function electronExportDestination(window: () => BrowserWindow | null): ExportDestination {
  return {
    async choose(suggestedName) {
      const options: SaveDialogOptions = {
        defaultPath: suggestedName,
        filters: filters[suggestedName.split('.').at(-1) ?? ''] ?? [],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const parent = window();
      const choice =
        parent === null
          ? await dialog.showSaveDialog(options)
          : await dialog.showSaveDialog(parent, options);
      return choice.canceled || choice.filePath === undefined || choice.filePath === ''
        ? null
        : choice.filePath;
    },
  };
}
