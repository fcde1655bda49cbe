/**
 * The training loop's pacing and its life: ticks paced like animation frames, each one run in
 * the controller's serial queue. Each start is a new generation; a tick of a stopped
 * generation never runs. With a plain "running" flag, a timer the stopped loop had already set
 * fired into the loop a Play started since, and every restart-then-Play added a loop (a
 * students restart during training: seven loops, seven times the speed, after ten edits).
 */

/**
 * Ticks are paced like animation frames: a tick runs `stepsPerFrame` steps, then waits out the
 * rest of its 1/60 s. "Steps per frame" is then a speed a person can read (5 ≈ 300 steps/s); a
 * large value trains flat out.
 */
export const FRAME_MS = 1000 / 60;

/** Yields to the event loop without setTimeout's 4 ms clamp, so queued commands get in. */
export function yieldNow(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

export interface TickLoopHooks {
  /** Runs `fn` after every command queued before it (the controller's serial queue). */
  serial<T>(fn: () => Promise<T>): Promise<T>;
  /** One tick; resolves true to go on. */
  tick(): Promise<boolean>;
  /** A tick threw: the loop has stopped. */
  failed(e: unknown): void;
}

export class TickLoop {
  private generations = 0;
  /** The generation running now; 0 when stopped. */
  private live = 0;
  /** How long the last tick took (ms); 0 when stopped. A view's question may take as long between ticks. */
  lastTickMs = 0;

  constructor(private readonly hooks: TickLoopHooks) {}

  get running(): boolean {
    return this.live !== 0;
  }

  /** Starts a new generation (nothing if one runs); its first tick comes a frame from now. */
  start(): void {
    if (this.running) return;
    this.live = ++this.generations;
    void this.schedule(this.live, performance.now());
  }

  /** Every tick not yet run belongs to a stopped generation from now on. */
  stop(): void {
    this.live = 0;
    this.lastTickMs = 0;
  }

  private schedule(generation: number, started: number): Promise<void> {
    const wait = FRAME_MS - (performance.now() - started);
    const pause = wait > 1 ? new Promise((r) => setTimeout(r, wait)) : yieldNow();
    return pause.then(() =>
      this.hooks.serial(async () => {
        if (generation !== this.live) return;
        const t0 = performance.now();
        let more: boolean;
        try {
          more = await this.hooks.tick();
        } catch (e) {
          // A step that throws stops the run, and the controller says why; unless the loop was
          // stopped meanwhile from outside the queue (a lost GPU device: its handler takes over).
          if (generation !== this.live) return;
          this.stop();
          this.hooks.failed(e);
          return;
        }
        if (generation === this.live) this.lastTickMs = performance.now() - t0;
        if (more && generation === this.live) void this.schedule(generation, t0);
        else if (generation === this.live) this.stop();
      }),
    );
  }
}
