/**
 * Asks one question at a time, at most once per `intervalMs`, and only the latest: a question
 * wanted while another is in flight (or too soon after the last) waits, and a newer one
 * replaces it. Answers arrive in the order asked. A view that re-asks at every evaluation so
 * costs the worker at most a few questions a second however fast training runs.
 */
export class ThrottledAsker<T> {
  private next?: { ask: () => Promise<T>; answer: (value: T) => void };
  private inFlight = false;
  private timer?: ReturnType<typeof setTimeout>;
  private lastStart = -Infinity;
  /** Bumped by `cancel`: answers to questions asked before it are not delivered. */
  private generation = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Asks `ask` as soon as allowed and hands its value to `answer`; a rejection is dropped. */
  want(ask: () => Promise<T>, answer: (value: T) => void): void {
    this.next = { ask, answer };
    this.pump();
  }

  /** Forgets the waiting question and ignores the answer in flight (the view went away). */
  cancel(): void {
    this.next = undefined;
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    if (this.inFlight || !this.next || this.timer !== undefined) return;
    const wait = this.lastStart + this.intervalMs - this.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      return;
    }
    const { ask, answer } = this.next;
    const generation = this.generation;
    this.next = undefined;
    this.inFlight = true;
    this.lastStart = this.now();
    // Through a promise, so an ask that throws at once is dropped like one that rejects.
    Promise.resolve()
      .then(ask)
      .then(
        (value) => generation === this.generation && answer(value),
        () => undefined,
      )
      .finally(() => {
        this.inFlight = false;
        this.pump();
      });
  }
}
