import type { Db } from './encrypted-database.ts';

export function insertAttachment(
  db: Db,
  row: { sha256: string; mime: string; size: number; at: string; by: string },
): boolean {
  const result = db
    .prepare(
      'INSERT OR IGNORE INTO attachments (sha256, mime, size, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
    )
    .run(row.sha256, row.mime, row.size, row.at, row.by);
  return result.changes > 0;
}

export function readAttachment(
  db: Db,
  sha256: string,
): { sha256: string; mime: string; size: number } | null {
  const row = db
    .prepare('SELECT sha256, mime, size FROM attachments WHERE sha256 = ?')
    .get(sha256) as { sha256: string; mime: string; size: number } | undefined;
  return row ?? null;
}

export function missingAttachments(db: Db, sha256s: readonly string[]): string[] {
  const statement = db.prepare('SELECT 1 FROM attachments WHERE sha256 = ?');
  return sha256s.filter((sha256) => statement.get(sha256) === undefined);
}
