import type { ComponentType } from 'react';
import type { ConsolePermission } from '../../../shared/console/roles.ts';
import { AccountsPage } from '../pages/AccountsPage.tsx';
import { AuditPage } from '../pages/AuditPage.tsx';
import { ConflictsPage } from '../pages/ConflictsPage.tsx';
import { DevicesPage } from '../pages/DevicesPage.tsx';
import { OverviewPage } from '../pages/OverviewPage.tsx';
import { PeoplePage } from '../pages/PeoplePage.tsx';
import { RecordsArea } from '../pages/RegisterPage.tsx';
import { ReportsPage } from '../pages/ReportsPage.tsx';
import { ReviewPage } from '../pages/ReviewPage.tsx';
import { TeamsPage } from '../pages/TeamsPage.tsx';

/** Keys of the `nav` catalogue section: each page's name in the menu and the window title. */
export type NavKey =
  | 'home'
  | 'records'
  | 'review'
  | 'reports'
  | 'teams'
  | 'people'
  | 'devices'
  | 'conflicts'
  | 'accounts'
  | 'audit';

/**
 * The console's signed-in pages, in menu order: one entry per page, at `#/<path>`. A page is
 * shown and reachable only for roles with its permission (the server checks again on every API
 * call). To add a page: its component under pages/, its `nav.<key>` in both catalogues, a line
 * here. A page reads the rest of the address (`#/<path>/<id>`) with useHashSegments().
 */
export interface ConsolePage {
  readonly path: string;
  readonly navKey: NavKey;
  readonly permission: ConsolePermission | null;
  readonly Component: ComponentType;
}

export const consolePages: readonly ConsolePage[] = [
  // The landing page: the national overview (every role may read the data).
  { path: 'home', navKey: 'home', permission: 'data.view', Component: OverviewPage },
  { path: 'records', navKey: 'records', permission: 'data.view', Component: RecordsArea },
  { path: 'review', navKey: 'review', permission: 'data.view', Component: ReviewPage },
  { path: 'reports', navKey: 'reports', permission: 'data.view', Component: ReportsPage },
  { path: 'teams', navKey: 'teams', permission: 'data.view', Component: TeamsPage },
  { path: 'people', navKey: 'people', permission: 'data.view', Component: PeoplePage },
  { path: 'devices', navKey: 'devices', permission: 'devices.view', Component: DevicesPage },
  {
    path: 'conflicts',
    navKey: 'conflicts',
    permission: 'conflicts.view',
    Component: ConflictsPage,
  },
  { path: 'accounts', navKey: 'accounts', permission: 'accounts.manage', Component: AccountsPage },
  { path: 'audit', navKey: 'audit', permission: 'audit.view', Component: AuditPage },
];

/** The pages a session's permissions allow. */
export function pagesFor(permissions: readonly ConsolePermission[]): ConsolePage[] {
  return consolePages.filter(
    (page) => page.permission === null || permissions.includes(page.permission),
  );
}

/** Routes reachable without a session. */
export const publicPaths = ['sign-in', 'accept', 'reset'] as const;
export type PublicPath = (typeof publicPaths)[number];
