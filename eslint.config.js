import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'coverage/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: [
      'electron/**/*.ts',
      'tests/**/*.ts',
      'bench/**/*.ts',
      'bin/**/*.mjs',
      'scripts/**/*.mjs',
      '*.config.{ts,js}',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    // The engine is plain Node: it must never reach into Electron or the renderer.
    files: ['electron/engine/**/*.ts', 'electron/cli/**/*.ts', 'electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['electron', 'vue', 'pinia', '**/renderer/**', '**/main/**', '**/preload/**'] },
      ],
    },
  },
  {
    // The shared model is declared once for every layer and runs in each (the renderer too):
    // it imports zod and its own files, nothing of the project and no Node module.
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'vue', 'pinia', 'node:*'] },
            {
              // A folder of the project above shared/ (shared's own files are reached by ./).
              regex: '^(\\.\\./)+(engine|contract|main|preload|cli|renderer)(/|$)',
              message: 'electron/shared imports nothing of the project: move the value here.',
            },
          ],
        },
      ],
    },
  },
);
