import type { z } from 'zod';
import {
  consoleApiPrefix,
  consoleCsrfHeader,
  ConsoleSessionSchema,
  consoleRoutes,
  type ConsoleSession,
} from '../../shared/console/api.ts';
import { ConsoleErrorBodySchema, type ConsoleErrorBody } from '../../shared/console/errors.ts';

/** A refusal of the console API, with the body the server sent (its code says what to show). */
export class ConsoleApiError extends Error {
  readonly status: number;
  readonly body: ConsoleErrorBody;
  constructor(status: number, body: ConsoleErrorBody) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

/** The server could not be reached, or answered something that is not the console's API. */
function unreachable(status: number): ConsoleApiError {
  return new ConsoleApiError(status, {
    error: 'INTERNAL',
    message: 'The server could not be reached.',
  });
}

let csrfToken: string | null = null;
/** Called whenever the session is read again: state-changing requests carry its token. */
function remember(session: ConsoleSession): ConsoleSession {
  csrfToken = session.signedIn ? session.csrfToken : null;
  return session;
}

/** Listeners told when the server says the session ended (expired, signed out elsewhere). */
const sessionEndedListeners = new Set<() => void>();
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

async function call<S extends z.ZodType>(
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  body?: unknown,
): Promise<z.output<S>> {
  const headers: Record<string, string> = {};
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    if (csrfToken !== null) headers[consoleCsrfHeader] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(`${consoleApiPrefix}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    });
  } catch {
    throw unreachable(0);
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ConsoleErrorBodySchema.safeParse(json);
    if (!parsed.success) throw unreachable(response.status);
    if (parsed.data.error === 'NOT_SIGNED_IN') {
      csrfToken = null;
      for (const listener of sessionEndedListeners) listener();
    }
    throw new ConsoleApiError(response.status, parsed.data);
  }
  return schema.parse(json);
}

export const consoleApi = {
  get: <S extends z.ZodType>(path: string, schema: S) => call('GET', path, schema),
  post: <S extends z.ZodType>(path: string, schema: S, body?: unknown) =>
    call('POST', path, schema, body),
  async session(): Promise<ConsoleSession> {
    return remember(await call('GET', consoleRoutes.session, ConsoleSessionSchema));
  },
  /**
   * A file the server builds on request (a report's PDF): POSTed with the CSRF token like any
   * other request, answered as bytes with the file's name; a refusal as the API's error body.
   */
  async postForFile(path: string, body: unknown): Promise<{ blob: Blob; fileName: string }> {
    let response: Response;
    try {
      response = await fetch(`${consoleApiPrefix}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(csrfToken === null ? {} : { [consoleCsrfHeader]: csrfToken }),
        },
        credentials: 'same-origin',
        body: JSON.stringify(body),
      });
    } catch {
      throw unreachable(0);
    }
    if (!response.ok) {
      const parsed = ConsoleErrorBodySchema.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw unreachable(response.status);
      throw new ConsoleApiError(response.status, parsed.data);
    }
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'report.pdf';
    return { blob: await response.blob(), fileName };
  },
  /** Sign-in, accepting an invitation, signing out: each answers the new session. */
  async openSession(path: string, body: unknown): Promise<ConsoleSession> {
    return remember(await call('POST', path, ConsoleSessionSchema, body));
  },
};
