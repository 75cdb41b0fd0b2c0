import { DateTime } from 'luxon';
import type { MeetingContext } from '../action-service';
import { PermissionDeniedError } from '../errors';
import { buildHeadlineReport, type HeadlineReport } from './headline-report';
import type { Group } from '../group';
import type { IssuedReport, IssuedReportSummary } from './issued-report';
import { changeMeetingState } from '../meeting';
import type { Actor } from '../permissions';
import type {
  ActionStore,
  DiscussionStore,
  GroupStore,
  MeetingStore,
  ReportStore,
  WriteOptions,
} from '../stores';

export interface ReportServiceDependencies {
  readonly groups: GroupStore & MeetingStore;
  readonly actions: ActionStore;
  readonly discussion: DiscussionStore;
  readonly reports: ReportStore;
}

/**
 * The headline report of a meeting, previewed and issued: what goes into it (the meeting's
 * actions and discussion items, the group's open actions from earlier meetings), who may issue
 * it, and the versions issued. Whatever the surface (Teams, the command line); knows nothing of
 * Teams.
 */
export class ReportService {
  constructor(private readonly deps: ReportServiceDependencies) {}

  /**
   * The report as it would be issued now: dated today in the group's zone, numbered as the next
   * version and, on a re-issue, listing what changed since the latest version. Anyone may look;
   * only chairs issue.
   */
  async preview(context: MeetingContext, now: Date): Promise<HeadlineReport> {
    const [previous, parts] = await Promise.all([this.latestIssued(context), this.parts(context)]);
    return this.assemble(context, parts, now, (previous?.version ?? 0) + 1, previous?.report);
  }

  /**
   * Issues the report: stores it as the meeting's next version (a snapshot that stays readable
   * when a later version is issued) and marks the meeting's report issued. A re-issue lists what
   * changed since the latest version issued before it (named in `report.changes.sinceVersion`:
   * when two chairs issue at once, the later one compares with the version read beforehand).
   *
   * @throws PermissionDeniedError naming who may issue, for anyone but a chair.
   */
  async issue(
    context: MeetingContext,
    actor: Actor,
    now: Date,
    options: WriteOptions = {},
  ): Promise<IssuedReport> {
    this.assertMayIssue(context, actor);
    const { group, meeting } = context;
    const [previous, parts] = await Promise.all([this.latestIssued(context), this.parts(context)]);
    const issued = await this.deps.reports.issueReport(
      group.code,
      meeting.number,
      (version) => ({
        groupCode: group.code,
        meetingNumber: meeting.number,
        version,
        report: this.assemble(context, parts, now, version, previous?.report),
        issuedAt: now.toISOString(),
        issuedBy: actor.person,
      }),
      options,
    );
    await this.deps.groups.updateMeeting(group.code, meeting.number, (current) =>
      changeMeetingState(current, 'reportIssued'),
    );
    return issued;
  }

  /**
   * Refuses anyone but a chair (a chair named for the group, or the Teams meeting's organizer).
   *
   * @throws PermissionDeniedError e.g. "Only the chairs of CCAG (Ada Lovelace) and the organizer
   *   of the Teams meeting may issue the headline report of CCAG003."
   */
  assertMayIssue(context: MeetingContext, actor: Actor): void {
    if (actor.isChair) return;
    throw new PermissionDeniedError(
      `Only ${whoMayIssue(context.group)} may issue the headline report of ${context.meeting.code}.`,
    );
  }

  /** One issued version, as it was issued; undefined when there is no such version. */
  async getIssued(
    groupCode: string,
    meetingNumber: number,
    version: number,
  ): Promise<IssuedReport | undefined> {
    return this.deps.reports.getReport(groupCode, meetingNumber, version);
  }

  async listIssued(context: MeetingContext): Promise<IssuedReportSummary[]> {
    return this.deps.reports.listReports(context.group.code, context.meeting.number);
  }

  /** The latest version issued, as issued; undefined before the first issue. */
  private async latestIssued(context: MeetingContext): Promise<IssuedReport | undefined> {
    const latest = (await this.listIssued(context)).at(-1);
    if (!latest) return undefined;
    return this.getIssued(context.group.code, context.meeting.number, latest.version);
  }

  private async parts(context: MeetingContext) {
    const { group, meeting } = context;
    const [actions, discussionItems, openActions] = await Promise.all([
      this.deps.actions.listMeetingActions(group.code, meeting.number),
      this.deps.discussion.listDiscussionItems(group.code, meeting.number),
      this.deps.actions.listOpenActions(group.code),
    ]);
    return { actions, discussionItems, openActions };
  }

  private assemble(
    { group, meeting }: MeetingContext,
    parts: Awaited<ReturnType<ReportService['parts']>>,
    now: Date,
    version: number,
    previous: HeadlineReport | undefined,
  ): HeadlineReport {
    return buildHeadlineReport({
      group,
      meeting,
      actions: parts.actions,
      discussionItems: parts.discussionItems,
      // buildHeadlineReport keeps only open actions raised at earlier meetings.
      carriedForward: parts.openActions,
      issueDate: issueDateIn(group, now),
      version,
      ...(previous ? { previous } : {}),
    });
  }
}

/** "the chairs of CCAG (Ada Lovelace, Grace Hopper) and the organizer of the Teams meeting". */
export function whoMayIssue(group: Group): string {
  const organizer = 'the organizer of the Teams meeting';
  if (group.chairs.length === 0) return organizer;
  const names = group.chairs.map((chair) => chair.name).join(', ');
  return `the chairs of ${group.code} (${names}) and ${organizer}`;
}

/** Today in the group's zone, `yyyy-mm-dd`: a report issued at 00:30 BST is dated that day. */
function issueDateIn(group: Group, now: Date): string {
  const date = DateTime.fromJSDate(now).setZone(group.timeZone).toISODate();
  if (!date) throw new Error(`Cannot date a report in the zone ${group.timeZone}`);
  return date;
}
