/**
 * Export → PyTorch project, end to end: the default experiment trains in the browser, the
 * project and the metrics CSV are downloaded through the Export dialog, and the project runs
 * on this machine: its objectives' self-test, the 200-step replay of the browser's loss curve,
 * a two-process torchrun (gloo), and its trained student imported back into the studio.
 */
import { test, expect, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { requirePython, runPython } from '../src/export/pytorch/python';
import { openStudio, readoutValue, setField } from './helpers';

async function download(page: Page, button: string, folder: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const pending = page.waitForEvent('download');
  await dialog.getByRole('button', { name: button }).click();
  const d = await pending;
  const file = join(folder, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

function unzip(zipFile: string, into: string): string {
  let folder = '';
  for (const [path, body] of Object.entries(unzipSync(readFileSync(zipFile)))) {
    mkdirSync(dirname(join(into, path)), { recursive: true });
    writeFileSync(join(into, path), body);
    folder ||= path.split('/')[0]!;
  }
  return join(into, folder);
}

test('the default experiment exports as a PyTorch project that replays it, scales out and comes back', async ({
  page,
}) => {
  test.setTimeout(600_000);
  // Fails at once, saying how to get one, when there is no Python with torch.
  requirePython();
  const errors: string[] = [];
  await openStudio(page, errors);
  // Before any run there is no teacher to export: the button says why.
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('button', { name: 'PyTorch project (.zip)' })).toBeDisabled();
  await expect(dialog).toContainText('Press Play first');
  await dialog.getByRole('button', { name: 'Close export' }).click();

  await setField(page, 'Steps', '200');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status').first()).toContainText('Done', { timeout: 300_000 });
  expect(await readoutValue(page, 'Step')).toBe(200);

  const work = mkdtempSync(join(tmpdir(), 'kd-e2e-project-'));
  await page.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByRole('button', { name: 'PyTorch project (.zip)' })).toBeEnabled();
  const zip = await download(page, 'PyTorch project (.zip)', work);
  await expect(dialog.getByRole('status')).toContainText(/Saved kd-studio-toy2d-seed42\.zip \(\d+ files/);
  const csv = await download(page, 'Metrics as CSV', work);
  await dialog.getByRole('button', { name: 'Close export' }).click();

  const dir = unzip(zip, work);
  for (const f of ['README.md', 'requirements.txt', 'config.json', 'train.py', 'kd/objectives.py', 'kd/models.py'])
    expect(readFileSync(join(dir, f)).length, f).toBeGreaterThan(0);
  const project = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { config: { seed: number } };
  expect(project.config.seed).toBe(42);

  const selftest = runPython(['-m', 'kd.objectives', '--selftest'], dir);
  expect(selftest).toMatch(/\b0 failed\b/);

  // The browser's own curve (WebGPU here) against PyTorch on the CPU, step by step.
  const replay = runPython(['train.py', '--steps', '200', '--device', 'cpu', '--compare', csv], dir);
  const verdict = JSON.parse(readFileSync(join(dir, 'runs', 'replay.json'), 'utf8')) as {
    rel: number;
    compared: number;
    ok: boolean;
  };
  expect(verdict.compared, replay).toBe(200 * 5);
  expect(verdict.ok, replay).toBe(true);

  // Two processes (gloo): each takes its share of every seeded batch; DDP averages the gradients.
  const ddp = runPython(
    // kd.torchrun is torchrun with the one-line fix torch 1.13 needs on Python 3.11 (Debian's).
    ['-m', 'kd.torchrun', '--standalone', '--nproc_per_node=2', 'train.py', '--steps', '200', '--out', 'runs-ddp'],
    dir,
  );
  expect(ddp).toMatch(/2 process\(es\)/);
  const finalAgreement = (out: string) =>
    Number(
      /agreement (\d\.\d+)/.exec(
        out
          .split('\n')
          .filter((l) => l.startsWith('lane 1'))
          .at(-1)!,
      )![1],
    );
  expect(Math.abs(finalAgreement(ddp) - finalAgreement(replay))).toBeLessThanOrEqual(0.02);

  // It comes back: train.py's student, imported as the studio's student, measures as train.py said.
  await page.getByRole('button', { name: 'Import model' }).click();
  const importer = page.getByRole('dialog', { name: 'Import a model' });
  await importer.getByRole('radio', { name: 'the student' }).check();
  await importer
    .getByLabel('Model files')
    .setInputFiles([join(dir, 'runs', 'student-1.json'), join(dir, 'runs', 'student-1.bin')]);
  await expect(importer.getByRole('status')).toContainText(/valid|imported|student/i);
  await importer.getByRole('button', { name: 'Close import' }).click();
  await expect(page.locator('.imported-model')).toContainText('Imported');
  const studio = async () => {
    const step0 = await page.evaluate(() => {
      const run = (
        window as unknown as {
          kdStudio: { run(): { evals: { names: string[]; steps: number[]; columns: number[][] } } };
        }
      ).kdStudio.run();
      const at = run.evals.steps.indexOf(0);
      const col = (n: string) => run.evals.columns[run.evals.names.indexOf(n)]?.[at];
      return at < 0 ? null : { accuracy: col('0:studentAccuracy'), agreement: col('0:agreement') };
    });
    return step0;
  };
  await expect.poll(studio, { timeout: 120_000 }).not.toBeNull();
  const measured = (await studio())!;
  const printed = (name: string) =>
    Number(
      new RegExp(`${name} (\\d\\.\\d+)`).exec(
        replay
          .split('\n')
          .filter((l) => l.startsWith('lane 1'))
          .at(-1)!,
      )![1],
    );
  expect(Math.abs(measured.accuracy! - printed('studentAccuracy'))).toBeLessThanOrEqual(0.005);
  expect(Math.abs(measured.agreement! - printed('agreement'))).toBeLessThanOrEqual(0.005);
  expect(errors).toEqual([]);
});
