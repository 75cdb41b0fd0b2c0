import type { Log as Logger } from '../../core/log';
import { PeriodicTask } from '../../core/periodic-task';
import type { ReminderSweep } from '../../core/reminders/reminder-sweep';

/**
 * Runs the sweep every `intervalSeconds` in the bot process (a PeriodicTask: runs never overlap
 * in one process, a slow sweep makes the next tick skip); across processes the claims keep
 * reminders single. An interval of 0 or less schedules nothing.
 */
export class ReminderScheduler {
  private readonly task: PeriodicTask;

  constructor(
    private readonly sweep: Pick<ReminderSweep, 'run'>,
    private readonly intervalSeconds: number,
    private readonly log: Logger,
  ) {
    const everyMs = intervalSeconds * 1000;
    this.task = new PeriodicTask(() => this.sweepOnce(), { firstAfterMs: everyMs, everyMs });
  }

  start(): void {
    if (this.intervalSeconds <= 0 || !this.task.start()) return;
    this.log.info({ intervalSeconds: this.intervalSeconds }, 'reminder sweep scheduled');
  }

  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void> {
    return this.task.stop();
  }

  private async sweepOnce(): Promise<void> {
    try {
      await this.sweep.run();
    } catch (error) {
      this.log.error({ err: error }, 'reminder sweep failed');
    }
  }
}
