import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectDir } from '../support/project.ts';
import { makeTempDir } from '../support/temp-dir.ts';

// The per-environment tsconfigs are the compile-time half of the layer rules: code in shared/ has
// neither DOM nor Node globals, electron/ has Node but no DOM, the renderer has DOM but no Node.

type Environment = 'shared' | 'electron' | 'renderer' | 'preload';

interface Case {
  readonly environment: Environment;
  readonly name: string;
  readonly code: string;
  /** The global that must be unknown, or null when the code must compile. */
  readonly missing: string | null;
}

const cases: Case[] = [
  {
    environment: 'shared',
    name: 'document',
    code: 'export const title = document.title;',
    missing: 'document',
  },
  {
    environment: 'shared',
    name: 'window',
    code: 'export const href = window.location.href;',
    missing: 'window',
  },
  {
    environment: 'shared',
    name: 'process',
    code: 'export const env = process.env;',
    missing: 'process',
  },
  {
    environment: 'shared',
    name: 'Buffer',
    code: "export const bytes = Buffer.from('x');",
    missing: 'Buffer',
  },
  {
    environment: 'shared',
    name: 'require',
    code: "export const fs: unknown = require('node:fs');",
    missing: 'require',
  },
  {
    environment: 'shared',
    name: 'ES2023 built-ins',
    code: 'export const last = [1, 2].findLast((n) => n > 0);',
    missing: null,
  },
  {
    environment: 'electron',
    name: 'window',
    code: 'export const href = window.location.href;',
    missing: 'window',
  },
  {
    environment: 'electron',
    name: 'document',
    code: 'export const title = document.title;',
    missing: 'document',
  },
  {
    environment: 'electron',
    name: 'process',
    code: 'export const env = process.env;',
    missing: null,
  },
  {
    environment: 'electron',
    name: 'Buffer',
    code: "export const bytes = Buffer.from('x');",
    missing: null,
  },
  {
    environment: 'renderer',
    name: 'process',
    code: 'export const env = process.env;',
    missing: 'process',
  },
  {
    environment: 'renderer',
    name: 'Buffer',
    code: "export const bytes = Buffer.from('x');",
    missing: 'Buffer',
  },
  {
    environment: 'renderer',
    name: 'require',
    code: "export const fs: unknown = require('node:fs');",
    missing: 'require',
  },
  {
    environment: 'renderer',
    name: '__dirname',
    code: 'export const dir: string = __dirname;',
    missing: '__dirname',
  },
  {
    environment: 'renderer',
    name: 'document',
    code: 'export const title = document.title;',
    missing: null,
  },
  {
    environment: 'preload',
    name: 'process',
    code: 'export const env = process.env;',
    missing: 'process',
  },
  {
    environment: 'preload',
    name: 'Buffer',
    code: "export const bytes = Buffer.from('x');",
    missing: 'Buffer',
  },
];

const fileOf = (dir: string, testCase: Case) =>
  path.join(dir, `${testCase.environment}-${testCase.name.replace(/\W+/g, '-')}.ts`);

function compilerOptions(environment: Environment): ts.CompilerOptions {
  const configPath = path.join(projectDir, `tsconfig.${environment}.json`);
  const read = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  if (read.error !== undefined)
    throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(
    read.config,
    ts.sys,
    projectDir,
    undefined,
    configPath,
  );
  return {
    ...parsed.options,
    noEmit: true,
    composite: false,
    declaration: false,
    emitDeclarationOnly: false,
    incremental: false,
    tsBuildInfoFile: undefined,
    // The probe files live in a temp dir, outside the project's rootDir.
    rootDir: undefined,
    outDir: undefined,
  };
}

describe('per-environment tsconfigs reject the wrong globals', () => {
  let dir: string;
  let remove: () => Promise<void>;
  /** One program per environment, with one probe file per case. */
  const programs = new Map<Environment, ts.Program>();

  beforeAll(async () => {
    ({ dir, remove } = await makeTempDir('tsconfig'));
    // Like the project, the probes are ES modules (module: nodenext reads this).
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    for (const testCase of cases) writeFileSync(fileOf(dir, testCase), `${testCase.code}\n`);
  });
  afterAll(() => remove());

  function programFor(environment: Environment): ts.Program {
    let program = programs.get(environment);
    if (program === undefined) {
      const rootNames = cases
        .filter((c) => c.environment === environment)
        .map((c) => fileOf(dir, c));
      program = ts.createProgram({ rootNames, options: compilerOptions(environment) });
      programs.set(environment, program);
    }
    return program;
  }

  function diagnosticsOf(testCase: Case): Array<{ code: number; text: string }> {
    const program = programFor(testCase.environment);
    const sourceFile = program.getSourceFile(fileOf(dir, testCase));
    if (sourceFile === undefined)
      throw new Error(`probe file for ${testCase.name} is not in the program`);
    return ts.getPreEmitDiagnostics(program, sourceFile).map((diagnostic) => ({
      code: diagnostic.code,
      text: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    }));
  }

  it.each(['shared', 'electron', 'renderer', 'preload'] as const)(
    'tsconfig.%s.json itself compiles cleanly',
    (environment) => {
      const program = programFor(environment);
      const problems = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map(
        (diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
      );
      expect(problems).toStrictEqual([]);
    },
  );

  it.each(cases.filter((c) => c.missing !== null))(
    '$environment: $name is a compile error',
    (testCase) => {
      const diagnostics = diagnosticsOf(testCase);
      const unknownName = diagnostics.filter(
        (d) =>
          [2304, 2580, 2584, 2591, 2592, 2593].includes(d.code) &&
          d.text.includes(`'${testCase.missing}'`),
      );
      expect(unknownName, JSON.stringify(diagnostics)).not.toStrictEqual([]);
    },
  );

  it.each(cases.filter((c) => c.missing === null))('$environment: $name compiles', (testCase) => {
    expect(diagnosticsOf(testCase)).toStrictEqual([]);
  });
});

describe('tsconfig.electron.json: code outside main.ts, preload.ts and platform/ cannot import electron', () => {
  let dir: string;
  let remove: () => Promise<void>;

  beforeAll(async () => {
    ({ dir, remove } = await makeTempDir('tsconfig-electron'));
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  });
  afterAll(() => remove());

  it.each([
    ["import { app } from 'electron';\nexport const name = app.getName();", "'app'"],
    [
      "import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;",
      "'BrowserWindow'",
    ],
    [
      "import { safeStorage } from 'electron/main';\nexport const s = safeStorage;",
      "'safeStorage'",
    ],
    ["import Store from 'electron-store';\nexport const s = new Store();", 'default export'],
  ])('%s fails the type check', (code, mentioned) => {
    const file = path.join(dir, `probe-${mentioned.replace(/\W+/g, '')}.ts`);
    writeFileSync(file, `${code}\n`);
    const program = ts.createProgram({ rootNames: [file], options: compilerOptions('electron') });
    const messages = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(
      messages.some((message) => message.includes(mentioned)),
      messages.join('\n'),
    ).toBe(true);
  });

  it('while electron/platform/ code may import it (tsconfig.electron-shell.json)', () => {
    const configPath = path.join(projectDir, 'tsconfig.electron-shell.json');
    const parsed = ts.parseJsonConfigFileContent(
      ts.readConfigFile(configPath, (file) => ts.sys.readFile(file)).config,
      ts.sys,
      projectDir,
      undefined,
      configPath,
    );
    expect(parsed.options.paths?.['electron']).toBeUndefined();
    expect(parsed.fileNames.some((file) => file.includes('/electron/platform/'))).toBe(true);
  });
});
