import { listDevices, revokeDevice } from '../auth/devices.ts';
import { issueEnrollmentCode } from '../auth/enrollment.ts';
import type { Database } from '../db/database.ts';
import type { ServerConfig } from '../server-config.ts';
import { startNewEpoch } from '../server-meta.ts';

/** The administrator's subcommands of `npm run server -- <command>`; each returns its output. */
export type AdminResult = { ok: boolean; lines: string[] };

export const adminUsage = [
  'Usage: npm run server [-- <command>]',
  '  (no command)                 start the sync API',
  '  enroll --name "Team 3 laptop"   print a one-time enrollment code for a new laptop',
  '  revoke <device id | exact name> refuse that laptop from now on',
  '  devices                      list enrolled laptops',
  '  new-epoch                    after restoring a backup: laptops re-pull and re-send',
];

function optionValue(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index >= 0) return args[index + 1];
  const inline = args.find((arg) => arg.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

export async function runAdminCommand(
  db: Database,
  config: ServerConfig,
  command: string,
  args: readonly string[],
  now: Date = new Date(),
): Promise<AdminResult> {
  switch (command) {
    case 'enroll': {
      const name = optionValue(args, '--name');
      if (name === undefined || name.trim() === '') {
        return { ok: false, lines: ['enroll needs --name "<device name>".'] };
      }
      const issued = await issueEnrollmentCode(db, name, now, config.enrollmentCodeMinutes);
      return {
        ok: true,
        lines: [
          `Enrollment code for "${issued.deviceName}": ${issued.code}`,
          `Valid once, until ${issued.expiresAt.toISOString()}.`,
        ],
      };
    }
    case 'revoke': {
      const target = args[0];
      if (target === undefined) return { ok: false, lines: ['revoke needs a device id or name.'] };
      const result = await revokeDevice(db, target, now);
      if (result.kind === 'not_found') return { ok: false, lines: [`No device "${target}".`] };
      if (result.kind === 'ambiguous') {
        return {
          ok: false,
          lines: [`Several devices are named "${target}"; use an id:`, ...result.ids],
        };
      }
      return { ok: true, lines: [`Revoked ${result.device.id} "${result.device.name}".`] };
    }
    case 'devices': {
      const devices = await listDevices(db);
      if (devices.length === 0) return { ok: true, lines: ['No devices enrolled.'] };
      return {
        ok: true,
        lines: devices.map((device) =>
          [
            device.id,
            JSON.stringify(device.name),
            device.revokedAt ? `revoked ${device.revokedAt.toISOString()}` : 'active',
            `last seen ${device.lastSeenAt?.toISOString() ?? 'never'}`,
            `last mutation ${device.lastMutationId}`,
            device.appVersion ? `app ${device.appVersion}` : '',
          ]
            .filter(Boolean)
            .join('  '),
        ),
      };
    }
    case 'new-epoch': {
      const epoch = await startNewEpoch(db);
      return {
        ok: true,
        lines: [`New server epoch ${epoch}: laptops will pull everything again.`],
      };
    }
    default:
      return { ok: false, lines: [`Unknown command "${command}".`, ...adminUsage] };
  }
}
