/**
 * The files every exported project has, whatever the experiment: the Python sources under
 * ./project/ (bundled as text; tests run the same files), the README and requirements, and the
 * snippets for torchdistill and TRL. The session's files come from src/worker/pytorch-export.ts.
 */
import type { ExperimentConfig } from '../../config/schema';
import { REQUIREMENTS, projectReadme } from './readme';
import type { ResolvedData } from './resolved';
import { torchdistillYaml, trlGkdConfig } from './snippets';

/** project/**\/*.py as text, by path inside the project (test-only helpers excluded). */
const SOURCES = import.meta.glob<string>(['./project/**/*.py', '!./project/**/test_*.py'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const PYTHON_FILES: Record<string, string> = Object.fromEntries(
  Object.entries(SOURCES).map(([path, text]) => [path.replace('./project/', ''), text]),
);

export function staticFiles(config: ExperimentConfig, data: ResolvedData): Record<string, string> {
  const snippets: Record<string, string> =
    data.kind === 'windows'
      ? { 'snippets/trl_gkd_config.py': trlGkdConfig(config) }
      : Object.fromEntries(
          config.lanes.map((_, i) => [`snippets/torchdistill-lane-${i + 1}.yaml`, torchdistillYaml(config, i)]),
        );
  return {
    ...PYTHON_FILES,
    ...snippets,
    'README.md': projectReadme(config, data, Object.keys(snippets)),
    'requirements.txt': REQUIREMENTS,
  };
}
