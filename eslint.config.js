import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/**
 * Layer rules from DESIGN.md: imports point one way only.
 * Each entry lists the `src` folders a layer must NOT import, plus forbidden packages.
 */
const UI_PACKAGES = ['svelte', 'svelte/*', 'plotly.js', 'plotly.js*', '@mlc-ai/web-llm', 'idb'];
/** `lib/report` → `../report`, `../../report`, … as written from inside another lib folder. */
const relative = (folder) => {
  const name = folder.split('/').pop();
  return ['../', '../../', '../../../', '../../../../'].flatMap((up) => [
    `${up}${name}`,
    `${up}${name}/**`,
  ]);
};
const layer = (files, forbiddenFolders, forbiddenPackages = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbiddenFolders.map((f) => ({
            // `**/lib/report` matches import text, not resolved paths: a sibling-relative
            // `../report/…` (or `../../report/…` from a subfolder) must be caught too.
            group: [`**/${f}`, `**/${f}/**`, ...relative(f)],
            message: `DESIGN.md layering: this folder may not import from ${f}.`,
          })),
          ...forbiddenPackages.map((p) => ({
            group: [p],
            message: 'Pure core: no UI, plotting, storage or LLM packages here.',
          })),
        ],
      },
    ],
  },
});

const LIB = ['model', 'ingest', 'analysis', 'report', 'llm', 'worker', 'persist', 'state'];
const others = (...allowed) => LIB.filter((l) => !allowed.includes(l)).map((l) => `lib/${l}`);

export default tseslint.config(
  { ignores: ['dist/', 'dist-cli/', 'node_modules/', 'coverage/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
  },
  { files: ['src/lib/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'error' } },
  layer(['src/lib/model/**'], [...others('model'), 'ui', 'cli'], UI_PACKAGES),
  layer(['src/lib/ingest/**'], [...others('model', 'ingest'), 'ui', 'cli'], UI_PACKAGES),
  layer(['src/lib/analysis/**'], [...others('model', 'analysis'), 'ui', 'cli'], UI_PACKAGES),
  layer(
    ['src/lib/report/**'],
    [...others('model', 'analysis', 'report'), 'ui', 'cli'],
    UI_PACKAGES,
  ),
  layer(
    ['src/lib/llm/**'],
    [...others('model', 'report', 'llm'), 'ui', 'cli'],
    ['svelte', 'svelte/*', 'plotly.js*'],
  ),
  layer(
    ['src/lib/persist/**'],
    [...others('model', 'persist'), 'ui', 'cli'],
    ['svelte', 'svelte/*', 'plotly.js*'],
  ),
  layer(
    ['src/lib/worker/**'],
    ['lib/state', 'lib/persist', 'ui', 'cli'],
    ['svelte', 'svelte/*', 'plotly.js*'],
  ),
  layer(['src/lib/state/**'], ['lib/ingest', 'lib/analysis', 'lib/report', 'ui', 'cli']),
  layer(
    ['src/ui/**'],
    ['lib/ingest', 'lib/analysis', 'lib/report', 'lib/persist', 'lib/worker', 'cli'],
  ),
  layer(['src/cli/**'], ['ui', 'lib/state'], ['svelte', 'svelte/*', 'plotly.js*', 'idb']),
);
