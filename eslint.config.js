// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import i18next from 'eslint-plugin-i18next';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layer rules of ARCHITECTURE.md, enforced here and (for globals) by the per-environment
 * tsconfigs: two independent nets, as VS Code does.
 */
/** Packages that import `electron` or need Node; each banned where the layer rules say. */
const electronPackages = ['electron', 'electron/*', 'electron-store'];
const nodeOnlyPackages = [
  'conf',
  'better-sqlite3-multiple-ciphers',
  'fastify',
  '@electric-sql/pglite',
];

const layer = (name) => ({
  regex: `^(\\.\\./)+${name}/`,
  message: `This layer may not import from ${name}/ (see ARCHITECTURE.md, layer rules).`,
});

const banElectron = {
  group: electronPackages,
  message:
    'Only electron/main.ts, electron/preload.ts and electron/platform/ may import electron (not even types): it cannot load without the Electron binary.',
};
// Group patterns match like .gitignore, so a bare builtin name such as `domain` would also match
// our own `../domain/x.ts`: builtins and packages are matched by exact name (no-restricted-imports
// `paths`), and only `node:` specifiers by pattern.
const banNode = {
  group: ['node:*', ...nodeOnlyPackages.map((name) => `${name}/*`)],
  message: 'Node-only modules cannot run in this layer.',
};
const nodePaths = (message = 'Node-only modules cannot run in this layer.') =>
  [...builtinModules, ...nodeOnlyPackages].map((name) => ({ name, message }));

/**
 * The renderer's modules outside components/ and styles/ that the web console may import: the
 * Dashboard's figures (sections, their context, names of values, the drill-down address, the
 * map's points and their styles), which draw a Measures object given to them and call no IPC, so the console's
 * overview draws the laptop's own figures over the server's measures (issue 17, item 4); the
 * formatters they use; and the two catalogues they read. Nothing here may reach the laptop's
 * IPC (renderer/api.ts): test/unit/server/web/console-imports.test.ts follows every import the
 * console makes, however indirect, and fails if one does.
 */
const consoleSharedRenderer = [
  'features/dashboard/(InflowSection|OutflowSection|StorageSection|SdgSection)\\.tsx',
  'features/dashboard/(figure-context|dimension-text|dashboard-filter|map-points)\\.ts',
  'features/dashboard/dashboard\\.css',
  'features/records/format\\.ts',
  'i18n/dashboard-namespaces\\.ts',
  'i18n/record-field-names\\.ts',
  'i18n/date-field-words\\.ts',
];

const restrictedSyntax = [
  {
    selector: "NewExpression[callee.name='BrowserWindow']",
    message:
      'S1: windows are built only by electron/platform/window.ts, with secureWebPreferences().',
  },
  {
    selector: "CallExpression[callee.property.name='openExternal']",
    message: 'S5: external links leave the app only through electron/platform/security-hooks.ts.',
  },
  {
    selector: "MemberExpression[property.name='sendSync']",
    message: 'S7: no synchronous IPC.',
  },
  {
    selector: "CallExpression[callee.object.name='ipcMain'][callee.property.name=/^(on|once)$/]",
    message: 'S7: requests use ipcMain.handle only.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.vite/',
      '.tsbuild/',
      '.tools/',
      'out/',
      'dist/',
      'coverage/',
      'test-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': ['error', ...restrictedSyntax],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '*.config.ts', 'packaging/**', 'test/**', 'server/**', 'electron/**'],
    ignores: ['server/web/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodePaths(),
          patterns: [
            banElectron,
            banNode,
            {
              group: ['react', 'react-dom', 'react/*', 'i18next', 'react-i18next'],
              message: 'shared/ is UI-free.',
            },
            layer('electron'),
            layer('renderer'),
            layer('server'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/platform/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [banElectron, layer('renderer'), layer('server')] },
      ],
    },
  },
  {
    files: ['electron/main.ts', 'electron/platform/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('renderer'), layer('server')] }],
    },
  },
  {
    files: ['electron/platform/window.ts'],
    rules: { 'no-restricted-syntax': ['error', ...restrictedSyntax.slice(1)] },
  },
  {
    files: ['electron/platform/security-hooks.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...restrictedSyntax.filter((_, index) => index !== 1)],
    },
  },
  {
    files: ['electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodePaths('A sandboxed preload cannot load Node modules.'),
          patterns: [
            {
              group: ['electron-store', 'electron/main'],
              message: 'The preload may use only contextBridge and ipcRenderer.',
            },
            { ...banNode, message: 'A sandboxed preload cannot load Node modules.' },
            { regex: '^\\./(?!\\.\\./)', message: 'The preload imports only shared/.' },
            layer('renderer'),
            layer('server'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**', 'server/web/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Every visible string comes from the locale catalogues (renderer/i18n/locales).
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          // The plugin's own list, and errorAt: its argument is a field's path in a record, never
          // shown (the shown text comes from the catalogue by the key).
          callees: {
            exclude: [
              'i18n(ext)?',
              't',
              'require',
              'addEventListener',
              'removeEventListener',
              'postMessage',
              'getElementById',
              'dispatch',
              'commit',
              'includes',
              'indexOf',
              'endsWith',
              'startsWith',
              'errorAt',
            ],
          },
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: nodePaths(),
          patterns: [banElectron, banNode, layer('electron'), layer('server')],
        },
      ],
    },
  },
  {
    // The web console is browser code under the renderer's rules: shared/, the renderer's
    // components (and styles) and browser packages; never the server's own modules.
    files: ['server/web/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodePaths(),
          patterns: [
            banElectron,
            banNode,
            layer('electron'),
            {
              regex: '^(\\.\\./)+(admin|auth|cli|console|db|files|http|migrations|routes|sync)/',
              message: 'The web console runs in a browser: it talks to the server over HTTP only.',
            },
            {
              regex: `^(\\.\\./)+renderer/(?!components/|styles/|(${consoleSharedRenderer.join('|')})$)`,
              message:
                "The web console may use only the renderer's components and styles, and the Dashboard's IPC-free figures (consoleSharedRenderer).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**'],
    ignores: ['server/web/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            banElectron,
            { group: ['react', 'react-dom', 'react/*'], message: 'The server has no UI.' },
            layer('electron'),
            layer('renderer'),
          ],
        },
      ],
    },
  },
);
