import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languageInfo } from '../../shared/i18n/languages.ts';
import {
  LanguageSchema,
  supportedLanguages,
  type Language,
} from '../../shared/settings/settings.ts';
import './document-language.css';

/**
 * The language a document is printed or saved in: the screen's until the person picks another
 * (a certificate in French for a French-speaking donor, from an English screen). The choice lasts
 * while the page is open; the next page starts again from the screen's language, which is the
 * usual case.
 */
export function useDocumentLanguage(): [Language, (language: Language) => void] {
  // The screen's language as i18next holds it (no IPC: the web console uses this too).
  const { i18n } = useTranslation();
  const [chosen, setChosen] = useState<Language | null>(null);
  return [chosen ?? LanguageSchema.catch('en').parse(i18n.language), setChosen];
}

/**
 * "Document language" beside an action that makes a document (a receipt, a certificate, a trace
 * request, a report): every language the documents are written in, each by its own name, as the
 * interface's language list names them, so that a reader finds theirs whatever the screen speaks.
 */
export function DocumentLanguageSelect({
  value,
  onChange,
}: {
  value: Language;
  onChange: (language: Language) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <span className="document-language">
      <label htmlFor={id}>{t('documents.language')}</label>
      <select
        id={id}
        className="document-language__select"
        value={value}
        onChange={(event) => onChange(LanguageSchema.parse(event.target.value))}
      >
        {supportedLanguages.map((language) => (
          <option key={language} value={language} lang={language}>
            {languageInfo[language].nativeName}
          </option>
        ))}
      </select>
    </span>
  );
}
