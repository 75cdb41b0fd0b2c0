import type { DiscussionBlock } from '../core/discussion-item';
import {
  REPORT_LABELS,
  actionSections,
  type HeadlineReport,
  type HeadlineReportActionSection,
} from '../core/reports/headline-report';

// Printed, each report section starts a page (the header shares the first with the Actions),
// and table headings repeat on every page a table spans.
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
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; }
  .report-section + .report-section { break-before: page; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
}
`;

/**
 * Writes the report as one complete, printable HTML page: the header table, each actions table
 * (an area cell spanning its group's rows), and the Key Discussion Items with paragraphs and
 * lists. Every piece of user text is escaped. When printed, each section starts a new page.
 */
export function renderHtml(report: HeadlineReport): string {
  const title = escapeHtml(report.title);
  const version = report.version > 1 ? ` (version ${report.version})` : '';
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${escapeHtml(report.meetingCode)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<p>${REPORT_LABELS.issueDate}: ${escapeHtml(report.issueDate)}${version}</p>
<table class="report-header">
<caption>Meeting details</caption>
<tbody>
<tr>${headerPair(REPORT_LABELS.meetingNumber, report.meetingCode)}${headerPair(REPORT_LABELS.venue, report.venue)}</tr>
<tr>${headerPair(REPORT_LABELS.meetingDateTime, report.meetingDateTime)}${headerPair(REPORT_LABELS.classification, report.classification)}</tr>
</tbody>
</table>
</header>
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

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function multiline(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

function headerPair(label: string, value: string): string {
  return `<th scope="row">${label}</th><td>${escapeHtml(value)}</td>`;
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
        `<tr>${area}<td class="ref">${escapeHtml(action.ref)}</td>` +
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

function discussionSection(report: HeadlineReport): string {
  const headings = REPORT_LABELS.discussionColumns
    .map((column) => `<th scope="col">${column}</th>`)
    .join('');
  const rows = report.discussion.map(
    (item) =>
      `<tr><th scope="row">${escapeHtml(item.area)}</th><td>${blocksHtml(item.blocks)}</td></tr>`,
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
