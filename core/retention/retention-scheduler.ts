import type { DomainError } from '../errors';
import type { Log } from '../log';
import type { RetentionReport, RetentionSweep } from './retention-sweep';

/** When the bot process sweeps: shortly after start-up, then about once a day. */
export interface RetentionSchedule {
  /** After start-up, so that a restart sweeps without holding up the first requests. */
  readonly firstAfterMs: number;
  readonly everyMs: number;
}

export const DEFAULT_RETENTION_SCHEDULE: RetentionSchedule = {
  firstAfterMs: 60_000,
  everyMs: 24 * 3600_000,
};

/**
 * Runs the retention sweep in the bot process on its schedule. It never blocks or stops the app:
 * its timers hold no process open, runs never overlap in one process (a sweep still running makes
 * the next turn skip), and a failure is logged, by its message only, and tried again next time.
 * Several instances sweeping at once only delete the same rows once.
 */
export class RetentionScheduler {
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<void> | undefined;
  private stopping = new AbortController();

  constructor(
    private readonly sweep: Pick<RetentionSweep, 'run'>,
    private readonly log: Log,
    private readonly schedule: RetentionSchedule = DEFAULT_RETENTION_SCHEDULE,
  ) {}

  start(): void {
    if (this.timers.length > 0) return;
    this.stopping = new AbortController();
    const first = setTimeout(() => {
      void this.tick();
      const daily = setInterval(() => void this.tick(), this.schedule.everyMs);
      daily.unref();
      this.timers.push(daily);
    }, this.schedule.firstAfterMs);
    first.unref();
    this.timers.push(first);
    this.log.info(
      { firstAfterMs: this.schedule.firstAfterMs, everyMs: this.schedule.everyMs },
      'retention sweep scheduled',
    );
  }

  /**
   * Stops the timers and a sweep in progress: it sends no further delete, so the wait is for the
   * one request in flight at most (what it did not reach, the next sweep does).
   */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    this.stopping.abort();
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep
      .run(this.stopping.signal)
      .then((report) => this.logReport(report))
      .catch((error: unknown) =>
        this.log.error(
          { error: describeFailure(error) },
          'retention sweep failed; tried again next time',
        ),
      )
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
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
