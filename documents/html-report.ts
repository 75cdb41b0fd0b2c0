import { escapeUTF8 } from 'entities';
import type { DiscussionBlock } from '../core/discussion-item';
import {
  REPORT_LABELS,
  actionSections,
  discussionGroups,
  type HeadlineReport,
  type HeadlineReportActionSection,
  type HeadlineReportChanges,
  type HeadlineReportRow,
} from '../core/reports/headline-report';
import { changeLines, changesHeading } from '../core/reports/report-changes';
import { runningHeader, versionNote } from './running-header';

// Printed, each report section starts a page (the header shares the first with the Actions),
// table headings repeat on every page a table spans, and every page carries the running header
// (group, meeting, issue date, classification) at its top and "Page n of m" at its foot, in the
// page margins (CSS paged media, which Chromium, Edge and Word's web view print).
const STYLE = `
:root { font-family: Arial, Helvetica, sans-serif; font-size: 10.5pt; color: #000; }
body { margin: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.5rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
caption { text-align: left; font-style: italic; padding-bottom: 0.25rem; }
th, td { border: 1px solid #555; padding: 0.3rem 0.4rem; text-align: left; vertical-align: top; }
thead th, .report-header th, tbody th { background: #e8eef4; }
td p { margin: 0 0 0.4rem; }
td ul { margin: 0 0 0.4rem; padding-left: 1.2rem; }
.ref, .due { white-space: nowrap; }
.running-header { font-size: 0.85rem; color: #333; border-bottom: 1px solid #999; margin: 0 0 1rem; padding-bottom: 0.25rem; }
.changes { border: 1px solid #555; padding: 0.4rem 0.8rem; }
.changes h2 { margin-top: 0; font-size: 1.1rem; }
.changes ul { margin: 0; }
tr.state-done td, tr.state-cancelled td { color: #333; }
tr.state-cancelled .ref { text-decoration: line-through; }
@page { size: A4 landscape; margin: 16mm 12mm; }
@media print {
  body { margin: 0; }
  .running-header { display: none; }
  .report-section + .report-section { break-before: page; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
}
`;

/**
 * Writes the report as one complete, printable HTML page: a running header (group, meeting, issue
 * date, classification; on every printed page, with page numbers at the foot), the header table,
 * on a re-issue what changed since the version before, each actions table (an area cell spanning
 * its group's rows), and the Key Discussion Items with paragraphs and lists. Every piece of user
 * text is escaped (`entities`). When printed, each section starts a new page.
 */
export function renderHtml(report: HeadlineReport): string {
  const title = escapeHtml(report.title);
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${escapeHtml(report.meetingCode)}</title>
<style>${STYLE}${pageMargins(report)}</style>
</head>
<body>
<header>
<p class="running-header">${escapeHtml(runningHeader(report))}</p>
<h1>${title}</h1>
<p>${REPORT_LABELS.issueDate}: ${escapeHtml(report.issueDate)}${versionNote(report)}</p>
<table class="report-header">
<caption>Meeting details</caption>
<tbody>
<tr>${headerPair(REPORT_LABELS.meetingNumber, report.meetingCode)}${headerPair(REPORT_LABELS.venue, report.venue)}</tr>
<tr>${headerPair(REPORT_LABELS.meetingDateTime, report.meetingDateTime)}${headerPair(REPORT_LABELS.classification, report.classification)}</tr>
</tbody>
</table>
${report.changes ? changesSection(report.changes) : ''}</header>
<main>
${actionSections(report)
  .map((section, index) => actionsSection(report, section, `actions-${index + 1}`))
  .join('\n')}
${discussionSection(report)}
</main>
</body>
</html>
`;
}

/** Escapes text for HTML element content and attribute values (`& < > " '`). */
export function escapeHtml(text: string): string {
  return escapeUTF8(text);
}

/** The running header and page numbers in the printed page's margins. */
function pageMargins(report: HeadlineReport): string {
  const margin = 'font-family: Arial, Helvetica, sans-serif; font-size: 8pt; color: #333;';
  return `@page {
  @top-left { content: ${cssString(runningHeader(report))}; ${margin} }
  @bottom-left { content: ${cssString(`${REPORT_LABELS.classification}: ${report.classification}`)}; ${margin} }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${margin} }
}
`;
}

/**
 * A CSS string literal of user text: every character that could end the string, the
 * declaration or the style element (`"`, `\`, line breaks, `<`) written as a CSS escape.
 */
function cssString(text: string): string {
  const escaped = text.replace(
    /["\\<>\n\r\f]/g,
    (character) => `\\${character.charCodeAt(0).toString(16)} `,
  );
  return `"${escaped}"`;
}

function multiline(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

function headerPair(label: string, value: string): string {
  return `<th scope="row">${label}</th><td>${escapeHtml(value)}</td>`;
}

function changesSection(changes: HeadlineReportChanges): string {
  const items = changeLines(changes).map((line) => `<li>${escapeHtml(line)}</li>`);
  return `<section class="changes" aria-labelledby="changes">
<h2 id="changes">${escapeHtml(changesHeading(changes))}</h2>
<ul>${items.join('')}</ul>
</section>
`;
}

function actionsSection(
  report: HeadlineReport,
  section: HeadlineReportActionSection,
  id: string,
): string {
  const headings = REPORT_LABELS.actionColumns
    .map((column) => `<th scope="col">${column}</th>`)
    .join('');
  // Each area is a row group: its name spans the group's rows, as the seed writes it once.
  const groups = section.groups.map((group) => {
    const rows = group.rows.map((action, index) => {
      const area =
        index === 0
          ? `<th scope="rowgroup" rowspan="${group.rows.length}">${escapeHtml(group.area)}</th>`
          : '';
      return (
        `<tr${stateClass(action)}>${area}<td class="ref">${escapeHtml(action.ref)}</td>` +
        `<td>${multiline(action.action)}</td><td>${escapeHtml(action.owner)}</td>` +
        `<td class="due">${escapeHtml(action.due)}</td><td>${multiline(action.update)}</td></tr>`
      );
    });
    return `<tbody>\n${rows.join('\n')}\n</tbody>`;
  });
  return `<section class="report-section" aria-labelledby="${id}">
<h2 id="${id}">${section.title}</h2>
<table class="actions">
<caption>${section.title} of ${escapeHtml(report.meetingCode)}, by area in reference order</caption>
<thead><tr>${headings}</tr></thead>
${groups.join('\n')}
</table>
</section>`;
}

function stateClass(row: HeadlineReportRow): string {
  return row.state === 'done' || row.state === 'cancelled' ? ` class="state-${row.state}"` : '';
}

function discussionSection(report: HeadlineReport): string {
  const headings = REPORT_LABELS.discussionColumns
    .map((column) => `<th scope="col">${column}</th>`)
    .join('');
  // Items of one area share its cell, as the actions of an area do.
  const rows = discussionGroups(report).flatMap((group) =>
    group.items.map((item, index) => {
      const area =
        index === 0
          ? `<th scope="row"${group.items.length > 1 ? ` rowspan="${group.items.length}"` : ''}>${escapeHtml(group.area)}</th>`
          : '';
      return `<tr>${area}<td>${blocksHtml(item.blocks)}</td></tr>`;
    }),
  );
  return `<section class="report-section" aria-labelledby="discussion">
<h2 id="discussion">${REPORT_LABELS.discussion}</h2>
<table class="discussion">
<caption>${REPORT_LABELS.discussion} of ${escapeHtml(report.meetingCode)}</caption>
<thead><tr>${headings}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

function blocksHtml(blocks: readonly DiscussionBlock[]): string {
  return blocks
    .map((block) =>
      block.kind === 'paragraph'
        ? `<p>${multiline(block.text)}</p>`
        : `<ul>${block.items.map((item) => `<li>${multiline(item)}</li>`).join('')}</ul>`,
    )
    .join('');
}
