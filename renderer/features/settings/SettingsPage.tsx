import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { ServerUrlSchema, ThemeSchema, type Theme } from '../../../shared/settings/settings.ts';
import { useSettings } from '../../app/SettingsProvider.tsx';
import { LanguageSelect } from '../../components/LanguageSelect.tsx';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { useValidationText } from '../../components/validation-text.ts';
import { ChangePassphraseForm } from './ChangePassphraseForm.tsx';
import { IdleLockForm, KeychainSetting } from './LockSettings.tsx';
import { PeopleSettings } from './PeopleSettings.tsx';

const ServerFormSchema = z.object({ serverUrl: ServerUrlSchema });
type ServerForm = z.infer<typeof ServerFormSchema>;

const themeLabels = {
  light: 'settings.themeLight',
  dark: 'settings.themeDark',
  system: 'settings.themeSystem',
} as const satisfies Record<Theme, string>;

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <div className="card">
        <LanguageSelect className="field" />
        <p className="field__hint">{t('settings.languageHint')}</p>
      </div>
      <ThemeChoice />
      <ServerUrlForm />
      <IdleLockForm />
      <KeychainSetting />
      <ChangePassphraseForm />
      <PeopleSettings />
    </section>
  );
}

function ThemeChoice() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  return (
    <fieldset className="card">
      <legend>{t('settings.theme')}</legend>
      <div className="choices">
        {ThemeSchema.options.map((theme) => (
          <label key={theme} className="choice">
            <input
              type="radio"
              name="theme"
              value={theme}
              checked={settings.theme === theme}
              onChange={() => void update({ theme })}
            />
            {t(themeLabels[theme])}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The server address is typed, so it is checked and saved as a form, with errors at the field. */
function ServerUrlForm() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const validationText = useValidationText();
  const errorText = useErrorText();
  const titleId = useId();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [status, setStatus] = useState<
    { kind: 'saved' } | { kind: 'failed'; message: string } | null
  >(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ServerForm>({
    resolver: zodResolver(ServerFormSchema),
    defaultValues: { serverUrl: settings.serverUrl },
  });

  const onSubmit = handleSubmit(async (values) => {
    setStatus(null);
    try {
      await update({ serverUrl: values.serverUrl.trim() });
      setStatus({ kind: 'saved' });
    } catch (error) {
      // main validates too; its field issues land next to the field like local ones.
      const issue =
        error instanceof IpcError ? error.issues.find((i) => i.path === 'serverUrl') : undefined;
      if (issue !== undefined) setError('serverUrl', { message: issue.message });
      else setStatus({ kind: 'failed', message: errorText(error) });
    }
  });

  const fieldError = errors.serverUrl?.message;
  const serverUrlField = register('serverUrl', { setValueAs: (value: string) => value.trim() });
  return (
    <form
      className="card"
      aria-labelledby={titleId}
      onSubmit={(event) => void onSubmit(event)}
      noValidate
    >
      <h2 id={titleId}>{t('settings.serverSection')}</h2>
      <div className="field">
        <label htmlFor={inputId}>{t('settings.serverUrl')}</label>
        <input
          id={inputId}
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          aria-invalid={fieldError !== undefined}
          aria-describedby={fieldError !== undefined ? `${errorId} ${hintId}` : hintId}
          {...serverUrlField}
        />
        {fieldError !== undefined && (
          <p id={errorId} className="field__error" role="alert">
            {validationText(fieldError)}
          </p>
        )}
        <p id={hintId} className="field__hint">
          {t('settings.serverUrlHint')}
        </p>
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? t('settings.saving') : t('settings.save')}
        </button>
        <span aria-live="polite" className="actions__status">
          {status?.kind === 'saved' && t('settings.saved')}
          {status?.kind === 'failed' && t('settings.saveFailed', { message: status.message })}
        </span>
      </div>
    </form>
  );
}
