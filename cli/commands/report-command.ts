import path from 'node:path';
import { DateTime } from 'luxon';
import { parseMeetingCode } from '../../core/action-ref';
import { NotFoundError, ValidationError } from '../../core/errors';
import { buildHeadlineReport } from '../../core/reports/headline-report';
import { localDate } from '../../core/time-zone';
import {
  REPORT_FORMAT_NAMES,
  reportFormat,
  type ReportFormat,
} from '../../documents/report-formats';
import type { OpenStores } from '../../host/open-stores';
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
import { writeOutFile } from '../command-output';

interface ReportInput {
  readonly groupCode: string;
  readonly meetingNumber: number;
  readonly format: ReportFormat;
  readonly out?: string;
  /** `yyyy-mm-dd`. */
  readonly issueDate?: string;
}

/**
 * `report <meeting code>`: the meeting's headline report as a document, from the same report
 * model the bot's card and links use.
 *
 * The issue date printed is, in this order: `--issue-date`; the date recorded for the meeting's
 * report (an imported report's `Issue date`, so the seed comes back as it was issued); today in
 * the group's time zone (a draft of a report not yet issued).
 */
export const reportCommand: CliCommand = {
  name: 'report',
  usage: `<meeting code, e.g. CCAG003> --format ${REPORT_FORMAT_NAMES.join('|')} [--out <file>] [--issue-date yyyy-mm-dd]`,
  summary: "write a meeting's headline report as Word, HTML, Markdown or tab-separated text",
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    'issue-date': { type: 'string' },
  },
  prepare(args: CommandArgs) {
    const [code = ''] = positionalArgs(args, ['<meeting code>']);
    const meeting = parseMeetingCode(code);
    if (!meeting) throw new UsageError(`"${code}" is not a meeting code like CCAG003`);
    const out = optionText(args, 'out');
    const format = formatOf(optionText(args, 'format'), out);
    if (format.name === 'docx' && out === undefined) {
      throw new UsageError('a .docx report is binary: give --out <file> to write it to');
    }
    const issueDate = optionText(args, 'issue-date');
    if (issueDate !== undefined) checkIsoDate(issueDate);
    const input: ReportInput = {
      ...meeting,
      format,
      ...(out !== undefined ? { out } : {}),
      ...(issueDate !== undefined ? { issueDate } : {}),
    };
    return (context) => runReport(input, context);
  },
};

/** `--format`, or else the extension of `--out` (`minutes.docx`). */
function formatOf(name: string | undefined, out: string | undefined): ReportFormat {
  const wanted = name ?? (out === undefined ? '' : path.extname(out).slice(1));
  if (wanted === '') {
    throw new UsageError(`give --format ${REPORT_FORMAT_NAMES.join('|')}`);
  }
  try {
    return reportFormat(wanted);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new UsageError(
      name === undefined
        ? `cannot tell the format from "${out ?? ''}": give --format ${REPORT_FORMAT_NAMES.join('|')}`
        : `--format must be one of ${REPORT_FORMAT_NAMES.join(', ')}, not "${name}"`,
    );
  }
}

function checkIsoDate(text: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !DateTime.fromISO(text).isValid) {
    throw new UsageError(`--issue-date must be a date like 2022-02-24, not "${text}"`);
  }
}

async function runReport(input: ReportInput, context: CliContext): Promise<ExitCode> {
  const stores = await context.stores();
  const report = await buildReport(stores, input, context.now());
  const document = await input.format.render(report);
  if (input.out === undefined) {
    context.stdout.write(document);
    return EXIT_CODES.ok;
  }
  const file = await writeOutFile(context, input.out, document);
  context.stdout.write(
    `Wrote the ${report.meetingCode} headline report (${input.format.name}, issue date ${report.issueDate}) to ${file}\n`,
  );
  return EXIT_CODES.ok;
}

async function buildReport(stores: OpenStores, input: ReportInput, now: Date) {
  const { groupCode, meetingNumber } = input;
  const group = await stores.groups.getGroup(groupCode);
  if (!group) throw new NotFoundError(`There is no group ${groupCode}.`);
  const meeting = await stores.groups.getMeeting(groupCode, meetingNumber);
  if (!meeting) {
    const known = (await stores.groups.listMeetings(groupCode)).map((each) => each.code);
    throw new NotFoundError(
      `${groupCode} has no meeting ${meetingNumber}` +
        (known.length > 0 ? `; its meetings are ${known.join(', ')}.` : '.'),
    );
  }
  const [actions, discussionItems, carriedForward, recordedIssueDate] = await Promise.all([
    stores.actions.listMeetingActions(groupCode, meetingNumber),
    stores.discussion.listDiscussionItems(groupCode, meetingNumber),
    stores.actions.listOpenActions(groupCode),
    stores.groups.getReportIssueDate(groupCode, meetingNumber),
  ]);
  return buildHeadlineReport({
    group,
    meeting,
    actions,
    discussionItems,
    carriedForward,
    issueDate: input.issueDate ?? recordedIssueDate ?? localDate(now, group.timeZone),
  });
}
