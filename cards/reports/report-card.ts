import {
  REPORT_LABELS,
  actionSections,
  actionTableCells,
  type HeadlineReport,
  type HeadlineReportDiscussion,
} from '../../core/reports/headline-report';
import { cardBytes } from '../action-list-card';
import {
  adaptiveCard,
  textBlock,
  type AdaptiveCard,
  type CardElement,
  type TextRun,
} from '../adaptive-card';
import { table, tableRow, type Table } from '../table-element';
import { labelledUserText, richTextBlock, userText, userTextRun } from '../user-text';

/**
 * The most a report card may weigh as UTF-8 JSON. Teams refuses a message over about 28 KB; the
 * activity around the card and the attachment wrapper take some of that, so keep a margin.
 */
export const MAX_REPORT_CARD_BYTES = 24 * 1024;

/** A document the card links to, e.g. `{ title: 'Word (.docx)', url: 'https://…/reports/…' }`. */
export interface ReportDocumentLink {
  readonly title: string;
  readonly url: string;
}

/** Options for {@link buildReportCards}. */
export interface ReportCardOptions {
  /** Buttons to the report's documents, on the last card. */
  readonly links?: readonly ReportDocumentLink[];
  /** Defaults to {@link MAX_REPORT_CARD_BYTES}. */
  readonly maxBytes?: number;
}

/** `Action.OpenUrl`: opens a link in the browser; only the report card uses it. */
interface ActionOpenUrl {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

/** "Re-issued (v2)": what every card of a re-issued report says under its title. */
export function reissuedNotice(version: number): string {
  return `Re-issued (v${version})`;
}

export function partLine(part: number, parts: number): string {
  return `Part ${part} of ${parts}`;
}

/**
 * The headline report as Adaptive Cards, one message each: the header, the Actions table, the
 * Actions Carried Forward table and the Key Discussion Items table, each area as a 1.5 `Table`
 * (Area · Action Ref · Action · Owner · Due Date · Update) with the area on its first row.
 *
 * Nothing is cut: when the report does not fit one card it is split between areas (an area too
 * long for one card continues on the next, marked "(continued)"), every card says "Part n of m",
 * and each stays under `maxBytes`. A single row too long for a card is itself split over rows,
 * each marked. The last card links to the documents.
 */
export function buildReportCards(
  report: HeadlineReport,
  options: ReportCardOptions = {},
): AdaptiveCard[] {
  const maxBytes = options.maxBytes ?? MAX_REPORT_CARD_BYTES;
  const links = options.links ?? [];
  // Measured as if every card were the last of very many, so numbering and links always fit.
  const fits = (pieces: Piece[], first: boolean) =>
    cardBytes(renderPart(report, pieces, { part: 999, parts: 999, first, links })) <= maxBytes;

  const parts: Piece[][] = [[]];
  for (const section of sectionsOf(report)) {
    for (const group of section.groups) {
      for (const row of group.rows) {
        for (const fitted of rowsThatFit(row, section, group.area, fits)) {
          place(parts, section, group.area, fitted, fits);
        }
      }
    }
  }
  const filled = parts.filter((pieces, index) => index === 0 || pieces.length > 0);
  return filled.map((pieces, index) =>
    renderPart(report, pieces, {
      part: index + 1,
      parts: filled.length,
      first: index === 0,
      links: index === filled.length - 1 ? links : [],
    }),
  );
}

/** One table's worth of a section on a card: consecutive rows of one area. */
interface Piece {
  readonly section: Section;
  readonly area: string;
  /** True when the area began on an earlier card. */
  readonly continued: boolean;
  readonly rows: Row[];
}

interface Row {
  readonly cells: readonly string[];
  /** The row's text goes on in the next row (a row too long for one card). */
  readonly continues?: boolean;
  /** The row goes on from the previous row. */
  readonly continuation?: boolean;
}

interface Section {
  readonly title: string;
  readonly columns: readonly string[];
  readonly widths: readonly number[];
  /** The column that names the row (the ref; the area for a discussion item). */
  readonly keyColumn: number;
  /** The area column, shown on the first row of each table only. */
  readonly areaOnce: boolean;
  readonly groups: readonly { readonly area: string; readonly rows: readonly Row[] }[];
}

const ACTION_WIDTHS = [2, 2, 4, 3, 2, 4];
const DISCUSSION_WIDTHS = [1, 3];

function sectionsOf(report: HeadlineReport): Section[] {
  const sections: Section[] = actionSections(report).map((section) => ({
    title: section.title,
    columns: REPORT_LABELS.actionColumns,
    widths: ACTION_WIDTHS,
    keyColumn: 1,
    areaOnce: true,
    groups: section.groups.map((group) => ({
      area: group.area,
      rows: actionTableCells([group]).map((cells) => ({ cells: [group.area, ...cells.slice(1)] })),
    })),
  }));
  if (report.discussion.length > 0) {
    sections.push({
      title: REPORT_LABELS.discussion,
      columns: REPORT_LABELS.discussionColumns,
      widths: DISCUSSION_WIDTHS,
      keyColumn: 0,
      areaOnce: false,
      // One table for the items (each names its area), split between items when it must be.
      groups: [
        {
          area: '',
          rows: report.discussion.map((item) => ({ cells: [item.area, discussionText(item)] })),
        },
      ],
    });
  }
  return sections;
}

/** Paragraphs separated by a blank line, bullets as `• item`, as the documents lay them out. */
function discussionText(item: HeadlineReportDiscussion): string {
  return item.blocks
    .map((block) =>
      block.kind === 'paragraph' ? block.text : block.items.map((text) => `• ${text}`).join('\n'),
    )
    .join('\n\n');
}

/** Adds a row to the last card, or starts the next card with it when it does not fit. */
function place(
  parts: Piece[][],
  section: Section,
  area: string,
  row: Row,
  fits: (pieces: Piece[], first: boolean) => boolean,
): void {
  const current = parts[parts.length - 1] as Piece[];
  const last = current[current.length - 1];
  const attempt =
    last && last.section === section && last.area === area
      ? [...current.slice(0, -1), { ...last, rows: [...last.rows, row] }]
      : [...current, { section, area, continued: false, rows: [row] }];
  if (fits(attempt, parts.length === 1) || current.length === 0) {
    parts[parts.length - 1] = attempt;
    return;
  }
  const continued = last !== undefined && last.section === section && last.area === area;
  parts.push([{ section, area, continued, rows: [row] }]);
}

/** The row as it is, or split into rows that each fit a card on their own. */
function rowsThatFit(
  row: Row,
  section: Section,
  area: string,
  fits: (pieces: Piece[], first: boolean) => boolean,
): Row[] {
  const alone = (candidate: Row) =>
    fits([{ section, area, continued: true, rows: [candidate] }], false);
  if (alone(row)) return [row];
  const [head, tail] = splitRow(row, section.keyColumn);
  if (!head || !tail) return [row];
  return [...rowsThatFit(head, section, area, fits), ...rowsThatFit(tail, section, area, fits)];
}

// Cells shorter than this stay whole when a row is split (a ref, a date, a short owner).
const SPLITTABLE_LENGTH = 200;

function splitRow(row: Row, keyColumn: number): Row[] {
  let split = false;
  const head: string[] = [];
  const tail: string[] = [];
  row.cells.forEach((cell, column) => {
    const characters = Array.from(cell);
    if (column !== keyColumn && characters.length > SPLITTABLE_LENGTH) {
      const middle = Math.ceil(characters.length / 2);
      head.push(characters.slice(0, middle).join(''));
      tail.push(characters.slice(middle).join(''));
      split = true;
    } else {
      head.push(cell);
      tail.push(column === keyColumn ? cell : '');
    }
  });
  if (!split) return [];
  return [
    { cells: head, continues: true, ...(row.continuation ? { continuation: true } : {}) },
    { cells: tail, continuation: true, ...(row.continues ? { continues: true } : {}) },
  ];
}

interface PartPosition {
  readonly part: number;
  readonly parts: number;
  readonly first: boolean;
  readonly links: readonly ReportDocumentLink[];
}

function renderPart(report: HeadlineReport, pieces: Piece[], at: PartPosition): AdaptiveCard {
  const body: CardElement[] = [userText(report.title, { size: 'large', weight: 'bolder' })];
  if (report.version > 1) {
    body.push(
      textBlock(reissuedNotice(report.version), {
        weight: 'bolder',
        color: 'warning',
        spacing: 'none',
      }),
    );
  }
  if (at.parts > 1) {
    body.push(textBlock(partLine(at.part, at.parts), { isSubtle: true, spacing: 'none' }));
  }
  if (at.first) body.push(...header(report));
  else body.push(labelledUserText(REPORT_LABELS.meetingNumber, report.meetingCode));

  let section: Section | undefined;
  for (const piece of pieces) {
    if (piece.section !== section) {
      section = piece.section;
      body.push(
        textBlock(piece.continued ? `${section.title} (continued)` : section.title, {
          size: 'medium',
          weight: 'bolder',
          separator: true,
          spacing: 'medium',
        }),
      );
    }
    body.push(pieceTable(piece));
  }
  const actions: ActionOpenUrl[] = at.links.map((link) => ({
    type: 'Action.OpenUrl',
    title: link.title,
    url: link.url,
  }));
  if (actions.length > 0) {
    body.push(textBlock('Documents', { weight: 'bolder', separator: true, spacing: 'medium' }));
  }
  return adaptiveCard(body, actions);
}

function header(report: HeadlineReport): CardElement[] {
  const facts: Array<[string, string]> = [
    [REPORT_LABELS.issueDate, report.issueDate],
    [REPORT_LABELS.meetingNumber, report.meetingCode],
    [REPORT_LABELS.venue, report.venue],
    [REPORT_LABELS.meetingDateTime, report.meetingDateTime || 'not set'],
    [REPORT_LABELS.classification, report.classification],
  ];
  return facts.map(([label, value], index) =>
    labelledUserText(label, value, { spacing: index === 0 ? 'small' : 'none' }),
  );
}

function pieceTable(piece: Piece): Table {
  const { section } = piece;
  const headerRow = tableRow(
    section.columns.map((column) => [textBlock(column, { weight: 'bolder', size: 'small' })]),
    'accent',
  );
  const rows = piece.rows.map((row, index) =>
    tableRow(
      row.cells.map((cell, column) => {
        const isArea = column === 0 && section.areaOnce;
        if (isArea && index > 0) return [];
        const marks: TextRun[] = [];
        if (isArea && piece.continued) marks.push(subtle(' (continued)'));
        if (column === section.keyColumn && row.continuation) marks.push(subtle(' (continued)'));
        if (column === section.keyColumn && row.continues) marks.push(subtle(' (continues below)'));
        if (cell === '' && marks.length === 0) return [];
        const text = cell === '' ? [] : [userTextRun(cell, { size: 'small' })];
        return [richTextBlock([...text, ...marks])];
      }),
    ),
  );
  return table(section.widths, headerRow, rows);
}

function subtle(text: string): TextRun {
  return { type: 'TextRun', text, isSubtle: true, size: 'small', italic: true };
}
