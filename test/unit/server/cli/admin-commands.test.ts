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

describe('team commands as the administrator types them', () => {
  it('reads team-create with repeated sites and jurisdictions in any case', () => {
    expect(
      parseAdminCommand('team-create', [
        'Border police north',
        '--organisation',
        'Border police',
        '--jurisdiction',
        'rs',
        '--site',
        'Horgoš',
        '--site=Kelebija',
      ]),
    ).toEqual({
      kind: 'team-create',
      request: {
        name: 'Border police north',
        organisation: 'Border police',
        national: false,
        jurisdictions: ['RS'],
        sites: ['Horgoš', 'Kelebija'],
      },
    });
    expect(
      parseAdminCommand('team-create', ['Commission', '--organisation', 'SALW', '--national']),
    ).toMatchObject({ kind: 'team-create', request: { national: true } });
  });

  it('refuses a team without organisation, an unknown option or a jurisdiction that is no country', () => {
    const problems = (args: string[]) => {
      const parsed = parseAdminCommand('team-create', args);
      return parsed.kind === 'invalid' ? parsed.result.lines.join('\n') : 'accepted';
    };
    expect(problems(['North'])).toContain('--organisation');
    expect(problems(['North', '--organisation', 'BP', '--sites', 'X'])).toContain(
      'does not know --sites',
    );
    expect(problems(['North', '--organisation', 'BP', '--jurisdiction', 'Serbia'])).toContain(
      'jurisdictions.0',
    );
  });

  it('reads team-scope changes and refuses one that changes nothing', () => {
    expect(
      parseAdminCommand('team-scope', [
        'North',
        '--add-site',
        'Kelebija',
        '--remove-jurisdiction',
        'RS',
      ]),
    ).toEqual({
      kind: 'team-scope',
      request: {
        team: 'North',
        addJurisdictions: [],
        removeJurisdictions: ['RS'],
        addSites: ['Kelebija'],
        removeSites: [],
      },
    });
    const none = parseAdminCommand('team-scope', ['North']);
    expect(none.kind).toBe('invalid');
  });

  it('enrolls into a named team, or into the national team without --team', () => {
    expect(parseAdminCommand('enroll', ['--name', 'Team 3', '--team', 'North'])).toEqual({
      kind: 'enroll',
      name: 'Team 3',
      team: 'North',
    });
    expect(parseAdminCommand('enroll', ['--name', 'Team 3'])).toEqual({
      kind: 'enroll',
      name: 'Team 3',
    });
    expect(parseAdminCommand('teams', [])).toEqual({ kind: 'teams' });
  });

  it('invites with the mail in English, or in the language named, and refuses another', () => {
    expect(parseAdminCommand('invite', ['ana@example.org', '--role', 'viewer'])).toEqual({
      kind: 'invite',
      email: 'ana@example.org',
      role: 'viewer',
      language: undefined,
    });
    expect(
      parseAdminCommand('invite', ['ana@example.org', '--role', 'viewer', '--language', 'sr-Cyrl']),
    ).toMatchObject({ kind: 'invite', language: 'sr-Cyrl' });
    const german = parseAdminCommand('invite', [
      'ana@example.org',
      '--role',
      'viewer',
      '--language',
      'de',
    ]);
    expect(german.kind).toBe('invalid');
    expect(JSON.stringify(german)).toContain("--language is the invitation mail's language");
  });
});
