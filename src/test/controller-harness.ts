/** A StudioController driven directly in tests: the events it sends, and a wait for one. */
import { StudioController } from '../worker/controller';
import type { EngineEvent } from '../worker/protocol';

export function harness() {
  const events: EngineEvent[] = [];
  const c = new StudioController((e) => events.push(e));
  const waitFor = async (pred: (e: EngineEvent) => boolean, ms = 20_000) => {
    const t0 = Date.now();
    while (!events.some(pred)) {
      if (Date.now() - t0 > ms) throw new Error(`timed out; saw ${events.map((e) => e.type).join(',')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { c, events, waitFor };
}
