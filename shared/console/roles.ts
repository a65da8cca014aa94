import { z } from 'zod';

/**
 * Who may do what in the web console. Checked by the server on every console API route (the
 * console's screens only hide what a role cannot use; hiding is not the check).
 *
 * - administrator: everything, and the only role that invites people, changes roles, disables
 *   accounts, enrolls and revokes laptops and reads the console's audit log.
 * - reviewer: reads the data (overview, records, reports, devices, conflicts), reviews records and
 *   marks conflicts and rejected changes resolved.
 * - viewer: reads the data; changes nothing.
 */
export const consoleRoles = ['administrator', 'reviewer', 'viewer'] as const;
export const ConsoleRoleSchema = z.enum(consoleRoles);
export type ConsoleRole = z.infer<typeof ConsoleRoleSchema>;

export const consolePermissions = [
  /** Invite people, change their role, disable or enable their account. */
  'accounts.manage',
  /** See the enrolled laptops, their last contact and version. */
  'devices.view',
  /** Issue enrollment codes, revoke laptops. */
  'devices.manage',
  /** See conflicts and rejected changes. */
  'conflicts.view',
  /** Mark a conflict or a rejected change resolved. */
  'conflicts.resolve',
  /** Read the console's own audit log. */
  'audit.view',
  /** Read records, dashboards and reports. */
  'data.view',
  /** Mark final records approved, has issues or rejected. */
  'records.review',
] as const;
export const ConsolePermissionSchema = z.enum(consolePermissions);
export type ConsolePermission = z.infer<typeof ConsolePermissionSchema>;

const grants: Record<ConsoleRole, readonly ConsolePermission[]> = {
  administrator: consolePermissions,
  reviewer: ['devices.view', 'conflicts.view', 'conflicts.resolve', 'data.view', 'records.review'],
  viewer: ['data.view'],
};

export function roleMay(role: ConsoleRole, permission: ConsolePermission): boolean {
  return grants[role].includes(permission);
}

export function permissionsOf(role: ConsoleRole): ConsolePermission[] {
  return [...grants[role]];
}
