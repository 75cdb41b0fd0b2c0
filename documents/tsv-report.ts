import type { DiscussionBlock } from '../core/discussion-item';
import {
  REPORT_LABELS,
  actionSections,
  actionTableCells,
  type HeadlineReport,
} from '../core/reports/headline-report';
import { changeLines, changesHeading } from '../core/reports/report-changes';
import { neutraliseSpreadsheetCell } from '../core/spreadsheet-cell';
import { versionNote } from './running-header';

// The seed's discussion cells carry the original document's list markup; writing it back keeps
// the layout the seed's readers (and core/report-import) know.
const LIST_START = '<ul style="list-style-type: none">';

/**
 * Writes the report as the seed's tab-separated text: the title, `Issue date: …` (with
 * `(version 2)` on a re-issue, as the other formats say it), two header rows, on a re-issue a
 * `Changes since version 1` row, the Actions table (section name on its first row, area on the
 * first row of each group), open actions carried forward (when there are any) in the same layout,
 * and the Key Discussion Items table (the area on every item: an item without one continues the
 * item above, as the seed splits one). Tabs and line breaks inside user text become spaces, since
 * they would end a cell or a row; a discussion with more than one paragraph or a list is written
 * with `<p>`/`<ul>` and `•` as in the seed. A cell a spreadsheet would run as a formula starts
 * with a quote (see spreadsheet-cell.ts).
 */
export function renderTsv(report: HeadlineReport): string {
  const lines = [
    '',
    '',
    cell(report.title),
    '',
    cell(`${REPORT_LABELS.issueDate}: ${report.issueDate}${versionNote(report)}`),
    '',
    row([REPORT_LABELS.meetingNumber, report.meetingCode, REPORT_LABELS.venue, report.venue]),
    row([
      REPORT_LABELS.meetingDateTime,
      report.meetingDateTime,
      REPORT_LABELS.classification,
      report.classification,
    ]),
    '',
  ];
  if (report.changes) {
    lines.push(row([changesHeading(report.changes), ...changeLines(report.changes)]), '');
  }
  for (const section of actionSections(report)) {
    lines.push(row(['', ...REPORT_LABELS.actionColumns]));
    const rows = actionTableCells(section.groups);
    rows.forEach((cells, index) => lines.push(row([index === 0 ? section.title : '', ...cells])));
    lines.push('');
  }
  lines.push(row(['', ...REPORT_LABELS.discussionColumns]));
  report.discussion.forEach((item, index) => {
    lines.push(
      row([index === 0 ? REPORT_LABELS.discussion : '', item.area, discussionCell(item.blocks)]),
    );
  });
  return `${lines.join('\n')}\n`;
}

function row(cells: readonly string[]): string {
  return cells.map(cell).join('\t');
}

function cell(text: string): string {
  return neutraliseSpreadsheetCell(text.replace(/[\t\r\n\u2028\u2029]+/g, ' '));
}

function discussionCell(blocks: readonly DiscussionBlock[]): string {
  const [only] = blocks;
  if (blocks.length === 1 && only?.kind === 'paragraph') return only.text;
  return blocks
    .map((block) =>
      block.kind === 'paragraph'
        ? `<p>${block.text}</p>`
        : `${LIST_START} ${block.items.map((item) => `• ${item}`).join(' ')}</ul>`,
    )
    .join(' ');
}
