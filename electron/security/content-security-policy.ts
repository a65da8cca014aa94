/**
 * S3: the one Content Security Policy of the renderer. protocol.ts and the preview host send it as a
 * header, and the renderer build writes the same string into index.html's <meta>. No 'unsafe-eval'
 * (zod runs jitless in the renderer) and no 'unsafe-inline'; connect-src 'self' is enough because
 * sync runs in main and the renderer only ever sees its status. img-src adds blob: (beyond the
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
