/**
 * S3: the renderer's Content Security Policy. It lives in shared/security so that the server's web
 * console sends the very same policy; re-exported here for the main-side code that used it first.
 */
export {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
} from '../../shared/security/content-security-policy.ts';
