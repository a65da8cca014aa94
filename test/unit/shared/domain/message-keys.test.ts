import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { domainMessageKeys } from '../../../../shared/domain/message-keys.ts';

const domainDir = join(import.meta.dirname, '../../../../shared/domain');
const sources = readdirSync(domainDir)
  .filter((file) => file.endsWith('.ts') && file !== 'message-keys.ts')
  .map((file) => readFileSync(join(domainDir, file), 'utf8'))
  .join('\n');

describe('domainMessageKeys', () => {
  it('has no duplicates and only camelCase keys', () => {
    expect(new Set(domainMessageKeys).size).toBe(domainMessageKeys.length);
    for (const key of domainMessageKeys) expect(key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
  });

  it.each(domainMessageKeys)('%s is used by some schema (no dead translations)', (key) => {
    expect(sources).toContain(`'${key}'`);
  });
});
