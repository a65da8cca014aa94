import './zod-config.ts';
import '../../renderer/styles/app.css';
import '../../renderer/styles/session.css';
import './styles/console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { ConsoleApp } from './app/ConsoleApp.tsx';
import { createConsoleI18n, initialLanguage, showLanguage } from './i18n/i18n.ts';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const root = createRoot(container);

async function start(): Promise<void> {
  const language = initialLanguage();
  const i18n = await createConsoleI18n(language);
  showLanguage(language);
  if (window.matchMedia('(prefers-color-scheme: dark)').matches) {
    document.documentElement.dataset.theme = 'dark';
  }
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ConsoleApp />
      </I18nextProvider>
    </StrictMode>,
  );
}

void start();
