import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  consoleRoutes,
  DeviceListSchema,
  EnrollDeviceResponseSchema,
  OkResponseSchema,
  type EnrollDeviceRequest,
  type EnrollDeviceResponse,
} from '../../../shared/console/api.ts';
import { consoleApi } from '../api-client.ts';
import { useMay } from '../app/session-context.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { QrCodeSvg } from '../parts/QrCodeSvg.tsx';
import { TeamOptions } from '../parts/TeamOptions.tsx';
import { timeText } from '../parts/time-text.ts';
import { useLoad } from '../parts/use-load.ts';
import { useSubmit } from '../parts/use-submit.ts';
import { useTeams } from '../parts/use-teams.ts';

/**
 * Enrolled laptops with their team and last contact, and (administrators) enrolling one into a
 * team with a code and a QR code, and revoking one. No team chosen: the server puts the laptop in
 * the default national team, as the command line's `enroll` does.
 */
export function DevicesPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const mayManage = useMay('devices.manage');
  const load = useCallback(
    async () => (await consoleApi.get(consoleRoutes.devices, DeviceListSchema)).devices,
    [],
  );
  const { data, error, reload } = useLoad(load);
  const teams = useTeams(mayManage);
  const [name, setName] = useState('');
  /** '' is the default national team. */
  const [teamId, setTeamId] = useState('');
  const [issued, setIssued] = useState<EnrollDeviceResponse | null>(null);
  const enroll = useSubmit();
  const revoke = useSubmit();
  const when = (iso: string | null) => timeText(i18n.language, iso, t('devices.never'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void enroll.run(async () => {
      const request: EnrollDeviceRequest = { name, ...(teamId === '' ? {} : { teamId }) };
      setIssued(
        await consoleApi.post(consoleRoutes.enrollDevice, EnrollDeviceResponseSchema, request),
      );
      // The team stays chosen: an administrator often enrolls a team's laptops one after another.
      setName('');
    });
  };

  return (
    <>
      <h1>{t('devices.title')}</h1>
      {mayManage && (
        <section className="card console-section" aria-labelledby={`${id}-enroll`}>
          <h2 id={`${id}-enroll`}>{t('devices.enrollTitle')}</h2>
          <p>{t('devices.enrollIntro')}</p>
          <ErrorNotice error={enroll.error ?? teams.error} />
          <form onSubmit={submit} noValidate>
            {/* Two fields and their hints do not leave the button room beside them: it goes below. */}
            <div className="console-inline-form">
              <div className="field">
                <label htmlFor={`${id}-name`}>{t('devices.name')}</label>
                <input
                  id={`${id}-name`}
                  type="text"
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                  aria-describedby={`${id}-name-hint`}
                />
                <p className="field__hint" id={`${id}-name-hint`}>
                  {t('devices.nameHint')}
                </p>
              </div>
              <div className="field">
                <label htmlFor={`${id}-team`}>{t('devices.team')}</label>
                <select
                  id={`${id}-team`}
                  value={teamId}
                  onChange={(event) => setTeamId(event.target.value)}
                  aria-describedby={`${id}-team-hint`}
                >
                  <option value="">{t('devices.teamDefault')}</option>
                  <TeamOptions teams={teams.teams} />
                </select>
                <p className="field__hint" id={`${id}-team-hint`}>
                  {t('devices.teamHint')}
                </p>
              </div>
            </div>
            <div className="actions">
              <button type="submit" className="button button--primary" disabled={enroll.busy}>
                {t('devices.enroll')}
              </button>
            </div>
          </form>
          {issued !== null && (
            <div className="console-enrolled" role="status">
              <div>
                <h3>{t('devices.code', { name: issued.deviceName })}</h3>
                <p className="console-code" data-testid="enrollment-code">
                  {issued.code}
                </p>
                <dl className="facts">
                  <dt>{t('devices.serverAddress')}</dt>
                  <dd data-testid="enrollment-server">{issued.serverUrl}</dd>
                  <dt>{t('devices.team')}</dt>
                  <dd data-testid="enrollment-team">
                    {issued.defaultTeam
                      ? t('devices.teamIsDefault', { team: issued.team.name })
                      : issued.team.name}
                  </dd>
                </dl>
                <p>{t('devices.expires', { time: when(issued.expiresAt) })}</p>
              </div>
              <QrCodeSvg rows={issued.qrRows} label={t('devices.qrLabel')} />
            </div>
          )}
        </section>
      )}
      <h2>{t('devices.list')}</h2>
      <ErrorNotice error={error ?? revoke.error} />
      {data !== null && data.length === 0 && <p>{t('devices.none')}</p>}
      {data !== null && data.length > 0 && (
        <div className="console-table-wrap">
          <table className="console-table">
            <thead>
              <tr>
                <th scope="col">{t('devices.name')}</th>
                <th scope="col">{t('devices.team')}</th>
                <th scope="col">{t('devices.status')}</th>
                <th scope="col">{t('devices.lastSeen')}</th>
                <th scope="col">{t('devices.lastSync')}</th>
                <th scope="col">{t('devices.appVersion')}</th>
                <th scope="col">{t('devices.enrolled')}</th>
                {mayManage && <td />}
              </tr>
            </thead>
            <tbody>
              {data.map((device) => (
                <tr key={device.id}>
                  <th scope="row">{device.name}</th>
                  <td>{device.team.name}</td>
                  <td>
                    {device.revokedAt === null
                      ? t('devices.active')
                      : t('devices.revoked', { time: when(device.revokedAt) })}
                  </td>
                  <td>{when(device.lastSeenAt)}</td>
                  <td>{when(device.lastSyncAt)}</td>
                  <td>{device.appVersion ?? ''}</td>
                  <td>{when(device.createdAt)}</td>
                  {mayManage && (
                    <td>
                      {device.revokedAt === null && (
                        <button
                          type="button"
                          className="button"
                          disabled={revoke.busy}
                          onClick={() => {
                            if (!window.confirm(t('devices.confirmRevoke', { name: device.name })))
                              return;
                            void revoke.run(async () => {
                              await consoleApi.post(
                                consoleRoutes.revokeDevice(device.id),
                                OkResponseSchema,
                              );
                              reload();
                            });
                          }}
                        >
                          {t('devices.revoke')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
