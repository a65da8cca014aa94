import type { BrowserWindow, SaveDialogOptions } from 'electron';
import type { ExportDestination } from '../exports/export-destination.ts';
import { askWhereToSave } from './save-dialog.ts';

const filters: Record<string, SaveDialogOptions['filters']> = {
  xlsx: [{ name: 'Excel', extensions: ['xlsx'] }],
  zip: [{ name: 'ZIP', extensions: ['zip'] }],
  geojson: [{ name: 'GeoJSON', extensions: ['geojson'] }],
};

/** The desktop app's export port: the system's save dialog. */
export function electronExportDestination(window: () => BrowserWindow | null): ExportDestination {
  return {
    choose: (suggestedName) =>
      askWhereToSave(window, {
        defaultPath: suggestedName,
        filters: filters[suggestedName.split('.').at(-1) ?? ''] ?? [],
      }),
  };
}
