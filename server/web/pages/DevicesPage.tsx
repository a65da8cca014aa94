import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  consoleRoutes,
  DeviceListSchema,
  EnrollDeviceResponseSchema,
  OkResponseSchema,
  type EnrollDeviceRequest,
  type ConsoleDevice,
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

/** How often the list is asked for while an enrollment code waits on screen. */
const enrollmentPollMs = 3_000;

/**
 * A code on screen, with the devices listed when it was made: null while the list has not been
 * read (it failed to load), then the first list read after it.
 */
interface IssuedCode extends EnrollDeviceResponse {
  readonly listedBefore: ReadonlySet<string> | null;
}

/**
 * The laptop that used the code: a device listed since the code was made, under the code's name
 * (the server names the device by the code). Never an older laptop of the same name: nothing
 * until the page knows what was listed before.
 */
function enrolledWith(issued: IssuedCode, devices: readonly ConsoleDevice[] | null) {
  const before = issued.listedBefore;
  if (before === null) return undefined;
  return devices?.find((device) => device.name === issued.deviceName && !before.has(device.id));
}

const idsOf = (devices: readonly ConsoleDevice[]) => new Set(devices.map((device) => device.id));

/**
 * Keeps the device list current without a reload. The console has no channel on which the server
 * could tell a browser that a laptop enrolled (the server's event streams are the laptops'), so
 * the page asks again:
 * - every few seconds while a code it made waits on screen, until a laptop used it or it expired:
 *   the administrator is watching for that laptop, often beside it, and a code lives minutes, so
 *   this polling is short and ends by itself (a hidden tab skips its rounds);
 * - whenever the window gets the focus back, for a laptop enrolled meanwhile with a code made
 *   elsewhere (the command line's `enroll`, another tab) and for revocations made elsewhere.
 */
function useFreshDevices(reload: () => void, waitingUntil: string | null) {
  useEffect(() => {
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [reload]);
  useEffect(() => {
    if (waitingUntil === null) return;
    const left = Date.parse(waitingUntil) - Date.now();
    if (!(left > 0)) return;
    const poll = window.setInterval(() => {
      if (!document.hidden) reload();
    }, enrollmentPollMs);
    // One last look just after it expired: a laptop may have used it in its final seconds.
    const expired = window.setTimeout(() => {
      window.clearInterval(poll);
      reload();
    }, left + enrollmentPollMs);
    return () => {
      window.clearInterval(poll);
      window.clearTimeout(expired);
    };
  }, [reload, waitingUntil]);
}

/**
 * Enrolled laptops with their team and last contact, and (administrators) enrolling one into a
 * team with a code and a QR code, and revoking one. No team chosen: the server puts the laptop in
 * the default national team, as the command line's `enroll` does. Once a laptop used the code on
 * screen, the page says so and lists it (useFreshDevices).
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
  const [issued, setIssued] = useState<IssuedCode | null>(null);
  const enroll = useSubmit();
  const revoke = useSubmit();
  const when = (iso: string | null) => timeText(i18n.language, iso, t('devices.never'));
  const enrolled = issued === null ? undefined : enrolledWith(issued, data);
  if (issued !== null && issued.listedBefore === null && data !== null) {
    // Set while rendering (React's pattern for state that follows other state): the list the
    // code was made beside had not loaded.
    setIssued({ ...issued, listedBefore: idsOf(data) });
  }
  useFreshDevices(reload, issued !== null && enrolled === undefined ? issued.expiresAt : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void enroll.run(async () => {
      const request: EnrollDeviceRequest = { name, ...(teamId === '' ? {} : { teamId }) };
      const response = await consoleApi.post(
        consoleRoutes.enrollDevice,
        EnrollDeviceResponseSchema,
        request,
      );
      setIssued({ ...response, listedBefore: data === null ? null : idsOf(data) });
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
          {/* One live region, there before its words change: the code, then (it works once) what
              it enrolled in its place. */}
          <div role="status">
            {enrolled !== undefined && <p>{t('devices.codeUsed', { name: enrolled.name })}</p>}
            {issued !== null && enrolled === undefined && (
              <div className="console-enrolled">
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
          </div>
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
