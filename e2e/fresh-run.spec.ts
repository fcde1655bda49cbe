/**
 * A new experiment is a new run: choosing a preset or a task, or an edit that restarts the
 * students, shows step 0 and only the new students' columns; the old run stays in History; and
 * the status says how the teacher really gets ready (trained, loaded, or measured).
 */
import * as tf from '@tensorflow/tfjs';
import { expect, test, type Page } from '@playwright/test';
import { validModelFiles } from '../src/engine/model-io/fixtures';
import { getObjective } from '../src/objectives';
import { scheduleColumns } from '../src/objectives/schedule';
import { openStudio, readout, selectOption, setField, waitForReadout } from './helpers';

interface RunView {
  lossNames: string[];
  lossSteps: number[];
  evalNames: string[];
  evalSteps: number[];
  lanes?: number;
}

const runView = (page: Page): Promise<RunView> =>
  page.evaluate(() => {
    type S = { names: string[]; steps: number[] };
    type Run = { loss: S; evals: S; session?: { lanes: number } };
    const run = (window as unknown as { kdStudio: { run(): Run } }).kdStudio.run();
    return {
      lossNames: [...run.loss.names],
      lossSteps: [...run.loss.steps],
      evalNames: [...run.evals.names],
      evalSteps: [...run.evals.steps],
      lanes: run.session?.lanes,
    };
  });

/** Every loss column of a lane running `objective`, as the run store names them (`lane:key`). */
function columnsOf(lane: number, objective: string): string[] {
  const def = getObjective(objective);
  const keys = [...def.components, ...(def.stateColumns ?? []), ...scheduleColumns(def)].map((c) => c.key);
  return ['total', ...keys].map((k) => `${lane}:${k}`);
}

/** The legend of a lane's loss-parts chart: the total and the objective's named parts. */
const partLabels = (objective: string) => ['Total', ...getObjective(objective).components.map((c) => c.label)].join('');

/** Keeps every text the run bar's status showed, from the start of the page. */
async function recordStatuses(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __statuses: string[] };
    w.__statuses = [];
    new MutationObserver(() => {
      const text = document.querySelector('.run-status')?.textContent ?? '';
      if (w.__statuses.at(-1) !== text) w.__statuses.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

const statuses = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);

const runBar = (page: Page) => page.locator('.run-status');

async function playUntil(page: Page, steps: number): Promise<void> {
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= steps);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(runBar(page)).toContainText('Paused');
}

async function historyRows(page: Page): Promise<string[][]> {
  await page.getByRole('button', { name: /^History/ }).click();
  const table = page.getByRole('table', { name: 'Saved runs' });
  await expect(table).toBeVisible();
  const rows = await table
    .locator('tbody tr')
    // A race's objectives and numbers are listed one student a line: read as "a · b · c".
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => {
          const lanes = [...td.querySelectorAll('li')].map((li) => li.textContent ?? '');
          return lanes.length ? lanes.join(' · ') : (td.textContent ?? '');
        }),
      ),
    );
  await page.keyboard.press('Escape');
  return rows;
}

test('choosing another experiment starts a fresh run, and the old run stays in History', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'race');
  await playUntil(page, 300);
  const race = ['hinton', 'reverse-kl', 'jsd', 'baseline'];
  expect((await runView(page)).lossNames).toEqual(race.flatMap((o, lane) => columnsOf(lane, o)));

  // The two races differ only in their lanes' objectives: still a new experiment.
  await selectOption(page, 'Experiment', 'objectives');
  await expect(readout(page, 'Step')).toHaveText('0');
  await expect(page.getByRole('img', { name: 'Loss (total): no data yet' })).toBeVisible();
  const fresh = await runView(page);
  expect(fresh.lossSteps).toEqual([]);
  // Only the new students' columns, and one untrained evaluation at step 0.
  const objectives = ['hinton', 'taid', 'dkd', 'features'];
  expect(fresh.lossNames).toEqual(objectives.flatMap((o, lane) => columnsOf(lane, o)));
  await expect.poll(async () => (await runView(page)).evalSteps).toEqual([0]);

  // Play starts the new students from step 1, not from where the old ones stopped.
  await playUntil(page, 30);
  const played = await runView(page);
  expect(played.lossSteps.slice(0, 3)).toEqual([1, 2, 3]);

  const rows = await historyRows(page);
  expect(rows).toHaveLength(2);
  const [newer, older] = rows as [string[], string[]];
  expect(older[4]).toBe('Forward KL · Reverse KL · Generalized JSD · No teacher');
  expect(Number(older[5]!.replace(/,/g, ''))).toBeGreaterThanOrEqual(300);
  expect(older[6]!.split(' · ')).toHaveLength(4);
  expect(older[6]).not.toContain('—');
  expect(newer[4]).toBe('Forward KL · TAID · Decoupled KD · Hidden features');
  expect(newer[6]!.split(' · ')).toHaveLength(4);
  expect(errors).toEqual([]);
});

test('a one-student experiment after a race carries only its own columns', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'objectives');
  await playUntil(page, 100);

  await selectOption(page, 'Experiment', 'default');
  await expect(readout(page, 'Step')).toHaveText('0');
  await playUntil(page, 60);
  const one = await runView(page);
  expect(one.lanes).toBe(1);
  expect(one.evalNames.every((n) => n.startsWith('0:'))).toBe(true);
  expect(one.lossNames).toEqual(columnsOf(0, 'hinton'));
  await expect(page.getByRole('table', { name: 'Race standings' })).toHaveCount(0);
  // History lists the one-student run with one value per metric, not the race's four.
  const [newest] = await historyRows(page);
  expect(newest![4]).toBe('Forward KL');
  expect(newest![6]).not.toContain('·');
  expect(newest![6]).not.toContain('—');

  // Students added later chart their own loss parts, not those of the race's lanes 3 and 4.
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: /Add student/ }).click();
  await expect(page.getByRole('button', { name: /^Student 4 · No teacher/ })).toBeVisible();
  await expect.poll(async () => (await runView(page)).lanes).toBe(4);
  const four = await runView(page);
  const race = ['hinton', 'reverse-kl', 'jsd', 'baseline'];
  expect(four.lossNames).toEqual(race.flatMap((o, lane) => columnsOf(lane, o)));
  const legend = page.locator('figure.chart-card').filter({ hasText: 'Loss parts' }).locator('.chart-legend');
  await page.getByRole('button', { name: /^Student 3 ·/ }).click();
  await expect(legend).toHaveText(partLabels('jsd'));
  await page.getByRole('button', { name: /^Student 4 ·/ }).click();
  await expect(legend).toHaveText(partLabels('baseline'));
  expect(errors).toEqual([]);
});

test('an edit that restarts the students while training leaves them paused at step 0', async ({ page }) => {
  await openStudio(page);
  await selectOption(page, 'Backend', 'cpu');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 100);
  await page.getByRole('button', { name: /Add student/ }).click();
  await expect(runBar(page)).toContainText('Paused');
  await expect(readout(page, 'Step')).toHaveText('0');
  // Had the loop carried on behind "Paused", one Step would land far past step 1.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(readout(page, 'Step')).toHaveText('1');
  expect((await runView(page)).lossSteps).toEqual([1]);
});

test('a shipped teacher is loaded, not trained; a text run’s readouts clear on the toy task', async ({ page }) => {
  const errors: string[] = [];
  await recordStatuses(page);
  await openStudio(page, errors);
  await expect(runBar(page)).toContainText('press Play to train the teacher');
  await selectOption(page, 'Task', 'images');
  await expect(runBar(page)).toContainText('press Play to load the shipped teacher');
  await selectOption(page, 'Task', 'text');
  await expect(runBar(page)).toContainText('press Play to load the shipped teacher');
  await setField(page, 'Context (characters)', '16');
  await setField(page, 'Held-out windows', '16');
  await setField(page, 'Batch size', '8');
  await playUntil(page, 2);
  const seen = await statuses(page);
  expect(
    seen.some((s) => /Loading the shipped teacher/.test(s)),
    seen.join('\n'),
  ).toBe(true);
  const building = seen.slice(seen.findIndex((s) => s.startsWith('Preparing')));
  expect(building.filter((s) => /train/i.test(s) && !/^Distilling|^Paused/.test(s))).toEqual([]);
  expect(building.filter((s) => /\b\d+\/1\b/.test(s))).toEqual([]);
  await expect(readout(page, 'Backend')).not.toHaveText('—');
  await expect(readout(page, 'Tensors')).not.toHaveText('—');

  // Back on a toy task nothing is built yet: the text run's backend and tensors are gone.
  await selectOption(page, 'Task', 'toy2d');
  await expect(runBar(page)).toContainText('press Play to train the teacher');
  await expect(readout(page, 'Backend')).toHaveText('—');
  await expect(readout(page, 'Tensors')).toHaveText('—');
  await expect(readout(page, 'Teacher perplexity')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('an imported teacher is measured on the task, not trained', async ({ page }) => {
  await tf.setBackend('cpu');
  const { json, weights } = await validModelFiles();
  await recordStatuses(page);
  await openStudio(page);
  await page.getByRole('button', { name: 'Import model' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a model' });
  await dialog.getByLabel('Model files').setInputFiles([
    { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) },
    { name: 'weights.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(weights) },
  ]);
  await expect(dialog.getByRole('status')).toContainText(/accuracy on this task’s test set: \d/);
  await dialog.getByRole('button', { name: 'Close import' }).click();
  await expect(runBar(page)).toContainText('press Play to measure the imported teacher');
  await selectOption(page, 'Backend', 'cpu');
  await playUntil(page, 5);
  const seen = await statuses(page);
  const building = seen.slice(seen.findIndex((s) => s.startsWith('Preparing')));
  expect(
    building.some((s) => /Measuring the imported teacher/.test(s)),
    seen.join('\n'),
  ).toBe(true);
  expect(building.filter((s) => /train/i.test(s) && !/^Distilling|^Paused/.test(s))).toEqual([]);
});
