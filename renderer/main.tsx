import './zod-config.ts';
import './styles/app.css';
import './styles/session.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { api } from './api.ts';
import { App } from './app/App.tsx';
import { SessionProvider } from './app/SessionProvider.tsx';
import { SettingsProvider } from './app/SettingsProvider.tsx';
import { StartupFailure } from './app/StartupFailure.tsx';
import { createI18n } from './i18n/i18n.ts';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const root = createRoot(container);

/**
 * Settings are read before the first render so the app opens in the person's language and theme,
 * instead of flashing English first. The session gate then shows set-up or unlock until the data
 * is open, and only then the app.
 */
async function start(): Promise<void> {
  try {
    const settings = await api().getSettings();
    const i18n = await createI18n(settings.language);
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <SettingsProvider initial={settings}>
            <SessionProvider>
              <App />
            </SessionProvider>
          </SettingsProvider>
        </I18nextProvider>
      </StrictMode>,
    );
  } catch (error) {
    const i18n = await createI18n('en');
    root.render(
      <I18nextProvider i18n={i18n}>
        <StartupFailure error={error} onRetry={() => void start()} />
      </I18nextProvider>,
    );
  }
}

void start();
