import { UserRoleSchema, userRoleValues } from '../../shared/domain/enums.ts';
import type { AdminOperations } from '../admin/admin-operations.ts';
import type { AdminPersonDecisionResponse, PersonSummary } from '../admin/admin-protocol.ts';
import type { ConsistencyReport } from '../db/pglite-consistency.ts';

/** The administrator's subcommands of `npm run server -- <command>`; each returns its output. */
export type AdminResult = { ok: boolean; lines: string[] };

export const adminUsage = [
  'Usage: npm run server [-- <command>]',
  '  (no command)                    start the sync API',
  '  enroll --name "Team 3 laptop"   print a one-time enrollment code for a new laptop',
  '  revoke <device id | exact name> refuse that laptop from now on',
  '  devices                         list enrolled laptops',
  '  new-epoch                       after restoring a backup: laptops re-pull and re-send',
  '  people                          everyone the laptops reported, with role and standing',
  '  person-role <id | exact name> <role>',
  `                                  set a person's role at the centre (${userRoleValues.join(', ')})`,
  '  person-deactivate <id | exact name>',
  '                                  the person can no longer unlock a laptop (records stay)',
  '  person-reactivate <id | exact name>',
  '                                  they may unlock again',
  '  person-changes                  who changed which person when, newest first',
  "  check                           with the server stopped: PostgreSQL's consistency check",
  '                                  (amcheck) over the PGlite data',
  'While the server runs, a command is carried out by it (through its admin endpoint);',
  'otherwise the command opens the data itself.',
];

function optionValue(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index >= 0) return args[index + 1];
  const inline = args.find((arg) => arg.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

/** A command checked before anything is opened: what to run, or what is wrong with it. */
export type ParsedCommand =
  | { kind: 'enroll'; name: string }
  | { kind: 'revoke'; target: string }
  | { kind: 'devices' }
  | { kind: 'new-epoch' }
  | { kind: 'people' }
  | { kind: 'person-changes' }
  | { kind: 'person-role'; target: string; role: (typeof userRoleValues)[number] }
  | { kind: 'person-deactivate'; target: string }
  | { kind: 'person-reactivate'; target: string }
  /** Offline only: run by main.ts on the PGlite data itself, never through a running server. */
  | { kind: 'check' }
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
    kind: 'devices' | 'new-epoch' | 'check' | 'people' | 'person-changes',
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
      return { kind: 'enroll', name };
    }
    case 'revoke': {
      const target = args[0]?.trim();
      if (target === undefined || target === '') {
        return invalid(['revoke needs a device id or name.']);
      }
      return { kind: 'revoke', target };
    }
    case 'devices':
    case 'new-epoch':
    case 'check':
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
  command: Exclude<ParsedCommand, { kind: 'invalid' | 'check' }>,
): Promise<AdminResult> {
  switch (command.kind) {
    case 'enroll': {
      const issued = await operations.enroll(command.name);
      return {
        ok: true,
        lines: [
          `Enrollment code for "${issued.deviceName}": ${issued.code}`,
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
            device.appVersion === null ? '' : `app ${device.appVersion}`,
          ]
            .filter(Boolean)
            .join('  '),
        ),
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
    case 'new-epoch': {
      const { epoch } = await operations.newEpoch();
      return {
        ok: true,
        lines: [`New server epoch ${epoch}: laptops will pull everything again.`],
      };
    }
  }
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
