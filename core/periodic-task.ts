/** When a periodic task runs: `firstAfterMs` after start, then every `everyMs`. */
export interface Period {
  readonly firstAfterMs: number;
  readonly everyMs: number;
}

/**
 * Background work on a timer in the bot process (the reminder and retention sweeps). Runs never
 * overlap (a run still going makes the next turn skip), the timers hold no process open, and
 * stop aborts the signal given to the run in progress, then waits for it. `work` handles its own
 * failures: one that escapes is swallowed, so a timer never throws.
 */
export class PeriodicTask {
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<void> | undefined;
  private stopping = new AbortController();

  constructor(
    private readonly work: (stop: AbortSignal) => Promise<void>,
    private readonly period: Period,
  ) {}

  /** Starts the timers; false when they run already. */
  start(): boolean {
    if (this.timers.length > 0) return false;
    this.stopping = new AbortController();
    const first = setTimeout(() => {
      void this.tick();
      const every = setInterval(() => void this.tick(), this.period.everyMs);
      every.unref();
      this.timers.push(every);
    }, this.period.firstAfterMs);
    first.unref();
    this.timers.push(first);
    return true;
  }

  /** Stops the timers, tells the run in progress to stop, and waits for it. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    this.stopping.abort();
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.work(this.stopping.signal)
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}
