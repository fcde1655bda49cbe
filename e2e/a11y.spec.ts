/**
 * Issue 16, item 4: the keyboard and assistive technology. Enter on Play used to drop focus
 * onto the page (so Space did nothing), Tab walked out of the Share dialog into the page behind
 * it, Escape left focus nowhere, and the point inspector's amber and green labels were 2.15:1
 * and 2.54:1. axe-core checks the main views for serious and critical violations.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openStudio, selectOption, useQuickExperiment, waitForIdlePage, waitForReadout } from './helpers';

const runStatus = (page: Page) => page.getByRole('banner').getByRole('status');

/** Whether the element with focus is inside the element matching `selector`. */
const focusInside = (page: Page, selector: string) =>
  page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);

/** The serious and critical violations axe finds on the page as it is now, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
}

test('Play and Pause are one button that keeps focus: Enter plays, Space pauses and plays', async ({ page }) => {
  await openStudio(page);
  await useQuickExperiment(page);
  await selectOption(page, 'Backend', 'cpu');
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await play.focus();
  // Marked, so that the button found later is known to be this element, not a new one.
  await play.evaluate((b) => (b.dataset.mark = 'run-toggle'));
  await page.keyboard.press('Enter');
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  await expect(pause).toBeVisible({ timeout: 60_000 });
  await expect(pause).toBeFocused();
  await expect(pause).toHaveAttribute('data-mark', 'run-toggle');
  await expect(runStatus(page)).toContainText('Distilling');
  await page.keyboard.press('Space');
  await expect(runStatus(page)).toContainText('Paused');
  await expect(play).toBeFocused();
  await expect(play).toHaveAttribute('data-mark', 'run-toggle');
  await page.keyboard.press('Space');
  await expect(runStatus(page)).toContainText('Distilling');
  await expect(pause).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(runStatus(page)).toContainText('Paused');
});

test('the keyboard meets the run controls first, then the toolbar, then the settings', async ({ page }) => {
  await openStudio(page);
  await waitForIdlePage(page);
  const focused = page.locator(':focus');
  // The header's way back to the intro card comes first, under the title.
  const order = [
    'What is distillation?',
    'Play',
    'Step',
    'Reset',
    'Lessons',
    'Share',
    'Sweeps',
    /^History/,
    'Import model',
  ];
  for (const name of [...order, 'Export', 'My data']) {
    await page.keyboard.press('Tab');
    await expect(focused).toHaveAccessibleName(name);
  }
  await page.keyboard.press('Tab');
  expect(await focusInside(page, 'form[aria-label="Experiment settings"]')).toBe(true);
});

const DIALOGS = [
  { opener: 'Share', name: 'Share this experiment' },
  { opener: 'History', name: 'Run history' },
  { opener: 'Import model', name: 'Import a model' },
  { opener: 'Export', name: 'Export' },
  { opener: 'My data', name: 'My data' },
] as const;

test('every dialog keeps Tab and Shift+Tab inside, closes on Escape and gives focus back', async ({ page }) => {
  await openStudio(page);
  await waitForIdlePage(page);
  for (const { opener, name } of DIALOGS) {
    const button = page.getByRole('banner').getByRole('button', { name: opener, exact: opener !== 'History' });
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name, exact: true });
    await expect(dialog).toBeVisible();
    await expect.poll(() => focusInside(page, 'dialog'), name).toBe(true);
    const stops = await dialog.evaluate(
      (d) =>
        Array.from(
          d.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]'),
        ).filter((e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled && e.getClientRects().length > 0).length,
    );
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < stops + 2; i++) {
        await page.keyboard.press(key);
        expect(await focusInside(page, 'dialog'), `${name}: ${key} ×${i + 1} of ${stops} stops`).toBe(true);
      }
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(button, `${name} gives focus back`).toBeFocused();
  }
  // The ✕ button and a click on the dimmed page close a dialog too, and give focus back.
  const share = page.getByRole('button', { name: 'Share', exact: true });
  await share.click();
  await page.getByRole('button', { name: 'Close sharing' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(share).toBeFocused();
  await share.click();
  await page.mouse.click(5, 450);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(share).toBeFocused();
});

test.describe('axe-core finds no serious or critical violation', () => {
  test('on the toy task, idle and after training with a point inspected', async ({ page }) => {
    await openStudio(page);
    await waitForIdlePage(page);
    expect(await axeViolations(page)).toEqual([]);
    await useQuickExperiment(page);
    await selectOption(page, 'Backend', 'cpu');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForReadout(page, 'Step', (v) => v >= 200);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('img', { name: /^Student:/ }).focus();
    await page.keyboard.press('ArrowRight');
    const inspector = page.getByRole('complementary', { name: 'Point inspector' });
    await expect(inspector).toContainText('Teacher at T = 1');
    expect(await axeViolations(page)).toEqual([]);
    // The inspector's class labels are text: each at 4.5:1 or more on its card.
    const ratios = await inspector.locator('.prob-class').evaluateAll((labels) =>
      labels.map((l) => {
        const lum = (c: string) => {
          const [r, g, b] = c
            .match(/\d+/g)!
            .slice(0, 3)
            .map((v) => {
              const x = Number(v) / 255;
              return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
            }) as [number, number, number];
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const card = getComputedStyle(l.closest('.point-inspector')!).backgroundColor;
        const [hi, lo] = [lum(getComputedStyle(l).color), lum(card)].sort((a, b) => b - a) as [number, number];
        return (hi + 0.05) / (lo + 0.05);
      }),
    );
    expect(ratios.length).toBeGreaterThan(0);
    for (const r of ratios) expect(r).toBeGreaterThanOrEqual(4.5);
    await page.screenshot({ path: 'e2e/artifacts/a11y-1440-trained.png' });
  });

  for (const task of ['images', 'text'] as const) {
    test(`on the ${task} task`, async ({ page }) => {
      await openStudio(page);
      await selectOption(page, 'Task', task);
      await selectOption(page, 'Backend', 'wasm');
      await expect(runStatus(page)).toHaveText(/^Ready: press Play/, { timeout: 60_000 });
      expect(await axeViolations(page), 'idle').toEqual([]);
      // One step draws the task's views (the gallery, the passages), which axe then checks too.
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await expect(page.locator(task === 'images' ? '.tile' : '.passage').first()).toBeVisible({ timeout: 120_000 });
      expect(await axeViolations(page), 'after a step').toEqual([]);
    });
  }

  test('with a dialog open, and in the phone drawer', async ({ page }) => {
    await openStudio(page);
    await waitForIdlePage(page);
    for (const { opener, name } of DIALOGS.slice(0, 2)) {
      await page
        .getByRole('banner')
        .getByRole('button', { name: opener, exact: opener !== 'History' })
        .click();
      await expect(page.getByRole('dialog', { name, exact: true })).toBeVisible();
      expect(await axeViolations(page), name).toEqual([]);
      await page.keyboard.press('Escape');
    }
    // The sweep's set-up, from the toolbar's Sweeps menu (open, then the dialog).
    await page
      .getByRole('banner')
      .getByRole('button', { name: /^Sweeps/ })
      .click();
    expect(await axeViolations(page), 'Sweeps menu').toEqual([]);
    await page.getByRole('banner').getByRole('button', { name: 'Sweep…', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Sweep', exact: true })).toBeVisible();
    expect(await axeViolations(page), 'Sweep').toEqual([]);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await axeViolations(page), 'phone').toEqual([]);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Settings', exact: true })).toBeVisible();
    expect(await axeViolations(page), 'drawer').toEqual([]);
  });
});
