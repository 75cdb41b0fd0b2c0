import { compareActionRefs } from '../action-ref';
import type { HeadlineReportRow } from './report-row';

/** One action a re-issue reports on, with what happened to it: `done`, `due date, update`. */
export interface ReportChange {
  readonly ref: string;
  /** `''` for an added action; e.g. `done`, `cancelled`, `no longer carried forward`, `owner`. */
  readonly detail: string;
}

/**
 * What a re-issued report changed since the version before it: the actions added, closed (done,
 * cancelled, or gone from the actions carried forward because they were closed) and changed (any
 * printed cell but the ref). Each list is in ref order.
 */
export interface HeadlineReportChanges {
  /** The version compared against: the latest issued before this one. */
  readonly sinceVersion: number;
  readonly added: readonly ReportChange[];
  readonly closed: readonly ReportChange[];
  readonly changed: readonly ReportChange[];
}

/** The rows of one version of a report, each with the area it is printed under. */
export interface AreaRow {
  readonly area: string;
  readonly row: HeadlineReportRow;
}

const COLUMNS: readonly (readonly [keyof HeadlineReportRow | 'area', string])[] = [
  ['area', 'area'],
  ['action', 'action'],
  ['owner', 'owner'],
  ['due', 'due date'],
  ['update', 'update'],
];

/**
 * Compares two versions' rows by ref. A row of the earlier version that is missing now was
 * carried forward and has been closed since (a meeting's own actions never leave its report).
 */
export function compareReportRows(
  sinceVersion: number,
  before: readonly AreaRow[],
  now: readonly AreaRow[],
): HeadlineReportChanges {
  const earlier = new Map(before.map((entry) => [entry.row.ref, entry]));
  const current = new Set(now.map((entry) => entry.row.ref));
  const added: ReportChange[] = [];
  const closed: ReportChange[] = [];
  const changed: ReportChange[] = [];
  for (const entry of now) {
    const previous = earlier.get(entry.row.ref);
    const state = entry.row.state ?? 'open';
    if (!previous) {
      added.push({ ref: entry.row.ref, detail: state === 'open' ? '' : state });
    } else if (state !== 'open' && (previous.row.state ?? 'open') === 'open') {
      closed.push({ ref: entry.row.ref, detail: state });
    } else {
      const columns = COLUMNS.filter(([key]) => cellOf(previous, key) !== cellOf(entry, key));
      if (columns.length > 0) {
        changed.push({ ref: entry.row.ref, detail: columns.map(([, name]) => name).join(', ') });
      }
    }
  }
  for (const entry of before) {
    if (!current.has(entry.row.ref)) {
      closed.push({ ref: entry.row.ref, detail: 'no longer carried forward' });
    }
  }
  const byRef = (changes: ReportChange[]) =>
    changes.sort((a, b) => compareActionRefs(a.ref, b.ref));
  return { sinceVersion, added: byRef(added), closed: byRef(closed), changed: byRef(changed) };
}

/**
 * The changes as the report prints them, one line per kind, e.g. `Added: CCAG03-19, CCAG03-20`,
 * `Closed: CCAG03-02 (done)`, `Changed: CCAG03-03 (due date, update)`; one line saying so when
 * nothing changed.
 */
export function changeLines(changes: HeadlineReportChanges): string[] {
  const list = (changes: readonly ReportChange[]) =>
    changes
      .map((change) => (change.detail ? `${change.ref} (${change.detail})` : change.ref))
      .join(', ');
  const lines: string[] = [];
  if (changes.added.length > 0) lines.push(`Added: ${list(changes.added)}`);
  if (changes.closed.length > 0) lines.push(`Closed: ${list(changes.closed)}`);
  if (changes.changed.length > 0) lines.push(`Changed: ${list(changes.changed)}`);
  return lines.length > 0 ? lines : ['No action was added, closed or changed.'];
}

/** `Changes since version 1`: the heading the change lines go under. */
export function changesHeading(changes: HeadlineReportChanges): string {
  return `Changes since version ${changes.sinceVersion}`;
}

function cellOf(entry: AreaRow, key: keyof HeadlineReportRow | 'area'): string {
  return key === 'area' ? entry.area : String(entry.row[key] ?? '');
}
