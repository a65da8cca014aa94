import { useCallback } from 'react';
import { TeamListSchema, teamsPeopleRoutes } from '../../../shared/console/teams-people-api.ts';
import { consoleApi } from '../api-client.ts';
import { useLoad } from './use-load.ts';

/**
 * The teams a page offers to choose among (enrolling into a team, a report for a team's scope),
 * from the teams page's own list; none while loading or when `wanted` is false (a role that does
 * not use the choice asks nothing).
 */
export function useTeams(wanted = true) {
  const load = useCallback(
    async () =>
      wanted ? (await consoleApi.get(teamsPeopleRoutes.teams, TeamListSchema)).teams : [],
    [wanted],
  );
  const { data, error } = useLoad(load);
  return { teams: data ?? [], error };
}
