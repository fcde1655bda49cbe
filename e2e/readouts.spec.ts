/** Issue 16, item 6: in a race, the top readouts say which student they show, and follow the choice. */
import { expect, test } from '@playwright/test';
import { openStudio, readout, selectOption, waitForReadout } from './helpers';

test('in a race the readouts name the student they show and follow the lane picked', async ({ page }) => {
  await openStudio(page);
  await page.getByRole('button', { name: 'Got it' }).click();
  // A single student needs no name.
  await expect(page.getByRole('group', { name: 'Student shown' })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Experiment', exact: true }).selectOption('race');
  await selectOption(page, 'Backend', 'wasm');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 200, 90_000);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('banner').getByRole('status')).toContainText('Paused');

  const shown = page.getByRole('group', { name: 'Student shown' });
  await expect(shown).toContainText('Student 1');
  await expect(shown).toContainText('Forward KL');
  const standings = page.getByRole('table', { name: 'Race standings' });
  const agreementOf = async (row: number) => {
    const headers = await standings.locator('thead th').allInnerTexts();
    const col = headers.indexOf('Agreement');
    return standings.locator('tbody tr').nth(row).locator('th, td').nth(col).innerText();
  };

  // Picked in the tabs above the maps: the readouts say so, and show that student's numbers.
  await page.getByRole('tab', { name: /^Student 2/ }).click();
  await expect(shown).toContainText('Student 2');
  await expect(shown).toContainText('Reverse KL');
  await expect(readout(page, 'Agreement')).toHaveText(await agreementOf(1));
  await expect(page.getByRole('group', { name: 'Agreement', exact: true })).toHaveAccessibleDescription('Student 2');

  // Picked in the standings.
  await standings.locator('tbody tr').nth(3).click();
  await expect(shown).toContainText('Student 4');
  await expect(shown).toContainText('No teacher');
  await expect(readout(page, 'Agreement')).toHaveText(await agreementOf(3));
  await page.screenshot({ path: 'e2e/artifacts/readouts-race.png' });
});
