/**
 * Cells the app writes to CSV or TSV files are opened in spreadsheets, which run a cell that
 * starts with `=`, `+`, `-` or `@` (and, in some, a tab or carriage return) as a formula: a name
 * typed as `=HYPERLINK(…)` would become a live link in the chair's Excel. Such a cell is written
 * with a leading `'`, which spreadsheets show as text and hide. The app's own importers take the
 * quote off again, so a file exported and imported back says exactly what was stored.
 *
 * A cell that already starts with quotes before such a character gets one more, so that
 * {@link restoreSpreadsheetCell} of {@link neutraliseSpreadsheetCell} is always the original text.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** The cell as written to a file: a leading `'` when a spreadsheet would read it as a formula. */
export function neutraliseSpreadsheetCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The cell as it was before {@link neutraliseSpreadsheetCell}. */
export function restoreSpreadsheetCell(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}
