import {
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { DiscussionBlock } from '../core/discussion-item';
import {
  REPORT_LABELS,
  actionSections,
  type HeadlineReport,
  type HeadlineReportActionSection,
} from '../core/reports/headline-report';

// Twips across an A4 landscape page inside 1.27 cm margins, shared out as the original's columns.
const ACTION_COLUMN_WIDTHS = [2200, 1300, 4600, 2300, 1700, 2900];
const DISCUSSION_COLUMN_WIDTHS = [2600, 12400];
const HEADER_COLUMN_WIDTHS = [2600, 4900, 2600, 4900];
const FULL_WIDTH = { size: 100, type: WidthType.PERCENTAGE } as const;
const HEADING_FILL = 'E8EEF4';

/**
 * Writes the report as a Word document laid out like the original: the title, the issue date,
 * the header table, each actions table with the six columns (an area cell merged down its
 * group's rows) and the Key Discussion Items table with paragraphs and bullets. Each section
 * after the first starts a new page, and table headings repeat on every page a table spans.
 */
export async function renderDocx(report: HeadlineReport): Promise<Buffer> {
  const sections = actionSections(report);
  const document = new Document({
    title: report.title,
    description: `${report.title} – ${report.meetingCode}`,
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE },
            margin: { top: 720, bottom: 720, left: 720, right: 720 },
          },
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.title)] }),
          new Paragraph({
            children: [
              new TextRun({ text: `${REPORT_LABELS.issueDate}: `, bold: true }),
              new TextRun(
                report.issueDate + (report.version > 1 ? ` (version ${report.version})` : ''),
              ),
            ],
          }),
          headerTable(report),
          ...sections.flatMap((section, index) => actionsTable(section, index > 0)),
          heading(REPORT_LABELS.discussion, true),
          discussionTable(report),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

function heading(text: string, pageBreakBefore: boolean): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore, text });
}

function headerTable(report: HeadlineReport): Table {
  const pair = (label: string, value: string): TableCell[] => [headingCell(label), textCell(value)];
  return new Table({
    width: FULL_WIDTH,
    columnWidths: HEADER_COLUMN_WIDTHS,
    rows: [
      new TableRow({
        children: [
          ...pair(REPORT_LABELS.meetingNumber, report.meetingCode),
          ...pair(REPORT_LABELS.venue, report.venue),
        ],
      }),
      new TableRow({
        children: [
          ...pair(REPORT_LABELS.meetingDateTime, report.meetingDateTime),
          ...pair(REPORT_LABELS.classification, report.classification),
        ],
      }),
    ],
  });
}

function actionsTable(
  section: HeadlineReportActionSection,
  pageBreakBefore: boolean,
): (Paragraph | Table)[] {
  const rows = section.groups.flatMap((group) =>
    group.rows.map(
      (action, index) =>
        new TableRow({
          cantSplit: true,
          children: [
            // docx writes the cells the area is merged into on the rows below.
            ...(index === 0 ? [textCell(group.area, { rowSpan: group.rows.length })] : []),
            textCell(action.ref),
            textCell(action.action),
            textCell(action.owner),
            textCell(action.due),
            textCell(action.update),
          ],
        }),
    ),
  );
  return [
    heading(section.title, pageBreakBefore),
    new Table({
      width: FULL_WIDTH,
      columnWidths: ACTION_COLUMN_WIDTHS,
      rows: [headingRow(REPORT_LABELS.actionColumns), ...rows],
    }),
  ];
}

function discussionTable(report: HeadlineReport): Table {
  return new Table({
    width: FULL_WIDTH,
    columnWidths: DISCUSSION_COLUMN_WIDTHS,
    rows: [
      headingRow(REPORT_LABELS.discussionColumns),
      ...report.discussion.map(
        (item) =>
          new TableRow({
            children: [
              textCell(item.area),
              new TableCell({ children: blockParagraphs(item.blocks) }),
            ],
          }),
      ),
    ],
  });
}

function headingRow(columns: readonly string[]): TableRow {
  return new TableRow({ tableHeader: true, children: columns.map(headingCell) });
}

function headingCell(text: string): TableCell {
  return new TableCell({
    shading: { fill: HEADING_FILL },
    children: [new Paragraph({ children: [new TextRun({ text, bold: true })] })],
  });
}

function textCell(text: string, options: { rowSpan?: number } = {}): TableCell {
  return new TableCell({ ...options, children: [new Paragraph({ children: runs(text) })] });
}

function blockParagraphs(blocks: readonly DiscussionBlock[]): Paragraph[] {
  const paragraphs = blocks.flatMap((block) =>
    block.kind === 'paragraph'
      ? [new Paragraph({ children: runs(block.text), spacing: { after: 120 } })]
      : block.items.map((item) => new Paragraph({ children: runs(item), bullet: { level: 0 } })),
  );
  // A table cell must hold at least one paragraph.
  return paragraphs.length > 0 ? paragraphs : [new Paragraph('')];
}

// A line break inside user text becomes a break within the paragraph, as Word's Shift+Enter.
function runs(text: string): TextRun[] {
  return text
    .split(/\r?\n/)
    .map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : 0 }));
}
