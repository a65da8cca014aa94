import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Where an export is written: the host's port. The desktop app asks with a save dialog
 * (electron/platform/export-destination.ts); the browser preview and the tests write into a
 * folder given to them. Null: the person closed the dialog.
 */
export interface ExportDestination {
  choose(suggestedName: string): Promise<string | null>;
}

/**
 * Into `dir`, under the suggested name; "name (2).xlsx" and so on when taken, since nobody was
 * asked whether to replace the file that is there.
 */
export function folderExportDestination(dir: string): ExportDestination {
  return {
    choose: (suggestedName) => {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const dot = suggestedName.lastIndexOf('.');
      const [stem, extension] =
        dot < 0 ? [suggestedName, ''] : [suggestedName.slice(0, dot), suggestedName.slice(dot)];
      let name = suggestedName;
      for (let n = 2; existsSync(path.join(dir, name)); n += 1) name = `${stem} (${n})${extension}`;
      return Promise.resolve(path.join(dir, name));
    },
  };
}
