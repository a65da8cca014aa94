import type { SyncServerHandle } from './sync-server.ts';
import { request, type RawResponse } from './sync-client.ts';
import type { ConsoleRole } from '../../shared/console/roles.ts';
import { consoleApiPrefix, consoleCsrfHeader } from '../../shared/console/api.ts';

/** A password the console's policy takes (12+ characters, all four kinds, no spaces). */
export const consoleTestPassword = 'Correct-Horse-9-Battery';

/** The codes the console's mailer wrote to the log (no SMTP server configured). */
export function codeFromLoggedMail(log: readonly string[], email: string): string {
  const mail = [...log].reverse().find((entry) => entry.includes(`To ${email}`));
  const code = mail === undefined ? undefined : /^\s{4}(\S+)\s*$/m.exec(mail)?.[1];
  if (code === undefined) throw new Error(`No code was logged for ${email}.`);
  return code;
}

/**
 * A console account signed in over HTTP as a browser would be: invited by the server's admin
 * operation, the code read from the mail the server logged, the invitation accepted; its
 * requests carry the session cookie, the console's Origin and (writes) the CSRF token.
 */
export async function consoleSession(
  server: SyncServerHandle,
  log: readonly string[],
  email: string,
  role: ConsoleRole,
) {
  await server.admin.invite(email, role);
  const accepted = await request(`${server.url}${consoleApiPrefix}/invitations/accept`, {
    method: 'POST',
    headers: { origin: server.url },
    body: JSON.stringify({
      code: codeFromLoggedMail(log, email),
      name: email.split('@')[0] ?? email,
      password: consoleTestPassword,
    }),
  });
  if (accepted.status !== 200) throw new Error(`Accepting failed: ${accepted.text}`);
  const cookie = (accepted.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrfToken = (accepted.json as { csrfToken: string }).csrfToken;
  return {
    get(path: string): Promise<RawResponse> {
      return request(`${server.url}${consoleApiPrefix}${path}`, { headers: { cookie } });
    },
    post(path: string, body: unknown, options: { csrf?: boolean } = {}): Promise<RawResponse> {
      return request(`${server.url}${consoleApiPrefix}${path}`, {
        method: 'POST',
        headers: {
          cookie,
          origin: server.url,
          ...(options.csrf === false ? {} : { [consoleCsrfHeader]: csrfToken }),
        },
        body: JSON.stringify(body),
      });
    },
  };
}
