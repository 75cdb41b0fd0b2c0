/**
 * Keeps a cell of a tab- or comma-separated file from running as a spreadsheet formula (CSV
 * injection, OWASP): a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return, even
 * after spaces, is written with a single quote in front, which spreadsheets read as "this is
 * text" and do not show. A name typed as `=HYPERLINK(…)` would otherwise become a live link in
 * the chair's Excel. The app's own importers take the quote off again.
 *
 * The quote is added to a cell that already starts with quotes before such a character as well,
 * so {@link restoreSpreadsheetCell} gives back exactly the text written: it takes one quote off a
 * cell that starts with quotes before such a character, and leaves every other cell alone (`'what'
 * and 'how'` stays as it is).
 */
const NEEDS_QUOTE = /^'*\s*[=+\-@\t\r]/;
const QUOTED = /^'(?='*\s*[=+\-@\t\r])/;

/** The cell as written to the file: `=SUM(A1)` → `'=SUM(A1)`; others unchanged. */
export function neutraliseSpreadsheetCell(text: string): string {
  return NEEDS_QUOTE.test(text) ? `'${text}` : text;
}

/** The cell as it was before {@link neutraliseSpreadsheetCell}: `'=SUM(A1)` → `=SUM(A1)`. */
export function restoreSpreadsheetCell(cell: string): string {
  return cell.replace(QUOTED, '');
}
