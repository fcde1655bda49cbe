/// <reference lib="webworker" />
/**
 * The Web Worker entry: one StudioController behind a Comlink surface. Training never runs on
 * the main thread; this file only wires messages.
 */
import * as Comlink from 'comlink';
import { validateConfig } from '../config/schema';
import './backends';
import { StudioController } from './controller';
import type { ConfigureOptions, EngineEvent, ExperimentConfig, StudioApi } from './protocol';
import { HEARTBEAT_MS, type ConnectOptions, type Heartbeat } from './liveness';

// The browser reports a Content-Security-Policy violation in a worker only to DevTools; said
// here, it reaches the console a person or a test reads: a blocked fetch, eval or import is a
// feature that silently stopped working.
self.addEventListener('securitypolicyviolation', (e) =>
  console.error(`Content-Security-Policy violation in the worker: ${e.violatedDirective} ${e.blockedURI}`),
);

type Sink = (event: EngineEvent) => void;
let sink: Sink | null = null;

const controller = new StudioController((event, transfer) => {
  sink?.(transfer?.length ? Comlink.transfer(event, transfer) : event);
});

export interface WorkerApi extends StudioApi {
  /**
   * `baseUrl`: where the app's files are served (data sets, pretrained teachers). Resolves once
   * the worker holds its life lock (true), so the page can wait for it to be released
   * (liveness.ts); false where the worker has no Web Locks (the page listens for beats then).
   */
  connect(sink: Sink, baseUrl: string, options: ConnectOptions): Promise<boolean>;
}

// Anything that fails outside a command stops the run with a message instead of freezing it.
self.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  controller.fault(e.reason);
});

/** Held until this worker ends, however it ends: the page learns of the end when it is released. */
function holdLifeLock(name: string): Promise<void> {
  return new Promise((held) => {
    void navigator.locks.request(name, () => {
      held();
      return new Promise<never>(() => undefined);
    });
  });
}

const api: WorkerApi = {
  async connect(s, baseUrl, options) {
    sink = s;
    controller.setBaseUrl(baseUrl);
    controller.testHooks = options.testHooks === true;
    // Beats while the event loop turns; the page's fallback where Web Locks are missing.
    let beat = 0;
    setInterval(() => postMessage({ kdHeartbeat: ++beat } satisfies Heartbeat), HEARTBEAT_MS);
    if (!options.lifeLock || !navigator.locks) return false;
    await holdLifeLock(options.lifeLock);
    return true;
  },
  configure(config: ExperimentConfig, options?: ConfigureOptions) {
    // The worker validates too: a config is checked wherever it enters.
    const v = validateConfig(config);
    if (!v.ok) return Promise.reject(new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')));
    return controller.configure(v.config, options);
  },
  play: () => controller.play(),
  pause: () => controller.pause(),
  cancelPrepare: () => controller.cancelPrepare(),
  chooseBackendAgain: () => controller.chooseBackendAgain(),
  step: () => controller.step(),
  reset: () => controller.reset(),
  memory: () => controller.memory(),
  query: (name, args) => controller.query(name, args),
  importModel: (request) => controller.importModel(request),
  provideDataset: (meta, bytes) => controller.provideDataset(meta, bytes),
  inspectData: (task) => controller.inspectData(task),
  async exportProject(link) {
    const r = await controller.exportProject(link);
    return 'zip' in r ? Comlink.transfer(r, [r.zip.buffer]) : r;
  },
  projectRefusal: () => controller.projectRefusal(),
  snapshot: () => controller.snapshot(),
  resume: (snap) => controller.resume(snap),
  debug(command) {
    // TEST HOOK (refused unless the page asked for test hooks): the worker ends, as a crash would end it.
    if (command === 'close' && controller.testHooks) {
      setTimeout(() => self.close(), 0);
      return Promise.resolve(true);
    }
    return controller.debug(command);
  },
  async exportStudents(fileStems) {
    const models = await controller.exportStudents(fileStems);
    // The weight buffers move to the page rather than being copied.
    const buffers = models.flatMap((m) => ('weights' in m ? [m.weights] : []));
    return Comlink.transfer(models, buffers);
  },
};

Comlink.expose(api);
