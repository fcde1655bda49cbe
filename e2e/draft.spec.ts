/**
 * Issue 17 §6 in a real browser: the draft-model race (preset text-draft) run small. The two
 * draft charts appear and their curves move, and the demo, asked for, writes text with the
 * student's accepted drafts marked and the counts beside it.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openStudio, runColumn, selectOption, setField, waitForReadout } from './helpers';

test('the student as a draft model: acceptance and characters-per-call charts move, the demo marks accepted drafts', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'text-draft');
  await setField(page, 'Context (characters)', '16');
  await setField(page, 'Held-out windows', '16');
  await setField(page, 'Batch size', '8');
  await setField(page, 'Evaluate every', '5');
  await page.getByRole('checkbox', { name: 'Write samples' }).uncheck();
  await selectOption(page, 'Backend', 'wasm');

  const demo = page.getByRole('region', { name: 'Draft model demo' });
  await expect(demo).toContainText('Press Play or Step to load the teacher');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 20, 180_000);
  await expect(page.getByRole('img', { name: /^Draft acceptance α = 1 − TVD/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Characters per teacher call, γ = 4/ })).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();

  // Four lanes, each with its acceptance and both characters-per-call curves, in range and moving.
  for (let lane = 0; lane < 4; lane++) {
    const alpha = await runColumn(page, 'evals', `${lane}:acceptance`);
    const sampling = await runColumn(page, 'evals', `${lane}:draftChars`);
    const greedy = await runColumn(page, 'evals', `${lane}:greedyDraftChars`);
    expect(alpha.length).toBeGreaterThanOrEqual(3);
    expect(alpha.every((v) => v > 0 && v <= 1)).toBe(true);
    expect(new Set(alpha).size).toBeGreaterThan(1);
    expect([...sampling, ...greedy].every((v) => v >= 1 && v <= 5)).toBe(true);
    // The formula's value at the measured α.
    const a = alpha[alpha.length - 1]!;
    expect(sampling[sampling.length - 1]!).toBeCloseTo((1 - a ** 5) / (1 - a), 3);
  }

  await demo.getByRole('combobox', { name: 'Drafting student' }).selectOption('2');
  await demo.getByRole('button', { name: 'Run the demo' }).click();
  const text = demo.getByLabel('Drafted text');
  await expect(text).toBeVisible({ timeout: 120_000 });
  await expect(demo.getByLabel('Draft counts')).toContainText(/120 characters in \d+ teacher calls: \d\.\d\d per call/);
  const counts = await demo.getByLabel('Draft counts').innerText();
  const accepted = Number(/· (\d+) of/.exec(counts)![1]);
  // What is marked is exactly what the counts say was accepted (up to the last call's cut).
  const marked = (await text.locator('mark.draft-accepted').allInnerTexts()).join('').length;
  expect(marked).toBeLessThanOrEqual(accepted);
  expect(marked).toBeGreaterThan(0);
  await expect(demo).toContainText('drafted by student 3 and accepted');
  // The marked characters keep 4.5:1 and the region names its controls (axe-core, serious or critical).
  const axe = await new AxeBuilder({ page }).include('section[aria-label="Draft model demo"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // Greedy, asked again: another answer.
  await demo.getByRole('combobox', { name: 'Decoding' }).selectOption('greedy');
  await demo.getByRole('button', { name: 'Run the demo again' }).click();
  await expect(demo).toContainText('greedy decoding.', { timeout: 120_000 });
  await page.screenshot({ path: 'e2e/artifacts/draft.png', fullPage: true });
  expect(errors).toEqual([]);
});
