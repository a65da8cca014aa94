import type { Migration } from './migration.ts';

/**
 * Each person's language on a shared laptop (issue 18): a border post's laptop is used by an
 * Albanian-speaking and a Macedonian-speaking officer in turn, and each signs in to their own
 * screens. Empty until the person chooses one; the laptop's setting is used until then.
 */
export const personLanguageSchema: Migration = {
  version: 200,
  description: "each person's interface language",
  up(db) {
    db.exec('ALTER TABLE users ADD COLUMN language TEXT;');
  },
};
