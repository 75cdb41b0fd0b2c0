import type { OpenStores } from '../../host/open-stores';
import { toTimestamp } from '../../core/time-zone';
import {
  EXIT_CODES,
  optionText,
  positionalArgs,
  type CliCommand,
  type CliContext,
  type CommandArgs,
  type ExitCode,
} from '../cli-command';
import { openLineSink, type LineSink } from '../command-output';
import { counted } from '../counted';

/** The version of the export's line format; a reader refuses versions it does not know. */
export const EXPORT_SCHEMA = 1;

/** The kinds of line an export holds, in the order they come. */
export type ExportLineKind = 'export' | 'group' | 'meeting' | 'action' | 'discussionItem';

interface ExportCounts {
  group: number;
  meeting: number;
  action: number;
  discussionItem: number;
}

/**
 * `export`: everything the groups hold as JSON lines — a first `{"kind":"export",…}` line, then
 * per group `{"kind":"group",…}`, and per meeting `{"kind":"meeting",…}` (with `reportIssueDate`
 * when one is recorded) followed by its actions (with updates and history) and discussion items.
 * Each line is the domain value as stored, with `kind` added, for backup and migration.
 */
export const exportCommand: CliCommand = {
  name: 'export',
  usage: '[--out <file>]',
  summary: 'write every group, meeting, action (with history) and discussion item as JSON lines',
  options: { out: { type: 'string' } },
  prepare(args: CommandArgs) {
    positionalArgs(args, []);
    const out = optionText(args, 'out');
    return (context) => runExport(out, context);
  },
};

async function runExport(out: string | undefined, context: CliContext): Promise<ExitCode> {
  const stores = await context.stores();
  const sink = await openLineSink(context, out);
  let counts: ExportCounts;
  try {
    counts = await exportAll(stores, sink, context.now());
  } finally {
    await sink.close();
  }
  const summary =
    `Exported ${counted(counts.group, 'group')}, ${counted(counts.meeting, 'meeting')}, ` +
    `${counted(counts.action, 'action')} and ${counted(counts.discussionItem, 'discussion item')}` +
    `${sink.file ? ` to ${sink.file}` : ''}\n`;
  // With the data on stdout, the summary goes to stderr so the lines stay clean for a pipe.
  (sink.file ? context.stdout : context.stderr).write(summary);
  return EXIT_CODES.ok;
}

async function exportAll(stores: OpenStores, sink: LineSink, now: Date): Promise<ExportCounts> {
  const counts: ExportCounts = { group: 0, meeting: 0, action: 0, discussionItem: 0 };
  const write = async (kind: ExportLineKind, value: object): Promise<void> => {
    await sink.writeLine(JSON.stringify({ kind, ...value }));
    if (kind !== 'export') counts[kind] += 1;
  };
  await write('export', { schema: EXPORT_SCHEMA, exportedAt: toTimestamp(now) });
  for (const group of await stores.groups.listGroups()) {
    await write('group', group);
    for (const meeting of await stores.groups.listMeetings(group.code)) {
      const [reportIssueDate, actions, items] = await Promise.all([
        stores.groups.getReportIssueDate(group.code, meeting.number),
        stores.actions.listMeetingActions(group.code, meeting.number),
        stores.discussion.listDiscussionItems(group.code, meeting.number),
      ]);
      await write('meeting', { ...meeting, ...(reportIssueDate ? { reportIssueDate } : {}) });
      for (const action of actions) await write('action', action);
      for (const item of items) await write('discussionItem', item);
    }
  }
  return counts;
}
