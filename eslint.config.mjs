// Lint rules are part of `npm test`. The import restrictions keep dependencies pointing inward:
// host wires everything; teams → features → core; storage, cards, documents, mail → core. Only
// teams/ imports botbuilder, only storage/ talks to Table Storage, only host/ reads process.env.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noImports = (patterns, why) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message: why }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    // Type-aware: a promise nobody awaits is a failure nobody sees.
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: noImports(
      [
        'botbuilder*',
        'restify',
        '@azure/*',
        'adaptivecards*',
        '@microsoft/*',
        '**/storage/**',
        '**/cards/**',
        '**/teams/**',
        '**/features/**',
        '**/host/**',
        '**/cli/**',
      ],
      'core/ is the pure domain: it imports no SDK and no outer layer.',
    ),
  },
  {
    files: ['cards/**/*.ts'],
    rules: noImports(
      [
        'botbuilder*',
        'restify',
        '@azure/*',
        '**/storage/**',
        '**/teams/**',
        '**/features/**',
        '**/host/**',
        '**/cli/**',
      ],
      'cards/ builds card JSON from the domain; it imports core only.',
    ),
  },
  {
    files: ['documents/**/*.ts'],
    rules: noImports(
      [
        'botbuilder*',
        'restify',
        '@azure/*',
        '**/storage/**',
        '**/teams/**',
        '**/features/**',
        '**/host/**',
        '**/cli/**',
        '**/cards/**',
      ],
      'documents/ renders the report model; it imports core only.',
    ),
  },
  {
    files: ['storage/**/*.ts'],
    rules: noImports(
      [
        'botbuilder*',
        'restify',
        '**/teams/**',
        '**/features/**',
        '**/host/**',
        '**/cards/**',
        '**/cli/**',
      ],
      'storage/ depends on core only.',
    ),
  },
  {
    files: ['features/**/*.ts'],
    rules: noImports(
      ['botbuilder*', '@azure/*', '**/storage/**', '**/teams/**', '**/host/**', '**/cli/**'],
      'features/ see Teams through features/routing (Turn, TeamsPort) and storage through the store contracts of core.',
    ),
  },
  {
    files: ['teams/**/*.ts'],
    rules: noImports(
      [
        '@azure/*',
        '**/storage/**',
        '**/cli/**',
        '**/host/*',
        // The settings' shapes are the one thing teams/ reads from host/.
        '!**/host/config',
      ],
      'teams/ adapts Teams to the features; the composition root (host/) hands it the stores.',
    ),
  },
  {
    // Benchmarks may measure one unit of teams/ alone; the command line only ever wires through host/.
    files: ['cli/**/*.ts'],
    rules: noImports(
      ['botbuilder*', '**/teams/**', '**/features/**'],
      'cli/ uses host/ for wiring, never the Teams adapter or the features directly.',
    ),
  },
  {
    files: ['mail/**/*.ts'],
    rules: noImports(
      [
        'botbuilder*',
        'restify',
        '@azure/*',
        '**/storage/**',
        '**/teams/**',
        '**/features/**',
        '**/host/**',
        '**/cards/**',
        '**/cli/**',
      ],
      'mail/ implements the Mailer port of core; it depends on core only.',
    ),
  },
  {
    files: [
      'core/**/*.ts',
      'mail/**/*.ts',
      'cards/**/*.ts',
      'documents/**/*.ts',
      'storage/**/*.ts',
      'cli/**/*.ts',
      'manifest/**/*.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only host/config.ts reads process.env.' },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
  },
  {
    files: ['scripts/**/*.ts', 'cli/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
