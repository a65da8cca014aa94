/**
 * S3: the one Content Security Policy of the renderer. protocol.ts and the preview host send it as a
 * header, and the renderer build writes the same string into index.html's <meta>. No 'unsafe-eval'
 * (zod runs jitless in the renderer) and no 'unsafe-inline'; connect-src 'self' is enough because
 * sync runs in main and the renderer only ever sees its status.
 */
export const CONTENT_SECURITY_POLICY = [
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
].join('; ');
