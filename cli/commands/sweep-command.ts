import type { SweepReport } from '../../core/reminders/reminder-sweep';
import { createStandaloneReminderSweep } from '../../host/reminder-wiring';
import {
  EXIT_CODES,
  optionTime,
  positionalArgs,
  type CliCommand,
  type CliContext,
  type CommandArgs,
  type ExitCode,
} from '../cli-command';

/**
 * `sweep [--dry-run] [--now <ISO time>]`: one reminder sweep, for an external scheduler (an Azure
 * Functions timer, cron). Safe beside running bots: every reminder is claimed before it is sent.
 * A dry run prints, per owner, which path (their chat, a chat the bot opens, e-mail, an @mention,
 * the channel digest) and why, naming places as people know them, and claims and sends nothing.
 */
export const sweepCommand: CliCommand = {
  name: 'sweep',
  usage: '[--dry-run] [--now <ISO time, e.g. 2022-03-30T09:00:00Z>]',
  summary: 'send the reminders that are due (once, however many bots run)',
  options: { 'dry-run': { type: 'boolean' }, now: { type: 'string' } },
  prepare(args: CommandArgs) {
    positionalArgs(args, []);
    const now = optionTime(args, 'now');
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
  const { sweep } = createStandaloneReminderSweep(stores, context.config, context.log, {
    now: () => options.now ?? context.now(),
    instanceId: `cli:${process.pid}`,
    people: stores.people,
    ...(stores.mailer ? { mailer: stores.mailer } : {}),
  });
  const report = await sweep.run({ dryRun: options.dryRun });
  context.stdout.write(formatReport(report, options.dryRun));
  return report.failed > 0 ? EXIT_CODES.failed : EXIT_CODES.ok;
}

function formatReport(report: SweepReport, dryRun: boolean): string {
  const lines = report.digests.map((digest) =>
    [
      digest.owner,
      digest.path,
      digest.where,
      digest.why,
      digest.refs.join(' '),
      digest.rules.map((rule) => rule.split(':').slice(1).join(':')).join(' '),
      ...(digest.outcome ? [digest.outcome + (digest.reason ? `: ${digest.reason}` : '')] : []),
    ].join('\t'),
  );
  // Owners listed in one channel digest share its one message.
  const inDigest = (path: string) => path === 'channel digest' || path === 'for the chairs';
  const messages =
    report.digests.filter((digest) => !inDigest(digest.path)).length +
    new Set(report.digests.filter((digest) => inDigest(digest.path)).map((d) => d.where)).size;
  const header = dryRun
    ? `Dry run at ${report.at}: ${report.due} reminder(s) due, ${messages} message(s) would be sent; nothing claimed or sent.`
    : `Sweep at ${report.at}: ${report.due} due, ${report.sent} sent (${report.opened} in chats the bot opened, ` +
      `${report.mailed} by e-mail, ${report.digested} in channel digests, ${report.forChairs} listed for the chairs; ` +
      `${report.fellBack} after a path refused), ${report.skipped} sent already or held by another instance, ` +
      `${report.failed} failed (retried next sweep), ${report.unknown} of unknown outcome (not resent blindly), ` +
      `${report.deferred} left for the next sweep (deadline), ${report.retried} request(s) retried, ` +
      `${report.repaired} index entr(ies) repaired.`;
  const columns = `owner\tpath\twhere\twhy\trefs\trule${dryRun ? '' : '\toutcome'}`;
  return `${[header, ...(lines.length > 0 ? [columns, ...lines] : [])].join('\n')}\n`;
}
