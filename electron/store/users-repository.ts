import type { Db } from './encrypted-database.ts';

export interface UserRow {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly createdAt: string;
}

/** People who may use this laptop; the authoritative copy (the keyring only holds labels). */
export function insertUser(db: Db, user: UserRow, createdBy: string | null): void {
  db.prepare(
    'INSERT INTO users (id, name, role, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
  ).run(user.id, user.name, user.role, user.createdAt, createdBy);
}

export function findUser(db: Db, id: string): UserRow | null {
  const row = db
    .prepare('SELECT id, name, role, created_at AS createdAt FROM users WHERE id = ?')
    .get(id) as UserRow | undefined;
  return row ?? null;
}

export function listUsers(db: Db): UserRow[] {
  return db
    .prepare('SELECT id, name, role, created_at AS createdAt FROM users ORDER BY created_at')
    .all() as UserRow[];
}

/** The language the person last chose for their screens, or null (the laptop's). */
export function personLanguage(db: Db, userId: string): string | null {
  const row = db.prepare('SELECT language FROM users WHERE id = ?').get(userId) as
    { language: string | null } | undefined;
  return row?.language ?? null;
}

export function rememberPersonLanguage(db: Db, userId: string, language: string): void {
  db.prepare('UPDATE users SET language = ? WHERE id = ?').run(language, userId);
}
