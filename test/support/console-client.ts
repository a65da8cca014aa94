import {
  consoleApiPrefix,
  consoleCsrfHeader,
  consoleRoutes,
  ConsoleSessionSchema,
} from '../../shared/console/api.ts';

export interface ConsoleResponse {
  status: number;
  headers: Headers;
  json: unknown;
}

/**
 * A browser's side of the console API, plainly: it keeps the session cookie and the CSRF token
 * as the console page does, and sends its own Origin (the server's), unless a test says otherwise.
 */
export class ConsoleClient {
  cookie: string | null = null;
  csrfToken: string | null = null;
  readonly baseUrl: string;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  get origin(): string {
    return new URL(this.baseUrl).origin;
  }

  async call(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    options: { origin?: string | null; csrf?: string | null } = {},
  ): Promise<ConsoleResponse> {
    const headers = new Headers();
    if (this.cookie !== null) headers.set('cookie', this.cookie);
    if (method === 'POST') {
      headers.set('content-type', 'application/json');
      const origin = options.origin === undefined ? this.origin : options.origin;
      if (origin !== null) headers.set('origin', origin);
      const csrf = options.csrf === undefined ? this.csrfToken : options.csrf;
      if (csrf !== null) headers.set(consoleCsrfHeader, csrf);
    }
    const response = await fetch(`${this.baseUrl}${consoleApiPrefix}${path}`, {
      method,
      headers,
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    });
    const setCookie = response.headers.getSetCookie()[0];
    if (setCookie !== undefined) {
      const [pair] = setCookie.split(';');
      this.cookie = pair?.endsWith('=') ? null : (pair ?? null);
    }
    const json: unknown = await response.json().catch(() => null);
    const session = ConsoleSessionSchema.safeParse(json);
    if (response.ok && session.success) {
      this.csrfToken = session.data.signedIn ? session.data.csrfToken : null;
    }
    return { status: response.status, headers: response.headers, json };
  }

  signIn(email: string, password: string): Promise<ConsoleResponse> {
    return this.call('POST', consoleRoutes.signIn, { email, password });
  }
}
