import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSchema, supportedLanguages } from '../../shared/settings/settings.ts';
import { languageInfo } from '../../shared/i18n/languages.ts';
import { useSettings } from '../app/SettingsProvider.tsx';

/** Changes the interface language at once and persists it through main's settings. */
export function LanguageSelect({ className }: { className?: string }) {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id}>{t('settings.language')}</label>
      <select
        id={id}
        value={settings.language}
        onChange={(event) => void update({ language: LanguageSchema.parse(event.target.value) })}
      >
        {supportedLanguages.map((language) => (
          <option key={language} value={language} lang={language}>
            {languageInfo[language].nativeName}
          </option>
        ))}
      </select>
    </div>
  );
}
