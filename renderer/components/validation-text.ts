import { useTranslation } from 'react-i18next';
import en from '../i18n/locales/en.json';

type ValidationKey = keyof (typeof en)['validation'];

/**
 * Schemas in shared/ carry message keys (`serverUrlInvalid`), not sentences, so one schema can
 * speak every language: this turns a key into the person's language, with a generic fallback.
 */
export function useValidationText(): (messageKey: string) => string {
  const { t } = useTranslation();
  return (messageKey) =>
    Object.hasOwn(en.validation, messageKey)
      ? t(`validation.${messageKey as ValidationKey}`)
      : t('validation.invalid');
}
