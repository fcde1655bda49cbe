/**
 * Issue 14, defect 4 in a real browser: the WebGPU device is lost mid-run (destroyed from a
 * test hook, as a driver reset would lose it). The run goes on by itself on the backend Auto
 * picks among the others, from the last host copy of the students, with its step, curves and
 * teacher; a notice says what happened and which backend runs now; nothing throws.
 */
import { expect, test } from '@playwright/test';
import { openStudio, readout, selectOption, useQuickExperiment, waitForReadout } from './helpers';
import { enableTestHooks, expectStatus, oneTo, runNotices, runNow } from './reliability';

test('a lost WebGPU device: the run goes on by itself on the next backend, keeping step, curves and teacher', async ({
  page,
}) => {
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await enableTestHooks(page);
  await openStudio(page, errors);
  await useQuickExperiment(page);
  await selectOption(page, 'Backend', 'webgpu');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 200, 200_000);
  await expect(readout(page, 'Backend')).toHaveText('webgpu');
  const teacher = await page.evaluate(
    () =>
      (window as unknown as { kdStudio: { run(): { session?: { teacher: { weightsHash?: string } } } } }).kdStudio.run()
        .session?.teacher.weightsHash,
  );
  const before = await runNow(page);

  // Destroy the device, then time the notice and the first step trained on the next backend.
  const timing = await page.evaluate(async (lostAt) => {
    type K = {
      debug(c: string): Promise<unknown>;
      run(): { step: number; status: string; backend?: { name: string } };
    };
    const k = (window as unknown as { kdStudio: K }).kdStudio;
    const t0 = performance.now();
    await k.debug('lose-device');
    let noticeMs = NaN;
    let movedMs = NaN;
    return new Promise<{ noticeMs: number; movedMs: number; runningMs: number; step: number }>((resolve) => {
      const check = () => {
        const now = performance.now() - t0;
        const notices = document.querySelector('[aria-label="Run notices"]')?.textContent ?? '';
        if (Number.isNaN(noticeMs) && notices.includes('device was lost')) noticeMs = now;
        if (Number.isNaN(movedMs) && notices.includes('went on by itself')) movedMs = now;
        const r = k.run();
        if (!Number.isNaN(movedMs) && r.status === 'running' && r.backend?.name !== 'webgpu' && r.step > lostAt)
          resolve({ noticeMs, movedMs, runningMs: now, step: r.step });
        else requestAnimationFrame(check);
      };
      check();
    });
  }, before.step);
  console.log(
    `device lost: said so after ${timing.noticeMs.toFixed(0)} ms, moved after ${timing.movedMs.toFixed(0)} ms, ` +
      `training again on the next backend after ${timing.runningMs.toFixed(0)} ms`,
  );
  expect(timing.noticeMs).toBeLessThan(1000);

  const text = await runNotices(page).innerText();
  const match = /went on by itself on (\w+), from step ([\d,]+)/.exec(text);
  expect(match, text).not.toBeNull();
  const [, now, from] = match!;
  expect(now).not.toBe('webgpu');
  await expect(readout(page, 'Backend')).toHaveText(now!);
  const restored = Number(from!.replace(/,/g, ''));
  // The last host copy is at most a couple of seconds old: most of the run is kept.
  expect(restored).toBeGreaterThan(0);
  await expectStatus(page, 'Distilling');
  await waitForReadout(page, 'Step', (v) => v >= restored + 50, 120_000);
  // One run: the curves up to the copy as they were on WebGPU, then the next backend's steps.
  const after = await runNow(page);
  expect(after.steps.slice(0, restored)).toEqual(oneTo(restored));
  expect(after.steps[restored]).toBe(restored + 1);
  const kept = Math.min(restored, before.values.length);
  expect(after.values.slice(0, kept)).toEqual(before.values.slice(0, kept));
  // The same teacher (its weights carried over, not trained again on the new backend).
  const teacherNow = await page.evaluate(
    () =>
      (window as unknown as { kdStudio: { run(): { session?: { teacher: { weightsHash?: string } } } } }).kdStudio.run()
        .session?.teacher.weightsHash,
  );
  expect(teacherNow).toBe(teacher);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expectStatus(page, 'Paused');
  expect(errors).toEqual([]);
  expect(consoleErrors.filter((t) => /uncaught/i.test(t))).toEqual([]);
});
