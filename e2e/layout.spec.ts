/**
 * Issue 16, item 3: a phone and a small laptop. At 390×844 the page was 663 px wide (Play, Step
 * and Reset off screen), its header 193 px tall (the status one word a line) and every setting
 * sat below every chart. These tests measure what a person would see at 390×844, 1024×700 and
 * 1440×900.
 */
import { expect, test, type Page } from '@playwright/test';
import { openStudio, selectOption, setField, waitForIdlePage } from './helpers';

const settingsForm = (page: Page) => page.getByRole('form', { name: 'Experiment settings' });
const drawer = (page: Page) => page.getByRole('dialog', { name: 'Settings', exact: true });
const settingsButton = (page: Page) => page.getByRole('button', { name: 'Settings', exact: true });

/** How wide the page is laid out (the document scrolls sideways if this exceeds the viewport). */
const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

/** Elements whose content is wider than their box (clipped or scrolled sideways), by class. */
const clippedBoxes = (page: Page) =>
  page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>(
        '.app-header, .run-bar, .toolbar, .sidebar, .control-panel, .workspace, .readouts, .readout, .views-row, .boundary-view, .point-inspector, .charts, .chart-card, .card, .race-table, .stamp',
      ),
    )
      .filter((e) => e.getClientRects().length > 0 && e.scrollWidth > e.clientWidth)
      .map((e) => `${e.className}: ${e.scrollWidth} > ${e.clientWidth}`),
  );

/** Whether the element with focus is inside the element matching `selector`. */
const focusInside = (page: Page, selector: string) =>
  page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);

test.describe('at 390×844 (a phone)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the page fits, the run bar stays in reach and the charts stack', async ({ page }) => {
    await openStudio(page);
    await waitForIdlePage(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    expect(await clippedBoxes(page)).toEqual([]);
    // The settings are not below the charts: they wait in the drawer.
    await expect(settingsForm(page)).toBeHidden();
    for (const name of ['Play', 'Step', 'Reset', 'Settings']) {
      await expect(page.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
    }
    // The status is a line, not a word a line, and the bar is short.
    const bar = (await page.locator('.run-bar').boundingBox())!;
    expect(bar.height).toBeLessThanOrEqual(100);
    expect(bar.y + bar.height).toBeCloseTo(844, 0);
    const statusBox = (await page.getByRole('banner').getByRole('status').boundingBox())!;
    expect(statusBox.height).toBeLessThanOrEqual(40);
    // Title block (with the intro card's link) and the toolbar, which wraps to two rows since
    // Lessons joined it: 122 px measured, against 207 px before this layout.
    const header = (await page.getByRole('banner').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(130);
    // Scrolled to the end, the run controls are still on screen and cover nothing of the page.
    await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight));
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeInViewport({ ratio: 1 });
    const stamp = (await page.getByLabel('Reproducibility stamp').boundingBox())!;
    expect(stamp.y + stamp.height).toBeLessThanOrEqual(bar.y);
    // The charts stack: one column, each as wide as the page allows.
    const charts = await page.locator('.chart-card').evaluateAll((cards) =>
      cards.map((c) => {
        const r = c.getBoundingClientRect();
        return { x: Math.round(r.x), right: Math.round(r.right), top: Math.round(r.top) };
      }),
    );
    expect(charts.length).toBeGreaterThan(2);
    expect(new Set(charts.map((c) => c.x)).size).toBe(1);
    expect(new Set(charts.map((c) => c.top)).size).toBe(charts.length);
    for (const c of charts) expect(c.right).toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'e2e/artifacts/layout-390-idle.png' });
  });

  test('the settings open in a drawer that keeps focus and gives it back', async ({ page }) => {
    await openStudio(page);
    await waitForIdlePage(page);
    await settingsButton(page).focus();
    await page.keyboard.press('Enter');
    await expect(drawer(page)).toBeVisible();
    await expect(settingsButton(page)).toHaveAttribute('aria-expanded', 'true');
    await expect(settingsForm(page)).toBeVisible();
    expect(await focusInside(page, '.sidebar')).toBe(true);
    // The drawer fits the phone and leaves a strip of the page to tap.
    const box = (await drawer(page).boundingBox())!;
    expect(box.x).toBe(0);
    expect(box.width).toBeLessThan(390);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'e2e/artifacts/layout-390-drawer.png' });
    // Tab and Shift+Tab go round inside it, past its first and last controls.
    const stops = await drawer(page).evaluate(
      (d) =>
        Array.from(d.querySelectorAll<HTMLElement>('button, input, select, summary, [tabindex]')).filter(
          (e) => e.tabIndex >= 0 && e.getClientRects().length > 0,
        ).length,
    );
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < stops + 3; i++) {
        await page.keyboard.press(key);
        expect(await focusInside(page, '.sidebar'), `${key} ×${i + 1}`).toBe(true);
      }
    }
    // An edit made in the drawer is kept when it closes.
    await setField(page, 'Points', '300');
    await page.keyboard.press('Escape');
    await expect(drawer(page)).toHaveCount(0);
    await expect(settingsForm(page)).toBeHidden();
    await expect(settingsButton(page)).toBeFocused();
    await expect(settingsButton(page)).toHaveAttribute('aria-expanded', 'false');
    // ✕ closes it too, and a tap on the dimmed page beside it.
    await settingsButton(page).click();
    await expect(page.getByLabel('Points', { exact: true })).toHaveValue('300');
    await page.getByRole('button', { name: 'Close settings' }).click();
    await expect(drawer(page)).toHaveCount(0);
    await expect(settingsButton(page)).toBeFocused();
    await settingsButton(page).click();
    await page.mouse.click(380, 400);
    await expect(drawer(page)).toHaveCount(0);
    // Widened past the drawer's width, the settings are a sidebar again.
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect(settingsForm(page)).toBeVisible();
    await expect(settingsButton(page)).toBeHidden();
  });

  // The task views as they are once there is data: one step on WebAssembly draws them.
  const TASK_VIEW = { images: '.tile', text: '.passage', race: '.race-table' } as const;
  for (const task of ['images', 'text', 'race'] as const) {
    test(`the ${task === 'race' ? 'race preset' : `${task} task`} fits the phone too, with its views drawn`, async ({
      page,
    }) => {
      await openStudio(page);
      await settingsButton(page).click();
      if (task === 'race') await selectOption(page, 'Experiment', 'race');
      else await selectOption(page, 'Task', task);
      await selectOption(page, 'Backend', 'wasm');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('banner').getByRole('status')).toHaveText(/^Ready: press Play/, { timeout: 60_000 });
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await expect(page.locator(TASK_VIEW[task]).first()).toBeVisible({ timeout: 120_000 });
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      expect(await clippedBoxes(page)).toEqual([]);
      await page.screenshot({ path: `e2e/artifacts/layout-390-${task}.png` });
    });
  }
});

test.describe('at 1024×700 (a small laptop)', () => {
  test.use({ viewport: { width: 1024, height: 700 } });

  test('nothing is clipped and the sidebar starts below the header', async ({ page }) => {
    await openStudio(page);
    await waitForIdlePage(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(1024);
    expect(await clippedBoxes(page)).toEqual([]);
    await expect(settingsForm(page)).toBeVisible();
    await expect(settingsButton(page)).toBeHidden();
    for (const name of ['Play', 'Step', 'Reset', 'Share', 'Import model', 'Export', 'My data']) {
      await expect(page.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
    }
    // The status keeps the width of a sentence.
    const statusBox = (await page.getByRole('banner').getByRole('status').boundingBox())!;
    expect(statusBox.height).toBeLessThanOrEqual(40);
    // Scrolled, the sticky sidebar sits under the sticky header, not behind it.
    await page.evaluate(() => window.scrollTo(0, 400));
    const header = (await page.getByRole('banner').boundingBox())!;
    const sidebar = (await page.locator('.sidebar').boundingBox())!;
    expect(sidebar.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
    expect(sidebar.y + sidebar.height).toBeLessThanOrEqual(701);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'e2e/artifacts/layout-1024-idle.png' });
  });
});

test.describe('at 1440×900 (a desktop)', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the layout stays as it was: sidebar, one header row, three chart columns', async ({ page }) => {
    await openStudio(page);
    await waitForIdlePage(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(1440);
    expect(await clippedBoxes(page)).toEqual([]);
    await expect(settingsButton(page)).toBeHidden();
    const sidebar = (await page.locator('.sidebar').boundingBox())!;
    expect([sidebar.x, sidebar.width]).toEqual([0, 320]);
    // One row of controls; the title block's third line (the intro card's link) sets the
    // height: 72 px measured (56 px before that link).
    const header = (await page.getByRole('banner').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(76);
    const columns = await page
      .locator('.charts')
      .evaluate((c) => getComputedStyle(c).gridTemplateColumns.split(' ').length);
    expect(columns).toBe(3);
    await page.screenshot({ path: 'e2e/artifacts/layout-1440-idle.png' });
  });
});
