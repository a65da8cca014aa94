import { readFile } from 'node:fs/promises';
import { protocol, session } from 'electron';
import { APP_PARTITION, APP_SCHEME } from '../security/app-origin.ts';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy.ts';
import { mimeTypeFor, resolveAppUrl } from '../security/renderer-files.ts';

/** S2: must run before `ready`. `standard` + `secure` give app:// a real origin and HTTPS-like trust. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves only files inside the renderer build, each with the production CSP header (S2, S3). */
export function serveRendererOverAppScheme(rendererDir: string): void {
  // Handlers belong to a session: the window uses the in-memory app partition.
  session.fromPartition(APP_PARTITION).protocol.handle(APP_SCHEME, async (request) => {
    const filePath = resolveAppUrl(request.url, rendererDir);
    if (filePath === null) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(filePath);
      return new Response(body, {
        headers: {
          'content-type': mimeTypeFor(filePath),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
