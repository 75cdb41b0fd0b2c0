import { describeFailure } from '../../core/retention/retention-scheduler';
import type { RetentionReport } from '../../core/retention/retention-sweep';
import { createRetentionSweep } from '../../host/retention-wiring';
import {
  EXIT_CODES,
  optionTime,
  positionalArgs,
  type CliCommand,
  type CliContext,
  type ExitCode,
  UsageError,
} from '../cli-command';
import { counted } from '../counted';

/**
 * `prune [--now <ISO time>]`: forgets the records of exactly-once requests (operation rows, add
 * receipts) older than OPERATION_RETENTION_DAYS, as the bot does about once a day; for a
 * deployment whose bots do not stay up that long, or to see it done. Safe beside running bots:
 * deleting a row twice is harmless. `--now` moves the clock the window is counted back from, to
 * a time already past.
 */
export const pruneCommand: CliCommand = {
  name: 'prune',
  usage: '[--now <ISO time, e.g. 2022-03-30T09:00:00Z>]',
  summary:
    'remove the records of clicks older than OPERATION_RETENTION_DAYS (the bot does it daily)',
  options: { now: { type: 'string' } },
  prepare(args) {
    positionalArgs(args, []);
    const now = optionTime(args, 'now');
    // A later clock would count the window back from a time not yet come: a typo in the year
    // would remove every record, recent clicks' included.
    if (now && now.getTime() > Date.now()) {
      throw new UsageError(`--now ${now.toISOString()} is in the future; give a time already past`);
    }
    return (context) => runPrune(context, now);
  },
};

/** Runs one retention sweep and prints what it removed; exit 1 when a part failed. */
async function runPrune(context: CliContext, now: Date | undefined): Promise<ExitCode> {
  const stores = await context.stores();
  const sweep = createRetentionSweep(stores, context.config, {
    now: () => now ?? context.now(),
  });
  const report = await sweep.run();
  context.stdout.write(summaryOf(report));
  for (const { records, error } of report.failures) {
    context.stderr.write(
      `Error: could not remove the old ${NAMES[records]}s (tried again at the next prune): ` +
        `${describeFailure(error).message}\n`,
    );
  }
  return report.failures.length > 0 ? EXIT_CODES.failed : EXIT_CODES.ok;
}

const NAMES = { operations: 'operation record', receipts: 'add receipt' } as const;

function summaryOf(report: RetentionReport): string {
  const parts = (['operations', 'receipts'] as const).flatMap((records) => {
    const n = report.forgotten[records];
    return n === undefined ? [] : [counted(n, NAMES[records])];
  });
  const total = Object.values(report.forgotten).reduce((sum, n) => sum + n, 0);
  return (
    `Removed ${counted(total, 'row')} recorded before ${report.cutoff} ` +
    `(OPERATION_RETENTION_DAYS=${report.retentionDays})` +
    `${parts.length > 0 ? `: ${parts.join(', ')}` : ''}.\n`
  );
}
