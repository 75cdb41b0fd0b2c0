import { compareActionsByRef, type Action } from '../action';
import { parseMeetingCode } from '../action-ref';
import { discussionBlocks, type DiscussionBlock, type DiscussionItem } from '../discussion-item';
import { formatShortDate } from '../due-date';
import { ValidationError } from '../errors';
import type { Group } from '../group';
import { formatMeetingDateTime, type Meeting } from '../meeting';
import { compareReportRows, type AreaRow, type HeadlineReportChanges } from './report-changes';
import { reportRow, type HeadlineReportRow } from './report-row';

export type { HeadlineReportRow } from './report-row';
export type { HeadlineReportChanges, ReportChange } from './report-changes';

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

/**
 * The actions of one area, in ref order: the area is printed once for them. Areas come in the
 * order each first appears in the meeting (the area of its lowest ref).
 */
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
  /** On a re-issue: what changed since the version before. Absent on a first issue. */
  readonly changes?: HeadlineReportChanges;
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
  /**
   * The latest version issued before this one, as issued: the report then lists what changed
   * since (see {@link HeadlineReport.changes}).
   */
  readonly previous?: HeadlineReport;
}

/**
 * Builds the headline report of a meeting.
 *
 * Every action of the meeting is in it, cancelled ones too (so the refs have no gaps), grouped by
 * area: areas in the order each first appears in the meeting, refs ascending within an area. An
 * area typed with other capitals or spacing (`design  baseline`) joins the group of its first
 * spelling. A closed action says so in its Update cell (`Done 05/03/22`, `Cancelled: …`). The
 * actions carried forward are grouped the same way, and discussion items of one area are kept
 * together, in the order the area first comes up.
 *
 * @throws ValidationError when the issue date is not a `yyyy-mm-dd` date, or the version is not a
 *   whole number from 1 or not above the previous version's.
 */
export function buildHeadlineReport(input: HeadlineReportInput): HeadlineReport {
  const { group, meeting } = input;
  const version = input.version ?? 1;
  if (!Number.isInteger(version) || version < 1) {
    throw new ValidationError('A report version must be a whole number from 1.', 'version');
  }
  const { previous } = input;
  if (previous && previous.version >= version) {
    throw new ValidationError(
      `Version ${version} cannot follow version ${previous.version} of the report.`,
      'version',
    );
  }
  const zone = group.timeZone;
  const report: HeadlineReport = {
    title: `${group.name} Headline Report`,
    groupCode: group.code,
    issueDate: formatShortDate(input.issueDate),
    meetingCode: meeting.code,
    venue: meeting.venue,
    meetingDateTime: formatMeetingDateTime(meeting, group.timeZone),
    classification: meeting.classification,
    actionGroups: groupByArea(input.actions, zone),
    discussion: discussionByArea(input.discussionItems),
    carriedForward: groupByArea(
      (input.carriedForward ?? []).filter(
        (action) => action.state === 'open' && raisedBefore(action, meeting),
      ),
      zone,
    ),
    version,
  };
  if (!previous) return report;
  return {
    ...report,
    changes: compareReportRows(previous.version, areaRows(previous), areaRows(report)),
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

/**
 * Discussion items one area at a time: consecutive items of the same area, with the area on the
 * first only. A renderer writes the area once per group, as it does for actions.
 */
export interface HeadlineReportDiscussionGroup {
  readonly area: string;
  readonly items: readonly HeadlineReportDiscussion[];
}

/** The report's discussion items as area groups (consecutive items of one area together). */
export function discussionGroups(report: HeadlineReport): HeadlineReportDiscussionGroup[] {
  const groups: { area: string; items: HeadlineReportDiscussion[] }[] = [];
  for (const item of report.discussion) {
    const last = groups[groups.length - 1];
    if (last && areaKey(last.area) === areaKey(item.area)) last.items.push(item);
    else groups.push({ area: item.area, items: [item] });
  }
  return groups;
}

/** Every action row with the area it is printed under, carried-forward ones last. */
function areaRows(report: HeadlineReport): AreaRow[] {
  return [...report.actionGroups, ...report.carriedForward].flatMap((group) =>
    group.rows.map((row) => ({ area: group.area, row })),
  );
}

function groupByArea(actions: readonly Action[], timeZone: string): HeadlineReportActionGroup[] {
  const groups = new Map<string, { area: string; rows: HeadlineReportRow[] }>();
  // In ref order, the first action of an area decides where the area goes.
  for (const action of [...actions].sort(compareActionsByRef)) {
    const key = areaKey(action.area);
    const row = reportRow(action, timeZone);
    const group = groups.get(key);
    if (group) group.rows.push(row);
    else groups.set(key, { area: action.area, rows: [row] });
  }
  return [...groups.values()];
}

function discussionByArea(items: readonly DiscussionItem[]): HeadlineReportDiscussion[] {
  const groups = new Map<string, HeadlineReportDiscussion[]>();
  for (const item of [...items].sort((a, b) => a.order - b.order)) {
    const key = areaKey(item.area);
    const group = groups.get(key) ?? [];
    if (group.length === 0) groups.set(key, group);
    // Every item of an area prints the area as it was first spelt, as grouped actions do.
    group.push({ area: group[0]?.area ?? item.area, blocks: discussionBlocks(item.text) });
  }
  return [...groups.values()].flat();
}

/** What makes two areas the same: `Design baseline` and ` design  Baseline` are one area. */
function areaKey(area: string): string {
  return area.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
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
