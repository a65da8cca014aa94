import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PeopleListSchema,
  PersonChangeResponseSchema,
  teamsPeopleRoutes,
  type ConsolePerson,
} from '../../../shared/console/teams-people-api.ts';
import { userRoleValues, type UserRole } from '../../../shared/domain/enums.ts';
import { consoleApi } from '../api-client.ts';
import { useMay } from '../app/session-context.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { timeText } from '../parts/time-text.ts';
import { useLoad } from '../parts/use-load.ts';
import { useSubmit } from '../parts/use-submit.ts';

/**
 * The people the laptops reported (people are made on a laptop, which works offline), with their
 * role and where they were seen. Administrators set a role at the centre and deactivate or
 * reactivate a person: the laptops follow at their next sync; what the person recorded stays.
 */
export function PeoplePage() {
  const { t } = useTranslation();
  const mayManage = useMay('accounts.manage');
  const load = useCallback(
    async () => (await consoleApi.get(teamsPeopleRoutes.people, PeopleListSchema)).people,
    [],
  );
  const { data, error, reload } = useLoad(load);
  const change = useSubmit();
  const [said, setSaid] = useState<string | null>(null);

  const post = (path: string, body: unknown, done: (person: ConsolePerson) => string) =>
    void change.run(async () => {
      const answer = await consoleApi.post(path, PersonChangeResponseSchema, body);
      setSaid(
        answer.changed ? done(answer.person) : t('people.unchanged', { name: answer.person.name }),
      );
      reload();
    });

  return (
    <>
      <h1>{t('people.title')}</h1>
      <p>{t('people.intro')}</p>
      <ErrorNotice error={error ?? change.error} />
      {said !== null && (
        <p className="notice" role="status">
          {said}
        </p>
      )}
      {data !== null && data.length === 0 && <p>{t('people.none')}</p>}
      {data !== null && data.length > 0 && (
        <div className="console-table-wrap">
          <table className="console-table" data-testid="people">
            <thead>
              <tr>
                <th scope="col">{t('people.name')}</th>
                <th scope="col">{t('people.role')}</th>
                <th scope="col">{t('people.seenOn')}</th>
                <th scope="col">{t('people.status')}</th>
                {mayManage && <td />}
              </tr>
            </thead>
            <tbody>
              {data.map((person) => (
                <PersonRow
                  key={person.id}
                  person={person}
                  mayManage={mayManage}
                  busy={change.busy}
                  onRole={(role) =>
                    post(teamsPeopleRoutes.personRole(person.id), { role }, (after) =>
                      t('people.roleSet', {
                        name: after.name,
                        role: t(`people.roles.${role}`),
                      }),
                    )
                  }
                  onActive={(active) => {
                    const question = active
                      ? t('people.confirmReactivate', { name: person.name })
                      : t('people.confirmDeactivate', { name: person.name });
                    if (!window.confirm(question)) return;
                    post(teamsPeopleRoutes.personActive(person.id), { active }, (after) =>
                      t(active ? 'people.reactivated' : 'people.deactivated', { name: after.name }),
                    );
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function PersonRow({
  person,
  mayManage,
  busy,
  onRole,
  onActive,
}: {
  person: ConsolePerson;
  mayManage: boolean;
  busy: boolean;
  onRole: (role: UserRole) => void;
  onActive: (active: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [role, setRole] = useState<UserRole | ''>(person.role ?? '');
  const active = person.deactivatedAt === null;
  return (
    <tr>
      <th scope="row">{person.name}</th>
      <td>
        {person.role === null ? t('people.roleUnknown') : t(`people.roles.${person.role}`)}
        {person.roleSetBy !== null && (
          <span className="console-muted"> ({t(`people.setBy.${person.roleSetBy}`)})</span>
        )}
      </td>
      <td className="console-wrap">
        {person.reportedBy === null
          ? t('people.notReported')
          : person.teamName === null
            ? person.reportedBy.name
            : t('people.deviceOfTeam', { device: person.reportedBy.name, team: person.teamName })}
      </td>
      <td>
        {active
          ? t('people.active')
          : t('people.deactivatedAt', { time: timeText(i18n.language, person.deactivatedAt, '') })}
      </td>
      {mayManage && (
        <td>
          <div className="console-inline-form">
            <div className="field">
              <label htmlFor={`${id}-role`} className="visually-hidden">
                {t('people.roleFor', { name: person.name })}
              </label>
              <select
                id={`${id}-role`}
                value={role}
                onChange={(event) => setRole(event.target.value as UserRole)}
              >
                {role === '' && <option value="">{t('people.roleUnknown')}</option>}
                {userRoleValues.map((value) => (
                  <option key={value} value={value}>
                    {t(`people.roles.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="button"
              disabled={
                busy || role === '' || (role === person.role && person.roleSetBy === 'centre')
              }
              onClick={() => role !== '' && onRole(role)}
            >
              {t('people.setRole')}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => onActive(!active)}
            >
              {active ? t('people.deactivate') : t('people.reactivate')}
            </button>
          </div>
        </td>
      )}
    </tr>
  );
}
