import type { ConsoleTeam } from '../../../shared/console/teams-people-api.ts';

/**
 * A team select's options, grouped by organisation as the teams page lists them (two
 * organisations may each have a "North" team). The select's own first option (default, or the
 * whole country) is the page's.
 */
export function TeamOptions({ teams }: { teams: readonly ConsoleTeam[] }) {
  const organisations = [...new Set(teams.map((team) => team.organisation))];
  return (
    <>
      {organisations.map((organisation) => (
        <optgroup key={organisation} label={organisation}>
          {teams
            .filter((team) => team.organisation === organisation)
            .map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}
