import type { DomainError } from '../errors';
import type { Log } from '../log';
import { PeriodicTask, type Period } from '../periodic-task';
import type { RetentionReport, RetentionSweep } from './retention-sweep';

/**
 * When the bot process sweeps: shortly after start-up (so that a restart sweeps without holding
 * up the first requests), then about once a day.
 */
export type RetentionSchedule = Period;

export const DEFAULT_RETENTION_SCHEDULE: RetentionSchedule = {
  firstAfterMs: 60_000,
  everyMs: 24 * 3600_000,
};

/**
 * Runs the retention sweep in the bot process on its schedule (a PeriodicTask: never two at
 * once, stopped with the app). It never blocks or stops the app: a failure is logged, by its
 * message only, and tried again next time. Several instances sweeping at once only delete the
 * same rows once.
 */
export class RetentionScheduler {
  private readonly task: PeriodicTask;

  constructor(
    private readonly sweep: Pick<RetentionSweep, 'run'>,
    private readonly log: Log,
    private readonly schedule: RetentionSchedule = DEFAULT_RETENTION_SCHEDULE,
  ) {
    this.task = new PeriodicTask((stop) => this.sweepOnce(stop), schedule);
  }

  start(): void {
    if (!this.task.start()) return;
    this.log.info(
      { firstAfterMs: this.schedule.firstAfterMs, everyMs: this.schedule.everyMs },
      'retention sweep scheduled',
    );
  }

  /**
   * Stops the timers and a sweep in progress: it sends no further delete, so the wait is for the
   * one request in flight at most (what it did not reach, the next sweep does).
   */
  stop(): Promise<void> {
    return this.task.stop();
  }

  private async sweepOnce(stop: AbortSignal): Promise<void> {
    try {
      this.logReport(await this.sweep.run(stop));
    } catch (error) {
      this.log.error(
        { error: describeFailure(error) },
        'retention sweep failed; tried again next time',
      );
    }
  }

  private logReport(report: RetentionReport): void {
    for (const { records, error } of report.failures) {
      this.log.error(
        { records, cutoff: report.cutoff, error: describeFailure(error) },
        'retention sweep failed; tried again next time',
      );
    }
    this.log.info(
      { cutoff: report.cutoff, retentionDays: report.retentionDays, forgotten: report.forgotten },
      'retention sweep done',
    );
  }
}

/**
 * A failure as the log shows it: its stable code and message, which the stores write for people
 * and never fill with a request's headers or a connection string; not the error object, whose
 * causes carry the storage client's request.
 */
export function describeFailure(error: unknown): { code?: string; message: string } {
  if (error instanceof Error) {
    const code = (error as Partial<DomainError>).code;
    return { ...(typeof code === 'string' ? { code } : {}), message: error.message };
  }
  return { message: String(error) };
}
