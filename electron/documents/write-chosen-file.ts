import { rename, rm, writeFile } from 'node:fs/promises';
import { AppError } from '../ipc/app-error.ts';

/**
 * Writes a document (a PDF, a report's XLSX) where the person chose in the save dialog: as
 * "<path>.part", given its name only once whole. A failure (the disk full, a folder that may not
 * be written, a drive gone, the file open in another program) leaves no file that looks complete
 * and any file already there as it was, and says so: STORAGE_FULL or DESTINATION_NOT_WRITABLE.
 */
export async function writeChosenFile(path: string, bytes: Uint8Array): Promise<void> {
  const part = `${path}.part`;
  try {
    await writeFile(part, bytes);
    await rename(part, path);
  } catch (error) {
    // Only a file of ours is removed (a folder of that name is not).
    await rm(part, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new AppError('STORAGE_FULL', 'The disk is full. Nothing was saved.');
    }
    throw new AppError(
      'DESTINATION_NOT_WRITABLE',
      'The file could not be written where it was asked. Nothing was saved.',
    );
  }
}
