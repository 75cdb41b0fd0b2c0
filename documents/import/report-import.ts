import { DateTime } from 'luxon';
import { createAction, type Action, type ActionDraft } from '../../core/action';
import { validateActionDraft } from '../../core/action-form';
import {
  formatActionRef,
  formatMeetingCode,
  parseActionRef,
  parseMeetingCode,
} from '../../core/action-ref';
import {
  createDiscussionItem,
  discussionBlocks,
  type DiscussionBlock,
  type DiscussionItem,
} from '../../core/discussion-item';
import { csvRows, type SourceRow } from '../../core/csv-rows';
import { parseDueDate } from '../../core/due-date';
import { REPORT_LABELS } from '../../core/reports/headline-report';
import { ValidationError } from '../../core/errors';
import { checkGroupName, createGroup, type Group } from '../../core/group';
import { checkClassification, checkVenue, createMeeting, type Meeting } from '../../core/meeting';
import type { Person } from '../../core/person';
import { TEXT_RULES, checkText, normaliseLineEndings } from '../../core/text-rules';
import { parseTimeZone } from '../../core/time-zone';

/** The layouts an action log or headline report can be imported from. */
export type ReportImportFormat = 'tsv' | 'csv';

/** The report header as read; each part is absent when the file has no line for it. */
export interface ImportedReportHeader {
  /** From the title line `<group name> Headline Report`. */
  readonly groupName?: string;
  /** `yyyy-mm-dd`, from `Issue date: 24/02/22`. */
  readonly issueDate?: string;
  /** `CCAG003`. */
  readonly meetingCode?: string;
  readonly venue?: string;
  /** As written, e.g. `23 February 2022 1000-1200`. */
  readonly meetingDateTime?: string;
  /** ISO 8601 UTC instants read from `meetingDateTime` in the group's zone. */
  readonly start?: string;
  readonly end?: string;
  readonly classification?: string;
}

/** One action row, checked: its printed ref and what it says. */
export interface ImportedActionRow {
  /** The line (1-based) the row is on. */
  readonly line: number;
  readonly ref: string;
  readonly draft: ActionDraft;
}

/** One key discussion item, its markup turned into paragraphs and `- ` bullet lines. */
export interface ImportedDiscussionRow {
  /** The line (1-based) the item starts on. */
  readonly line: number;
  readonly area: string;
  readonly text: string;
}

/** Everything a file holds, every row checked. */
export interface ImportedReport {
  readonly header: ImportedReportHeader;
  readonly actions: readonly ImportedActionRow[];
  readonly discussion: readonly ImportedDiscussionRow[];
}

/** Why one line of the file was rejected. */
export interface ImportLineError {
  readonly line: number;
  readonly reason: string;
}

/** Every row, or every rejected line: an import never goes ahead with part of a file. */
export type ReportImportResult =
  | { readonly ok: true; readonly report: ImportedReport }
  | { readonly ok: false; readonly errors: readonly ImportLineError[] };

/** Options for {@link parseReportImport}. */
export interface ParseReportImportOptions {
  /** `tsv` (the seed's layout) or `csv`; when left out, text holding a tab is read as `tsv`. */
  readonly format?: ReportImportFormat;
  /** The zone the meeting's date and time are written in; defaults to Europe/London. */
  readonly timeZone?: string;
}

const ACTION_COLUMNS = REPORT_LABELS.actionColumns.map((column) => column.toLowerCase());
const DISCUSSION_COLUMNS = REPORT_LABELS.discussionColumns.map((column) => column.toLowerCase());
const HEADER_LABELS = {
  [REPORT_LABELS.issueDate.toLowerCase()]: 'issueDate',
  [REPORT_LABELS.meetingNumber.toLowerCase()]: 'meetingNumber',
  [REPORT_LABELS.venue.toLowerCase()]: 'venue',
  [REPORT_LABELS.meetingDateTime.toLowerCase()]: 'meetingDateTime',
  [REPORT_LABELS.classification.toLowerCase()]: 'classification',
} as const satisfies Record<string, keyof typeof REPORT_LABELS>;
type HeaderLabel = (typeof HEADER_LABELS)[keyof typeof HEADER_LABELS];
const TITLE = /^(.*?)\s*Headline Report$/i;
const ISSUE_DATE_LINE = /^Issue date\s*:\s*(.*)$/i;
const UPDATE_PREFIX = /^Update\s*:\s*/i;
const MEETING_DATE_TIME = /^(\d{1,2}\s+\p{L}+\s+\d{4})\s+(\d{4})(?:\s*[-–]\s*(\d{4}))?$/u;
// The seed's discussion cells carry HTML left over from the original document.
const MARKUP = /<p\b[^>]*>|<\/p\s*>|<ul\b[^>]*>|<\/ul\s*>|<li\b[^>]*>|<\/li\s*>|<br\s*\/?>|•/gi;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/**
 * Reads a headline report or action log in the seed's tab-separated layout, or CSV with the same
 * rows: the header lines (title, `Issue date: …`, `Meeting Number`/`Venue`,
 * `Meeting Date and Time`/`Classification`), an Actions table headed
 * `Area · Action Ref · Action · Owner · Due Date · Update` and a Key Discussion Items table headed
 * `Area · Discussion`. The tables may sit behind a first column holding the section name on their
 * first row. A blank area continues the one above; blank lines are ignored; a discussion row with
 * no area continues the item above (the seed splits one item over two lines).
 *
 * Returns every row, or an error for every bad line.
 */
export function parseReportImport(
  text: string,
  options: ParseReportImportOptions = {},
): ReportImportResult {
  const format = options.format ?? (text.includes('\t') ? 'tsv' : 'csv');
  const rows = format === 'tsv' ? tsvRows(text) : csvRows(text);
  if (!Array.isArray(rows)) return { ok: false, errors: [rows] };
  return new LayoutReader(parseTimeZone(options.timeZone)).read(rows);
}

/** Options for {@link importedReportToDomain}. */
export interface ImportToDomainOptions {
  /** The group's name when the file has no title line (an action log). */
  readonly groupName?: string;
  readonly timeZone?: string;
}

/** The domain values an import creates. */
export interface ImportedDomain {
  readonly group: Group;
  /** The report's meeting first, then any other meeting an action was raised in, by number. */
  readonly meetings: readonly Meeting[];
  readonly actions: readonly Action[];
  readonly discussionItems: readonly DiscussionItem[];
  /** The report's issue date (`yyyy-mm-dd`) when the file has one. */
  readonly issueDate?: string;
}

/**
 * Turns a parsed import into the group, meetings, actions (under the refs they were written with,
 * their first update the imported one) and discussion items it describes. The report's meeting
 * is `reportIssued` when the file has an issue date, otherwise `ended`, as are the earlier
 * meetings an action log names.
 *
 * @throws ValidationError when the group's name is neither in the file nor in `options`.
 */
export function importedReportToDomain(
  report: ImportedReport,
  by: Person,
  now: Date,
  options: ImportToDomainOptions = {},
): ImportedDomain {
  const { header } = report;
  const name = header.groupName ?? options.groupName;
  if (name === undefined) {
    throw new ValidationError(
      'The file has no "<group name> Headline Report" title line; give the group name.',
      'groupName',
    );
  }
  const reportMeeting = reportMeetingCode(report);
  const groupCode =
    reportMeeting?.groupCode ?? parseActionRef(report.actions[0]?.ref ?? '')?.groupCode;
  if (groupCode === undefined) {
    throw new ValidationError('The file names no meeting and no action.', 'meetingCode');
  }
  const group = createGroup({ code: groupCode, name, timeZone: options.timeZone });
  const meetings: Meeting[] = [];
  if (reportMeeting) {
    meetings.push(
      createMeeting({
        groupCode,
        number: reportMeeting.meetingNumber,
        start: header.start,
        end: header.end,
        venue: header.venue,
        classification: header.classification,
        state: header.issueDate ? 'reportIssued' : 'ended',
      }),
    );
  }
  const actions = report.actions.map((row) => {
    const ref = parseActionRef(row.ref);
    if (!ref) throw new ValidationError(`"${row.ref}" is not an action reference.`, 'ref');
    if (!meetings.some((meeting) => meeting.number === ref.meetingNumber)) {
      meetings.push(createMeeting({ groupCode, number: ref.meetingNumber, state: 'ended' }));
    }
    return createAction(row.draft, ref, by, now);
  });
  // Discussion items belong to the report's meeting; parsing refused them when there is none.
  const discussionMeeting = meetings[0]?.code ?? '';
  const discussionItems = report.discussion.map((row, index) =>
    createDiscussionItem(
      { area: row.area, text: row.text },
      { meetingCode: discussionMeeting, order: index + 1 },
      by,
      now,
    ),
  );
  const [first, ...others] = meetings;
  const byNumber = (a: Meeting, b: Meeting): number => a.number - b.number;
  return {
    group,
    meetings: first && reportMeeting ? [first, ...others.sort(byNumber)] : meetings.sort(byNumber),
    actions,
    discussionItems,
    ...(header.issueDate ? { issueDate: header.issueDate } : {}),
  };
}

interface Table {
  readonly kind: 'actions' | 'discussion';
  /** The column holding Area; the one before it holds the section name. */
  readonly offset: number;
}

interface DiscussionDraftRow {
  readonly line: number;
  readonly area: string;
  blocks: DiscussionBlock[];
}

function tsvRows(text: string): SourceRow[] {
  return normaliseLineEndings(text.replace(/^\uFEFF/, ''))
    .split('\n')
    .map((line, index) => ({ line: index + 1, cells: line.split('\t') }));
}

/** Reads the rows in order, collecting every row and every error. */
class LayoutReader {
  private readonly errors: ImportLineError[] = [];
  private readonly header: {
    -readonly [K in keyof ImportedReportHeader]: ImportedReportHeader[K];
  } = {};
  private readonly actions: ImportedActionRow[] = [];
  private readonly discussion: DiscussionDraftRow[] = [];
  private readonly refLines = new Map<string, number>();
  private table: Table | undefined;
  private area = '';

  constructor(private readonly timeZone: string) {}

  read(rows: readonly SourceRow[]): ReportImportResult {
    for (const row of rows) {
      const cells = row.cells.map((cell) => cell.trim());
      if (cells.every((cell) => cell === '')) continue;
      const table = tableHeading(cells);
      if (table) {
        this.table = table;
        this.area = '';
      } else if (!this.table) {
        this.readHeaderRow(row.line, cells);
      } else if (this.table.kind === 'actions') {
        this.readActionRow(row.line, row.cells, this.table.offset);
      } else {
        this.readDiscussionRow(row.line, row.cells, this.table.offset);
      }
    }
    if (!this.table) {
      this.fail(
        1,
        'The file has no table: expect a row headed Area, Action Ref, Action, Owner, Due Date, ' +
          'Update, or one headed Area, Discussion.',
      );
    }
    const discussion = this.finishDiscussion();
    this.checkRefGroups();
    if (this.errors.length > 0) {
      return { ok: false, errors: [...this.errors].sort((a, b) => a.line - b.line) };
    }
    return {
      ok: true,
      report: { header: { ...this.header }, actions: this.actions, discussion },
    };
  }

  private fail(line: number, reason: string): void {
    this.errors.push({ line, reason });
  }

  private check<T>(line: number, read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      this.fail(line, error.message);
      return undefined;
    }
  }

  private readHeaderRow(line: number, cells: readonly string[]): void {
    const filled = cells.filter((cell) => cell !== '');
    const only = filled.length === 1 ? (filled[0] ?? '') : undefined;
    const issueDate = only === undefined ? undefined : ISSUE_DATE_LINE.exec(only);
    if (issueDate) return this.readHeaderValue(line, 'issueDate', issueDate[1] ?? '');
    const title = only === undefined ? undefined : TITLE.exec(only);
    if (title) {
      const name = this.check(line, () => checkGroupName(title[1]));
      if (name !== undefined) this.header.groupName = name;
      return;
    }
    let index = 0;
    while (index < cells.length) {
      const label = headerLabel(cells[index] ?? '');
      if (label === undefined && cells[index] === '') {
        index += 1;
      } else if (label === undefined) {
        return this.fail(
          line,
          `"${cells[index] ?? ''}" is not a header line this import knows: expected the title, ` +
            '"Issue date: …", labels each followed by a value (Meeting Number, Venue, Meeting ' +
            'Date and Time, Classification), or a table heading starting "Area".',
        );
      } else {
        this.readHeaderValue(line, label, cells[index + 1] ?? '');
        index += 2;
      }
    }
  }

  private readHeaderValue(line: number, label: HeaderLabel, value: string): void {
    switch (label) {
      case 'issueDate': {
        if (value.trim() === '') return this.fail(line, 'Issue date is empty.');
        const date = this.check(line, () => parseDueDate(value));
        if (date?.note !== undefined) {
          return this.fail(line, `Issue date "${value}" must be a date alone, like 24/02/22.`);
        }
        if (date) this.header.issueDate = date.date;
        return;
      }
      case 'meetingNumber': {
        const code = parseMeetingCode(value);
        if (!code) return this.fail(line, `"${value}" is not a meeting number like CCAG003.`);
        this.header.meetingCode = formatMeetingCode(code.groupCode, code.meetingNumber);
        return;
      }
      case 'venue': {
        const venue = this.check(line, () => checkVenue(value));
        if (venue !== undefined) this.header.venue = venue;
        return;
      }
      case 'classification': {
        const classification = this.check(line, () => checkClassification(value));
        if (classification !== undefined) this.header.classification = classification;
        return;
      }
      case 'meetingDateTime':
        return this.readMeetingDateTime(line, value);
    }
  }

  private readMeetingDateTime(line: number, value: string): void {
    const match = MEETING_DATE_TIME.exec(value);
    const moment = (time: string | undefined): DateTime | undefined =>
      match && time !== undefined
        ? DateTime.fromFormat(`${match[1]} ${time}`, 'd MMMM yyyy HHmm', {
            zone: this.timeZone,
            locale: 'en-GB',
          })
        : undefined;
    const start = moment(match?.[2]);
    const end = moment(match?.[3]);
    if (!start?.isValid || (end !== undefined && !end.isValid)) {
      return this.fail(
        line,
        `Meeting date and time "${value}" must read like 23 February 2022 1000-1200.`,
      );
    }
    if (end && end <= start) return this.fail(line, 'The meeting must end after it starts.');
    this.header.meetingDateTime = value;
    this.header.start = start.toUTC().toISO() ?? undefined;
    if (end) this.header.end = end.toUTC().toISO() ?? undefined;
  }

  private readActionRow(line: number, raw: readonly string[], offset: number): void {
    const cell = (column: number): string => raw[offset + column] ?? '';
    this.refuseExtraCells(line, raw, offset + ACTION_COLUMNS.length);
    const area = cell(0).trim();
    if (area !== '') this.area = area;
    if (this.area === '') {
      this.fail(
        line,
        'This action comes before any area: the first row of a table names its area.',
      );
    }
    const refText = cell(1).trim();
    const ref = parseActionRef(refText);
    if (refText === '') this.fail(line, 'Action ref is missing.');
    else if (!ref) this.fail(line, `"${refText}" is not an action ref like CCAG03-01.`);
    const printed = ref ? formatActionRef(ref) : undefined;
    if (printed !== undefined) {
      const earlier = this.refLines.get(printed);
      if (earlier !== undefined) this.fail(line, `${printed} is also on line ${earlier}.`);
      else this.refLines.set(printed, line);
    }
    const result = validateActionDraft({
      // A missing area is reported above, once; a stand-in keeps the form from repeating it.
      area: this.area || '?',
      text: cell(2),
      owner: cell(3),
      due: cell(4),
      update: cell(5).trim().replace(UPDATE_PREFIX, ''),
    });
    if (!result.ok) {
      for (const reason of Object.values(result.errors)) this.fail(line, reason ?? '');
      return;
    }
    if (printed !== undefined && this.area !== '') {
      this.actions.push({ line, ref: printed, draft: result.value });
    }
  }

  private readDiscussionRow(line: number, raw: readonly string[], offset: number): void {
    this.refuseExtraCells(line, raw, offset + DISCUSSION_COLUMNS.length);
    const area = (raw[offset] ?? '').trim();
    const blocks = blocksOf(raw[offset + 1] ?? '');
    const previous = this.discussion[this.discussion.length - 1];
    if (area === '') {
      // The seed continues an item on a line of its own with the area left blank.
      if (previous) previous.blocks = joinBlocks(previous.blocks, blocks);
      else this.fail(line, 'This discussion comes before any area: the first row names its area.');
      return;
    }
    this.discussion.push({ line, area, blocks });
  }

  private refuseExtraCells(line: number, raw: readonly string[], columns: number): void {
    raw.forEach((cell, index) => {
      if (index >= columns && cell.trim() !== '') {
        this.fail(
          line,
          `Column ${index + 1} holds "${cell.trim()}" but the table has no column there.`,
        );
      }
    });
  }

  private finishDiscussion(): ImportedDiscussionRow[] {
    const rows: ImportedDiscussionRow[] = [];
    if (
      this.discussion.length > 0 &&
      !this.header.meetingCode &&
      this.meetingsOfRefs().size !== 1
    ) {
      this.fail(
        this.discussion[0]?.line ?? 1,
        'Discussion items need the meeting they belong to: add the "Meeting Number" header line.',
      );
    }
    for (const item of this.discussion) {
      const area = this.check(item.line, () => checkText(item.area, TEXT_RULES.area));
      const text = this.check(item.line, () =>
        checkText(textOfBlocks(item.blocks), TEXT_RULES.discussion),
      );
      if (area !== undefined && text !== undefined) rows.push({ line: item.line, area, text });
    }
    return rows;
  }

  private meetingsOfRefs(): Set<string> {
    return new Set(this.actions.map((row) => row.ref.replace(/-\d+$/, '')));
  }

  // One file is one group's log: a ref of another group is a typo, not a second group.
  private checkRefGroups(): void {
    const reportGroup = parseMeetingCode(this.header.meetingCode ?? '')?.groupCode;
    const groupCode = reportGroup ?? parseActionRef(this.actions[0]?.ref ?? '')?.groupCode;
    for (const row of this.actions) {
      const ref = parseActionRef(row.ref);
      if (ref && ref.groupCode !== groupCode) {
        this.fail(
          row.line,
          `${row.ref} is not a ${groupCode ?? ''} action; one file holds one group.`,
        );
      }
    }
  }
}

function headerLabel(cell: string): HeaderLabel | undefined {
  const label = cell.replace(/:$/, '').trim().toLowerCase();
  return Object.hasOwn(HEADER_LABELS, label) ? HEADER_LABELS[label] : undefined;
}

function tableHeading(cells: readonly string[]): Table | undefined {
  const lower = cells.map((cell) => cell.toLowerCase());
  const offset = lower.indexOf('area');
  if (offset < 0 || lower.slice(0, offset).some((cell) => cell !== '')) return undefined;
  const named = lower.slice(offset).join('\t').replace(/\t+$/, '');
  if (named === ACTION_COLUMNS.join('\t')) return { kind: 'actions', offset };
  if (named === DISCUSSION_COLUMNS.join('\t')) return { kind: 'discussion', offset };
  return undefined;
}

function reportMeetingCode(
  report: ImportedReport,
): { groupCode: string; meetingNumber: number } | undefined {
  const named = parseMeetingCode(report.header.meetingCode ?? '');
  if (named) return named;
  const refs = report.actions.map((row) => parseActionRef(row.ref));
  const numbers = new Set(refs.map((ref) => ref?.meetingNumber));
  const first = refs[0];
  // An action log without a header is about the one meeting its refs name, when they name one.
  return first && numbers.size === 1
    ? { groupCode: first.groupCode, meetingNumber: first.meetingNumber }
    : undefined;
}

/** A discussion cell as blocks: the seed's stray HTML read as paragraphs and bullets. */
function blocksOf(cell: string): DiscussionBlock[] {
  const text = normaliseLineEndings(cell).trim();
  if (!new RegExp(MARKUP.source, 'i').test(text)) return discussionBlocks(decodeEntities(text));
  const blocks: DiscussionBlock[] = [];
  let buffer = '';
  let items: string[] | undefined;
  const flushText = (): void => {
    const piece = decodeEntities(buffer).replace(/\s+/g, ' ').trim();
    buffer = '';
    if (piece === '') return;
    if (items) items.push(piece);
    else blocks.push({ kind: 'paragraph', text: piece });
  };
  const closeList = (): void => {
    flushText();
    if (items && items.length > 0) blocks.push({ kind: 'bulletList', items });
    items = undefined;
  };
  let last = 0;
  for (const match of text.matchAll(MARKUP)) {
    buffer += text.slice(last, match.index);
    last = match.index + match[0].length;
    const tag = match[0].toLowerCase();
    if (tag.startsWith('<ul')) {
      closeList();
      items = [];
    } else if (tag.startsWith('</ul') || tag.startsWith('<p')) {
      closeList();
    } else if (tag === '•' || tag.startsWith('<li')) {
      flushText();
      items ??= [];
    } else {
      flushText();
    }
  }
  buffer += text.slice(last);
  closeList();
  return blocks;
}

function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity);
}

// A list that goes on after a line break is one list, as the reader saw it.
function joinBlocks(before: DiscussionBlock[], after: DiscussionBlock[]): DiscussionBlock[] {
  const last = before[before.length - 1];
  const [next, ...rest] = after;
  if (last?.kind === 'bulletList' && next?.kind === 'bulletList') {
    return [
      ...before.slice(0, -1),
      { kind: 'bulletList', items: [...last.items, ...next.items] },
      ...rest,
    ];
  }
  return [...before, ...after];
}

/** The stored form {@link discussionBlocks} reads back: blank lines between blocks, `- ` bullets. */
function textOfBlocks(blocks: readonly DiscussionBlock[]): string {
  return blocks
    .map((block) =>
      block.kind === 'paragraph' ? block.text : block.items.map((item) => `- ${item}`).join('\n'),
    )
    .join('\n\n');
}
