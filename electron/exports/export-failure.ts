import type { ExportFailure } from '../../shared/ipc/procedures/exports.ts';

/** The file system's error codes, by what the person can do about them. */
const failureOfCode: Readonly<Record<string, ExportFailure>> = {
  EACCES: 'not_permitted',
  EPERM: 'not_permitted',
  EROFS: 'read_only',
  ENOENT: 'folder_missing',
  ENOTDIR: 'folder_missing',
  EBUSY: 'in_use',
  ETXTBSY: 'in_use',
  EISDIR: 'name_is_folder',
  ENOSPC: 'disk_full',
  EDQUOT: 'disk_full',
};

/** Why writing an export failed, from the error the file system (or anything else) threw. */
export function exportFailureOf(error: unknown): ExportFailure {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return (typeof code === 'string' ? failureOfCode[code] : undefined) ?? 'other';
}
