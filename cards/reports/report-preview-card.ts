import { compareActionRefs, parseActionRef } from '../../core/action-ref';
import {
  REPORT_LABELS,
  type HeadlineReport,
  type HeadlineReportActionGroup,
} from '../../core/reports/headline-report';
import { changeLines, changesHeading } from '../../core/reports/report-changes';
import {
  adaptiveCard,
  executeAction,
  heading,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from '../adaptive-card';
import { CARD_VERBS } from '../card-verbs';
import { labelledUserText, richTextBlock, userText, userTextRun } from '../user-text';

export const ISSUE_REPORT_BUTTON = 'Issue report';

/** Options for {@link buildReportPreviewCard}. */
export interface ReportPreviewCardOptions {
  /** The report as it would be issued now (dated today, numbered as the next version). */
  readonly report: HeadlineReport;
  readonly meetingNumber: number;
  /** Where issuing posts it, e.g. "the channel General" or "this conversation". */
  readonly postTo: string;
  /** How many messages the report card takes. */
  readonly parts: number;
  /** Shown above the button, e.g. who may issue when the viewer may not. */
  readonly notice?: string;
}

/** Areas listed by name; a longer report says how many more there are. */
const MAX_AREAS_LISTED = 25;

/**
 * What the chair sees before issuing: the header as it will be issued, what the report holds
 * (actions and areas, how many are done or cancelled, each area with its refs, discussion items,
 * actions carried forward), on a re-issue what changed since the latest version, where it goes
 * and in how many messages, and **Issue report** (verb `issueReport`, data `{ groupCode,
 * meetingNumber }`).
 */
export function buildReportPreviewCard(options: ReportPreviewCardOptions): AdaptiveCard {
  const { report } = options;
  const rows = report.actionGroups.flatMap((group) => group.rows);
  const carried = report.carriedForward.reduce((sum, group) => sum + group.rows.length, 0);
  const body: CardElement[] = [
    heading(`Headline report preview – ${report.meetingCode}`),
    textBlock(
      report.version > 1
        ? `Not issued yet. Issuing posts it as v${report.version} (re-issued); earlier versions stay available.`
        : 'Not issued yet. This is what issuing posts.',
      { isSubtle: true, spacing: 'none' },
    ),
    userText(report.title, { weight: 'bolder' }),
    labelledUserText(REPORT_LABELS.issueDate, report.issueDate, { spacing: 'small' }),
    labelledUserText(REPORT_LABELS.meetingNumber, report.meetingCode, { spacing: 'none' }),
    labelledUserText(REPORT_LABELS.venue, report.venue, { spacing: 'none' }),
    labelledUserText(REPORT_LABELS.meetingDateTime, report.meetingDateTime || 'not set', {
      spacing: 'none',
    }),
    labelledUserText(REPORT_LABELS.classification, report.classification, { spacing: 'none' }),
    textBlock(
      `${plural(rows.length, 'action')}${closedNote(report.actionGroups)} in ` +
        `${plural(report.actionGroups.length, 'area')}, ` +
        `${plural(report.discussion.length, 'key discussion item')}, ` +
        `${plural(carried, 'action')} carried forward.`,
      { separator: true, spacing: 'medium' },
    ),
    ...areaLines(report),
    ...changesLines(report),
    labelledUserText('Posted to', `${options.postTo}, in ${plural(options.parts, 'message')}`, {
      separator: true,
      spacing: 'medium',
    }),
  ];
  if (options.notice) body.push(userText(options.notice, { color: 'attention' }));
  return adaptiveCard(body, [
    executeAction(
      ISSUE_REPORT_BUTTON,
      CARD_VERBS.issueReport,
      { groupCode: report.groupCode, meetingNumber: options.meetingNumber },
      { associatedInputs: 'none', style: 'positive' },
    ),
  ]);
}

/** ` (1 done, 1 cancelled)` after the number of actions; `''` when all are open. */
function closedNote(groups: readonly HeadlineReportActionGroup[]): string {
  const rows = groups.flatMap((group) => group.rows);
  const counts = (['done', 'cancelled'] as const)
    .map((state) => [state, rows.filter((row) => row.state === state).length] as const)
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${count} ${state}`);
  return counts.length > 0 ? ` (${counts.join(', ')})` : '';
}

function areaLines(report: HeadlineReport): CardElement[] {
  const lines: CardElement[] = report.actionGroups.slice(0, MAX_AREAS_LISTED).map((group) => {
    const refs = refRanges(group.rows.map((row) => row.ref));
    return richTextBlock(
      [
        userTextRun(group.area, { weight: 'bolder' }),
        { type: 'TextRun', text: ` · ${plural(group.rows.length, 'action')} (${refs})` },
      ],
      { spacing: 'none' },
    );
  });
  const more = report.actionGroups.length - MAX_AREAS_LISTED;
  if (more > 0) lines.push(textBlock(`and ${plural(more, 'more area')}`, { spacing: 'none' }));
  return lines;
}

function changesLines(report: HeadlineReport): CardElement[] {
  if (!report.changes) return [];
  return [
    textBlock(changesHeading(report.changes), {
      weight: 'bolder',
      separator: true,
      spacing: 'medium',
    }),
    ...changeLines(report.changes).map((line) => textBlock(line, { spacing: 'none' })),
  ];
}

/**
 * Refs in order, runs of consecutive ones shortened: `CCAG03-01, CCAG03-03 to CCAG03-05`. An
 * area's actions need not be consecutive when members add them in any order.
 */
export function refRanges(refs: readonly string[]): string {
  const sorted = [...refs].sort(compareActionRefs);
  const runs: string[][] = [];
  for (const ref of sorted) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last !== undefined && follows(last, ref)) run.push(ref);
    else runs.push([ref]);
  }
  return runs
    .map((run) => (run.length <= 2 ? run.join(', ') : `${run[0]} to ${run[run.length - 1]}`))
    .join(', ');
}

function follows(previous: string, ref: string): boolean {
  const a = parseActionRef(previous);
  const b = parseActionRef(ref);
  return (
    a !== undefined &&
    b !== undefined &&
    a.groupCode === b.groupCode &&
    a.meetingNumber === b.meetingNumber &&
    b.sequence === a.sequence + 1
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
