import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectDir } from '../../../support/project.ts';

/** `from '…'`, `import '…'` and `import('…')`: every module a source file loads. */
const specifiers = /(?:\bfrom\s+|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

/**
 * Every source file of ours the module loads, however indirectly (packages and assets such as
 * CSS and JSON are not followed), each with the chain of imports that reached it.
 */
function importGraph(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(specifiers)) {
      if (specifier === undefined || !specifier.startsWith('.')) continue;
      if (!/\.tsx?$/.test(specifier)) continue;
      const target = path.resolve(path.dirname(file), specifier);
      if (reached.has(target)) continue;
      reached.set(target, [...reached.get(file)!, target]);
      queue.push(target);
    }
  }
  return reached;
}

const relative = (file: string) => path.relative(projectDir, file);

describe('the web console’s imports', () => {
  const graph = importGraph(path.join(projectDir, 'server', 'web', 'main.tsx'));

  it('include the laptop’s Dashboard sections the overview draws', () => {
    // So the checks below are seen to follow imports into the renderer at all.
    expect([...graph.keys()].map(relative)).toContain(
      path.join('renderer', 'features', 'dashboard', 'InflowSection.tsx'),
    );
  });

  it('never reach the laptop’s IPC, its preview bridge or its app shell', () => {
    // The console runs in a plain browser: there is no window.api to call. The lint rule lets it
    // import a few renderer modules by name; this follows everything those import in turn.
    const barred = /^renderer\/(api\.ts|preview-bridge\.ts|main\.tsx|app\/)/;
    const offending = [...graph.entries()]
      .filter(([file]) => barred.test(relative(file).split(path.sep).join('/')))
      .map(([, chain]) => chain.map(relative).join(' → '));
    expect(offending).toEqual([]);
  });

  it('never reach the server’s own modules, only shared/ and the browser side', () => {
    const serverSide = [...graph.keys()]
      .map(relative)
      .filter((file) => file.startsWith(`server${path.sep}`))
      .filter((file) => !file.startsWith(path.join('server', 'web') + path.sep));
    expect(serverSide).toEqual([]);
  });
});
