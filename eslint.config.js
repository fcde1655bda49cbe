// ESLint flat config: TypeScript strict rules, React hooks, and the project's own guards.
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

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'e2e/artifacts/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      // dataSync()/arraySync()/bufferSync() return zeros on WebGPU over SwiftShader (platform
      // notes): ban them, also when called as t['dataSync']().
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(dataSync|arraySync|bufferSync)$/]',
          message: 'Synchronous tensor reads are broken on WebGPU: use `await tensor.data()` (batched).',
        },
        {
          selector: 'CallExpression[callee.computed=true][callee.property.value=/^(dataSync|arraySync|bufferSync)$/]',
          message: 'Synchronous tensor reads are broken on WebGPU: use `await tensor.data()` (batched).',
        },
      ],
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
    ignores: ['src/tasks/*/engine/**', 'src/tasks/*/ui/**', 'src/tasks/engine.ts', 'src/tasks/ui.tsx'],
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
);
