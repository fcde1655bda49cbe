/**
 * Issue 16, item 7 in a real browser: what a person types into a field gets a message that
 * names the field as it is labelled and says what is wanted, and the experiment stays as it
 * was; the width lists get a keyboard with a comma on phones. Every field of every task is
 * covered by src/ui/controls/field-messages.test.ts; here, the reported values and one field
 * of each task as a person would meet them.
 */
import { expect, test, type Page } from '@playwright/test';
import { openStudio, selectOption, setField } from './helpers';

/** The config in force (the page's store): what a rejected value must leave alone. */
const config = (page: Page) =>
  page.evaluate(() => (window as unknown as { kdStudio: { config(): Record<string, unknown> } }).kdStudio.config());

/** Types `value` into the field labelled `label`, commits it, and expects `message` under it. */
async function expectMessage(page: Page, label: string, value: string, message: string | RegExp): Promise<void> {
  const before = await config(page);
  await setField(page, label, value);
  const input = page.getByLabel(label, { exact: true });
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  const id = await input.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${id}"]`)).toHaveText(message);
  await expect(page.locator(`[id="${id}"]`)).toHaveRole('alert');
  expect(await config(page)).toEqual(before);
  // Escape puts the field back to the value in force.
  await input.press('Escape');
  await expect(input).not.toHaveAttribute('aria-invalid', 'true');
}

test('the reported values: a fraction of points, too many arms, an empty width between commas', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await expectMessage(page, 'Points', '2.5', 'Points must be a whole number');
  await expectMessage(page, 'Arms', '50', 'Arms must be at most 8');
  await expectMessage(
    page,
    'Student Hidden widths',
    '48,,48',
    'Hidden widths: “48,,48” has nothing between two commas; write whole numbers separated by commas, e.g. 32, 16',
  );
  await expectMessage(page, 'Teacher Hidden widths', '48, 4000', 'Hidden widths: a layer width must be at most 512');
  // Empty, not a number, out of range in the units shown, a decimal comma.
  await expectMessage(page, 'Points', '', 'Points is empty: enter a whole number from 60 to 5000');
  await expectMessage(page, 'Seed', 'forty', 'Seed must be a whole number from 0 to 2147483647, not “forty”');
  await expectMessage(page, 'Test %', '90', 'Test % must be at most 60');
  await expectMessage(page, 'Noise', '0,5', 'Noise must be a number from 0 to 1, written with a point: 0.5, not 0,5');
  await expectMessage(page, 'Evaluate every', '0', 'Evaluate every must be at least 1');
  // A good value is taken.
  await setField(page, 'Points', '600');
  await expect(page.getByLabel('Points', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  expect(((await config(page)).task as { points: number }).points).toBe(600);
  expect(errors).toEqual([]);
});

test('number fields ask for a number keyboard, the width lists for one with a comma', async ({ page }) => {
  await openStudio(page);
  for (const label of ['Points', 'Arms', 'Seed', 'Batch size', 'Steps', 'Teacher Training steps'])
    await expect(page.getByLabel(label, { exact: true }), label).toHaveAttribute('inputmode', 'numeric');
  for (const label of ['Noise', 'Test %', 'Learning rate', 'Teacher Learning rate'])
    await expect(page.getByLabel(label, { exact: true }), label).toHaveAttribute('inputmode', 'decimal');
  for (const label of ['Teacher Hidden widths', 'Student Hidden widths']) {
    const input = page.getByLabel(label, { exact: true });
    await expect(input, label).toHaveAttribute('inputmode', 'text');
    await expect(input, label).toHaveAttribute('pattern', '[0-9, ]*');
  }
  // An objective's parameter (a slider's box) too.
  await expect(page.getByRole('textbox', { name: 'Temperature T', exact: true })).toHaveAttribute(
    'inputmode',
    'decimal',
  );
});

test('each task’s fields name themselves as labelled', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Task', 'images');
  await expectMessage(page, 'Training images', '600.5', 'Training images must be a whole number');
  await expectMessage(page, 'Labelled %', '0.5', 'Labelled % must be at least 1');
  await expectMessage(page, 'Shift (px)', '9', 'Shift (px) must be at most 4');
  await selectOption(page, 'Student preset', 'smallCnn');
  await expectMessage(page, 'Student Conv filters', '8,', /^Conv filters: “8,” ends with a comma; /);
  await expectMessage(page, 'Student Dense widths', '32, 32, 32', 'Dense widths: at most 2 dense layers');

  await selectOption(page, 'Task', 'text');
  await expectMessage(page, 'Context (characters)', '100', 'Context (characters) must be at most 64');
  await expectMessage(
    page,
    'Samples every (steps)',
    '',
    'Samples every (steps) is empty: enter a whole number from 10 to 100000',
  );
  await expectMessage(page, 'Student Heads', '5', 'Heads must divide the width (48 is not divisible by 5)');
  // Over the budget: the message under the field names it as labelled, with the batch that fits.
  await expectMessage(
    page,
    'Batch size',
    '1024',
    /^Needs about \d+ GB of memory, over the 1 GB limit: lower “Batch size” to \d+ or less$/,
  );

  await selectOption(page, 'Task', 'table');
  await expectMessage(page, 'Test %', '55', 'Test % must be at most 50');

  await selectOption(page, 'Task', 'imagefolder');
  await expectMessage(page, 'Test %', 'ten', 'Test % must be a number from 10 to 50, not “ten”');

  await selectOption(page, 'Task', 'textfile');
  await expectMessage(page, 'Held-out fraction', '0.9', 'Held-out fraction must be at most 0.5');
  await expectMessage(page, 'Teacher Layers', '1.5', 'Layers must be a whole number');
  expect(errors).toEqual([]);
});
