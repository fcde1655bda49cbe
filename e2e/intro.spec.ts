/**
 * The first minute (issue 16, item 1): the "What is distillation?" card on a first visit, its
 * dismissal remembered, the header's way back to it, the guided first run through its four
 * pointers on the default experiment, and links that ask to play or to present, which the card
 * neither blocks nor covers.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openStudio, readoutValue, selectOption, waitForReadout } from './helpers';

const card = (page: Page) => page.getByRole('region', { name: 'What is distillation?' });
const introButton = (page: Page) => page.getByRole('button', { name: 'What is distillation?', exact: true });
const pointer = (page: Page, title: string) => page.getByRole('dialog', { name: title });

/** The lowest contrast ratio of any text in `root` against its (opaque) background. */
function lowestContrast(root: Locator) {
  return root.evaluate((el) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => v / 255);
      const f = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const background = (e: Element | null): string => {
      for (; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        const alpha = rgb(bg)[3];
        if (bg !== 'transparent' && (alpha === undefined || alpha > 0.9)) return bg;
      }
      return 'rgb(255, 255, 255)';
    };
    let worst = { ratio: 21, text: '' };
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || !n.textContent?.trim() || parent.closest('[aria-hidden="true"]')) continue;
      const a = lum(getComputedStyle(parent).color);
      const b = lum(background(parent));
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < worst.ratio) worst = { ratio, text: n.textContent.trim().slice(0, 40) };
    }
    return worst;
  });
}

/** The ring is drawn around `target` (polled: the ring follows its target frame by frame). */
async function ringAround(page: Page, target: Locator): Promise<void> {
  await expect
    .poll(async () => {
      const ring = await page.locator('.tour-ring').boundingBox();
      const box = await target.boundingBox();
      if (!ring || !box) return false;
      return (
        ring.x <= box.x + 1 &&
        ring.y <= box.y + 1 &&
        ring.x + ring.width >= box.x + box.width - 1 &&
        ring.y + ring.height >= box.y + box.height - 1
      );
    }, 'the ring surrounds its target')
    .toBe(true);
}

/** A pointer's callout is on screen, within 40 px of the thing it points at. */
async function besideTarget(page: Page, callout: Locator, target: Locator): Promise<void> {
  const viewport = page.viewportSize()!;
  await expect
    .poll(async () => {
      const c = await callout.boundingBox();
      const t = await target.boundingBox();
      if (!c || !t) return 'not on the page';
      if (c.x < 0 || c.x + c.width > viewport.width) return 'off screen';
      const gapX = Math.max(t.x - (c.x + c.width), c.x - (t.x + t.width), 0);
      const gapY = Math.max(t.y - (c.y + c.height), c.y - (t.y + t.height), 0);
      return Math.max(gapX, gapY) <= 40 ? 'beside' : `${Math.max(gapX, gapY)} px away`;
    }, 'the callout sits beside its target')
    .toBe('beside');
}

test('a first visit shows the card; its dismissal is remembered across a reload; the header reopens it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const errors: string[] = [];
  await openStudio(page, errors);
  await expect(card(page)).toBeVisible();
  for (const term of ['The teacher', 'Soft targets', 'Temperature T', 'Agreement']) {
    await expect(card(page).getByRole('term').filter({ hasText: term })).toBeVisible();
  }
  await expect(card(page)).toContainText('T²');
  // The picture: the default teacher's probabilities for one point at T = 1 and at T = 4.
  await expect(card(page).getByRole('list', { name: 'Teacher’s probabilities at T = 1' })).toContainText('97.6%');
  await expect(card(page).getByRole('list', { name: 'Teacher’s probabilities at T = 4' })).toContainText('26.3%');
  const contrast = await lowestContrast(card(page));
  expect(contrast.ratio, `lowest text contrast, at “${contrast.text}”`).toBeGreaterThanOrEqual(4.5);
  await page.screenshot({ path: 'e2e/artifacts/intro-card-1440.png' });

  // Dismissed from the keyboard: Escape inside the card; focus goes to the header's button.
  await card(page).getByRole('button', { name: 'Got it' }).focus();
  await page.keyboard.press('Escape');
  await expect(card(page)).toBeHidden();
  await expect(introButton(page)).toBeFocused();

  await page.reload();
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
  await expect(introButton(page)).toBeVisible();
  await expect(card(page)).toBeHidden();

  await introButton(page).click();
  await expect(card(page)).toBeVisible();
  await expect(card(page).getByRole('heading', { name: 'What is distillation?' })).toBeFocused();
  await card(page).getByRole('button', { name: 'Got it' }).click();
  await expect(card(page)).toBeHidden();
  expect(errors).toEqual([]);
});

test('the guided first run points at the teacher’s training, the soft targets, the student’s map and the agreement curve', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const errors: string[] = [];
  await openStudio(page, errors);
  // The tour keeps the backend chosen: WASM, the quickest here for the toy models.
  await selectOption(page, 'Backend', 'wasm');
  await card(page).getByRole('button', { name: 'Show me' }).click();
  await expect(card(page)).toBeHidden();

  const teacher = pointer(page, 'First, the teacher trains');
  await expect(teacher).toBeVisible();
  await expect(teacher).toBeFocused();
  await expect(teacher).toContainText('1 of 4');
  const runStatus = page.locator('.run-status');
  await ringAround(page, runStatus);
  await besideTarget(page, teacher, runStatus);
  await page.screenshot({ path: 'e2e/artifacts/intro-pointer-teacher-1440.png' });

  // It moves on by itself once the teacher is ready.
  const soft = pointer(page, 'Soft targets');
  await expect(soft).toBeVisible({ timeout: 90_000 });
  const inspector = page.getByRole('complementary', { name: 'Point inspector' });
  await ringAround(page, inspector);
  await besideTarget(page, soft, inspector);
  await page.screenshot({ path: 'e2e/artifacts/intro-pointer-1440.png' });
  // ... and when a point is picked (here from the keyboard). The next pointer waits for the
  // run's end (3,000 steps, about 10 s), so this comes at once.
  await page.getByRole('img', { name: /^Student:/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(inspector).toContainText('Teacher at T = 4');

  const map = pointer(page, 'The student’s map');
  await expect(map).toBeVisible();
  const studentMap = page.locator('figure', { has: page.getByRole('img', { name: /^Student:/ }) });
  await ringAround(page, studentMap);
  await besideTarget(page, map, studentMap);

  // ... and when the run reaches its planned steps.
  const agreement = pointer(page, 'Agreement with the teacher');
  await expect(agreement).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('banner').getByRole('status')).toContainText('Done');
  expect(await readoutValue(page, 'Agreement')).toBeGreaterThanOrEqual(0.9);
  const chart = page.locator('figure', { has: page.getByRole('img', { name: /^Top-1 agreement with the teacher/ }) });
  await ringAround(page, chart);
  await besideTarget(page, agreement, chart);
  await expect(agreement).toContainText('4 of 4');
  await agreement.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('.tour-ring')).toHaveCount(0);
  await expect(introButton(page)).toBeFocused();
  expect(errors).toEqual([]);
});

test('the tour works from the keyboard: Next by Tab and Enter, Escape ends it and gives focus back', async ({
  page,
}) => {
  await openStudio(page);
  await selectOption(page, 'Backend', 'wasm');
  await card(page).getByRole('button', { name: 'Show me' }).press('Enter');
  const teacher = pointer(page, 'First, the teacher trains');
  await expect(teacher).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(teacher.getByRole('button', { name: 'Skip tour' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(teacher.getByRole('button', { name: 'Next' })).toBeFocused();
  await page.keyboard.press('Enter');
  const soft = pointer(page, 'Soft targets');
  await expect(soft).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(introButton(page)).toBeFocused();
  // The run the tour started goes on without it.
  await waitForReadout(page, 'Step', (v) => v > 0, 90_000);
});

test('a link that asks to play is neither blocked nor covered by the card; nor are a presentation and a broken link', async ({
  page,
  browser,
}) => {
  await openStudio(page);
  const link = await page.evaluate(() => location.href);
  expect(link).toContain('#v=');

  // A fresh browser profile (no dismissal remembered) opens the link with play=1.
  const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const other = await fresh.newPage();
  await other.goto(`${link}&play=1`);
  await expect(other.getByRole('button', { name: 'Pause' })).toBeVisible({ timeout: 60_000 });
  await expect(card(other)).toBeHidden();
  await waitForReadout(other, 'Step', (v) => v > 0, 60_000);
  // Opened by hand, the card lets the run go on underneath.
  await introButton(other).click();
  await expect(card(other)).toBeVisible();
  const before = await readoutValue(other, 'Step');
  await waitForReadout(other, 'Step', (v) => v > before + 50, 60_000);
  await expect(other.getByRole('button', { name: 'Pause' })).toBeVisible();

  // A presentation: no card by itself; the button still explains, without Show me.
  const present = await fresh.newPage();
  await present.goto(`${link}&mode=present`);
  await expect(present.getByRole('button', { name: 'Show settings' })).toBeVisible();
  await expect(card(present)).toBeHidden();
  await introButton(present).click();
  await expect(card(present)).toBeVisible();
  await expect(card(present).getByRole('button', { name: 'Show me' })).toHaveCount(0);

  // A broken or hostile link: its notice comes first, the card stays closed, Play still works.
  const broken = await fresh.newPage();
  await broken.goto(`${link.split('#')[0]}#v=99&c=%3Cscript%3E`);
  await expect(broken.getByRole('status', { name: 'Link notices' })).toBeVisible();
  await expect(broken.getByRole('button', { name: 'Play' })).toBeEnabled();
  await expect(card(broken)).toBeHidden();
  await fresh.close();
});

test('the card and a pointer on a phone (390×844)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openStudio(page);
  await expect(card(page)).toBeVisible();
  // Nothing inside the card runs wider than the card.
  expect(await card(page).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  // What a first visit sees: the top of the page.
  await page.screenshot({ path: 'e2e/artifacts/intro-card-390.png' });
  // On a phone the settings wait in their drawer.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await selectOption(page, 'Backend', 'wasm');
  await page.getByRole('button', { name: 'Close settings' }).click();
  await card(page).getByRole('button', { name: 'Show me' }).click();
  const soft = pointer(page, 'Soft targets');
  await expect(soft).toBeVisible({ timeout: 90_000 });
  const box = (await soft.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(844);
  await page.screenshot({ path: 'e2e/artifacts/intro-pointer-390.png' });
});
