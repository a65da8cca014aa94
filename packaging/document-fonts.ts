import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';

import { arabicFont } from '../shared/documents/document-fonts.ts';

/**
 * The font files main reads when it prints an Arabic document (electron/documents/render-pdf.ts
 * resolves them from node_modules, as the app's own imports do), copied into the staged app
 * with the package's licence notices: the OFL asks that they travel with the font, as native
 * modules travel with their LICENSE (native-modules.ts). Forge's Vite plugin drops node_modules
 * from the package, so without this an Arabic document would fail on a field laptop.
 * Returns the copied files (relative to buildPath) for logging and tests.
 */
export async function copyDocumentFonts(options: {
  /** Project root holding `node_modules/`. */
  readonly projectDir: string;
  /** Forge's staged app folder (the one that becomes app.asar). */
  readonly buildPath: string;
}): Promise<string[]> {
  const name = arabicFont.packageName;
  const source = path.join(options.projectDir, 'node_modules', name);
  const files = ['package.json', ...arabicFont.notices, ...Object.values(arabicFont.files)];
  // Check before copying anything so a failed build never leaves a half-copied package behind.
  for (const file of files) {
    if (!existsSync(path.join(source, file))) {
      throw new Error(
        `${name} is missing ${file} (expected ${path.join(source, file)}). Run "npm ci" before packaging.`,
      );
    }
  }
  for (const file of files) {
    await cp(path.join(source, file), path.join(options.buildPath, 'node_modules', name, file), {
      dereference: true,
    });
  }
  return files.map((file) => path.posix.join('node_modules', name, file));
}
