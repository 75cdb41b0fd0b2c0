import { REPORT_LABELS, reportRows, type HeadlineReport } from '../../core/reports/headline-report';
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
 * (actions per area, discussion items, actions carried forward), where it goes and in how many
 * messages, and **Issue report** (verb `issueReport`, data `{ groupCode, meetingNumber }`).
 */
export function buildReportPreviewCard(options: ReportPreviewCardOptions): AdaptiveCard {
  const { report } = options;
  const rows = reportRows(report);
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
      `${plural(rows.length - carried, 'action')} in ${plural(report.actionGroups.length, 'area')}, ` +
        `${plural(report.discussion.length, 'key discussion item')}, ` +
        `${plural(carried, 'action')} carried forward.`,
      { separator: true, spacing: 'medium' },
    ),
    ...areaLines(report),
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

function areaLines(report: HeadlineReport): CardElement[] {
  const lines: CardElement[] = report.actionGroups.slice(0, MAX_AREAS_LISTED).map((group) => {
    const first = group.rows[0]?.ref ?? '';
    const last = group.rows[group.rows.length - 1]?.ref ?? '';
    const refs = first === last ? first : `${first} to ${last}`;
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

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
