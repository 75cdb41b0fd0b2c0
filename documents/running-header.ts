import { REPORT_LABELS, type HeadlineReport } from '../core/reports/headline-report';

/** ` (version 2)` after the issue date of a re-issue, in every format; `''` for the first issue. */
export function versionNote(report: Pick<HeadlineReport, 'version'>): string {
  return report.version > 1 ? ` (version ${report.version})` : '';
}

/**
 * What the printed documents repeat at the top of every page, so a loose page still says what it
 * is: `MHHS Cross Code Advisory Group Headline Report · CCAG003 · Issue date 24/02/22 (version 2)
 * · Classification: Public`.
 */
export function runningHeader(report: HeadlineReport): string {
  return [
    report.title,
    report.meetingCode,
    `${REPORT_LABELS.issueDate} ${report.issueDate}${versionNote(report)}`,
    `${REPORT_LABELS.classification}: ${report.classification}`,
  ].join(' · ');
}
