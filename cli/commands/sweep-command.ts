import { createAdapter } from '../../teams/cloud-adapter';
import type { SweepReport } from '../../core/reminders/reminder-sweep';
import { createReminderSweep } from '../../host/reminder-wiring';
import {
  EXIT_CODES,
  UsageError,
  optionText,
  positionalArgs,
  type CliCommand,
  type CliContext,
  type CommandArgs,
  type ExitCode,
} from '../cli-command';

/**
 * `sweep [--dry-run] [--now <ISO time>]`: one reminder sweep, for an external scheduler (an Azure
 * Functions timer, cron). Safe beside running bots: every reminder is claimed before it is sent.
 * A dry run prints who would get which reminder where, and claims and sends nothing.
 */
export const sweepCommand: CliCommand = {
  name: 'sweep',
  usage: '[--dry-run] [--now <ISO time, e.g. 2022-03-30T09:00:00Z>]',
  summary: 'send the reminders that are due (once, however many bots run)',
  options: { 'dry-run': { type: 'boolean' }, now: { type: 'string' } },
  prepare(args: CommandArgs) {
    positionalArgs(args, []);
    const nowText = optionText(args, 'now');
    const now = nowText === undefined ? undefined : new Date(nowText);
    if (now && Number.isNaN(now.getTime())) {
      throw new UsageError(`--now "${nowText}" is not a time like 2022-03-30T09:00:00Z`);
    }
    const dryRun = args.values['dry-run'] === true;
    return (context) => runSweep(context, { dryRun, ...(now ? { now } : {}) });
  },
};

/** Runs one sweep and prints its report; exit 1 when some reminder failed (it is retried next time). */
export async function runSweep(
  context: CliContext,
  options: { dryRun: boolean; now?: Date },
): Promise<ExitCode> {
  const stores = await context.stores();
  const adapter = createAdapter(context.config.botAuth, context.log);
  const { sweep } = createReminderSweep(stores, adapter, context.config, context.log, {
    now: () => options.now ?? context.now(),
    instanceId: `cli:${process.pid}`,
  });
  const report = await sweep.run({ dryRun: options.dryRun });
  context.stdout.write(formatReport(report, options.dryRun));
  return report.failed > 0 ? EXIT_CODES.failed : EXIT_CODES.ok;
}

function formatReport(report: SweepReport, dryRun: boolean): string {
  const lines = report.digests.map((digest) =>
    [
      digest.owner,
      digest.where,
      digest.refs.join(' '),
      digest.rules.map((rule) => rule.split(':').slice(1).join(':')).join(' '),
      ...(digest.outcome ? [digest.outcome + (digest.reason ? `: ${digest.reason}` : '')] : []),
    ].join('\t'),
  );
  const header = dryRun
    ? `Dry run at ${report.at}: ${report.digests.length} card(s) would be sent for ${report.due} reminder(s); nothing claimed or sent.`
    : `Sweep at ${report.at}: ${report.due} due, ${report.sent} sent (${report.fellBack} in the channel after a 403), ` +
      `${report.skipped} sent already or held by another instance, ${report.failed} failed (retried next sweep), ` +
      `${report.retried} request(s) retried, ${report.repaired} index entr(ies) repaired.`;
  return `${[header, ...(lines.length > 0 ? ['owner\twhere\trefs\trule\toutcome', ...lines] : [])].join('\n')}\n`;
}
