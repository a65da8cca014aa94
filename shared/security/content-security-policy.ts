/**
 * S3: the one Content Security Policy of every browser page we ship: the laptop's renderer (sent
 * as a header by app:// and the preview, written into index.html's <meta> by its build) and the
 * server's web console (header from the server, <meta> from its build). No 'unsafe-eval' (zod
 * runs jitless) and no 'unsafe-inline'; connect-src 'self': the renderer only talks to its own
 * origin, and the console only to the server that served it. img-src adds blob: (beyond the
 * checklist's `'self' data:`) so a photo of a weapon can be previewed from an in-memory object URL
 * before it is saved, without writing it anywhere in clear.
 */
const directives = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = directives.join('; ');

/**
 * The <meta> form. Browsers ignore frame-ancestors in a meta tag (and log an error for it), so it
 * lives only in the header; everything else is identical.
 */
export const CONTENT_SECURITY_POLICY_META = directives
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
