#!/usr/bin/env node
/**
 * Issue 14 §7: a long soak. The default experiment trains 10,000 steps at full speed on WASM
 * (500 steps a frame); every 1,000 steps the script samples the worker's live tensors and,
 * after a garbage collection, the JS heap of the worker and of the page (Chrome DevTools
 * Protocol: Runtime.getHeapUsage; a worker has no performance.memory). Target: numTensors
 * flat, each heap grown by less than 10 MB from the first sample to the last.
 *
 *   npx vite build && npm run soak               (npm run soak -- 20000 2000: steps, sample every)
 */
import { openApp, run, setTrain, sleep } from './common.mjs';

const steps = Number(process.argv[2] ?? 10_000);
const every = Number(process.argv[3] ?? 1000);
const { page, context, close } = await openApp(['--enable-precise-memory-info']);

/** A DevTools session on the page, and one relayed to the training worker through it. */
const cdp = await context.newCDPSession(page);
let workerSession = null;
let nextId = 1;
const pending = new Map();
cdp.on('Target.attachedToTarget', (e) => {
  if (e.targetInfo.type === 'worker') workerSession = e.sessionId;
});
cdp.on('Target.receivedMessageFromTarget', (e) => {
  const msg = JSON.parse(e.message);
  pending.get(msg.id)?.(msg);
  pending.delete(msg.id);
});
await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
const inWorker = (method, params = {}) =>
  new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, (msg) => (msg.error ? reject(new Error(msg.error.message)) : resolve(msg.result)));
    void cdp.send('Target.sendMessageToTarget', {
      sessionId: workerSession,
      message: JSON.stringify({ id, method, params }),
    });
  });

const mb = (bytes) => bytes / 1024 / 1024;
async function sample() {
  await cdp.send('HeapProfiler.collectGarbage');
  const pageHeap = await cdp.send('Runtime.getHeapUsage');
  await inWorker('HeapProfiler.collectGarbage');
  const workerHeap = await inWorker('Runtime.getHeapUsage');
  const memory = await page.evaluate(() => window.kdStudio.debug('memory'));
  return {
    step: memory.step ?? 0,
    numTensors: memory.numTensors,
    page: mb(pageHeap.usedSize),
    worker: mb(workerHeap.usedSize),
  };
}

const rows = [];
try {
  await setTrain(page, { steps, stepsPerFrame: 500 }, 'wasm');
  for (let i = 0; !workerSession && i < 100; i++) await sleep(100);
  if (!workerSession) throw new Error('no DevTools session on the training worker');
  await page.getByRole('button', { name: 'Play' }).click();
  const t0 = Date.now();
  for (let next = every; next <= steps; next += every) {
    for (;;) {
      const r = await run(page);
      if (r.step >= next || r.status === 'done') break;
      await sleep(20);
    }
    const s = await sample();
    rows.push({ ...s, seconds: (Date.now() - t0) / 1000 });
    const r = rows.at(-1);
    console.log(
      `step ${String(r.step).padStart(6)}  ${r.seconds.toFixed(1).padStart(6)} s  numTensors ${r.numTensors}  ` +
        `worker heap ${r.worker.toFixed(2)} MB  page heap ${r.page.toFixed(2)} MB`,
    );
  }
} finally {
  await close();
}
const first = rows[0];
const last = rows.at(-1);
const tensors = new Set(rows.map((r) => r.numTensors));
console.log(
  `\n${last.step} steps in ${last.seconds.toFixed(0)} s: numTensors ${[...tensors].join(', ')}; ` +
    `worker heap ${first.worker.toFixed(2)} → ${last.worker.toFixed(2)} MB (${(last.worker - first.worker).toFixed(2)} MB), ` +
    `page heap ${first.page.toFixed(2)} → ${last.page.toFixed(2)} MB (${(last.page - first.page).toFixed(2)} MB)`,
);
