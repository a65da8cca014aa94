import { rmSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * A PGlite data folder just after initdb, made once per test process and copied for each sync
 * server the tests start. Creating one runs PostgreSQL's initdb in WASM (5 s of CPU, 9-18 s on a
 * loaded 2-core machine), and the suite starts ~70 servers; a copy takes a fraction of that. The
 * copy holds no schema and no data: each server still runs its own migrations, so each has its
 * own epoch and nothing is shared between tests.
 */
let template: Promise<string> | undefined;

async function makeTemplate(): Promise<string> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'salw-pglite-template-'));
  process.once('exit', () => rmSync(parent, { recursive: true, force: true }));
  const dir = path.join(parent, 'pglite');
  const db = await PGlite.create(dir);
  await db.close();
  return dir;
}

/** Puts a fresh PGlite data folder (as after initdb) at `target`, which must not exist. */
export async function seedPgliteDir(target: string): Promise<void> {
  template ??= makeTemplate();
  await cp(await template, target, { recursive: true, errorOnExist: true, force: false });
}
