import path from 'node:path';
import type { AdminOperations } from '../admin/admin-operations.ts';
import type { RestoreSummary } from '../backup/restore-backup.ts';
import {
  AdminTeamCreateRequestSchema,
  AdminTeamScopeRequestSchema,
  type AdminTeamChangeResponse,
  type AdminTeamCreateRequest,
  type AdminTeamScopeRequest,
  type AdminPersonDecisionResponse,
  type PersonSummary,
  type TeamSummary,
} from '../admin/admin-protocol.ts';
import { UserRoleSchema, userRoleValues } from '../../shared/domain/enums.ts';
import { EmailSchema } from '../../shared/console/api.ts';
import { ConsoleRoleSchema, consoleRoles, type ConsoleRole } from '../../shared/console/roles.ts';
import {
  LanguageSchema,
  supportedLanguages,
  type Language,
} from '../../shared/settings/settings.ts';
import type { ConsistencyReport } from '../db/pglite-consistency.ts';

/** The administrator's subcommands of `npm run server -- <command>`; each returns its output. */
export type AdminResult = { ok: boolean; lines: string[] };

export const adminUsage = [
  'Usage: npm run server [-- <command>]',
  '  (no command)                    start the sync API',
  '  enroll --name "Team 3 laptop" [--team "Border police north"]',
  '                                  print a one-time enrollment code for a new laptop of that',
  '                                  team (without --team: the national team)',
  '  revoke <device id | exact name> refuse that laptop from now on',
  '  devices                         list enrolled laptops and their teams',
  '  teams                           list teams with their jurisdictions and sites',
  '  team-create "<name>" --organisation "<organisation>" [--national]',
  '              [--jurisdiction RS ...] [--site "<place name or id>" ...]',
  '                                  make a team: its laptops pull what its scope covers',
  '  team-scope "<team>" [--add-jurisdiction RS] [--remove-jurisdiction RS]',
  '              [--add-site "<place>"] [--remove-site "<place>"]',
  '                                  change what a team covers; its laptops get the',
  '                                  records that enter and lose those that leave',
  '  new-epoch                       after restoring a backup: laptops re-pull and re-send',
  '  people                          everyone the laptops reported, with role and standing',
  '  person-role <id | exact name> <role>',
  `                                  set a person's role at the centre (${userRoleValues.join(', ')})`,
  '  person-deactivate <id | exact name>',
  '                                  the person can no longer unlock a laptop (records stay)',
  '  person-reactivate <id | exact name>',
  '                                  they may unlock again',
  '  person-changes                  who changed which person when, newest first',
  '  invite <email> --role <role> [--language <language>]',
  '                                  invite a person to the web console (administrator,',
  '                                  reviewer or viewer); the code goes by mail, or to the',
  "                                  server's log when no SMTP server is configured; the mail",
  `                                  in English or in --language (${supportedLanguages.join(', ')})`,
  "  check                           with the server stopped: PostgreSQL's consistency check",
  '                                  (amcheck) over the PGlite data',
  '  backup FILE                     write a consistent backup (database and photos) to FILE,',
  '                                  while the server runs or not',
  '  restore FILE [--replace]        with every server stopped: bring FILE back into a new',
  '                                  data dir or an empty database, then start a new epoch',
  'While the server runs, a command is carried out by it (through its admin endpoint);',
  'otherwise the command opens the data itself.',
];

function optionValue(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index >= 0) return args[index + 1];
  const inline = args.find((arg) => arg.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

/** Every value given for a repeatable option (`--site A --site B`). */
function optionValues(args: readonly string[], name: string): string[] {
  const values: string[] = [];
  args.forEach((arg, index) => {
    if (arg === name && args[index + 1] !== undefined) values.push(args[index + 1] as string);
    else if (arg.startsWith(`${name}=`)) values.push(arg.slice(name.length + 1));
  });
  return values;
}

/** Options a command knows, with whether each takes a value: anything else is refused. */
function unknownOptions(args: readonly string[], known: Record<string, boolean>): string[] {
  const unknown: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (!arg.startsWith('--')) continue;
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (!(name in known)) unknown.push(arg);
    else if (known[name] === true && !arg.includes('=')) index += 1;
  }
  return unknown;
}

/** The request's problems in the administrator's words (zod's paths and messages). */
function requestProblems(error: {
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>;
}): string[] {
  return error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || 'command'}: ${issue.message}`,
  );
}

/** A command checked before anything is opened: what to run, or what is wrong with it. */
export type ParsedCommand =
  | { kind: 'enroll'; name: string; team?: string }
  | { kind: 'teams' }
  | { kind: 'team-create'; request: AdminTeamCreateRequest }
  | { kind: 'team-scope'; request: AdminTeamScopeRequest }
  | { kind: 'revoke'; target: string }
  | { kind: 'devices' }
  | { kind: 'new-epoch' }
  | { kind: 'people' }
  | { kind: 'person-changes' }
  | { kind: 'person-role'; target: string; role: (typeof userRoleValues)[number] }
  | { kind: 'person-deactivate'; target: string }
  | { kind: 'person-reactivate'; target: string }
  | { kind: 'invite'; email: string; role: ConsoleRole; language: Language | undefined }
  /** Offline only: run by main.ts on the PGlite data itself, never through a running server. */
  | { kind: 'check' }
  | { kind: 'backup'; file: string }
  /** Offline only: run by main.ts with every server stopped. */
  | { kind: 'restore'; file: string; replace: boolean }
  | { kind: 'invalid'; result: AdminResult };

/**
 * `npm run server enroll --name X` without the `--`: npm takes `--name X` for itself (and passes
 * it on only as npm_config_name), so the command never sees it.
 */
const npmTookOptions =
  'npm took the options for itself: put -- between "server" and the command, as in ' +
  'npm run server -- enroll --name "Team 3 laptop".';

export function parseAdminCommand(
  command: string,
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): ParsedCommand {
  const noArguments = (
    kind: 'devices' | 'new-epoch' | 'check' | 'teams' | 'people' | 'person-changes',
  ): ParsedCommand =>
    args.length === 0
      ? { kind }
      : invalid([`${kind} takes no arguments (got ${args.map((arg) => `"${arg}"`).join(' ')}).`]);
  switch (command) {
    case 'enroll': {
      const name = optionValue(args, '--name')?.trim();
      if (name === undefined || name === '' || name.length > 200) {
        return invalid([
          'enroll needs --name "<device name>" (1 to 200 characters).',
          ...(env.npm_config_name === undefined ? [] : [npmTookOptions]),
        ]);
      }
      const team = optionValue(args, '--team')?.trim();
      if (team === '') return invalid(['--team needs a team name (see: teams).']);
      return team === undefined ? { kind: 'enroll', name } : { kind: 'enroll', name, team };
    }
    case 'team-create': {
      const known = {
        '--organisation': true,
        '--national': false,
        '--jurisdiction': true,
        '--site': true,
      };
      const unknown = unknownOptions(args, known);
      if (unknown.length > 0) return invalid([`team-create does not know ${unknown.join(', ')}.`]);
      const parsed = AdminTeamCreateRequestSchema.safeParse({
        name: args[0]?.startsWith('--') ? undefined : args[0],
        organisation: optionValue(args, '--organisation'),
        national: args.includes('--national'),
        jurisdictions: optionValues(args, '--jurisdiction'),
        sites: optionValues(args, '--site'),
      });
      if (!parsed.success) {
        return invalid([
          'team-create needs "<team name>" --organisation "<organisation>".',
          ...requestProblems(parsed.error),
        ]);
      }
      return { kind: 'team-create', request: parsed.data };
    }
    case 'team-scope': {
      const known = {
        '--add-jurisdiction': true,
        '--remove-jurisdiction': true,
        '--add-site': true,
        '--remove-site': true,
      };
      const unknown = unknownOptions(args, known);
      if (unknown.length > 0) return invalid([`team-scope does not know ${unknown.join(', ')}.`]);
      const parsed = AdminTeamScopeRequestSchema.safeParse({
        team: args[0]?.startsWith('--') ? undefined : args[0],
        addJurisdictions: optionValues(args, '--add-jurisdiction'),
        removeJurisdictions: optionValues(args, '--remove-jurisdiction'),
        addSites: optionValues(args, '--add-site'),
        removeSites: optionValues(args, '--remove-site'),
      });
      if (!parsed.success) {
        return invalid(['team-scope needs "<team name>" first.', ...requestProblems(parsed.error)]);
      }
      const request = parsed.data;
      const changes =
        request.addJurisdictions.length +
        request.removeJurisdictions.length +
        request.addSites.length +
        request.removeSites.length;
      if (changes === 0) {
        return invalid([
          'team-scope needs at least one of --add-jurisdiction, --remove-jurisdiction, --add-site, --remove-site.',
        ]);
      }
      return { kind: 'team-scope', request };
    }
    case 'revoke': {
      const target = args[0]?.trim();
      if (target === undefined || target === '') {
        return invalid(['revoke needs a device id or name.']);
      }
      return { kind: 'revoke', target };
    }
    case 'invite': {
      const email = EmailSchema.safeParse(args[0] ?? '');
      const role = ConsoleRoleSchema.safeParse(optionValue(args, '--role'));
      if (!email.success || args[0]?.startsWith('--')) {
        return invalid([
          'invite needs an e-mail address: invite ana@example.org --role administrator.',
        ]);
      }
      if (!role.success) {
        return invalid([
          `invite needs --role, one of ${consoleRoles.join(', ')}.`,
          ...(env.npm_config_role === undefined ? [] : [npmTookOptions]),
        ]);
      }
      const languageOption = optionValue(args, '--language');
      const language = LanguageSchema.optional().safeParse(languageOption);
      if (!language.success) {
        return invalid([
          `--language is the invitation mail's language, one of ${supportedLanguages.join(', ')}.`,
        ]);
      }
      return { kind: 'invite', email: email.data, role: role.data, language: language.data };
    }
    case 'devices':
    case 'new-epoch':
    case 'check':
    case 'teams':
      return noArguments(command);
    case 'backup': {
      const [file, ...extra] = args;
      if (file === undefined || file.trim() === '' || extra.length > 0) {
        return invalid([
          'backup needs one argument: the file to write, as in backup salw-2026-03-01.backup',
        ]);
      }
      return { kind: 'backup', file: path.resolve(file) };
    }
    case 'restore': {
      const replace = args.includes('--replace');
      const rest = args.filter((arg) => arg !== '--replace');
      const [file, ...extra] = rest;
      if (file === undefined || file.trim() === '' || extra.length > 0) {
        return invalid([
          'restore needs the backup file, as in restore salw-2026-03-01.backup [--replace]',
        ]);
      }
      return { kind: 'restore', file: path.resolve(file), replace };
    }
    case 'people':
    case 'person-changes':
      return noArguments(command);
    case 'person-role': {
      const target = args[0]?.trim();
      const role = UserRoleSchema.safeParse(args[1]);
      if (target === undefined || target === '' || !role.success || args.length !== 2) {
        return invalid([
          'person-role needs a person id or exact name and a role, as in',
          '  npm run server -- person-role "Ana Field" team_lead',
          `Roles: ${userRoleValues.join(', ')}.`,
        ]);
      }
      return { kind: 'person-role', target, role: role.data };
    }
    case 'person-deactivate':
    case 'person-reactivate': {
      const target = args[0]?.trim();
      if (target === undefined || target === '' || args.length !== 1) {
        return invalid([
          `${command} needs one person id or exact name (quote a name with spaces).`,
        ]);
      }
      return { kind: command, target };
    }
    default:
      return invalid([`Unknown command "${command}".`, ...adminUsage]);
  }
}

function invalid(lines: string[]): ParsedCommand {
  return { kind: 'invalid', result: { ok: false, lines } };
}

/** The `check` command's report, in the administrator's words. */
export function consistencyLines(dataDir: string, report: ConsistencyReport): AdminResult {
  const checked = `${String(report.tables)} tables and ${String(report.indexes)} indexes`;
  if (report.problems.length === 0) {
    return {
      ok: true,
      lines: [`PGlite data in ${dataDir}: ${checked} checked, no corruption found.`],
    };
  }
  return {
    ok: false,
    lines: [
      `PGlite data in ${dataDir}: ${checked} checked, ${String(report.problems.length)} problems:`,
      ...report.problems,
      'Restore the last backup (then run new-epoch), or ask for help before the server writes more.',
    ],
  };
}

export async function runAdminCommand(
  operations: AdminOperations,
  command: Exclude<ParsedCommand, { kind: 'invalid' | 'check' | 'restore' }>,
): Promise<AdminResult> {
  switch (command.kind) {
    case 'enroll': {
      const issued = await operations.enroll(
        command.team === undefined
          ? { name: command.name }
          : { name: command.name, team: command.team },
      );
      return {
        ok: true,
        lines: [
          `Enrollment code for "${issued.deviceName}": ${issued.code}`,
          issued.defaultTeam
            ? `Team: "${issued.team.name}" (no --team given: the national team, which sees every record).`
            : `Team: "${issued.team.name}".`,
          `Valid once, until ${issued.expiresAt}.`,
        ],
      };
    }
    case 'revoke': {
      const result = await operations.revoke(command.target);
      if (result.kind === 'not_found')
        return { ok: false, lines: [`No device "${command.target}".`] };
      if (result.kind === 'ambiguous') {
        return {
          ok: false,
          lines: [`Several devices are named "${command.target}"; use an id:`, ...result.ids],
        };
      }
      const streams =
        result.streamsEnded === 0
          ? ''
          : ` Its open event stream${result.streamsEnded === 1 ? ' was' : 's were'} ended.`;
      if (result.alreadyRevokedAt !== null) {
        return {
          ok: true,
          lines: [
            `${result.device.id} "${result.device.name}" was already revoked (${result.alreadyRevokedAt}).`,
          ],
        };
      }
      return {
        ok: true,
        lines: [`Revoked ${result.device.id} "${result.device.name}".${streams}`],
      };
    }
    case 'devices': {
      const { devices } = await operations.devices();
      if (devices.length === 0) return { ok: true, lines: ['No devices enrolled.'] };
      return {
        ok: true,
        lines: devices.map((device) =>
          [
            device.id,
            JSON.stringify(device.name),
            device.revokedAt === null ? 'active' : `revoked ${device.revokedAt}`,
            `last seen ${device.lastSeenAt ?? 'never'}`,
            `last mutation ${String(device.lastMutationId)}`,
            `team ${JSON.stringify(device.team.name)}`,
            device.appVersion === null ? '' : `app ${device.appVersion}`,
          ]
            .filter(Boolean)
            .join('  '),
        ),
      };
    }
    case 'backup': {
      const done = await operations.backup(command.file);
      const rows = done.tables.reduce((sum, table) => sum + table.rows, 0);
      return {
        ok: true,
        lines: [
          `Backup written to ${done.file} (${megabytes(done.bytes)}): ${String(rows)} rows in ${String(done.tables.length)} tables, ${String(done.photos)} photos, as of ${done.takenAt}.`,
          'The photo key (SALW_FILES_KEY_FILE, default files.key beside the photos) is NOT in it: keep a copy of that file apart, or the restored photos cannot be read.',
        ],
      };
    }
    case 'teams': {
      const { teams } = await operations.teams();
      return { ok: true, lines: teams.flatMap(teamLines) };
    }
    case 'team-create': {
      const change = await operations.createTeam(command.request);
      return { ok: true, lines: [`Created team "${change.team.name}".`, ...changeLines(change)] };
    }
    case 'team-scope': {
      const change = await operations.changeTeamScope(command.request);
      return {
        ok: true,
        lines: [`Changed the scope of "${change.team.name}".`, ...changeLines(change)],
      };
    }
    case 'people': {
      const { people } = await operations.people();
      if (people.length === 0)
        return { ok: true, lines: ['No people known yet: laptops report theirs when they sync.'] };
      return { ok: true, lines: people.map(personLine) };
    }
    case 'person-changes': {
      const { changes } = await operations.personChanges();
      if (changes.length === 0) return { ok: true, lines: ['No changes made at the centre yet.'] };
      return {
        ok: true,
        lines: changes.map((change) =>
          [
            change.changedAt,
            change.person.id,
            JSON.stringify(change.person.name),
            change.change === 'role'
              ? `role ${change.roleBefore ?? 'unknown'} -> ${change.roleAfter ?? 'unknown'}`
              : change.change,
            `by ${change.changedBy}`,
          ].join('  '),
        ),
      };
    }
    case 'person-role':
      return decisionLines(
        command.target,
        await operations.setPersonRole(command.target, command.role),
        (person) =>
          `The centre set ${describePerson(person)}'s role to ${command.role}; laptops follow at their next sync.`,
        (person) =>
          `${describePerson(person)} already has the role ${command.role}, set at the centre.`,
      );
    case 'person-deactivate':
      return decisionLines(
        command.target,
        await operations.deactivatePerson(command.target),
        (person) =>
          `Deactivated ${describePerson(person)}: from each laptop's next sync they can no longer unlock it (what they recorded stays).`,
        (person) =>
          `${describePerson(person)} was already deactivated (${person.deactivatedAt ?? ''}).`,
      );
    case 'person-reactivate':
      return decisionLines(
        command.target,
        await operations.reactivatePerson(command.target),
        (person) =>
          `Reactivated ${describePerson(person)}: they may unlock again after each laptop's next sync.`,
        (person) => `${describePerson(person)} is not deactivated.`,
      );
    case 'invite': {
      const invited = await operations.invite(command.email, command.role, command.language);
      return {
        ok: true,
        lines: [
          `Invited ${invited.email} as ${invited.role}; the code works once, until ${invited.expiresAt}.`,
          invited.mailed
            ? 'The code was sent by mail.'
            : "No SMTP server is configured (SALW_SMTP_URL): the code is in the server's log.",
        ],
      };
    }
    case 'new-epoch': {
      const { epoch } = await operations.newEpoch();
      return {
        ok: true,
        lines: [`New server epoch ${epoch}: laptops will pull everything again.`],
      };
    }
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The `restore` command's report, in the administrator's words. */
export function restoreLines(file: string, summary: RestoreSummary): AdminResult {
  const rows = summary.header.tables.reduce((sum, table) => sum + table.rows, 0);
  return {
    ok: true,
    lines: [
      `Restored ${file}: ${String(rows)} rows in ${String(summary.header.tables.length)} tables and ${String(summary.photos)} photos, as the server was at ${summary.header.takenAt} (schema ${String(summary.header.schemaVersion)}).`,
      ...(summary.migrated.length === 0
        ? []
        : [`Brought the schema up to date: migrations ${summary.migrated.join(', ')}.`]),
      `Started a new server epoch (${summary.newEpoch}): at their next sync, laptops pull everything again and send again what they had sent after the backup.`,
      'Start the server now. Received photos need the same photo key file as before (SALW_FILES_KEY_FILE).',
    ],
  };
}

/** A team as the administrator reads it: who, what it covers, how many laptops. */
function teamLines(team: TeamSummary): string[] {
  const covers = team.national
    ? 'national scope: every record'
    : [
        team.jurisdictions.length === 0 ? null : `jurisdictions ${team.jurisdictions.join(', ')}`,
        team.sites.length === 0
          ? null
          : `sites ${team.sites.map((site) => (site.name === null ? site.id : `${site.name} (${site.id})`)).join(', ')}`,
      ]
        .filter((part) => part !== null)
        .join('; ') || 'only the records its own laptops make';
  return [
    `${team.name}  (${team.organisation})  ${team.id}`,
    `  ${covers}; ${String(team.devices)} active laptop${team.devices === 1 ? '' : 's'}`,
  ];
}

function changeLines(change: AdminTeamChangeResponse): string[] {
  return [
    ...teamLines(change.team),
    change.team.national
      ? 'A national team sees every record.'
      : `${String(change.entered)} records entered and ${String(change.left)} left its scope; its laptops get the change at their next sync.`,
  ];
}

function describePerson(person: PersonSummary): string {
  return `${person.id} "${person.name}"`;
}

function personLine(person: PersonSummary): string {
  return [
    person.id,
    JSON.stringify(person.name),
    person.role === null
      ? 'role unknown'
      : `${person.role} (set by the ${person.roleSetBy ?? 'laptop'})`,
    person.deactivatedAt === null ? 'active' : `deactivated ${person.deactivatedAt}`,
    person.reportedBy === null
      ? 'not reported by a laptop'
      : `on ${JSON.stringify(person.reportedBy.name)}`,
  ].join('  ');
}

function decisionLines(
  target: string,
  result: AdminPersonDecisionResponse,
  changed: (person: PersonSummary) => string,
  unchanged: (person: PersonSummary) => string,
): AdminResult {
  switch (result.kind) {
    case 'not_found':
      return {
        ok: false,
        lines: [`No person "${target}". The list: npm run server -- people`],
      };
    case 'ambiguous':
      return {
        ok: false,
        lines: [`Several people are named "${target}"; use an id:`, ...result.ids],
      };
    case 'changed':
      return { ok: true, lines: [changed(result.person)] };
    case 'unchanged':
      return { ok: true, lines: [unchanged(result.person)] };
  }
}
