import { CsvError, parse as parseCsv } from 'csv-parse/sync';

/** One row of an imported file: its cells and the line (from 1) it starts on. */
export interface SourceRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** Why one line of an imported file was refused. */
export interface LineError {
  readonly line: number;
  readonly reason: string;
}

/**
 * Every record of a CSV text with the line it starts on, empty lines included (as one empty
 * cell), so that the messages of an importer name the lines an editor shows. A byte order mark
 * is skipped; rows may have any number of cells.
 */
export function csvRows(text: string): SourceRow[] | LineError {
  try {
    const records = parseCsv(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    // csv-parse counts the line a record ends on; a record starts after the one before it.
    let previousEnd = 0;
    return records.map(({ record, info }) => {
      const row = { line: previousEnd + 1, cells: record };
      previousEnd = info.lines;
      return row;
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : 1;
    return { line, reason: `This is not valid CSV: ${error.message}` };
  }
}
