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

/** `remote`: known from a pulled record, the bytes are still only on the server. */
export function readAttachment(
  db: Db,
  sha256: string,
): { sha256: string; mime: string; size: number; remote: boolean } | null {
  const row = db
    .prepare(
      "SELECT sha256, mime, size, upload_state = 'remote' AS remote FROM attachments WHERE sha256 = ?",
    )
    .get(sha256) as { sha256: string; mime: string; size: number; remote: number } | undefined;
  return row === undefined ? null : { ...row, remote: row.remote === 1 };
}

export function missingAttachments(db: Db, sha256s: readonly string[]): string[] {
  const statement = db.prepare('SELECT 1 FROM attachments WHERE sha256 = ?');
  return sha256s.filter((sha256) => statement.get(sha256) === undefined);
}
