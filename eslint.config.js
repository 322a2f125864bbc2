// ESLint for the whole repository: @eslint/js and typescript-eslint recommended (no type-aware
// rules, so it stays fast), and eslint-plugin-boundaries checking which part of the code may import
// which (ADR 0012). `npm run lint` runs it; CI fails on any error.
import js from '@eslint/js'
import boundaries from 'eslint-plugin-boundaries'
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'

/**
 * The parts of the code, by folder. A file belongs to the closest folder that matches, so
 * server/modules/calendar/deadlines.ts is in the `module` calendar, server/app.ts in `app`.
 */
const elements = [
  { type: 'module', pattern: 'server/modules/*', capture: ['module'] },
  { type: 'platform', pattern: 'server/platform' },
  { type: 'tests', pattern: 'server/test' },
  // The demo province: seeded by server/main.ts, and used as a fixture by tests.
  { type: 'seed', pattern: 'server/seed' },
  { type: 'contracts', pattern: 'contracts' },
  { type: 'web', pattern: 'web/src' },
  // The programs around the server, and (last, so every folder above wins) server/app.ts,
  // server/main.ts and server/config.ts.
  { type: 'app', pattern: ['scripts', 'bench', 'e2e'] },
  { type: 'app', pattern: 'server' },
]

const element = (type, more = {}) => ({ element: { type, ...more } })
/** Any file of the importing file's own module. */
const ownModule = element('module', { captured: { module: '{{ from.element.captured.module }}' } })
/** The only door of any module. */
const moduleIndex = element('module', { fileInternalPath: 'index.ts' })
/** server/config.ts, the only reader of process.env, whose Config type the whole server uses. */
const config = element('app', { path: 'server', fileInternalPath: 'config.ts' })
const platform = element('platform')
const contracts = element('contracts')

/** Who may import what. Anything not allowed here is an error. */
const policies = [
  // platform/ is underneath every module and imports none.
  { from: element('platform'), allow: { to: [platform, config, contracts] } },
  // A module uses its own files freely, and another module only through that module's index.ts.
  { from: element('module'), allow: { to: [ownModule, moduleIndex, platform, config, contracts] } },
  { from: element('app'), allow: { to: [element('app'), element('seed'), moduleIndex, platform, contracts] } },
  { from: element('seed'), allow: { to: [platform, contracts] } },
  { from: element('tests'), allow: { to: [element('tests'), element('app'), element('seed'), moduleIndex, platform, contracts] } },
  {
    from: element('tests'),
    // Test-only exception: the cross-module tests in server/test/ build procedure bodies with
    // the procedures module's sampleContent() fixture, which has no place in its public surface.
    allow: { to: element('module', { captured: { module: 'procedures' }, fileInternalPath: 'test-fixtures.ts' }) },
  },
  { from: element('contracts'), allow: { to: contracts } },
  // The browser bundle shares types and pure code with the server only through contracts/.
  { from: element('web'), allow: { to: [element('web'), contracts] } },
]

/** Test files next to the code (`*.test.ts`) may also use the helpers of server/test/, the demo seed and buildApp(). */
const testPolicies = [...policies, { allow: { to: [element('tests'), element('seed'), element('app')] } }]

/**
 * Belt and braces for boundaries/dependencies, by the import's text alone (no resolution): a path
 * through `modules/<name>/` must end at `index.ts`, and `../<name>/x.ts` from a module's top
 * folder (`../../<name>/x.ts` from one level down) must be `../<name>/index.ts`.
 */
const intoModule = (regex) => ['error', { patterns: [{ regex, message: 'Another module only through its index.ts; platform/ never imports a module (ADR 0012).' }] }]
const belt = [
  { files: ['server/platform/**/*.ts', 'server/config.ts', 'contracts/**/*.ts', 'web/src/**'], rules: { 'no-restricted-imports': intoModule('(^|/)modules/') } },
  { files: ['server/*.ts', 'server/seed/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts'], rules: { 'no-restricted-imports': intoModule('(^|/)modules/[^/]+/(?!index\\.ts$)') } },
  // The test-only exception of the policies above: procedures' test-fixtures.ts.
  { files: ['server/test/**/*.ts'], rules: { 'no-restricted-imports': intoModule('(^|/)modules/(?!procedures/test-fixtures\\.ts$)[^/]+/(?!index\\.ts$)') } },
  { files: ['server/modules/*/*.ts'], rules: { 'no-restricted-imports': intoModule('^\\.\\./(?!\\.)[^/]+/(?!index\\.ts$)|(^|/)modules/[^/]+/(?!index\\.ts$)') } },
  { files: ['server/modules/*/*/*.ts'], rules: { 'no-restricted-imports': intoModule('^\\.\\./\\.\\./(?!\\.)[^/]+/(?!index\\.ts$)|(^|/)modules/[^/]+/(?!index\\.ts$)') } },
]

/**
 * The web code's `eslint-disable-next-line react-hooks/exhaustive-deps -- why` comments name a
 * rule of eslint-plugin-react-hooks, which is not a dependency yet. This stub rule, which reports
 * nothing, keeps those comments valid (ESLint errors on a directive naming an unknown rule) until
 * the real plugin is added; then replace the stub with it.
 */
const reactHooksStub = { rules: { 'exhaustive-deps': { meta: { type: 'problem', schema: false }, create: () => ({}) } } }

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'web/dist/', 'data/', 'e2e/artifacts/', 'coverage/', '.bench/', 'scratch/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // The code names deliberately unused bindings with a leading `_` (a parameter a signature
      // requires, a field destructured away to drop it); without this option, 7 false findings.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Plain JavaScript files (the worker boot file, this config) run on Node.
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { URL: 'readonly', console: 'readonly', process: 'readonly', performance: 'readonly' } },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooksStub },
    // The stub reports nothing, so every such directive would be "unused".
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  {
    files: ['server/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', 'contracts/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/include': ['server/**', 'scripts/**', 'bench/**', 'e2e/**', 'contracts/**', 'web/src/**'],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] } },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: testPolicies }],
    },
  },
  ...belt,
)
