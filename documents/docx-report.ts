import {
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Tab,
  TabStopType,
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
  discussionGroups,
  type HeadlineReport,
  type HeadlineReportActionSection,
  type HeadlineReportChanges,
} from '../core/reports/headline-report';
import { changeLines, changesHeading } from '../core/reports/report-changes';
import { runningHeader, versionNote } from './running-header';

// Twips across an A4 landscape page inside 1.27 cm margins, shared out as the original's columns.
const ACTION_COLUMN_WIDTHS = [2200, 1300, 4600, 2300, 1700, 2900];
const DISCUSSION_COLUMN_WIDTHS = [2600, 12400];
const HEADER_COLUMN_WIDTHS = [2600, 4900, 2600, 4900];
const FULL_WIDTH = { size: 100, type: WidthType.PERCENTAGE } as const;
const HEADING_FILL = 'E8EEF4';
/** The font of the whole document, as committee papers use it; sizes in half-points. */
export const DOCX_FONT = 'Arial';
const BODY_SIZE = 20;
const MARGIN_SIZE = 16;
// A4 landscape is 16838 twips wide; the right tab stop sits on the right margin.
const RIGHT_EDGE = 16838 - 2 * 720;

/**
 * Writes the report as a Word document a secretary can file as it is, laid out like the original:
 * the title, the issue date, the header table, on a re-issue what changed since the version
 * before, each actions table with the six columns (an area cell merged down its group's rows) and
 * the Key Discussion Items table with paragraphs and bullets. The whole document is set in
 * {@link DOCX_FONT}; every page has a header naming the group, meeting, issue date and
 * classification, and a footer with the classification and "Page n of m" (PAGE and NUMPAGES
 * fields, which Word updates). Each section after the first starts a new page, and table
 * headings repeat on every page a table spans.
 */
export async function renderDocx(report: HeadlineReport): Promise<Buffer> {
  const sections = actionSections(report);
  const font = { font: DOCX_FONT };
  const document = new Document({
    title: report.title,
    description: `${report.title} – ${report.meetingCode}`,
    styles: {
      default: {
        document: { run: { ...font, size: BODY_SIZE } },
        title: { run: font },
        heading1: { run: font },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE },
            margin: { top: 720, bottom: 720, left: 720, right: 720, header: 360, footer: 360 },
          },
        },
        headers: { default: pageHeader(report) },
        footers: { default: pageFooter(report) },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.title)] }),
          new Paragraph({
            children: [
              new TextRun({ text: `${REPORT_LABELS.issueDate}: `, bold: true }),
              new TextRun(report.issueDate + versionNote(report)),
            ],
          }),
          headerTable(report),
          ...(report.changes ? changesParagraphs(report.changes) : []),
          ...sections.flatMap((section, index) => actionsTable(section, index > 0)),
          heading(REPORT_LABELS.discussion, true),
          discussionTable(report),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

function pageHeader(report: HeadlineReport): Header {
  return new Header({
    children: [
      new Paragraph({
        children: [new TextRun({ text: runningHeader(report), size: MARGIN_SIZE })],
      }),
    ],
  });
}

function pageFooter(report: HeadlineReport): Footer {
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: RIGHT_EDGE }],
        children: [
          new TextRun({
            size: MARGIN_SIZE,
            children: [
              `${REPORT_LABELS.classification}: ${report.classification}`,
              new Tab(),
              'Page ',
              PageNumber.CURRENT,
              ' of ',
              PageNumber.TOTAL_PAGES,
            ],
          }),
        ],
      }),
    ],
  });
}

function changesParagraphs(changes: HeadlineReportChanges): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: changesHeading(changes) }),
    ...changeLines(changes).map(
      (line) => new Paragraph({ children: [new TextRun(line)], bullet: { level: 0 } }),
    ),
  ];
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
      // Items of one area share its cell, merged down, as the actions of an area do.
      ...discussionGroups(report).flatMap((group) =>
        group.items.map(
          (item, index) =>
            new TableRow({
              children: [
                ...(index === 0 ? [textCell(group.area, { rowSpan: group.items.length })] : []),
                new TableCell({ children: blockParagraphs(item.blocks) }),
              ],
            }),
        ),
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
