import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { syncProcedures } from '../../../shared/ipc/procedures/sync.ts';
import { api } from '../../api.ts';
import { useSettings } from '../../app/SettingsProvider.tsx';
import { useSync } from '../../app/SyncProvider.tsx';
import { ErrorMessage, FailureText, useErrorText } from '../../components/ErrorMessage.tsx';
import { useValidationText } from '../../components/validation-text.ts';
import { FormField } from '../../components/FormField.tsx';
import '../sync/sync.css';

const EnrollInputSchema = syncProcedures.enrollDevice.input;

type FieldErrors = { serverUrl?: string | undefined; code?: string | undefined };

/**
 * The central server: a laptop joins it once with the server's address and a one-time code from
 * the administrator (`npm run server -- enroll`). Enrolled, it shows where it sends and under
 * which name; revoked, it offers to enroll again.
 */
export function EnrollmentSection() {
  const { t } = useTranslation('sync');
  const { status, loadError } = useSync();
  const titleId = useId();
  const enrolled = status !== null && status.phase !== 'not_enrolled' && status.phase !== 'revoked';
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('enroll.title')}</h2>
      {status === null && loadError !== null && <ErrorMessage error={loadError} />}
      {status === null && loadError === null && <p className="field__hint">{t('loading')}</p>}
      {status !== null && enrolled && (
        <>
          <dl className="facts sync-facts enrolled-facts" data-testid="enrolled">
            <dt>{t('server')}</dt>
            <dd className="mono">{status.serverUrl}</dd>
            <dt>{t('device')}</dt>
            <dd>{status.deviceName}</dd>
          </dl>
          <p className="field__hint">
            {t('enroll.enrolledHint')} <a href="#/sync">{t('enroll.openSync')}</a>
          </p>
        </>
      )}
      {status !== null && !enrolled && (
        <>
          {status.phase === 'revoked' ? (
            <p className="notice notice--error">{t('enroll.revokedIntro')}</p>
          ) : (
            <p>{t('enroll.intro')}</p>
          )}
          <EnrollForm defaultUrl={status.serverUrl} />
        </>
      )}
    </section>
  );
}

function EnrollForm({ defaultUrl }: { defaultUrl: string | null }) {
  const { t } = useTranslation('sync');
  const { settings } = useSettings();
  const { applyStatus } = useSync();
  const validationText = useValidationText();
  const errorText = useErrorText();
  const [serverUrl, setServerUrl] = useState(defaultUrl ?? settings.serverUrl);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const urlRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const showErrors = (next: FieldErrors) => {
    setErrors(next);
    if (next.serverUrl !== undefined) urlRef.current?.focus();
    else if (next.code !== undefined) codeRef.current?.focus();
  };

  const submit = async () => {
    if (busy) return;
    setFailure(null);
    const parsed = EnrollInputSchema.safeParse({ serverUrl: serverUrl.trim(), code });
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'serverUrl') next.serverUrl ??= validationText(issue.message);
        if (field === 'code') next.code ??= t('enroll.codeFormat');
      }
      showErrors(next);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      applyStatus(await api().enrollDevice({ serverUrl: serverUrl.trim(), code }));
    } catch (error) {
      setBusy(false);
      if (!(error instanceof IpcError)) {
        setFailure(errorText(error));
        return;
      }
      // Each refusal is said where the person can act on it: the code, or the address.
      switch (error.code) {
        case 'ENROLLMENT_CODE_INVALID':
          showErrors({ code: t('enroll.codeInvalid') });
          return;
        case 'SERVER_UNREACHABLE':
          showErrors({ serverUrl: t('enroll.unreachable') });
          return;
        case 'TOO_MANY_ATTEMPTS':
          setFailure(t('enroll.tooMany', { seconds: error.retryAfterSeconds ?? 60 }));
          return;
        case 'VALIDATION_ERROR': {
          const next: FieldErrors = {};
          for (const issue of error.issues) {
            if (issue.path === 'serverUrl') next.serverUrl ??= validationText(issue.message);
            if (issue.path === 'code') next.code ??= t('enroll.codeFormat');
          }
          if (next.serverUrl !== undefined || next.code !== undefined) showErrors(next);
          else setFailure(errorText(error));
          return;
        }
        default:
          setFailure(errorText(error));
      }
    }
  };

  return (
    <form
      aria-label={t('enroll.formLabel')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <FormField
        label={t('enroll.serverUrl')}
        hint={t('enroll.serverUrlHint')}
        error={errors.serverUrl}
      >
        {(control) => (
          <input
            {...control}
            ref={urlRef}
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            value={serverUrl}
            onChange={(event) => setServerUrl(event.target.value)}
          />
        )}
      </FormField>
      <FormField label={t('enroll.code')} hint={t('enroll.codeHint')} error={errors.code}>
        {(control) => (
          <input
            {...control}
            ref={codeRef}
            type="text"
            className="input--mono enroll-code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        )}
      </FormField>
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {busy ? t('enroll.enrolling') : t('enroll.submit')}
        </button>
        <span aria-live="polite" className="actions__status">
          <FailureText failure={failure} />
        </span>
      </div>
    </form>
  );
}
