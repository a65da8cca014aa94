import { useTranslation } from 'react-i18next';
import { ThemeSchema, type Theme } from '../../../shared/settings/settings.ts';
import { useSettings } from '../../app/SettingsProvider.tsx';
import { LanguageSelect } from '../../components/LanguageSelect.tsx';
import { ChangePassphraseForm } from './ChangePassphraseForm.tsx';
import { EnrollmentSection } from './EnrollmentSection.tsx';
import { IntegritySection } from './IntegritySection.tsx';
import { IdleLockForm, KeychainSetting } from './LockSettings.tsx';
import { PeopleSettings } from './PeopleSettings.tsx';
import { TraceAnswerDaysForm } from './TraceAnswerDaysForm.tsx';
import { WatchListSection } from './WatchListSection.tsx';

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
      <EnrollmentSection />
      <IdleLockForm />
      <TraceAnswerDaysForm />
      <KeychainSetting />
      <ChangePassphraseForm />
      <PeopleSettings />
      <WatchListSection />
      <IntegritySection />
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
