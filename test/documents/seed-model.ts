import { buildHeadlineReport, type HeadlineReport } from '../../core/reports/headline-report';
import {
  importedReportToDomain,
  parseReportImport,
  type ImportedDomain,
} from '../../documents/import/report-import';
import { SEED_TEXT } from '../fixtures/seed-report';

export const IMPORTER = { id: 'cli', name: 'Administrator (command line)' };
export const IMPORTED_AT = new Date('2022-02-24T09:00:00Z');

/** The seed imported: its group, meeting, 18 actions and 5 discussion items. */
export function seedDomain(): ImportedDomain {
  const parsed = parseReportImport(SEED_TEXT);
  if (!parsed.ok) throw new Error(`The seed did not import: ${JSON.stringify(parsed.errors)}`);
  return importedReportToDomain(parsed.report, IMPORTER, IMPORTED_AT);
}

/** The seed's headline report, built from the imported domain values as the bot would. */
export function seedReport(): HeadlineReport {
  const domain = seedDomain();
  const [meeting] = domain.meetings;
  if (!meeting || !domain.issueDate) throw new Error('The seed names its meeting and issue date.');
  return buildHeadlineReport({
    group: domain.group,
    meeting,
    actions: domain.actions,
    discussionItems: domain.discussionItems,
    issueDate: domain.issueDate,
  });
}

/**
 * The seed's cell text with white space and its stray markup (`<p>`, `</p>`, `<ul …>`, `</ul>`,
 * `•`) normalised away, so two renderings of the same words compare equal.
 */
export function normaliseCell(cell: string): string {
  return cell
    .replace(/<\/?p>|<ul[^>]*>|<\/ul>|•/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The rows of a tab-separated report, blank lines dropped, cells normalised, and a discussion
 * line that starts with two empty cells (the seed continues an item that way) joined to the item
 * above.
 */
export function logicalRows(text: string): string[][] {
  const rows: string[][] = [];
  let inDiscussion = false;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const cells = line.split('\t').map(normaliseCell);
    if (cells[1] === 'Area' && cells[2] === 'Discussion') inDiscussion = true;
    const previous = rows[rows.length - 1];
    if (inDiscussion && cells[0] === '' && cells[1] === '' && previous) {
      const last = previous.length - 1;
      previous[last] = normaliseCell(`${previous[last] ?? ''} ${cells.slice(2).join(' ')}`);
      continue;
    }
    rows.push(cells);
  }
  return rows;
}
