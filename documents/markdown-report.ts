import type { DiscussionBlock } from '../core/discussion-item';
import {
  REPORT_LABELS,
  actionSections,
  actionTableCells,
  discussionGroups,
  type HeadlineReport,
} from '../core/reports/headline-report';
import { changeLines, changesHeading } from '../core/reports/report-changes';
import { versionNote } from './running-header';

/**
 * Writes the report as GitHub-flavoured Markdown: the title, the issue date (and version), the
 * header as a table, on a re-issue what changed since the version before, each actions table
 * (area on the first row of each group) and the Key Discussion Items table (area on the first
 * item of each group), paragraphs and bullets inside a cell separated by `<br>` (a table cell
 * holds one line). User text is escaped, so `|`, `*`, `<script>` and the like print as typed.
 */
export function renderMarkdown(report: HeadlineReport): string {
  const parts = [
    `# ${escapeMarkdown(report.title)}`,
    `${REPORT_LABELS.issueDate}: ${escapeMarkdown(report.issueDate)}${versionNote(report)}`,
    table(
      [REPORT_LABELS.meetingNumber, report.meetingCode, REPORT_LABELS.venue, report.venue].map(
        escapeMarkdown,
      ),
      [
        [
          REPORT_LABELS.meetingDateTime,
          report.meetingDateTime,
          REPORT_LABELS.classification,
          report.classification,
        ].map(escapeMarkdown),
      ],
    ),
  ];
  if (report.changes) {
    parts.push(
      `## ${changesHeading(report.changes)}`,
      changeLines(report.changes)
        .map((line) => `- ${escapeMarkdown(line)}`)
        .join('\n'),
    );
  }
  for (const section of actionSections(report)) {
    const rows = actionTableCells(section.groups).map((cells) => cells.map(escapeMarkdown));
    parts.push(`## ${section.title}`, table([...REPORT_LABELS.actionColumns], rows));
  }
  parts.push(
    `## ${REPORT_LABELS.discussion}`,
    table(
      [...REPORT_LABELS.discussionColumns],
      discussionGroups(report).flatMap((group) =>
        group.items.map((item, index) => [
          index === 0 ? escapeMarkdown(group.area) : '',
          discussionCell(item.blocks),
        ]),
      ),
    ),
  );
  return `${parts.join('\n\n')}\n`;
}

/**
 * Escapes text for a Markdown table cell: every character Markdown or GFM gives a meaning inline,
 * and `|`, which would end the cell. Line breaks become `<br>`.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]<>|~#!]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/\r?\n/g, '<br>');
}

function table(headings: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(headings), line(headings.map(() => '---')), ...rows.map(line)].join('\n');
}

function discussionCell(blocks: readonly DiscussionBlock[]): string {
  return blocks
    .map((block) =>
      block.kind === 'paragraph'
        ? escapeMarkdown(block.text)
        : block.items.map((item) => `• ${escapeMarkdown(item)}`).join('<br>'),
    )
    .join('<br><br>');
}
