import { BrowserWindow } from 'electron';
import { secureWebPreferences } from '../security/web-preferences.ts';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly entryUrl: string;
  readonly devTools: boolean;
  readonly title: string;
}

/** S1: the only place a BrowserWindow is built (lint enforces it), always with secure preferences. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: options.title,
    backgroundColor: '#0f2a3d',
    webPreferences: secureWebPreferences(options.preloadPath, options.devTools),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.entryUrl);
  return window;
}
