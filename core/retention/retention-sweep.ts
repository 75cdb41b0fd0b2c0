import { ValidationError } from '../errors';
import type { AddReceiptStore, OperationStore } from '../operations';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, retentionCutoff } from './retention-window';

/** The records of exactly-once requests that the sweep forgets. */
export type RetainedRecords = 'operations' | 'receipts';

export interface RetentionSweepDeps {
  readonly operations: Pick<OperationStore, 'forgetBefore'>;
  readonly receipts: AddReceiptStore;
  /** Records older than this many days are forgotten (OPERATION_RETENTION_DAYS). */
  readonly retentionDays: number;
  readonly now?: () => Date;
}

/** What one sweep did. */
export interface RetentionReport {
  /** ISO 8601: records written before this were forgotten. */
  readonly cutoff: string;
  readonly retentionDays: number;
  /** How many of each were forgotten; absent for a kind whose sweep failed. */
  readonly forgotten: Partial<Record<RetainedRecords, number>>;
  /** The kinds whose sweep failed, and why; each is tried again by the next sweep. */
  readonly failures: ReadonlyArray<{ readonly records: RetainedRecords; readonly error: unknown }>;
}

/**
 * Forgets the operation records and add receipts older than the retention window, so storage
 * holds about a window's worth of them instead of one row per click forever. Idempotent: any
 * number of instances may run it, at any time. One kind failing does not stop the other.
 */
export class RetentionSweep {
  private readonly now: () => Date;

  constructor(private readonly deps: RetentionSweepDeps) {
    const days = deps.retentionDays;
    if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
      throw new ValidationError(
        `The retention is ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS} whole days, not ${days}.`,
        'retentionDays',
      );
    }
    this.now = deps.now ?? (() => new Date());
  }

  /** Once `stop` is aborted (the app is stopping), returns what was forgotten so far. */
  async run(stop?: AbortSignal): Promise<RetentionReport> {
    const cutoff = retentionCutoff(this.now(), this.deps.retentionDays);
    const forgotten: Partial<Record<RetainedRecords, number>> = {};
    const failures: Array<{ records: RetainedRecords; error: unknown }> = [];
    // One after the other: a daily chore should not compete with people's requests.
    for (const records of ['operations', 'receipts'] as const) {
      if (stop?.aborted) break;
      try {
        forgotten[records] = await this.deps[records].forgetBefore(cutoff, stop);
      } catch (error) {
        failures.push({ records, error });
      }
    }
    return {
      cutoff: cutoff.toISOString(),
      retentionDays: this.deps.retentionDays,
      forgotten,
      failures,
    };
  }
}
