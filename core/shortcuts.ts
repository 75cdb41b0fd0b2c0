import { parseActionRef } from './action-ref';
import {
  confirmDueDate,
  formatDueDate,
  isOverdue,
  parseDueDateWithReason,
  type DueDate,
  type DueDateWithReason,
} from './due-date';

/**
 * Plain-text shortcuts that name an action: `CCAG03-04 done`, `CCAG03-04 update <text>`,
 * `CCAG03-04 due 30/03/22`. The `due` text (the date, its bracketed note, the reason) is read
 * by {@link readDueShortcut}, which needs the group's calendar.
 */
export type Shortcut =
  | { readonly ref: string; readonly kind: 'done' }
  | { readonly ref: string; readonly kind: 'reopen' }
  | { readonly ref: string; readonly kind: 'update'; readonly text: string }
  | { readonly ref: string; readonly kind: 'due'; readonly text: string }
  | { readonly ref: string; readonly kind: 'show' };

const SHORTCUT = /^(\S+)(?:\s+(done|reopen|update|due|show)\b\s*([\s\S]*))?$/i;

/** Reads a shortcut, or undefined when the text does not start with an action ref. */
export function parseShortcut(text: string): Shortcut | undefined {
  const match = SHORTCUT.exec(text.trim());
  if (!match) return undefined;
  const [, refText = '', verb, rest = ''] = match;
  if (!parseActionRef(refText)) return undefined;
  const ref = refText.toUpperCase();
  switch (verb?.toLowerCase()) {
    case undefined:
    case 'show':
      return { ref, kind: 'show' };
    case 'done':
      return { ref, kind: 'done' };
    case 'reopen':
      return { ref, kind: 'reopen' };
    case 'update':
      return { ref, kind: 'update', text: rest.trim() };
    default:
      return { ref, kind: 'due', text: rest.trim() };
  }
}

/** The word right after a past due date that confirms it: `CCAG03-04 due 01/01/22 confirm`. */
export const CONFIRM_PAST_WORD = 'confirm';

const CONFIRM_PAST = new RegExp(`^${CONFIRM_PAST_WORD}(?:\\s+|$)`, 'i');

/** Options for {@link readDueShortcut}. */
export interface DueShortcutOptions {
  readonly now: Date;
  /** The group's zone: "next Tuesday" and "today" are the group's. */
  readonly timeZone?: string;
  /** The action's due date now: keeping its date asks nothing. */
  readonly current?: DueDate;
}

/**
 * Reads `CCAG03-04 due <date> [(note)] [confirm] [reason]` (`due next tuesday waiting for
 * Ofgem`). A date that has passed in the group's zone is refused, with the line to send to keep
 * it, unless `confirm` follows the date: a typo (`23/03/21` for `23/03/26`) is likelier than an
 * action due last year. For a date still to come, `confirm` is simply the reason's first word.
 *
 * @throws ValidationError (field `due`) for text that does not start with a date, or a past date
 *   not confirmed.
 */
export function readDueShortcut(
  shortcut: { readonly ref: string; readonly text: string },
  options: DueShortcutOptions,
): DueDateWithReason {
  const read = parseDueDateWithReason(shortcut.text, options);
  const { due } = read;
  if (!due || !isOverdue(due, options.now, options.timeZone)) return read;
  const confirmed = CONFIRM_PAST.test(read.reason);
  const reason = confirmed ? read.reason.replace(CONFIRM_PAST, '') : read.reason;
  const line = [shortcut.ref, 'due', formatDueDate(due), CONFIRM_PAST_WORD, reason]
    .filter((part) => part !== '')
    .join(' ');
  confirmDueDate(due, {
    now: options.now,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.current ? { current: options.current } : {}),
    confirmed,
    field: 'due',
    confirmBy: `send "${line}"`,
  });
  return { due, reason };
}
