import type { Log as Logger } from '../../core/log';
import type { ReminderSweep } from '../../core/reminders/reminder-sweep';

/**
 * Runs the sweep every `intervalSeconds` in the bot process. Runs never overlap in one process
 * (a slow sweep makes the next tick skip); across processes the claims keep reminders single.
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly sweep: Pick<ReminderSweep, 'run'>,
    private readonly intervalSeconds: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.intervalSeconds <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalSeconds * 1000);
    this.timer.unref();
    this.log.info({ intervalSeconds: this.intervalSeconds }, 'reminder sweep scheduled');
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep
      .run()
      .then(() => undefined)
      .catch((error: unknown) => this.log.error({ err: error }, 'reminder sweep failed'))
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}
