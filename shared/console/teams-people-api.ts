import { z } from 'zod';
import { JurisdictionSchema } from '../domain/country-code.ts';
import { UserRoleSchema } from '../domain/enums.ts';

/**
 * The console's teams, sites and people pages (issue 17 items 1, 2 and 4): the same operations
 * the server's command line runs (teams, team-create, team-scope, people, person-role,
 * person-deactivate, person-reactivate), for administrators; reviewers and viewers read.
 */
export const teamsPeopleRoutes = {
  teams: '/teams',
  createTeam: '/teams/create',
  teamScope: (id: string) => `/teams/${encodeURIComponent(id)}/scope`,
  people: '/people',
  personRole: (id: string) => `/people/${encodeURIComponent(id)}/role`,
  personActive: (id: string) => `/people/${encodeURIComponent(id)}/active`,
} as const;

const IsoTimeSchema = z.iso.datetime({ offset: true });
const NameSchema = z.string().trim().min(1).max(200);
/** A country code as typed ("rs" is RS). */
const JurisdictionInputSchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .pipe(JurisdictionSchema);

export const ConsoleTeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string(),
  national: z.boolean(),
  jurisdictions: z.array(z.string()),
  /** Sites are places (location records), by name when the server holds the place. */
  sites: z.array(z.object({ id: z.string(), name: z.string().nullable() })),
  devices: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      revokedAt: IsoTimeSchema.nullable(),
      lastSeenAt: IsoTimeSchema.nullable(),
    }),
  ),
});
export type ConsoleTeam = z.infer<typeof ConsoleTeamSchema>;

export const TeamListSchema = z.object({
  teams: z.array(ConsoleTeamSchema),
  /** The places the server holds, for choosing sites. */
  places: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type TeamList = z.infer<typeof TeamListSchema>;

export const CreateTeamRequestSchema = z.object({
  name: NameSchema,
  organisation: NameSchema,
  national: z.boolean().default(false),
  jurisdictions: z.array(JurisdictionInputSchema).max(300).default([]),
  /** Location record ids. */
  sites: z.array(z.uuid()).max(1000).default([]),
});
export type CreateTeamRequest = z.input<typeof CreateTeamRequestSchema>;

export const TeamScopeRequestSchema = z.object({
  addJurisdictions: z.array(JurisdictionInputSchema).max(300).default([]),
  removeJurisdictions: z.array(JurisdictionInputSchema).max(300).default([]),
  addSites: z.array(z.uuid()).max(1000).default([]),
  removeSites: z.array(z.string().min(1).max(100)).max(1000).default([]),
});
export type TeamScopeRequest = z.input<typeof TeamScopeRequestSchema>;

export const TeamChangeResponseSchema = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  /** Records that entered and left the team's scope: its laptops follow at their next sync. */
  entered: z.number().int().min(0),
  left: z.number().int().min(0),
});
export type TeamChangeResponse = z.infer<typeof TeamChangeResponseSchema>;

export const ConsolePersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: UserRoleSchema.nullable(),
  roleSetBy: z.enum(['centre', 'laptop']).nullable(),
  deactivatedAt: IsoTimeSchema.nullable(),
  /** The laptop that last reported them, and its team. */
  reportedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  teamName: z.string().nullable(),
});
export type ConsolePerson = z.infer<typeof ConsolePersonSchema>;

export const PeopleListSchema = z.object({ people: z.array(ConsolePersonSchema) });

export const PersonRoleRequestSchema = z.object({ role: UserRoleSchema });
export const PersonActiveRequestSchema = z.object({ active: z.boolean() });

export const PersonChangeResponseSchema = z.object({
  person: ConsolePersonSchema,
  /** False when the person already was as asked (nothing written). */
  changed: z.boolean(),
});
export type PersonChangeResponse = z.infer<typeof PersonChangeResponseSchema>;
