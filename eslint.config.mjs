import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', '**/src/gql/**', 'test-artifacts/**', '.nx/**', '**/vite.config.ts.timestamp-*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Boundaries (ARCHITECTURE.md): web sees only web + shared; server libs never import apps;
      // db, queues, connectors and simulator do not import each other (apps and ingestion wire them).
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'scope:shared'] },
            { sourceTag: 'type:db', onlyDependOnLibsWithTags: ['type:util', 'type:testing', 'scope:shared'] },
            { sourceTag: 'type:queues', onlyDependOnLibsWithTags: ['type:util', 'type:testing', 'scope:shared'] },
            { sourceTag: 'type:connectors', onlyDependOnLibsWithTags: ['type:util', 'type:testing', 'type:simulator', 'scope:shared'] },
            { sourceTag: 'type:simulator', onlyDependOnLibsWithTags: ['type:util', 'type:testing', 'scope:shared'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'scope:shared'] },
            {
              sourceTag: 'type:ingestion',
              onlyDependOnLibsWithTags: ['type:util', 'type:db', 'type:queues', 'type:connectors', 'type:simulator', 'type:testing', 'scope:shared'],
            },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'scope:shared'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:util', 'type:db', 'type:queues', 'type:connectors', 'type:simulator', 'type:ingestion', 'type:ui', 'type:testing', 'scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}', 'libs/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['tools/**/*', '**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e.ts', '**/cli.ts', '**/cli/**/*.ts', '**/scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
