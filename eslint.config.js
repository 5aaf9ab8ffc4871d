import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'src/server/db/migrations/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests index into fixtures they built themselves; `!` there is a statement of fact.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-loss-of-precision': 'off' },
  },
  {
    // The domain is pure: no I/O, clock, randomness or environment. They are passed in.
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'https', 'net'], message: 'src/domain is pure: no I/O or Node built-ins.' },
          { group: ['**/server/**', '**/web/**', '**/cli/**'], message: 'src/domain must not depend on outer layers.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'src/domain must not read process/env: pass values in.' },
        { name: 'fetch', message: 'src/domain does no I/O.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'src/domain has no clock: pass the time in.' },
        { object: 'Math', property: 'random', message: 'src/domain has no randomness: pass it in.' },
        { object: 'crypto', property: 'getRandomValues', message: 'src/domain has no randomness.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/domain has no clock: pass the time in.' },
      ],
    },
  },
);
