/**
 * Issue 14, §4 in a real browser: a seeded 100 of the hostile links the decoder's fuzz test
 * opens in Node (src/share/hostile-links.fixtures.ts), each loaded as a page. For each: no page
 * error, the page is there, no markup from the link in the DOM, the worker answers, and Play
 * answers within 5 s.
 */
import { expect, test, type Page } from '@playwright/test';
import { hostileLinks } from '../src/share/hostile-links.fixtures';
import { decodeLink } from '../src/share/link';
import { workerMemory } from './helpers';

/** Whether the page starts the link's experiment by itself (main.tsx: play=1, nothing to import first). */
function startsItself(hash: string): boolean {
  const r = decodeLink(hash);
  return r.ok && r.flags.play && r.config.student.kind !== 'imported' && r.config.teacher.model.kind !== 'imported';
}

/** What a link could have injected: scripts beyond the app's own, handler attributes, its payloads' marks. */
const injected = (page: Page) =>
  page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      scripts: document.querySelectorAll('script').length,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
      images: document.querySelectorAll('img[src="x"], iframe, object, embed').length,
      javascriptUrls: all.filter((el) =>
        /^\s*javascript:/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? ''),
      ).length,
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    };
  });

/** Opens each link as a page in `page`, checking it; the worker's and Play's answer times, in ms. */
async function openEach(page: Page, links: { kind: string; hash: string; i: number }[]) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  const clean = await injected(page);
  const play: number[] = [];
  const answers: number[] = [];
  for (const { i, kind, hash } of links) {
    const what = `#${i} ${kind}: ${hash.slice(0, 120)}`;
    await page.goto('about:blank');
    await page.goto(`./#${hash}`);
    await expect(page.locator('#root > *').first(), what).toBeVisible();
    const status = page.getByRole('banner').getByRole('status');
    const button = page.getByRole('button', { name: 'Play', exact: true });
    const itself = startsItself(hash);
    if (!itself) await expect(button, what).toBeEnabled({ timeout: 5000 });
    expect(await injected(page), what).toEqual(clean);
    // The worker answers (a link that starts nothing leaves it idle).
    let t0 = Date.now();
    expect(await workerMemory(page, itself ? 30_000 : 5000), what).not.toBeNull();
    answers.push(Date.now() - t0);
    // Play answers: the run bar leaves Ready (a lesson link with play=1 has pressed it itself).
    t0 = Date.now();
    if (!itself) await button.click();
    await expect(status, what).not.toHaveText(/^Ready: press Play/, { timeout: 5000 });
    play.push(Date.now() - t0);
    if (play.at(-1)! > 3000) console.log('slow Play', play.at(-1), itself, what.slice(0, 200), hash.length);
    expect(await injected(page), what).toEqual(clean);
    expect(errors, what).toEqual([]);
  }
  return { play, answers };
}

test('100 hostile links each open without an error or injected markup, and the studio answers', async ({
  page,
  browser,
}) => {
  test.setTimeout(900_000);
  // Two browsers' worth at once (separate profiles, as two people would open them), each with
  // half of the links: the page loads wait on the network and the worker as much as on the CPU.
  const links = hostileLinks(100, 2026).map((l, i) => ({ ...l, i }));
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const halves = await Promise.all([
      openEach(
        page,
        links.filter((l) => l.i % 2 === 0),
      ),
      openEach(
        await other.newPage(),
        links.filter((l) => l.i % 2 === 1),
      ),
    ]);
    const play = halves.flatMap((h) => h.play);
    const answers = halves.flatMap((h) => h.answers);
    const worst = (xs: number[]) => Math.max(...xs);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    console.log(
      `100 hostile links: worker answered in median ${median(answers)} ms (worst ${worst(answers)}), ` +
        `Play in median ${median(play)} ms (worst ${worst(play)})`,
    );
  } finally {
    await other.close();
  }
});
