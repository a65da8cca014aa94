import type { AdminOperations } from '../admin/admin-operations.ts';
import { EmailSchema } from '../../shared/console/api.ts';
import { ConsoleRoleSchema, consoleRoles, type ConsoleRole } from '../../shared/console/roles.ts';
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
  '  invite <email> --role <role>    invite a person to the web console (administrator,',
  '                                  reviewer or viewer); the code goes by mail, or to the',
  "                                  server's log when no SMTP server is configured",
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
  | { kind: 'invite'; email: string; role: ConsoleRole }
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
  const noArguments = (kind: 'devices' | 'new-epoch' | 'check'): ParsedCommand =>
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
      return { kind: 'invite', email: email.data, role: role.data };
    }
    case 'devices':
    case 'new-epoch':
    case 'check':
      return noArguments(command);
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
    case 'invite': {
      const invited = await operations.invite(command.email, command.role);
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
