import {
  REPORT_LABELS,
  actionSections,
  discussionGroups,
  type HeadlineReport,
  type HeadlineReportDiscussion,
} from '../../core/reports/headline-report';
import { changeLines, changesHeading } from '../../core/reports/report-changes';
import {
  adaptiveCard,
  textBlock,
  type AdaptiveCard,
  type CardElement,
  type TextBlock,
  type TextRun,
} from '../adaptive-card';
import { table, tableRow, type Table, type TableCell, type TableRow } from '../table-element';
import { labelledUserText, neutraliseMentions, richTextBlock, userText } from '../user-text';

/**
 * The most a report card may weigh as UTF-8 JSON. Teams refuses a message over about 28 KB; the
 * activity around the card and the attachment wrapper take some of that, so keep a margin.
 */
export const MAX_REPORT_CARD_BYTES = 24 * 1024;

/**
 * What an empty cell shows. Some Teams clients (the Agents Playground among them) drop a
 * `TableCell` with no items, so the rest of the row shifts one column left; a visible dash keeps
 * every cell under its heading.
 */
export const EMPTY_CELL_TEXT = '–';

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
 * The headline report as Adaptive Cards, one message each: the header (and on a re-issue what
 * changed since the version before) on the first card, then one 1.5 `Table` per section on each
 * card — Actions, Actions Carried Forward (Area · Action Ref · Action · Owner · Due Date · Update)
 * and Key Discussion Items (Area · Discussion) — with the header row once and the area on the
 * first row of its group, as the seed writes it. No cell is ever empty: an empty one shows
 * {@link EMPTY_CELL_TEXT}.
 *
 * Nothing is cut: when the report does not fit one card it is split between rows, every card says
 * "Part n of m", a section or area that began on an earlier card says "(continued)", and each card
 * stays under `maxBytes`. A single row too long for a card is itself split over rows, each marked.
 * The last card links to the documents.
 *
 * Each row is measured once as it is placed (a card's size is its fixed part plus its rows), so
 * the time grows with the rows, not with rows × cards.
 */
export function buildReportCards(
  report: HeadlineReport,
  options: ReportCardOptions = {},
): AdaptiveCard[] {
  const maxBytes = options.maxBytes ?? MAX_REPORT_CARD_BYTES;
  const links = options.links ?? [];
  const layout = new CardLayout(report, links, maxBytes);
  for (const section of sectionsOf(report)) {
    for (const group of section.groups) {
      for (const line of group.lines) {
        for (const prepared of layout.linesThatFit(section, group, line)) {
          layout.place(section, group, prepared);
        }
      }
    }
  }
  return layout.cards();
}

/** A table's row as text: the cells after the area. */
interface Line {
  readonly cells: readonly string[];
  /** The row's text goes on in the next row (a row too long for one card). */
  readonly continues?: boolean;
  /** The row goes on from the previous row. */
  readonly continuation?: boolean;
}

/** A line's cells after the area, built once, with their size as JSON (joined by commas). */
interface PreparedLine {
  readonly cells: readonly TableCell[];
  readonly bytes: number;
}

interface Group {
  readonly area: string;
  readonly lines: readonly Line[];
}

interface Section {
  readonly title: string;
  readonly columns: readonly string[];
  readonly widths: readonly number[];
  /** Which cell (of a line) names the row and carries the "(continued)" marks. */
  readonly markCell: number;
  /** True when the marked cell is repeated whole on each part of a split row (the ref). */
  readonly repeatMarkCell: boolean;
  readonly groups: readonly Group[];
}

/** One section's table on one card. */
interface PlacedTable {
  readonly section: Section;
  /** The section began on an earlier card. */
  readonly continued: boolean;
  readonly rows: TableRow[];
  lastGroup: Group | undefined;
}

interface Part {
  readonly first: boolean;
  readonly tables: PlacedTable[];
  bytes: number;
}

const ACTION_WIDTHS = [3, 4, 6, 4, 4, 5];
const DISCUSSION_WIDTHS = [1, 3];

function sectionsOf(report: HeadlineReport): Section[] {
  const sections: Section[] = actionSections(report).map((section) => ({
    title: section.title,
    columns: REPORT_LABELS.actionColumns,
    widths: ACTION_WIDTHS,
    markCell: 0,
    repeatMarkCell: true,
    groups: section.groups.map((group) => ({
      area: group.area,
      lines: group.rows.map((row) => ({
        cells: [row.ref, row.action, row.owner, row.due, row.update],
      })),
    })),
  }));
  if (report.discussion.length > 0) {
    sections.push({
      title: REPORT_LABELS.discussion,
      columns: REPORT_LABELS.discussionColumns,
      widths: DISCUSSION_WIDTHS,
      markCell: 0,
      repeatMarkCell: false,
      groups: discussionGroups(report).map((group) => ({
        area: group.area,
        lines: group.items.map((item) => ({ cells: [discussionText(item)] })),
      })),
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

/** How a row shows its area: written (first row of its group on this card) or a dash. */
interface AreaShown {
  readonly shown: boolean;
  /** The area began on an earlier card. */
  readonly continued: boolean;
}

/** A cell and its size as JSON. */
interface MeasuredCell {
  readonly cell: TableCell;
  readonly bytes: number;
}

/**
 * Sorts rows onto cards, keeping a running byte count of each card: a card's size is its fixed
 * part, plus each table's title and header row, plus each row and a comma. A row is its area cell
 * (one of three per area, measured once) and the line's other cells (measured once).
 */
class CardLayout {
  private readonly parts: Part[];
  private readonly overhead: { first: number; later: number };
  private readonly tableCost = new Map<string, number>();
  private readonly areaCells = new Map<string, MeasuredCell>();
  private readonly begun = new Set<Section | Group>();

  constructor(
    private readonly report: HeadlineReport,
    private readonly links: readonly ReportDocumentLink[],
    private readonly maxBytes: number,
  ) {
    // Measured as if every card were the last of very many, so numbering and links always fit.
    const empty = (first: boolean) =>
      bytesOf(renderCard(report, [], { part: 999, parts: 999, first, links }));
    this.overhead = { first: empty(true), later: empty(false) };
    this.parts = [{ first: true, tables: [], bytes: this.overhead.first }];
  }

  /** The line built as it is, or split into lines that each fit a later card on their own. */
  linesThatFit(section: Section, group: Group, line: Line): PreparedLine[] {
    const prepared = prepareLine(section, line);
    const alone =
      this.overhead.later +
      this.costOfTable(section, true) +
      this.rowBytes(group, prepared, { shown: true, continued: true });
    if (alone <= this.maxBytes) return [prepared];
    const halves = splitLine(line, section);
    if (!halves) return [prepared];
    return halves.flatMap((half) => this.linesThatFit(section, group, half));
  }

  /** Adds a row to the last card, or starts the next card with it when it does not fit. */
  place(section: Section, group: Group, line: PreparedLine): void {
    let part = this.parts[this.parts.length - 1] as Part;
    if (!this.placeOn(part, section, group, line, false)) {
      // An empty later card takes any row (rows were split to fit one alone); the first card,
      // which holds the header, passes a row it has no room for on to the next.
      if (part.first || part.tables.length > 0) {
        part = { first: false, tables: [], bytes: this.overhead.later };
        this.parts.push(part);
      }
      this.placeOn(part, section, group, line, true);
    }
    this.begun.add(section).add(group);
  }

  cards(): AdaptiveCard[] {
    const filled = this.parts.filter((part, index) => index === 0 || part.tables.length > 0);
    return filled.map((part, index) =>
      renderCard(this.report, part.tables, {
        part: index + 1,
        parts: filled.length,
        first: part.first,
        links: index === filled.length - 1 ? this.links : [],
      }),
    );
  }

  /** Places the row on `part` when it fits (or `anyway`); false, changing nothing, when not. */
  private placeOn(
    part: Part,
    section: Section,
    group: Group,
    line: PreparedLine,
    anyway: boolean,
  ): boolean {
    const last = part.tables[part.tables.length - 1];
    const table = last?.section === section ? last : undefined;
    const shown = table?.lastGroup !== group;
    const area: AreaShown = { shown, continued: shown && this.begun.has(group) };
    const cost =
      this.rowBytes(group, line, area) +
      (table ? 0 : this.costOfTable(section, this.begun.has(section)));
    if (!anyway && part.bytes + cost > this.maxBytes) return false;
    const target: PlacedTable = table ?? {
      section,
      continued: this.begun.has(section),
      rows: [],
      lastGroup: undefined,
    };
    if (!table) part.tables.push(target);
    target.rows.push({ type: 'TableRow', cells: [this.areaCell(group, area).cell, ...line.cells] });
    target.lastGroup = group;
    part.bytes += cost;
    return true;
  }

  /** The bytes a row adds to its table: the row and the comma before it. */
  private rowBytes(group: Group, line: PreparedLine, area: AreaShown): number {
    return EMPTY_ROW_BYTES + this.areaCell(group, area).bytes + 1 + line.bytes + 1;
  }

  private areaCell(group: Group, area: AreaShown): MeasuredCell {
    if (!area.shown) return DASH_CELL;
    const key = `${area.continued}|${group.area}`;
    let measured = this.areaCells.get(key);
    if (!measured) {
      const runs = [cellText(group.area), ...(area.continued ? [mark(' (continued)')] : [])];
      measured = measuredCell(runs);
      this.areaCells.set(key, measured);
    }
    return measured;
  }

  /** A section's title and its table with the header row, as added to a card's body. */
  private costOfTable(section: Section, continued: boolean): number {
    const key = `${section.title}|${continued}`;
    let cost = this.tableCost.get(key);
    if (cost === undefined) {
      cost = bytesOf(sectionTitle(section, continued)) + 1 + bytesOf(tableOf(section, [])) + 1;
      this.tableCost.set(key, cost);
    }
    return cost;
  }
}

/** The cells of a line after the area, with the "(continued)" marks of a split row. */
function prepareLine(section: Section, line: Line): PreparedLine {
  const cells = line.cells.map((text, index) => {
    const marks: TextRun[] = [];
    if (index === section.markCell && line.continuation) marks.push(mark(' (continued)'));
    if (index === section.markCell && line.continues) marks.push(mark(' (continues below)'));
    return tableCell(text === '' ? marks : [cellText(text), ...marks]);
  });
  // The cells' JSON without the array's brackets: the elements and the commas between them.
  return { cells, bytes: bytesOf(cells) - 2 };
}

function tableCell(runs: TextRun[]): TableCell {
  return { type: 'TableCell', items: [richTextBlock(filled(runs))] };
}

function measuredCell(runs: TextRun[]): MeasuredCell {
  const cell = tableCell(runs);
  return { cell, bytes: bytesOf(cell) };
}

/** User text in a cell, as user-text.ts says user text goes into a card. */
function cellText(text: string): TextRun {
  return { type: 'TextRun', text: neutraliseMentions(text), size: 'small' };
}

/** The runs of a cell, or the dash when it has none. */
function filled(runs: TextRun[]): TextRun[] {
  return runs.length > 0
    ? runs
    : [{ type: 'TextRun', text: EMPTY_CELL_TEXT, isSubtle: true, size: 'small' }];
}

function mark(text: string): TextRun {
  return { type: 'TextRun', text, isSubtle: true, size: 'small', italic: true };
}

// Cells shorter than this stay whole when a row is split (a ref, a date, a short owner).
const SPLITTABLE_LENGTH = 200;

/** The line as two, each long cell cut in half; undefined when no cell is long enough. */
function splitLine(line: Line, section: Section): [Line, Line] | undefined {
  let split = false;
  const head: string[] = [];
  const tail: string[] = [];
  line.cells.forEach((cell, index) => {
    const characters = Array.from(cell);
    const repeated = index === section.markCell && section.repeatMarkCell;
    if (!repeated && characters.length > SPLITTABLE_LENGTH) {
      const middle = Math.ceil(characters.length / 2);
      head.push(characters.slice(0, middle).join(''));
      tail.push(characters.slice(middle).join(''));
      split = true;
    } else {
      head.push(cell);
      tail.push(repeated ? cell : '');
    }
  });
  if (!split) return undefined;
  return [
    { cells: head, continues: true, ...(line.continuation ? { continuation: true } : {}) },
    { cells: tail, continuation: true, ...(line.continues ? { continues: true } : {}) },
  ];
}

interface PartPosition {
  readonly part: number;
  readonly parts: number;
  readonly first: boolean;
  readonly links: readonly ReportDocumentLink[];
}

function renderCard(
  report: HeadlineReport,
  tables: readonly PlacedTable[],
  at: PartPosition,
): AdaptiveCard {
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
  for (const placed of tables) {
    body.push(sectionTitle(placed.section, placed.continued), tableOf(placed.section, placed.rows));
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
  const elements: CardElement[] = facts.map(([label, value], index) =>
    labelledUserText(label, value, { spacing: index === 0 ? 'small' : 'none' }),
  );
  if (report.changes) {
    elements.push(
      textBlock(changesHeading(report.changes), {
        weight: 'bolder',
        separator: true,
        spacing: 'medium',
      }),
      ...changeLines(report.changes).map((line) => textBlock(line, { spacing: 'none' })),
    );
  }
  return elements;
}

function sectionTitle(section: Section, continued: boolean): TextBlock {
  return textBlock(continued ? `${section.title} (continued)` : section.title, {
    size: 'medium',
    weight: 'bolder',
    separator: true,
    spacing: 'medium',
  });
}

function tableOf(section: Section, rows: TableRow[]): Table {
  const headerRow = tableRow(
    section.columns.map((column) => [textBlock(column, { weight: 'bolder', size: 'small' })]),
    'accent',
  );
  return table(section.widths, headerRow, rows);
}

const utf8 = new TextEncoder();
const NOT_ASCII = /[\u0080-\uffff]/;
// A row's JSON around its cells, `{"type":"TableRow","cells":[]}`, and the cell of an area
// written on an earlier row.
const EMPTY_ROW_BYTES = bytesOf({ type: 'TableRow', cells: [] } satisfies TableRow);
const DASH_CELL = measuredCell([]);

/** The size Teams counts: the value as UTF-8 JSON. */
function bytesOf(value: unknown): number {
  const json = JSON.stringify(value);
  return NOT_ASCII.test(json) ? utf8.encode(json).length : json.length;
}
