/** The frame an IPC call came from, as Electron's `event.senderFrame` or the bridge describes it. */
export interface SenderFrame {
  readonly url: string | undefined;
  readonly isTopFrame: boolean;
}

/**
 * S8: only the top frame of our own origin may call main. An iframe, a navigated-away page or a
 * frame whose URL cannot be parsed is refused, whatever procedure it asks for.
 *
 * Origins are compared by parsing, never by string prefix: `app://app.evil` must not pass as
 * `app://app`. For non-special schemes such as `app:` the WHATWG URL parser reports origin "null",
 * so the origin is rebuilt from protocol and host.
 */
export function isTrustedSender(frame: SenderFrame, trustedOrigins: readonly string[]): boolean {
  if (!frame.isTopFrame || frame.url === undefined) return false;
  const origin = parseOrigin(frame.url);
  return origin !== null && trustedOrigins.includes(origin);
}

export function parseOrigin(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}
