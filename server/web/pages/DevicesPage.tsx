import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  consoleRoutes,
  DeviceListSchema,
  EnrollDeviceResponseSchema,
  OkResponseSchema,
  type EnrollDeviceResponse,
} from '../../../shared/console/api.ts';
import { consoleApi } from '../api-client.ts';
import { useMay } from '../app/session-context.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { QrCodeSvg } from '../parts/QrCodeSvg.tsx';
import { timeText } from '../parts/time-text.ts';
import { useLoad } from '../parts/use-load.ts';
import { useSubmit } from '../parts/use-submit.ts';

/**
 * Enrolled laptops with their last contact, and (administrators) enrolling one with a code and a
 * QR code, and revoking one. Teams (issue 17, item 1) add the laptop's team to the enroll form.
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
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<EnrollDeviceResponse | null>(null);
  const enroll = useSubmit();
  const revoke = useSubmit();
  const when = (iso: string | null) => timeText(i18n.language, iso, t('devices.never'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void enroll.run(async () => {
      setIssued(
        await consoleApi.post(consoleRoutes.enrollDevice, EnrollDeviceResponseSchema, { name }),
      );
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
          <ErrorNotice error={enroll.error} />
          <form className="console-inline-form" onSubmit={submit} noValidate>
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
            <button type="submit" className="button button--primary" disabled={enroll.busy}>
              {t('devices.enroll')}
            </button>
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
