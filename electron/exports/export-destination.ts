import { mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Where an export is written: the host's port. The desktop app asks with a save dialog
 * (electron/platform/export-destination.ts); the browser preview and the tests write into a
 * folder given to them. Null: the person closed the dialog.
 */
export interface ExportDestination {
  choose(suggestedName: string): Promise<string | null>;
}

/** Into `dir`, under the suggested name. */
export function folderExportDestination(dir: string): ExportDestination {
  return {
    choose: (suggestedName) => {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return Promise.resolve(path.join(dir, suggestedName));
    },
  };
}
