import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  removeStaleStagedFiles,
  StagedFile,
  stagingDirectory,
} from '../../../../electron/services/import-staging.ts';

describe('the staged import file', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'staging-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const register = Buffer.from(
    Array.from({ length: 20_000 }, (_, n) => `E-${n},seized,M70,SERIJSKI-${n}\n`).join(''),
  );

  const staged = (parts: number[]) => {
    const file = new StagedFile(dataDir);
    let offset = 0;
    for (const size of parts) {
      file.append(offset, register.subarray(offset, offset + size));
      offset += size;
    }
    file.append(offset, register.subarray(offset));
    file.finish();
    return file;
  };

  it('gives back the bytes it was sent, in parts of any size, as often as read', () => {
    const file = staged([1, 70_000, 3, 200_000]);
    expect(Buffer.concat([...file.chunks()])).toEqual(register);
    expect(Buffer.concat([...file.chunks()])).toEqual(register);
    expect(file.size).toBe(register.length);
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    file.discard();
  });

  it('keeps only ciphertext on disk: no serial of the register can be found in it', () => {
    const file = staged([100_000]);
    const onDisk = readFileSync(file.file);
    expect(onDisk.length).toBeGreaterThan(register.length);
    expect(onDisk.includes('SERIJSKI-1')).toBe(false);
    file.discard();
    expect(existsSync(file.file)).toBe(false);
  });

  it('refuses a part out of order', () => {
    const file = new StagedFile(dataDir);
    file.append(0, Buffer.from('abc'));
    expect(() => file.append(10, Buffer.from('def'))).toThrow('out of order');
    file.discard();
  });

  it('notices a block changed on disk', () => {
    const file = staged([]);
    const bytes = readFileSync(file.file);
    bytes[100] = (bytes[100] ?? 0) ^ 1;
    writeFileSync(file.file, bytes);
    expect(() => Buffer.concat([...file.chunks()])).toThrow('damaged');
    file.discard();
  });

  it('removes files another process left (their keys died with it), keeping its own', () => {
    const mine = staged([]);
    const left = path.join(stagingDirectory(dataDir), 'left-by-a-crash.bin');
    writeFileSync(left, 'noise');
    removeStaleStagedFiles(dataDir, new Set([mine.file]));
    expect(readdirSync(stagingDirectory(dataDir))).toEqual([path.basename(mine.file)]);
    mine.discard();
  });
});
