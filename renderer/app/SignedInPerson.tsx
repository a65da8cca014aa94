import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../components/ErrorMessage.tsx';
import { useCurrentUser, useSession } from './SessionProvider.tsx';

/** Who is signed in, in the sidebar, and the button that locks the app at once. */
export function SignedInPerson() {
  const { t } = useTranslation('session');
  const user = useCurrentUser();
  const { lock } = useSession();
  const errorText = useErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onLock = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await lock();
    } catch (error) {
      setFailure(errorText(error));
      setBusy(false);
    }
  };

  return (
    <section className="signed-in" aria-labelledby="signed-in-label">
      <p id="signed-in-label" className="signed-in__label">
        {t('frame.signedInAs')}
      </p>
      <p className="signed-in__name" data-testid="signed-in-name">
        {user.name}
      </p>
      <p className="signed-in__role" data-testid="signed-in-role">
        {t(`roles.${user.role}`)}
      </p>
      <button
        type="button"
        className="button signed-in__lock"
        aria-label={t('frame.lockLabel')}
        disabled={busy}
        onClick={() => void onLock()}
      >
        {t('frame.lock')}
      </button>
      {failure !== null && (
        <p className="signed-in__error" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}
