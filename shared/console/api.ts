import { z } from 'zod';
import { maxPassphraseLength } from '../domain/people.ts';
import { RejectReasonSchema } from '../sync/protocol.ts';
import { LanguageSchema } from '../settings/settings.ts';
import { ConsolePermissionSchema, ConsoleRoleSchema } from './roles.ts';

/**
 * The web console's JSON API (served under /console/api by the sync server), defined once for the
 * server's routes and the console's client. Every state-changing request carries the session's
 * CSRF token in `consoleCsrfHeader` and comes from the console's own origin.
 */
export const consoleApiPrefix = '/console/api';
export const consoleCsrfHeader = 'x-salw-csrf';

export const consoleRoutes = {
  session: '/session',
  signIn: '/session/sign-in',
  signOut: '/session/sign-out',
  acceptInvitation: '/invitations/accept',
  requestPasswordReset: '/password-reset/request',
  completePasswordReset: '/password-reset/complete',
  accounts: '/accounts',
  invite: '/accounts/invite',
  accountRole: (id: string) => `/accounts/${encodeURIComponent(id)}/role`,
  accountDisabled: (id: string) => `/accounts/${encodeURIComponent(id)}/disabled`,
  devices: '/devices',
  enrollDevice: '/devices/enroll',
  revokeDevice: (id: string) => `/devices/${encodeURIComponent(id)}/revoke`,
  conflicts: '/conflicts',
  resolveConflict: (id: string) => `/conflicts/${encodeURIComponent(id)}/resolve`,
  resolveRejected: (deviceId: string, mutationId: number) =>
    `/rejected/${encodeURIComponent(deviceId)}/${String(mutationId)}/resolve`,
  audit: '/audit',
} as const;

const IsoTimeSchema = z.iso.datetime({ offset: true });
const IdSchema = z.string().min(1).max(100);

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: 'emailInvalid' }));

/** Invitation and reset codes: XXXX-XXXX-XXXX as mailed; spaces, dashes and case forgiven. */
export const ConsoleCodeSchema = z
  .string()
  .max(40)
  .transform((text) => text.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-Z2-7]{12}$/, { error: 'codeMalformed' }));

/** Checked for strength by the server (passphraseProblems), so every lack is listed at once. */
const PasswordSchema = z.string().min(1).max(maxPassphraseLength);

export const ConsoleAccountSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ConsoleRoleSchema,
});
export type ConsoleAccount = z.infer<typeof ConsoleAccountSchema>;

export const ConsoleSessionSchema = z.discriminatedUnion('signedIn', [
  z.object({ signedIn: z.literal(false) }),
  z.object({
    signedIn: z.literal(true),
    account: ConsoleAccountSchema,
    permissions: z.array(ConsolePermissionSchema),
    /** Sent back in `consoleCsrfHeader` with every state-changing request of this session. */
    csrfToken: z.string(),
    expiresAt: IsoTimeSchema,
  }),
]);
export type ConsoleSession = z.infer<typeof ConsoleSessionSchema>;

export const SignInRequestSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
});

export const AcceptInvitationRequestSchema = z.object({
  code: ConsoleCodeSchema,
  name: z.string().trim().min(1, { error: 'nameRequired' }).max(120),
  password: PasswordSchema,
});

/** The language the mail is written in: the page's that asks (English when none is named). */
const MailLanguageSchema = LanguageSchema.optional();

export const RequestPasswordResetSchema = z.object({
  email: EmailSchema,
  language: MailLanguageSchema,
});
export const CompletePasswordResetSchema = z.object({
  code: ConsoleCodeSchema,
  password: PasswordSchema,
});

export const OkResponseSchema = z.object({ ok: z.literal(true) });

/** `name` is empty while the invitation is not accepted yet. */
export const AccountListEntrySchema = ConsoleAccountSchema.extend({
  status: z.enum(['invited', 'active', 'disabled']),
  invitedAt: IsoTimeSchema,
  lastSignInAt: IsoTimeSchema.nullable(),
});
export type AccountListEntry = z.infer<typeof AccountListEntrySchema>;
export const AccountListSchema = z.object({ accounts: z.array(AccountListEntrySchema) });

export const InviteRequestSchema = z.object({
  email: EmailSchema,
  role: ConsoleRoleSchema,
  language: MailLanguageSchema,
});
export const InviteResponseSchema = z.object({
  email: z.string(),
  role: ConsoleRoleSchema,
  expiresAt: IsoTimeSchema,
  /** True when an SMTP server took the mail; false when the code went to the server's log. */
  mailed: z.boolean(),
});
export type InviteResponse = z.infer<typeof InviteResponseSchema>;

export const ChangeRoleRequestSchema = z.object({ role: ConsoleRoleSchema });
export const SetDisabledRequestSchema = z.object({ disabled: z.boolean() });

export const ConsoleDeviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: IsoTimeSchema,
  revokedAt: IsoTimeSchema.nullable(),
  /** The last push or pull. */
  lastSeenAt: IsoTimeSchema.nullable(),
  /** The last push the server stored. */
  lastSyncAt: IsoTimeSchema.nullable(),
  appVersion: z.string().nullable(),
  /** The team it enrolled into: its scope decides what the laptop pulls. */
  team: z.object({ id: z.string(), name: z.string() }),
});
export type ConsoleDevice = z.infer<typeof ConsoleDeviceSchema>;
export const DeviceListSchema = z.object({ devices: z.array(ConsoleDeviceSchema) });

export const EnrollDeviceRequestSchema = z.object({
  name: z.string().trim().min(1, { error: 'nameRequired' }).max(200),
  /**
   * The team the laptop joins (teamsPeopleRoutes.teams lists them). Absent: the default national
   * team, as the command line's `enroll` without `--team` does.
   */
  teamId: z.uuid().optional(),
});
export type EnrollDeviceRequest = z.input<typeof EnrollDeviceRequestSchema>;
export const EnrollDeviceResponseSchema = z.object({
  code: z.string(),
  deviceName: z.string(),
  expiresAt: IsoTimeSchema,
  team: z.object({ id: z.string(), name: z.string() }),
  /** No team was chosen: the laptop goes into the default national team. */
  defaultTeam: z.boolean(),
  /** The address a laptop enrolls with (the one the console was opened at). */
  serverUrl: z.string(),
  /** What the QR code holds (enrollmentQrText). */
  qrText: z.string(),
  /** The QR code's modules, row by row ('1' dark, '0' light): drawn as SVG, no image needed. */
  qrRows: z.array(z.string()),
});
export type EnrollDeviceResponse = z.infer<typeof EnrollDeviceResponseSchema>;

export const ConflictEntrySchema = z.object({
  id: z.string(),
  recordId: z.string(),
  deviceId: z.string(),
  deviceName: z.string().nullable(),
  field: z.string(),
  deviceValue: z.unknown(),
  serverValue: z.unknown(),
  kind: z.string(),
  createdAt: IsoTimeSchema,
  resolvedAt: IsoTimeSchema.nullable(),
});
export type ConflictEntry = z.infer<typeof ConflictEntrySchema>;

export const RejectedEntrySchema = z.object({
  deviceId: z.string(),
  deviceName: z.string().nullable(),
  mutationId: z.number().int(),
  reason: RejectReasonSchema.nullable(),
  message: z.string().nullable(),
  /** The record the change was for, when the server holds it. */
  recordId: z.string().nullable(),
  resolvedAt: IsoTimeSchema.nullable(),
});
export type RejectedEntry = z.infer<typeof RejectedEntrySchema>;

export const ConflictsQuerySchema = z.object({
  show: z.enum(['open', 'all']).default('open'),
});
export const ConflictListSchema = z.object({
  conflicts: z.array(ConflictEntrySchema),
  rejected: z.array(RejectedEntrySchema),
});

export const consoleAuditActions = [
  'account.invited',
  'account.invitation_accepted',
  'account.signed_in',
  'account.sign_in_failed',
  'account.signed_out',
  'account.role_changed',
  'account.disabled',
  'account.enabled',
  'account.password_reset_requested',
  'account.password_reset',
  'device.enrollment_code_issued',
  'device.revoked',
  'conflict.resolved',
  'rejected_change.resolved',
  'export.created',
  'record.reviewed',
  'team.created',
  'team.scope_changed',
  'person.role_changed',
  'person.deactivated',
  'person.reactivated',
] as const;
export const ConsoleAuditActionSchema = z.enum(consoleAuditActions);
export type ConsoleAuditAction = z.infer<typeof ConsoleAuditActionSchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: IsoTimeSchema,
  /** Who did it: an account's e-mail; null for the command line or someone not signed in. */
  actor: z.string().nullable(),
  /** Done by `npm run server -- <command>` on the server itself. */
  byCommandLine: z.boolean(),
  action: ConsoleAuditActionSchema,
  /** What it was done to: an e-mail, a device name, a conflict id, a record's id. */
  target: z.string().nullable(),
  /** A reviewed record's number, read when the log is listed (the page names it by it). */
  recordNumber: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  address: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export const AuditQuerySchema = z.object({
  /** Entries older than this id (the next page). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const AuditListSchema = z.object({ entries: z.array(AuditEntrySchema) });

export const IdParamSchema = z.object({ id: IdSchema });
export const RejectedParamSchema = z.object({
  deviceId: IdSchema,
  mutationId: z.coerce.number().int().positive(),
});

/**
 * What an enrollment QR code holds: the server's address and the one-time code, in one URI a
 * laptop's scanner can take apart (parseEnrollmentQrText).
 */
export function enrollmentQrText(serverUrl: string, code: string): string {
  return `salwfield://enroll?server=${encodeURIComponent(serverUrl)}&code=${encodeURIComponent(code)}`;
}

export function parseEnrollmentQrText(text: string): { serverUrl: string; code: string } | null {
  const match = /^salwfield:\/\/enroll\?server=([^&]+)&code=([^&]+)$/.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) return null;
  try {
    return { serverUrl: decodeURIComponent(match[1]), code: decodeURIComponent(match[2]) };
  } catch {
    return null;
  }
}
