import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureOutput } from '../../../shared/ipc/contract.ts';
import { api } from '../../api.ts';
import { useCurrentUser, useSession } from '../../app/SessionProvider.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { GateLayout } from './GateLayout.tsx';
import { RecoveryCodeStep } from './RecoveryCodeStep.tsx';

type Sheet = ProcedureOutput<'showRecoveryCode'>;

/**
 * What an administrator sees, in place of the app, while their recovery code waits to be
 * confirmed: after set-up, after making a new code, and at every start (or reload) until they
 * confirm they kept it. The code is fetched from main for this screen only and held in no
 * storage: closing or reloading the window loses nothing, because main still has it.
 */
export function RecoveryCodeScreen() {
  const { t } = useTranslation('session');
  const { applyStatus } = useSession();
  const user = useCurrentUser();
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    api()
      .showRecoveryCode()
      .then(
        (shown) => live && setSheet(shown),
        (error: unknown) => live && setLoadError(error),
      );
    return () => {
      live = false;
    };
  }, [attempt]);

  const retry = () => {
    setLoadError(null);
    setAttempt((count) => count + 1);
  };

  const confirm = async () => applyStatus(await api().confirmRecoveryCode());

  const title =
    sheet?.reason === 'replaced' ? t('recoveryCode.titleReplaced') : t('recoveryCode.title');
  let content;
  if (sheet !== null)
    content = (
      <RecoveryCodeStep
        code={sheet.recoveryCode}
        reason={sheet.reason}
        personName={user.name}
        createdAt={new Date(sheet.createdAt)}
        onContinue={confirm}
      />
    );
  else if (loadError !== null)
    content = (
      <div className="stack">
        <h1>{title}</h1>
        <ErrorMessage error={loadError} />
        <div>
          <button type="button" className="button" onClick={retry}>
            {t('recoveryCode.retry')}
          </button>
        </div>
      </div>
    );
  else
    content = (
      <p className="session-loading" role="status">
        {t('recoveryCode.loading')}
      </p>
    );
  return <GateLayout title={title}>{content}</GateLayout>;
}
