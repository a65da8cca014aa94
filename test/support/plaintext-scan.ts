import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface PlaintextHit {
  readonly file: string;
  readonly needle: string;
}

/**
 * Every regular file under `roots` (recursively) modified at or after `sinceMs` whose bytes contain
 * one of the needles (searched as UTF-8 and UTF-16LE). Unreadable entries (another process's
 * private folder, a file removed meanwhile) are skipped; symbolic links are not followed. Files
 * larger than `maxBytes` are skipped and listed in `skipped`, so a caller can tell.
 */
export async function findPlaintext(
  roots: readonly string[],
  needles: readonly string[],
  options: { sinceMs: number; maxBytes?: number },
): Promise<{ hits: PlaintextHit[]; scanned: number; skipped: string[] }> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const patterns = needles.flatMap((needle) => [
    { needle, bytes: Buffer.from(needle, 'utf8') },
    { needle, bytes: Buffer.from(needle, 'utf16le') },
  ]);
  const hits: PlaintextHit[] = [];
  const skipped: string[] = [];
  let scanned = 0;
  const seen = new Set<string>();

  const visit = async (entry: string, depth: number): Promise<void> => {
    if (seen.has(entry) || depth > 12) return;
    seen.add(entry);
    let info;
    try {
      info = await lstat(entry);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      let names: string[];
      try {
        names = await readdir(entry);
      } catch {
        return;
      }
      for (const name of names) await visit(path.join(entry, name), depth + 1);
      return;
    }
    if (!info.isFile() || info.mtimeMs < options.sinceMs) return;
    if (info.size > maxBytes) {
      skipped.push(entry);
      return;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(entry);
    } catch {
      return;
    }
    scanned += 1;
    for (const pattern of patterns) {
      if (bytes.includes(pattern.bytes)) hits.push({ file: entry, needle: pattern.needle });
    }
  };

  for (const root of roots) await visit(root, 0);
  return { hits, scanned, skipped };
}
