import { z } from 'zod';
import { JurisdictionSchema } from '../../shared/domain/country-code.ts';
import { UserRoleSchema } from '../../shared/domain/enums.ts';
import { EmailSchema, InviteResponseSchema } from '../../shared/console/api.ts';
import { ConsoleRoleSchema } from '../../shared/console/roles.ts';
import { LanguageSchema } from '../../shared/settings/settings.ts';

/**
 * The running server's admin endpoint (admin-endpoint.ts): what `npm run server -- <command>`
 * sends while a server runs, so that the command takes effect in that server at once and never
 * opens the data directory it holds. Loopback only, with a token from a file only the server's
 * user can read. Defined once here for the endpoint and the command line.
 */
export const adminRoutes = {
  enroll: '/admin/v1/enroll',
  revoke: '/admin/v1/revoke',
  devices: '/admin/v1/devices',
  newEpoch: '/admin/v1/new-epoch',
  backup: '/admin/v1/backup',
  teams: '/admin/v1/teams',
  teamCreate: '/admin/v1/teams/create',
  teamScope: '/admin/v1/teams/scope',
  people: '/admin/v1/people',
  personRole: '/admin/v1/people/role',
  personDeactivate: '/admin/v1/people/deactivate',
  personReactivate: '/admin/v1/people/reactivate',
  personChanges: '/admin/v1/people/changes',
  invite: '/admin/v1/console-invite',
} as const;

const IsoTimeSchema = z.iso.datetime({ offset: true });

/** A team, organisation or site as the administrator names it (or a team's id). */
const NameSchema = z.string().trim().min(1).max(200);

export const AdminEnrollRequestSchema = z.object({
  name: z.string().trim().min(1, 'A device name is required.').max(200),
  /** The team's name or id; absent: the national team made by migration 100. */
  team: NameSchema.optional(),
});
export type AdminEnrollRequest = z.infer<typeof AdminEnrollRequestSchema>;

export const AdminEnrollResponseSchema = z.object({
  /** Grouped for reading aloud: XXXX-XXXX-XXXX. Shown once; the server keeps only its hash. */
  code: z.string(),
  deviceName: z.string(),
  expiresAt: IsoTimeSchema,
  team: z.object({ id: z.string(), name: z.string() }),
  /** No team was named: the laptop goes into the default national team. */
  defaultTeam: z.boolean(),
});

/** A jurisdiction as typed: a country code in any case ("rs", "XK"). */
const JurisdictionInputSchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .pipe(JurisdictionSchema);

export const TeamSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string(),
  national: z.boolean(),
  jurisdictions: z.array(z.string()),
  /** Each site's location id, with the place's name when the server holds that place. */
  sites: z.array(z.object({ id: z.string(), name: z.string().nullable() })),
  devices: z.number().int().min(0),
});
export type TeamSummary = z.infer<typeof TeamSummarySchema>;

export const AdminTeamsResponseSchema = z.object({ teams: z.array(TeamSummarySchema) });
export type AdminTeamsResponse = z.infer<typeof AdminTeamsResponseSchema>;

export const AdminTeamCreateRequestSchema = z.object({
  name: NameSchema,
  organisation: NameSchema,
  national: z.boolean().default(false),
  jurisdictions: z.array(JurisdictionInputSchema).max(300).default([]),
  /** Location ids or exact place names. */
  sites: z.array(NameSchema).max(1000).default([]),
});
export type AdminTeamCreateRequest = z.input<typeof AdminTeamCreateRequestSchema>;

export const AdminTeamScopeRequestSchema = z.object({
  /** The team's name or id. */
  team: NameSchema,
  addJurisdictions: z.array(JurisdictionInputSchema).max(300).default([]),
  removeJurisdictions: z.array(JurisdictionInputSchema).max(300).default([]),
  addSites: z.array(NameSchema).max(1000).default([]),
  removeSites: z.array(NameSchema).max(1000).default([]),
});
export type AdminTeamScopeRequest = z.input<typeof AdminTeamScopeRequestSchema>;

export const AdminTeamChangeResponseSchema = z.object({
  team: TeamSummarySchema,
  /** Records that entered and left the team's view: its laptops get them at their next pull. */
  entered: z.number().int().min(0),
  left: z.number().int().min(0),
});
export type AdminTeamChangeResponse = z.infer<typeof AdminTeamChangeResponseSchema>;
export type AdminEnrollResponse = z.infer<typeof AdminEnrollResponseSchema>;

export const AdminRevokeRequestSchema = z.object({ target: z.string().trim().min(1).max(200) });

export const AdminRevokeResponseSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('revoked'),
    device: z.object({ id: z.string(), name: z.string() }),
    /** When it had been revoked before this command; null when this command revoked it. */
    alreadyRevokedAt: IsoTimeSchema.nullable(),
    /** Event streams of the laptop that were open and are now ended. */
    streamsEnded: z.number().int().min(0),
  }),
  z.object({ kind: z.literal('not_found') }),
  z.object({ kind: z.literal('ambiguous'), ids: z.array(z.string()) }),
]);
export type AdminRevokeResponse = z.infer<typeof AdminRevokeResponseSchema>;

export const DeviceSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: IsoTimeSchema,
  revokedAt: IsoTimeSchema.nullable(),
  lastSeenAt: IsoTimeSchema.nullable(),
  lastMutationId: z.number().int().min(0),
  appVersion: z.string().nullable(),
  team: z.object({ id: z.string(), name: z.string() }),
});
export type DeviceSummary = z.infer<typeof DeviceSummarySchema>;

export const AdminDevicesResponseSchema = z.object({ devices: z.array(DeviceSummarySchema) });
export type AdminDevicesResponse = z.infer<typeof AdminDevicesResponseSchema>;

export const AdminNewEpochResponseSchema = z.object({ epoch: z.string() });
export type AdminNewEpochResponse = z.infer<typeof AdminNewEpochResponseSchema>;

export const AdminBackupRequestSchema = z.object({
  /** Absolute: the command resolves it against its own working directory before sending. */
  file: z
    .string()
    .min(1)
    .max(4096)
    .refine(
      (file) => file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file),
      'An absolute path is required.',
    ),
});

export const AdminBackupResponseSchema = z.object({
  file: z.string(),
  bytes: z.number().int().min(0),
  schemaVersion: z.number().int().min(0),
  serverEpoch: z.string(),
  takenAt: IsoTimeSchema,
  tables: z.array(z.object({ name: z.string(), rows: z.number().int().min(0) })),
  photos: z.number().int().min(0),
});
export type AdminBackupResponse = z.infer<typeof AdminBackupResponseSchema>;
/** A person as the centre knows them: the role that counts, and who set it. */
export const PersonSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The centre's role when it set one, else the laptop's; null for an author never reported. */
  role: UserRoleSchema.nullable(),
  roleSetBy: z.enum(['centre', 'laptop']).nullable(),
  /** The role the laptop last reported (the centre's wins when both are set). */
  laptopRole: UserRoleSchema.nullable(),
  deactivatedAt: IsoTimeSchema.nullable(),
  /** When the laptop made them (null: known only as the author of a change). */
  createdAt: IsoTimeSchema.nullable(),
  reportedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  reportedAt: IsoTimeSchema.nullable(),
  /** The centre's last decision about them. */
  decidedAt: IsoTimeSchema.nullable(),
});
export type PersonSummary = z.infer<typeof PersonSummarySchema>;

export const AdminPeopleResponseSchema = z.object({ people: z.array(PersonSummarySchema) });
export type AdminPeopleResponse = z.infer<typeof AdminPeopleResponseSchema>;

/** A person by id or by exact name (refused as ambiguous when several share it). */
const PersonTargetSchema = z.string().trim().min(1, 'A person id or name is required.').max(200);

export const AdminPersonRoleRequestSchema = z.object({
  target: PersonTargetSchema,
  role: UserRoleSchema,
});
export const AdminPersonTargetRequestSchema = z.object({ target: PersonTargetSchema });

export const AdminPersonDecisionResponseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('changed'), person: PersonSummarySchema }),
  z.object({ kind: z.literal('unchanged'), person: PersonSummarySchema }),
  z.object({ kind: z.literal('not_found') }),
  z.object({ kind: z.literal('ambiguous'), ids: z.array(z.string()) }),
]);
export type AdminPersonDecisionResponse = z.infer<typeof AdminPersonDecisionResponseSchema>;

/** One decision of the centre about a person, as kept for the audit. */
export const PersonChangeSummarySchema = z.object({
  id: z.number().int(),
  person: z.object({ id: z.string(), name: z.string() }),
  change: z.enum(['role', 'deactivated', 'reactivated']),
  roleBefore: UserRoleSchema.nullable(),
  roleAfter: UserRoleSchema.nullable(),
  /** Who decided: "command line", or the console's account. */
  changedBy: z.string(),
  changedAt: IsoTimeSchema,
});
export type PersonChangeSummary = z.infer<typeof PersonChangeSummarySchema>;

export const AdminPersonChangesResponseSchema = z.object({
  changes: z.array(PersonChangeSummarySchema),
});
export type AdminPersonChangesResponse = z.infer<typeof AdminPersonChangesResponseSchema>;

/** What the running server writes to `<data dir>/admin-endpoint.json` (mode 0600). */
export const AdminEndpointFileSchema = z.object({
  url: z.url({ protocol: /^http$/ }),
  token: z.string().min(32),
  pid: z.number().int().positive(),
});
export type AdminEndpointFile = z.infer<typeof AdminEndpointFileSchema>;

export const adminEndpointFileName = 'admin-endpoint.json';

/** `invite <email> --role <role>`: a console account, its code mailed (or logged). */
export const AdminInviteRequestSchema = z.object({
  email: EmailSchema,
  role: ConsoleRoleSchema,
  language: LanguageSchema.optional(),
});
export const AdminInviteResponseSchema = InviteResponseSchema;
export type AdminInviteResponse = z.infer<typeof AdminInviteResponseSchema>;
