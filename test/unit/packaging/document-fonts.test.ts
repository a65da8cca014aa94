import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { copyDocumentFonts } from '../../../packaging/document-fonts.ts';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('copyDocumentFonts', () => {
  let root: string;
  let buildPath: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'salw-fonts-'));
    buildPath = path.join(root, 'build-path');
    mkdirSync(buildPath);
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('copies the Arabic font files main reads, with the licence and its authors, and nothing else', async () => {
    const projectDir = path.resolve(import.meta.dirname, '../../..');
    const copied = await copyDocumentFonts({ projectDir, buildPath });
    expect(copied).toContain('node_modules/vazirmatn/OFL.txt');
    expect(listFiles(path.join(buildPath, 'node_modules', 'vazirmatn'))).toStrictEqual([
      'AUTHORS.txt',
      'OFL.txt',
      'fonts/ttf/Vazirmatn-Medium.ttf',
      'fonts/ttf/Vazirmatn-Regular.ttf',
      'package.json',
    ]);
  });

  it('fails clearly, copying nothing, when the font is not installed', async () => {
    const projectDir = path.join(root, 'empty-project');
    mkdirSync(projectDir);
    await expect(copyDocumentFonts({ projectDir, buildPath })).rejects.toThrow(
      /vazirmatn is missing package\.json.*npm ci/,
    );
    expect(existsSync(path.join(buildPath, 'node_modules'))).toBe(false);
  });
});
