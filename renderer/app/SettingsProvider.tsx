import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { languageInfo } from '../../shared/i18n/languages.ts';
import type { Settings, SettingsPatch, Theme } from '../../shared/settings/settings.ts';
import { api, rawApi } from '../api.ts';

interface SettingsContextValue {
  readonly settings: Settings;
  update(patch: SettingsPatch): Promise<Settings>;
}

const SettingsContext = createContext<SettingsContextValue | null>(null);

/**
 * Holds the settings main keeps, and applies the ones the page itself must act on: the interface
 * language (i18next and `<html lang>`) and the colour theme.
 */
export function SettingsProvider({
  initial,
  children,
}: {
  initial: Settings;
  children: ReactNode;
}) {
  const [settings, setSettings] = useState(initial);
  const { i18n } = useTranslation();

  useEffect(() => rawApi().onSettingsChanged(setSettings), []);

  useEffect(() => {
    if (i18n.language !== settings.language) void i18n.changeLanguage(settings.language);
    document.documentElement.lang = settings.language;
    document.documentElement.dir = languageInfo[settings.language].direction;
  }, [i18n, settings.language]);

  useEffect(() => applyTheme(settings.theme), [settings.theme]);

  // A choice shows at once (a radio that waits for main would look broken), and is rolled back
  // if main refuses it; main's answer is what stays.
  const current = useRef(settings);
  useEffect(() => {
    current.current = settings;
  }, [settings]);
  const update = useCallback(async (patch: SettingsPatch) => {
    const before = current.current;
    setSettings({ ...before, ...withoutUndefined(patch) });
    try {
      const next = await api().updateSettings(patch);
      setSettings(next);
      return next;
    } catch (error) {
      setSettings(before);
      throw error;
    }
  }, []);

  const value = useMemo(() => ({ settings, update }), [settings, update]);
  return <SettingsContext value={value}>{children}</SettingsContext>;
}

export function useSettings(): SettingsContextValue {
  const value = useContext(SettingsContext);
  if (value === null) throw new Error('useSettings() needs a SettingsProvider above it.');
  return value;
}

function withoutUndefined(patch: SettingsPatch): Partial<Settings> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

function applyTheme(theme: Theme): () => void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    const dark = theme === 'dark' || (theme === 'system' && query.matches);
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  };
  apply();
  if (theme !== 'system') return () => {};
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}
