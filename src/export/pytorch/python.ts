/**
 * Finds a Python 3 that can import torch and numpy, for the tests and the bench that run the
 * exported PyTorch project (Node only). `$KD_PYTHON` wins; then the PATH's python3, then
 * Debian's /usr/bin/python3 (where `.ci/run` installs python3-torch: a pyenv shim on PATH may
 * hide it).
 */
import { spawnSync } from 'node:child_process';

let found: string | null | undefined;

export function findPython(): string | null {
  if (found !== undefined) return found;
  const candidates = [process.env.KD_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => Boolean(c));
  found = null;
  for (const c of candidates) {
    const r = spawnSync(c, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
    if (r.status === 0) {
      found = c;
      break;
    }
  }
  return found;
}

/** The Python to use, or an error that says how to get one (tests must not silently skip). */
export function requirePython(): string {
  const p = findPython();
  if (!p)
    throw new Error(
      'No Python 3 with torch and numpy: install Debian’s python3-torch and python3-numpy (.ci/run does), ' +
        'or set KD_PYTHON to an interpreter that has them',
    );
  return p;
}

/** Runs a Python command in `cwd`; throws with its output when it fails. */
export function runPython(args: string[], cwd: string, env: Record<string, string> = {}, timeoutMs = 300_000): string {
  const r = spawnSync(requirePython(), args, {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, OMP_NUM_THREADS: '1', ...env },
  });
  if (r.status !== 0)
    throw new Error(`python ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
