import { compareActionsByRef, latestUpdate, type Action } from '../action';
import { parseMeetingCode } from '../action-ref';
import { discussionBlocks, type DiscussionBlock, type DiscussionItem } from '../discussion-item';
import { formatDueDate, formatShortDate } from '../due-date';
import { ValidationError } from '../errors';
import { formatOwners } from '../owner';
import type { Group } from '../group';
import { formatMeetingDateTime, type Meeting } from '../meeting';

/** The words the report prints around the user's text, as the seed prints them. */
export const REPORT_LABELS = {
  issueDate: 'Issue date',
  meetingNumber: 'Meeting Number',
  venue: 'Venue',
  meetingDateTime: 'Meeting Date and Time',
  classification: 'Classification',
  actions: 'Actions',
  carriedForward: 'Actions Carried Forward',
  discussion: 'Key Discussion Items',
  actionColumns: ['Area', 'Action Ref', 'Action', 'Owner', 'Due Date', 'Update'],
  discussionColumns: ['Area', 'Discussion'],
} as const;

/** One row of an actions table, every cell as the report prints it. */
export interface HeadlineReportRow {
  readonly ref: string;
  readonly action: string;
  readonly owner: string;
  /** `23/03/22`, `16/03/22 (to include in meeting papers)`, or `''` when there is no due date. */
  readonly due: string;
  /** `Update: …` with the latest update, or `''` when there is none. */
  readonly update: string;
}

/** Consecutive actions (in ref order) of one area: the area is printed once for them. */
export interface HeadlineReportActionGroup {
  readonly area: string;
  readonly rows: readonly HeadlineReportRow[];
}

/** One key discussion item, laid out as paragraphs and bullet lists. */
export interface HeadlineReportDiscussion {
  readonly area: string;
  readonly blocks: readonly DiscussionBlock[];
}

/**
 * A meeting's headline report: what every document format and the report card show. Every value
 * is already the text the report prints, so no renderer decides what the report contains.
 */
export interface HeadlineReport {
  /** `<group name> Headline Report`. */
  readonly title: string;
  readonly groupCode: string;
  /** `DD/MM/YY`. */
  readonly issueDate: string;
  /** `CCAG003`. */
  readonly meetingCode: string;
  readonly venue: string;
  /** `23 February 2022 1000-1200` in the group's zone; `''` when the start is not known. */
  readonly meetingDateTime: string;
  readonly classification: string;
  readonly actionGroups: readonly HeadlineReportActionGroup[];
  readonly discussion: readonly HeadlineReportDiscussion[];
  /** Open actions raised at earlier meetings of the group; empty when there are none. */
  readonly carriedForward: readonly HeadlineReportActionGroup[];
  /** 1 for the first issue, 2 for the first re-issue, … */
  readonly version: number;
}

/** What a headline report is built from. */
export interface HeadlineReportInput {
  readonly group: Group;
  readonly meeting: Meeting;
  /** The meeting's actions, in any order. */
  readonly actions: readonly Action[];
  /** The meeting's discussion items, in any order (their `order` decides). */
  readonly discussionItems: readonly DiscussionItem[];
  /**
   * The group's open actions from other meetings, e.g. straight from `listOpenActions`: only open
   * actions raised at earlier meetings are kept.
   */
  readonly carriedForward?: readonly Action[];
  /** The day the report is issued, `yyyy-mm-dd`. */
  readonly issueDate: string;
  /** Defaults to 1. */
  readonly version?: number;
}

/**
 * Builds the headline report of a meeting.
 *
 * Cancelled actions are left out: the report tells readers what is being done and what was done,
 * and a cancelled action is neither (its record stays in the action log and its history). Done
 * actions stay, with their latest update, because the seed reports how actions were closed.
 *
 * @throws ValidationError when the issue date is not a `yyyy-mm-dd` date or the version is not a
 *   whole number from 1.
 */
export function buildHeadlineReport(input: HeadlineReportInput): HeadlineReport {
  const { group, meeting } = input;
  const version = input.version ?? 1;
  if (!Number.isInteger(version) || version < 1) {
    throw new ValidationError('A report version must be a whole number from 1.', 'version');
  }
  return {
    title: `${group.name} Headline Report`,
    groupCode: group.code,
    issueDate: formatShortDate(input.issueDate),
    meetingCode: meeting.code,
    venue: meeting.venue,
    meetingDateTime: formatMeetingDateTime(meeting, group.timeZone),
    classification: meeting.classification,
    actionGroups: groupByArea(input.actions.filter((action) => action.state !== 'cancelled')),
    discussion: [...input.discussionItems]
      .sort((a, b) => a.order - b.order)
      .map((item) => ({ area: item.area, blocks: discussionBlocks(item.text) })),
    carriedForward: groupByArea(
      (input.carriedForward ?? []).filter(
        (action) => action.state === 'open' && raisedBefore(action, meeting),
      ),
    ),
    version,
  };
}

/** A titled actions table: the meeting's actions, then those carried forward when there are any. */
export interface HeadlineReportActionSection {
  readonly title: string;
  readonly groups: readonly HeadlineReportActionGroup[];
}

/** The report's actions tables in print order; the carried-forward one only when it has rows. */
export function actionSections(report: HeadlineReport): HeadlineReportActionSection[] {
  const sections: HeadlineReportActionSection[] = [
    { title: REPORT_LABELS.actions, groups: report.actionGroups },
  ];
  if (report.carriedForward.length > 0) {
    sections.push({ title: REPORT_LABELS.carriedForward, groups: report.carriedForward });
  }
  return sections;
}

/**
 * An actions table as text cells in {@link REPORT_LABELS}.actionColumns order, the area on the
 * first row of its group only, as the seed writes it.
 */
export function actionTableCells(groups: readonly HeadlineReportActionGroup[]): string[][] {
  return groups.flatMap((group) =>
    group.rows.map((row, index) => [
      index === 0 ? group.area : '',
      row.ref,
      row.action,
      row.owner,
      row.due,
      row.update,
    ]),
  );
}

/** Every action row of the report, carried-forward ones last, e.g. to count or look them up. */
export function reportRows(report: HeadlineReport): HeadlineReportRow[] {
  return [...report.actionGroups, ...report.carriedForward].flatMap((group) => group.rows);
}

function groupByArea(actions: readonly Action[]): HeadlineReportActionGroup[] {
  const groups: { area: string; rows: HeadlineReportRow[] }[] = [];
  for (const action of [...actions].sort(compareActionsByRef)) {
    const last = groups[groups.length - 1];
    if (last && last.area === action.area) last.rows.push(reportRow(action));
    else groups.push({ area: action.area, rows: [reportRow(action)] });
  }
  return groups;
}

function reportRow(action: Action): HeadlineReportRow {
  const update = latestUpdate(action);
  return {
    ref: action.ref,
    action: action.text,
    owner: formatOwners(action.owners),
    due: formatDueDate(action.due),
    update: update ? `Update: ${update.text}` : '',
  };
}

/** True when the action was raised at an earlier meeting of the same group (it is carried forward). */
export function raisedBefore(action: Action, meeting: Meeting): boolean {
  const raisedAt = parseMeetingCode(action.meetingCode);
  return (
    raisedAt !== undefined &&
    raisedAt.groupCode === meeting.groupCode &&
    raisedAt.meetingNumber < meeting.number
  );
}
