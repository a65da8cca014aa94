import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useSession } from '../../app/SessionProvider.tsx';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { WholeNumberSettingForm } from './WholeNumberSettingForm.tsx';

const idleLockMinutesKey = 'idleLockMinutes' as const;

/** Minutes without activity before the app locks itself. */
export function IdleLockForm() {
  const { t } = useTranslation('session');
  return (
    <WholeNumberSettingForm
      setting={idleLockMinutesKey}
      title={t('settings.lockSection')}
      label={t('settings.idleLockMinutes')}
      hint={t('settings.idleLockHint')}
      max={240}
    />
  );
}

/**
 * The OS keychain as an extra way in for the signed-in person. Where the computer has no usable
 * keychain (always so in the browser preview) the box is disabled and says why.
 */
export function KeychainSetting() {
  const { t } = useTranslation('session');
  const { status, applyStatus } = useSession();
  const errorText = useErrorText();
  const checkboxId = useId();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<
    { kind: 'saved' } | { kind: 'failed'; message: string } | null
  >(null);
  const me = status.people.find((person) => person.id === status.currentUser?.id);
  const available = status.keychainAvailable;

  const onChange = async (enabled: boolean) => {
    setBusy(true);
    setResult(null);
    try {
      applyStatus(await api().setKeychainUnlock({ enabled }));
      setResult({ kind: 'saved' });
    } catch (error) {
      setResult({ kind: 'failed', message: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${checkboxId}-title`}>
      <h2 id={`${checkboxId}-title`}>{t('settings.keychainSection')}</h2>
      <div className="checkbox-row">
        <input
          id={checkboxId}
          type="checkbox"
          checked={me?.keychainUnlock ?? false}
          disabled={!available || busy}
          aria-describedby={hintId}
          onChange={(event) => void onChange(event.target.checked)}
        />
        <label htmlFor={checkboxId}>{t('settings.keychainCheckbox')}</label>
      </div>
      <p id={hintId} className="field__hint">
        {available ? t('settings.keychainHint') : t('settings.keychainUnavailable')}
      </p>
      <p aria-live="polite" className="actions__status settings-status">
        {result?.kind === 'saved' && t('settings.keychainSaved')}
        {result?.kind === 'failed' && result.message}
      </p>
    </section>
  );
}
