import { csvRows, type LineError, type SourceRow } from '../csv-rows';
import { neutraliseSpreadsheetCell, restoreSpreadsheetCell } from '../spreadsheet-cell';
import type { DirectoryEntry } from './directory';
import {
  DIRECTORY_FIELDS,
  personKey,
  readDirectoryEntry,
  type DirectoryEntryInput,
} from './directory-entry';

/**
 * The directory as a CSV file, for administrators: `name,organisation,email` and optionally
 * `aadObjectId` (the Teams user's Entra object id) and `guest` (yes/no). Read by
 * `people import`, written by `people export`; an exported file imports back unchanged.
 */

/** One person read from the file, with the line they are on. */
export interface DirectoryCsvPerson {
  readonly line: number;
  /**
   * What the file says of them. `guest` is present only when the file has a guest cell for them
   * (`false` included), so that an import can tell "no" from "not said".
   */
  readonly entry: DirectoryEntry;
}

export type DirectoryCsvResult =
  | { readonly ok: true; readonly people: readonly DirectoryCsvPerson[] }
  | { readonly ok: false; readonly errors: readonly LineError[] };

type Column = keyof typeof DIRECTORY_FIELDS;

/** The columns in the order `people export` writes them. */
export const DIRECTORY_CSV_COLUMNS: readonly Column[] = [
  'name',
  'organisation',
  'email',
  'aadObjectId',
  'guest',
];
const REQUIRED_COLUMNS: readonly Column[] = ['name', 'organisation', 'email'];

// Header cells are matched with case, spaces, dashes and underscores ignored.
const COLUMN_NAMES: Readonly<Record<string, Column>> = {
  name: 'name',
  organisation: 'organisation',
  organization: 'organisation',
  email: 'email',
  emailaddress: 'email',
  aadobjectid: 'aadObjectId',
  objectid: 'aadObjectId',
  entraobjectid: 'aadObjectId',
  guest: 'guest',
};

/**
 * Reads a directory CSV, checking every line. Any error anywhere refuses the whole file (the
 * result lists every error with its line), so an import writes all of it or nothing.
 */
export function parseDirectoryCsv(text: string): DirectoryCsvResult {
  const rows = csvRows(text);
  if (!Array.isArray(rows)) return { ok: false, errors: [rows] };
  const filled = rows.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  const [header, ...body] = filled;
  if (!header) return { ok: false, errors: [{ line: 1, reason: 'The file is empty.' }] };
  const columns = readHeader(header);
  if (!Array.isArray(columns)) return { ok: false, errors: [columns] };
  if (body.length === 0) {
    return { ok: false, errors: [{ line: header.line, reason: 'The file lists no one.' }] };
  }

  const errors: LineError[] = [];
  const people: DirectoryCsvPerson[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of body) {
    // Spreadsheets often save empty cells past the last column; only text there is an error.
    if (row.cells.slice(columns.length).some((cell) => cell.trim() !== '')) {
      errors.push({
        line: row.line,
        reason: `This line has ${row.cells.length} cells; the header names ${columns.length} columns.`,
      });
      continue;
    }
    const input: Record<string, string> = {};
    columns.forEach((column, index) => {
      input[column] = restoreSpreadsheetCell((row.cells[index] ?? '').trim());
    });
    const read = readDirectoryEntry(input as DirectoryEntryInput);
    if (!read.ok) {
      for (const reason of Object.values(read.errors)) errors.push({ line: row.line, reason });
      continue;
    }
    const key = personKey(read.value);
    const earlier = firstLineOf.get(key);
    if (earlier !== undefined) {
      errors.push({
        line: row.line,
        reason: `This is the same person as line ${earlier}${sameBy(read.value)}.`,
      });
      continue;
    }
    firstLineOf.set(key, row.line);
    const guestSaid = columns.includes('guest') && (input.guest ?? '') !== '';
    const entry = guestSaid ? { ...read.value, guest: read.value.guest === true } : read.value;
    people.push({ line: row.line, entry });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, people };
}

/**
 * The directory as CSV lines, the header first: cells quoted where CSV needs it and neutralised
 * against spreadsheet formulas. The first line starts with a byte order mark, so that Excel
 * reads accented names as UTF-8 (the importer skips it).
 */
export function directoryCsvLines(entries: readonly DirectoryEntry[]): string[] {
  const header = DIRECTORY_CSV_COLUMNS.map((column) => DIRECTORY_FIELDS[column]).join(',');
  const rows = entries.map((entry) =>
    DIRECTORY_CSV_COLUMNS.map((column) => csvCell(cellOf(entry, column))).join(','),
  );
  return [`\uFEFF${header}`, ...rows];
}

function cellOf(entry: DirectoryEntry, column: Column): string {
  if (column === 'guest') return entry.guest ? 'yes' : 'no';
  return entry[column] ?? '';
}

function csvCell(text: string): string {
  const cell = neutraliseSpreadsheetCell(text);
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function sameBy(entry: DirectoryEntry): string {
  return entry.email ? ` (e-mail ${entry.email})` : ' (name and organisation)';
}

function readHeader(header: SourceRow): Column[] | LineError {
  const columns: Column[] = [];
  const unknown: string[] = [];
  const cells = [...header.cells];
  while (cells.length > 0 && (cells[cells.length - 1] ?? '').trim() === '') cells.pop();
  for (const cell of cells) {
    const column =
      COLUMN_NAMES[
        cell
          .trim()
          .toLowerCase()
          .replace(/[\s_-]/g, '')
      ];
    if (column === undefined || columns.includes(column)) unknown.push(cell.trim());
    else columns.push(column);
  }
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length === 0 && unknown.length === 0) return columns;
  const problems = [
    ...(missing.length > 0 ? [`it lacks ${missing.join(', ')}`] : []),
    ...(unknown.length > 0
      ? [`it has unknown or repeated columns: ${unknown.map((c) => `"${c}"`).join(', ')}`]
      : []),
  ];
  return {
    line: header.line,
    reason:
      `The header must be name,organisation,email (optionally with aadObjectId and guest): ` +
      `${problems.join('; ')}.`,
  };
}
