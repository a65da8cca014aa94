/**
 * What `electron` (and electron-store, which imports it) resolves to for main-side code outside
 * electron/main.ts, electron/preload.ts and electron/platform/ (see tsconfig.electron.json):
 * a module with no exports, so importing anything from it, even a type, fails the type check.
 * That code must run in plain Node, where loading `electron` starts a download and then throws.
 */
export {};
