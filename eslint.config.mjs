// ESLint with typescript-eslint (recommended, syntax-level rules). The toolchain lives in tools/lint
// (its own package: typescript-eslint needs TypeScript 6's JavaScript API; the project's tsc is 7).
// Run: npm run lint. Type errors are tsc's job (npm run typecheck), formatting Prettier's.
import js from './tools/lint/node_modules/@eslint/js/src/index.js';
import tseslint from './tools/lint/node_modules/typescript-eslint/dist/index.js';
import globals from './tools/lint/node_modules/globals/index.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'tools/lint/node_modules/**', 'reports/**', 'test/fixtures/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused code is a defect (tsc's noUnusedLocals catches locals; this catches the rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Casts through `unknown`/`any` at the engine's boundary with untrusted property files are deliberate.
      '@typescript-eslint/no-explicit-any': 'off',
      // for (;;) spins are the hostile inputs the runner must kill; empty catch blocks say why in a comment.
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
);
