import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSchema, supportedLanguages } from '../../../shared/settings/settings.ts';
import { languageInfo } from '../../../shared/i18n/languages.ts';
import { rememberLanguage, showLanguage } from '../i18n/i18n.ts';

/** Changes the console's language at once and keeps the choice in this browser. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id}>{t('app.language')}</label>
      <select
        id={id}
        value={i18n.language}
        onChange={(event) => {
          const language = LanguageSchema.parse(event.target.value);
          rememberLanguage(language);
          showLanguage(language);
          void i18n.changeLanguage(language);
        }}
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
