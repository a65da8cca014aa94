import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { dateTimeFormat } from '../../../shared/i18n/formats.ts';

/**
 * The recovery code, large and grouped as main returned it, with what it is for and a printable
 * sheet. "Continue" stays disabled until the person confirms they have kept it; until then main
 * shows this sheet again at every start (the code waits, sealed, in the keyring). The code lives
 * only in this component's props while it is on screen.
 */
export function RecoveryCodeStep({
  code,
  reason,
  personName,
  createdAt,
  onContinue,
}: {
  code: string;
  /** 'set_up': the first code of this computer; 'replaced': a new one, the old one dead. */
  reason: 'set_up' | 'replaced';
  personName: string;
  createdAt: Date;
  /** Resolves once main knows the code was kept; a failure is shown and the sheet stays. */
  onContinue: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation('session');
  const errorText = useErrorText();
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const codeId = useId();
  const confirmId = useId();

  // The form the person filled in (or the app) is gone: move focus to the new step's heading.
  useEffect(() => heading.current?.focus(), []);

  const finish = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await onContinue();
    } catch (error) {
      setFailure(errorText(error));
      setBusy(false);
    }
  };

  const date = dateTimeFormat(i18n.language, { dateStyle: 'long' }).format(createdAt);
  const groups = code.split('-');
  return (
    <>
      <h1 ref={heading} tabIndex={-1} className="no-print">
        {reason === 'replaced' ? t('recoveryCode.titleReplaced') : t('recoveryCode.title')}
      </h1>
      <section className="print-sheet" aria-labelledby={codeId}>
        <p className="print-only print-sheet__title">{t('recoveryCode.sheetTitle')}</p>
        <p className="no-print">
          {reason === 'replaced' ? t('recoveryCode.leadReplaced') : t('recoveryCode.lead')}
        </p>
        <p id={codeId} className="visually-hidden">
          {t('recoveryCode.codeLabel')}
        </p>
        <p className="recovery-code" data-testid="recovery-code">
          {groups.map((group, index) => (
            <Fragment key={index}>
              {index > 0 && <span className="recovery-code__dash">-</span>}
              <span className="recovery-code__group">{group}</span>
            </Fragment>
          ))}
        </p>
        <ul className="recovery-advice">
          <li>{t('recoveryCode.writeItDown')}</li>
          <li>{t('recoveryCode.whatItDoes')}</li>
          <li>{t('recoveryCode.keepIt')}</li>
        </ul>
        <p className="print-only">{t('recoveryCode.sheetDate', { date })}</p>
        <p className="print-only">{t('recoveryCode.sheetPerson', { name: personName })}</p>
      </section>
      <div className="stack no-print">
        <div>
          <button type="button" className="button" onClick={() => window.print()}>
            {t('recoveryCode.print')}
          </button>
        </div>
        <div className="choice">
          <input
            id={confirmId}
            type="checkbox"
            checked={confirmed}
            onChange={(event) => setConfirmed(event.target.checked)}
          />
          <label htmlFor={confirmId}>{t('recoveryCode.confirm')}</label>
        </div>
        {failure !== null && (
          <p className="notice notice--error" role="alert">
            {failure}
          </p>
        )}
        <div>
          <button
            type="button"
            className="button button--primary"
            disabled={!confirmed || busy}
            aria-busy={busy}
            onClick={() => void finish()}
          >
            {busy ? t('recoveryCode.continuing') : t('recoveryCode.continue')}
          </button>
        </div>
      </div>
    </>
  );
}
