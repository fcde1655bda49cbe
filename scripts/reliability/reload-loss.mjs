#!/usr/bin/env node
/**
 * Issue 14 §1 (defect 10): how much training a reload mid-run loses. The default experiment
 * on WASM trains; at a random moment (2–12 s into the run) the page reloads; then History is
 * read back as the app stored it. Lost = steps the worker had reached − the last step in
 * History, in steps and in seconds (at the run's speed then). Target: median ≤ 1 s, worst ≤ 2 s.
 *
 *   npx vite build && npm run reload-loss        (npm run reload-loss -- 5: five reloads)
 *
 * "Reached" is the larger of the worker's own step, asked just before the reload, and the
 * step the page had when it went (pagehide); the worker may also have trained up to one
 * metrics batch (100 ms) that the page never heard of, which no page can save.
 */
import { median, newestStored, openApp, run, setTrain, sleep, until } from './common.mjs';

const tries = Number(process.argv[2] ?? 20);
const { page, context, close } = await openApp();
// The page's own step as it goes (it may have received steps after the worker was asked).
await context.addInitScript(() => {
  addEventListener('pagehide', () => sessionStorage.setItem('kd-reached', String(window.kdStudio?.run().step ?? 0)));
});
const rows = [];
try {
  await setTrain(page, { steps: 1_000_000 }, 'wasm');
  await page.reload();
  for (let i = 0; i < tries; i++) {
    await page.getByRole('button', { name: 'Play' }).waitFor();
    await page.getByRole('button', { name: 'Play' }).click();
    await until(page, (r) => r.status === 'running' && r.step > 0);
    await sleep(2000 + Math.random() * 10_000);
    const { perSecond, status } = await run(page);
    // A run that ended before the reload has nothing to lose: it would make the figures look better.
    if (status !== 'running')
      throw new Error(`try ${i + 1}: the run was ${status}, not training, when the page reloaded`);
    const { step: asked } = await page.evaluate(() => window.kdStudio.debug('memory'));
    await page.reload();
    await page.getByRole('button', { name: 'Play' }).waitFor();
    const atPagehide = Number(await page.evaluate(() => sessionStorage.getItem('kd-reached')));
    const reached = Math.max(asked, atPagehide);
    const stored = await newestStored(page);
    const lost = reached - (stored?.saved ?? 0);
    rows.push({
      reached,
      saved: stored?.saved ?? 0,
      lost,
      seconds: lost / perSecond,
      perSecond,
      weights: stored?.weightsStep,
    });
    const r = rows.at(-1);
    console.log(
      `reload ${String(i + 1).padStart(2)}: reached ${r.reached}, History ${r.saved} (students saved at ${r.weights ?? '—'}), ` +
        `lost ${r.lost} steps = ${r.seconds.toFixed(2)} s at ${r.perSecond.toFixed(0)} steps/s`,
    );
  }
} finally {
  await close();
}
const steps = rows.map((r) => r.lost);
const seconds = rows.map((r) => r.seconds);
console.log(
  `\n${rows.length} reloads: lost steps median ${median(steps)}, worst ${Math.max(...steps)}; ` +
    `seconds median ${median(seconds).toFixed(2)}, worst ${Math.max(...seconds).toFixed(2)}`,
);
