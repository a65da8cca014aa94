import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeChosenFile } from '../../../../electron/documents/write-chosen-file.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

describe('writing a document where the person chose', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('chosen-file'));
  });
  afterEach(async () => {
    await remove();
  });

  it('writes the file under its name, replacing one there, and leaves nothing else', async () => {
    const target = path.join(dir, 'report.pdf');
    await writeFile(target, 'old');
    await writeChosenFile(target, Buffer.from('%PDF new'));
    expect(await readFile(target, 'utf8')).toBe('%PDF new');
    expect(await readdir(dir)).toEqual(['report.pdf']);
  });

  it('says the place refused it, and leaves the file there as it was', async () => {
    const target = path.join(dir, 'report.pdf');
    await writeFile(target, 'old');
    // A folder where the file's ".part" goes: it cannot be written.
    await mkdir(`${target}.part`);
    await expect(writeChosenFile(target, Buffer.from('%PDF new'))).rejects.toMatchObject({
      code: 'DESTINATION_NOT_WRITABLE',
    });
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(existsSync(`${target}.part`)).toBe(true);
  });

  it('says the place refused it when the folder is gone, and writes nothing', async () => {
    const target = path.join(dir, 'removed-usb-stick', 'report.pdf');
    await expect(writeChosenFile(target, Buffer.from('%PDF'))).rejects.toMatchObject({
      code: 'DESTINATION_NOT_WRITABLE',
    });
    expect(await readdir(dir)).toEqual([]);
  });
});
