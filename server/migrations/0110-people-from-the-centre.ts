import type { Migration } from './migration.ts';

/**
 * People and roles from the centre (issue 17, item 2). A person is still made on a laptop; the
 * laptop reports everyone it holds (name, its role for them, when they were made), and an
 * administrator at the centre may set a person's role or deactivate them. Each decision takes the
 * next revision of people_space under its row lock, so decisions become visible in commit order
 * and a laptop's `after` cursor never skips one (as sync_space does for records). Every decision
 * is kept in person_changes, who, what and when, for the console's audit.
 */
export const peopleFromTheCentre: Migration = {
  version: 110,
  name: 'people-from-the-centre',
  statements: [
    // As the laptops report them; null for a person known only as the author of a change.
    `ALTER TABLE people ADD COLUMN laptop_role text`,
    `ALTER TABLE people ADD COLUMN created_at timestamptz`,
    `ALTER TABLE people ADD COLUMN reported_by uuid`,
    `ALTER TABLE people ADD COLUMN reported_at timestamptz`,
    // The centre's decisions: a role that overrides the laptop's, and a deactivation.
    `ALTER TABLE people ADD COLUMN centre_role text`,
    `ALTER TABLE people ADD COLUMN deactivated_at timestamptz`,
    `ALTER TABLE people ADD COLUMN decision_rev bigint NOT NULL DEFAULT 0`,
    `ALTER TABLE people ADD COLUMN decided_at timestamptz`,
    `CREATE INDEX people_by_decision ON people (decision_rev) WHERE decision_rev > 0`,
    `CREATE TABLE people_space (
       id int PRIMARY KEY CHECK (id = 1),
       rev bigint NOT NULL
     )`,
    `INSERT INTO people_space (id, rev) VALUES (1, 0)`,
    `CREATE TABLE person_changes (
       id bigserial PRIMARY KEY,
       person_id uuid NOT NULL REFERENCES people (id),
       change text NOT NULL CHECK (change IN ('role', 'deactivated', 'reactivated')),
       role_before text,
       role_after text,
       changed_by text NOT NULL,
       changed_at timestamptz NOT NULL,
       rev bigint NOT NULL
     )`,
    `CREATE INDEX person_changes_by_person ON person_changes (person_id, id)`,
  ],
};
