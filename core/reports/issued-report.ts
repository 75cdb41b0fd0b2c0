import type { HeadlineReport } from './headline-report';
import type { Person } from '../person';

/**
 * A headline report as issued: the report exactly as it was posted (so v1 stays readable after
 * the meeting's actions change and v2 is issued), when and by whom.
 */
export interface IssuedReport {
  readonly groupCode: string;
  readonly meetingNumber: number;
  /** 1 for the first issue, 2 for the first re-issue, … (also `report.version`). */
  readonly version: number;
  readonly report: HeadlineReport;
  /** ISO 8601 UTC. */
  readonly issuedAt: string;
  readonly issuedBy: Person;
}

/** What a list of issued versions shows: everything but the report itself. */
export type IssuedReportSummary = Omit<IssuedReport, 'report'>;
