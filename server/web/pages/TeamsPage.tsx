import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  TeamChangeResponseSchema,
  TeamListSchema,
  teamsPeopleRoutes,
  type ConsoleTeam,
  type TeamChangeResponse,
  type TeamScopeRequest,
} from '../../../shared/console/teams-people-api.ts';
import { consoleApi } from '../api-client.ts';
import { useMay } from '../app/session-context.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { timeText } from '../parts/time-text.ts';
import { useLoad } from '../parts/use-load.ts';
import { useSubmit } from '../parts/use-submit.ts';

/** Country codes as typed: "RS, ME" or "rs me". */
function codesOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

/**
 * Organisations and their teams, each with the jurisdictions and sites (places) it covers and its
 * laptops. Administrators create a team and change what it covers: its laptops receive the
 * records that enter and lose those that leave at their next sync.
 */
export function TeamsPage() {
  const { t } = useTranslation();
  const id = useId();
  const mayManage = useMay('accounts.manage');
  const load = useCallback(() => consoleApi.get(teamsPeopleRoutes.teams, TeamListSchema), []);
  const { data, error, reload } = useLoad(load);
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [national, setNational] = useState(false);
  const [jurisdictions, setJurisdictions] = useState('');
  const [site, setSite] = useState('');
  const [change, setChange] = useState<TeamChangeResponse | null>(null);
  const create = useSubmit();
  const scope = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run(async () => {
      setChange(
        await consoleApi.post(teamsPeopleRoutes.createTeam, TeamChangeResponseSchema, {
          name,
          organisation,
          national,
          jurisdictions: codesOf(jurisdictions),
          sites: site === '' ? [] : [site],
        }),
      );
      setName('');
      setJurisdictions('');
      setSite('');
      setNational(false);
      reload();
    });
  };
  const changeScope = (team: ConsoleTeam, request: TeamScopeRequest) =>
    void scope.run(async () => {
      setChange(
        await consoleApi.post(
          teamsPeopleRoutes.teamScope(team.id),
          TeamChangeResponseSchema,
          request,
        ),
      );
      reload();
    });
  const organisations = [...new Set((data?.teams ?? []).map((team) => team.organisation))];

  return (
    <>
      <h1>{t('teams.title')}</h1>
      <p>{t('teams.intro')}</p>
      {change !== null && (
        <p className="notice" role="status">
          {t('teams.changed', {
            name: change.team.name,
            entered: change.entered,
            left: change.left,
          })}
        </p>
      )}
      <ErrorNotice error={error ?? scope.error} />
      {mayManage && (
        <section className="card console-section" aria-labelledby={`${id}-create`}>
          <h2 id={`${id}-create`}>{t('teams.createTitle')}</h2>
          <ErrorNotice error={create.error} />
          <form className="console-inline-form" onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor={`${id}-name`}>{t('teams.name')}</label>
              <input
                id={`${id}-name`}
                type="text"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-org`}>{t('teams.organisation')}</label>
              <input
                id={`${id}-org`}
                type="text"
                list={`${id}-orgs`}
                value={organisation}
                onChange={(e) => setOrganisation(e.target.value)}
              />
              <datalist id={`${id}-orgs`}>
                {organisations.map((known) => (
                  <option key={known} value={known} />
                ))}
              </datalist>
            </div>
            <div className="field">
              <label htmlFor={`${id}-jur`}>{t('teams.jurisdictions')}</label>
              <input
                id={`${id}-jur`}
                type="text"
                value={jurisdictions}
                onChange={(e) => setJurisdictions(e.target.value)}
                aria-describedby={`${id}-jur-hint`}
              />
              <p className="field__hint" id={`${id}-jur-hint`}>
                {t('teams.jurisdictionsHint')}
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-site`}>{t('teams.site')}</label>
              <select id={`${id}-site`} value={site} onChange={(e) => setSite(e.target.value)}>
                <option value="">{t('teams.noSite')}</option>
                {(data?.places ?? []).map((place) => (
                  <option key={place.id} value={place.id}>
                    {place.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field field--check">
              <input
                id={`${id}-national`}
                type="checkbox"
                checked={national}
                onChange={(e) => setNational(e.target.checked)}
              />
              <label htmlFor={`${id}-national`}>{t('teams.national')}</label>
            </div>
            <button type="submit" className="button button--primary" disabled={create.busy}>
              {t('teams.create')}
            </button>
          </form>
        </section>
      )}
      {data !== null && data.teams.length === 0 && <p>{t('teams.none')}</p>}
      {(data?.teams ?? []).map((team) => (
        <TeamCard
          key={team.id}
          team={team}
          places={data?.places ?? []}
          mayManage={mayManage}
          busy={scope.busy}
          onChange={(request) => changeScope(team, request)}
        />
      ))}
    </>
  );
}

function TeamCard({
  team,
  places,
  mayManage,
  busy,
  onChange,
}: {
  team: ConsoleTeam;
  places: ReadonlyArray<{ id: string; name: string }>;
  mayManage: boolean;
  busy: boolean;
  onChange: (request: TeamScopeRequest) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [code, setCode] = useState('');
  const [site, setSite] = useState('');
  const when = (iso: string | null) => timeText(i18n.language, iso, t('teams.never'));
  const otherPlaces = places.filter((place) => !team.sites.some((held) => held.id === place.id));
  return (
    <section className="card console-section" aria-labelledby={`${id}-name`} data-testid="team">
      <h2 id={`${id}-name`}>{team.name}</h2>
      <dl className="facts">
        <dt>{t('teams.organisation')}</dt>
        <dd>{team.organisation}</dd>
        <dt>{t('teams.covers')}</dt>
        <dd>{team.national ? t('teams.nationalScope') : t('teams.ownScope')}</dd>
        <dt>{t('teams.jurisdictions')}</dt>
        <dd>
          {team.jurisdictions.length === 0 && t('teams.noneYet')}
          <ul className="console-chips">
            {team.jurisdictions.map((code) => (
              <li key={code}>
                {code}
                {mayManage && (
                  <button
                    type="button"
                    className="console-chip-remove"
                    disabled={busy}
                    aria-label={t('teams.removeNamed', { name: code })}
                    onClick={() => onChange({ removeJurisdictions: [code] })}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('teams.sites')}</dt>
        <dd>
          {team.sites.length === 0 && t('teams.noneYet')}
          <ul className="console-chips">
            {team.sites.map((held) => (
              <li key={held.id}>
                {held.name ?? t('teams.placeNotSynced', { id: held.id })}
                {mayManage && (
                  <button
                    type="button"
                    className="console-chip-remove"
                    disabled={busy}
                    aria-label={t('teams.removeNamed', { name: held.name ?? held.id })}
                    onClick={() => onChange({ removeSites: [held.id] })}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {mayManage && !team.national && (
        <div className="console-inline-form">
          <div className="field">
            <label htmlFor={`${id}-code`}>{t('teams.addJurisdiction')}</label>
            <input
              id={`${id}-code`}
              type="text"
              value={code}
              size={6}
              onChange={(e) => setCode(e.target.value)}
            />
          </div>
          <button
            type="button"
            className="button"
            disabled={busy || code.trim() === ''}
            onClick={() => {
              onChange({ addJurisdictions: codesOf(code) });
              setCode('');
            }}
          >
            {t('teams.add')}
          </button>
          <div className="field">
            <label htmlFor={`${id}-site`}>{t('teams.addSite')}</label>
            <select id={`${id}-site`} value={site} onChange={(e) => setSite(e.target.value)}>
              <option value="">{t('teams.choosePlace')}</option>
              {otherPlaces.map((place) => (
                <option key={place.id} value={place.id}>
                  {place.name}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button"
            disabled={busy || site === ''}
            onClick={() => {
              onChange({ addSites: [site] });
              setSite('');
            }}
          >
            {t('teams.add')}
          </button>
        </div>
      )}
      <h3>{t('teams.devices')}</h3>
      {team.devices.length === 0 ? (
        <p>{t('teams.noDevices')}</p>
      ) : (
        <ul>
          {team.devices.map((device) => (
            <li key={device.id}>
              {device.name}:{' '}
              {device.revokedAt === null
                ? t('teams.lastSeen', { time: when(device.lastSeenAt) })
                : t('teams.revoked', { time: when(device.revokedAt) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
