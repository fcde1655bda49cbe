/**
 * Issue 12, a teacher built the usual way: the tfjs functional API with BatchNormalization,
 * Dropout, a residual Add and a softmax output, saved by tfjs's own `model.save`
 * (e2e/fixtures/keras-teacher, made by `npm run fixture:keras-teacher`). It imports, the
 * studio says it reads the values before the softmax as logits, and on Auto it distils, WASM
 * included among the backends tried (the saliency probe's gradients through its linear
 * convolutions need the Conv2DBackpropFilter the studio gives WASM).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openStudio, readout, readoutValue, selectOption, setField } from './helpers';

const FIXTURE = new URL('./fixtures/keras-teacher/', import.meta.url);

test('a Keras-style teacher with a softmax output imports and distils on Auto', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Task', 'images');
  // A small slice of the data, so the software backends here stay quick.
  await setField(page, 'Training images', '1000');
  await setField(page, 'Test images', '300');
  await setField(page, 'Evaluate every', '10');
  await expect(page.getByRole('combobox', { name: 'Backend', exact: true })).toHaveValue('auto');

  await page.getByRole('button', { name: 'Import model' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a model' });
  await expect(dialog.getByRole('radio', { name: 'the teacher' })).toBeChecked();
  await dialog.getByLabel('Model files').setInputFiles([
    {
      name: 'model.json',
      mimeType: 'application/json',
      buffer: readFileSync(new URL('model.json', FIXTURE)),
    },
    {
      name: 'weights.bin',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(new URL('weights.bin', FIXTURE)),
    },
  ]);
  const message = dialog.getByRole('status');
  await expect(message).toContainText(
    'Its last layer applies softmax: the studio reads the values before it as logits.',
    { timeout: 120_000 },
  );
  await expect(message).toContainText(/accuracy on this task’s test set: ([6-9]\d|100)(\.\d)?%/);
  await dialog.getByRole('button', { name: 'Close import' }).click();

  await page.getByRole('button', { name: 'Play' }).click();
  const runStatus = page.getByRole('banner').getByRole('status');
  // The student learns the teacher's classes: its agreement rises, and the run never errs.
  let outcome = '';
  await expect
    .poll(
      async () => {
        const text = await runStatus.innerText();
        const agreement = await readoutValue(page, 'Agreement');
        outcome = /Error/.test(text) ? `stopped: ${text}` : agreement >= 0.5 ? 'agrees' : `agreement ${agreement}`;
        return outcome === 'agrees' || outcome.startsWith('stopped');
      },
      { timeout: 200_000, intervals: [500, 1000], message: 'agreement ≥ 50% or an error' },
    )
    .toBe(true);
  expect(outcome).toBe('agrees');
  await expect(runStatus).not.toContainText('Error');
  // Auto tried each backend on this teacher; none lacks a kernel it needs (the studio gives WASM
  // the Conv2DBackpropFilter that tfjs's fused convolution asks for).
  await expect(readout(page, 'Backend')).not.toHaveText('—');
  await expect(page.locator('.trial-list')).not.toContainText('kernel');
  await page.screenshot({ path: 'e2e/artifacts/keras-import.png', fullPage: true });
  expect(errors).toEqual([]);
});
