import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The one-time recovery code, large and grouped as main returned it, with what it is for and a
 * printable sheet. "Continue" stays disabled until the person confirms they have kept it: there
 * is no second chance to see it.
 */
export function RecoveryCodeStep({
  code,
  personName,
  createdAt,
  onContinue,
}: {
  code: string;
  personName: string;
  createdAt: Date;
  onContinue: () => void;
}) {
  const { t, i18n } = useTranslation('session');
  const [confirmed, setConfirmed] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const codeId = useId();
  const confirmId = useId();

  // The form the person filled in is gone: move focus to the new step's heading.
  useEffect(() => heading.current?.focus(), []);

  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(createdAt);
  const groups = code.split('-');
  return (
    <>
      <h1 ref={heading} tabIndex={-1} className="no-print">
        {t('recoveryCode.title')}
      </h1>
      <section className="print-sheet" aria-labelledby={codeId}>
        <p className="print-only print-sheet__title">{t('recoveryCode.sheetTitle')}</p>
        <p className="no-print">{t('recoveryCode.lead')}</p>
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
        <div>
          <button
            type="button"
            className="button button--primary"
            disabled={!confirmed}
            onClick={onContinue}
          >
            {t('recoveryCode.continue')}
          </button>
        </div>
      </div>
    </>
  );
}
