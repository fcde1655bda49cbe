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
// ?backends=webgl,wasm and ?sections=text limit the run; the worker waits for this first message.
const query = new URLSearchParams(location.search);
worker.postMessage({
  backends: query.get('backends')?.split(',') ?? null,
  sections: query.get('sections')?.split(',') ?? null,
});
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
    const tables = m.report!.tables.map(
      (t) =>
        `<h2>${t.title}</h2><table><tr>${t.columns.map((c) => `<th>${c}</th>`).join('')}</tr>${t.rows
          .map((r) => `<tr>${r.map((v) => `<td>${v}</td>`).join('')}</tr>`)
          .join('')}</table>`,
    );
    out.innerHTML = `${tables.join('')}<p>auto chose <b>${m.report!.auto.chosen}</b>: ${m.report!.auto.reason}</p>`;
  }
};
