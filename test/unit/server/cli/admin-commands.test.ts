import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAdminCommand } from '../../../../server/cli/admin-commands.ts';

describe('backup and restore on the command line', () => {
  it('takes the backup file relative to the folder the command runs in', () => {
    expect(parseAdminCommand('backup', ['salw.backup'])).toEqual({
      kind: 'backup',
      file: path.resolve('salw.backup'),
    });
    expect(parseAdminCommand('restore', ['/srv/salw.backup'])).toEqual({
      kind: 'restore',
      file: '/srv/salw.backup',
      replace: false,
    });
    expect(parseAdminCommand('restore', ['--replace', 'salw.backup'])).toEqual({
      kind: 'restore',
      file: path.resolve('salw.backup'),
      replace: true,
    });
  });

  it('says what is missing instead of guessing', () => {
    for (const [command, args] of [
      ['backup', []],
      ['backup', ['a.backup', 'b.backup']],
      ['restore', []],
      ['restore', ['--replace']],
    ] as const) {
      const parsed = parseAdminCommand(command, [...args]);
      expect(parsed.kind).toBe('invalid');
      if (parsed.kind === 'invalid') expect(parsed.result.lines[0]).toContain(`${command} needs`);
    }
  });
});
