/** The benchmark page: starts the bench worker and shows (and exposes) what it reports. */
import type { BenchReport } from './bench.worker';

declare global {
  interface Window {
    __bench?: { done: boolean; report?: BenchReport; error?: string; log: string[] };
  }
}

const state: NonNullable<Window['__bench']> = { done: false, log: [] };
window.__bench = state;
const logEl = document.getElementById('log')!;
const out = document.getElementById('out')!;

const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
// ?backends=webgl,wasm limits the run; the worker waits for this first message.
worker.postMessage({ backends: new URLSearchParams(location.search).get('backends')?.split(',') ?? null });
worker.onmessage = (e: MessageEvent<{ type: string; text?: string; report?: BenchReport }>) => {
  const m = e.data;
  if (m.type === 'log') {
    state.log.push(m.text!);
    logEl.textContent += `${m.text}\n`;
  } else if (m.type === 'error') {
    state.error = m.text;
    state.done = true;
    logEl.textContent += `ERROR ${m.text}\n`;
  } else if (m.type === 'done') {
    state.report = m.report;
    state.done = true;
    const rows = m
      .report!.rows.filter((r) => r.results.length)
      .map((r) => {
        const [a, b] = r.results;
        return `<tr><td>${r.backend}${r.software ? ' (software)' : ''}</td><td>${a!.perSecond.toFixed(1)}</td><td>${b!.perSecond.toFixed(1)}</td><td>${(a!.perSecond / b!.perSecond).toFixed(2)}</td></tr>`;
      })
      .join('');
    out.innerHTML = `<table><tr><th>backend</th><th>studio steps/s</th><th>minimal steps/s</th><th>ratio</th></tr>${rows}</table><p>auto chose <b>${m.report!.auto.chosen}</b>: ${m.report!.auto.reason}</p>`;
  }
};
