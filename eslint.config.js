// ESLint flat config: TypeScript strict rules, React hooks, and the project's own guards.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** tfjs at run time stays in the worker; these layers may import its types only. */
const NO_RUNTIME_TFJS = {
  group: ['@tensorflow/*'],
  allowTypeImports: true,
  message: 'Only the engine and worker load tfjs at run time; import types with `import type`.',
};

/**
 * The task kinds are the folders of src/tasks/ (each task is one): a new task's kind is banned
 * outside its folder the moment the folder exists.
 */
const TASK_KINDS = readdirSync(new URL('./src/tasks/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const TASK_KIND_LITERAL = {
  // An HTML attribute (type="text") is not a task kind.
  selector: `:not(JSXAttribute) > Literal[value=/^(${TASK_KINDS.join('|')})$/]`,
  message:
    'A task kind is named only in its own folder (src/tasks/<kind>/) and the task registries: ask the registry (taskDef, forTask) or the data’s capabilities instead.',
};
// dataSync()/arraySync()/bufferSync() return zeros on WebGPU over SwiftShader (platform
// notes): ban them, also when called as t['dataSync']().
const NO_SYNC_READS = [
  {
    selector: 'CallExpression[callee.property.name=/^(dataSync|arraySync|bufferSync)$/]',
    message: 'Synchronous tensor reads are broken on WebGPU: use `await tensor.data()` (batched).',
  },
  {
    selector: 'CallExpression[callee.computed=true][callee.property.value=/^(dataSync|arraySync|bufferSync)$/]',
    message: 'Synchronous tensor reads are broken on WebGPU: use `await tensor.data()` (batched).',
  },
];

/** The one file in e2e/ allowed to wait for a fixed time (sampling over wall time, documented there). */
const SAMPLING_HELPER = 'e2e/sampling.ts';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'e2e/artifacts/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      'no-restricted-syntax': ['error', ...NO_SYNC_READS],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/{ui,state,config,objectives,metrics,lib,tasks,share}/**/*.{ts,tsx}', 'src/main.tsx'],
    // A task's engine part and the engine task registry run in the worker, beside the engine.
    ignores: ['src/tasks/*/engine/**', 'src/tasks/engine.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [NO_RUNTIME_TFJS] }],
    },
  },
  {
    // A task's pure part lies below its engine and UI parts (which import it): it imports
    // neither of them, nor React, nor the worker; types aside.
    files: ['src/tasks/**/*.{ts,tsx}'],
    // Tests check the registries together, so they may import every part.
    ignores: [
      'src/tasks/*/engine/**',
      'src/tasks/*/ui/**',
      'src/tasks/engine.ts',
      'src/tasks/ui.tsx',
      'src/tasks/**/*.test.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_RUNTIME_TFJS,
            {
              group: [
                '**/engine',
                '**/engine/**',
                '**/ui',
                '**/ui/**',
                '**/worker/*',
                'react',
                'react-dom',
                'react-dom/*',
              ],
              allowTypeImports: true,
              message: "A task's pure part imports neither its engine part nor its UI part (nor React or the worker).",
            },
          ],
        },
      ],
    },
  },
  {
    // The UI, and each task's UI part and the UI task registry, which the UI renders.
    files: ['src/ui/**/*.{ts,tsx}', 'src/tasks/*/ui/**/*.{ts,tsx}', 'src/tasks/ui.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_RUNTIME_TFJS,
            {
              // `**/engine` also catches a task's engine part and the engine task registry
              // imported by their folder or file name (`../engine`, `./engine`).
              group: ['**/engine/**', '**/engine', '**/tasks/engine', '**/worker/*', '!**/worker/protocol'],
              allowTypeImports: true,
              message: 'The UI talks to the worker through src/state; it imports only types from below.',
            },
          ],
        },
      ],
    },
  },
  {
    // Fixed sleeps make browser tests slow where the machine is fast and flaky where it is slow:
    // wait for a visible state instead (a readout, a status, expect.poll).
    files: ['e2e/**/*.{ts,mts,js,mjs}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...NO_SYNC_READS,
        {
          selector: 'CallExpression[callee.property.name="waitForTimeout"]',
          message: `No fixed sleeps in browser tests: wait for a visible state, or sample over wall time with ${SAMPLING_HELPER}.`,
        },
        {
          selector: 'CallExpression[callee.computed=true][callee.property.value="waitForTimeout"]',
          message: `No fixed sleeps in browser tests: wait for a visible state, or sample over wall time with ${SAMPLING_HELPER}.`,
        },
      ],
    },
  },
  {
    // The sampling helper waits for wall time on purpose; the other guards still apply to it.
    files: [SAMPLING_HELPER],
    rules: { 'no-restricted-syntax': ['error', ...NO_SYNC_READS] },
  },
  {
    // Small rooms: one concept per file. Tests may hold a little more.
    files: ['src/**/*.{ts,tsx}', 'bench/**/*.{ts,mjs}', 'scripts/**/*.{ts,mjs}'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  {
    files: ['src/**/*.test.{ts,tsx}', 'e2e/**/*.{ts,mjs}'],
    rules: { 'max-lines': ['error', { max: 600, skipBlankLines: false, skipComments: false }] },
  },
  {
    // Task kinds stay in their folders and the registries (tests may name them).
    files: ['src/**/*.{ts,tsx}'],
    ignores: [
      'src/tasks/*/**',
      'src/tasks/registry.ts',
      'src/tasks/engine.ts',
      'src/tasks/ui.tsx',
      'src/**/*.test.{ts,tsx}',
      'src/**/*.fixtures.ts',
      'src/test/**',
    ],
    rules: { 'no-restricted-syntax': ['error', ...NO_SYNC_READS, TASK_KIND_LITERAL] },
  },
);
