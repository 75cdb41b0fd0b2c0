import { parseActionRef } from './action-ref';

/**
 * Plain-text shortcuts that name an action: `CCAG03-04 done`, `CCAG03-04 update <text>`,
 * `CCAG03-04 due 30/03/22`. Anything after the date (and its bracketed note) is the reason.
 */
export type Shortcut =
  | { readonly ref: string; readonly kind: 'done' }
  | { readonly ref: string; readonly kind: 'reopen' }
  | { readonly ref: string; readonly kind: 'update'; readonly text: string }
  | { readonly ref: string; readonly kind: 'due'; readonly due: string; readonly reason: string }
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
    default: {
      // A note in brackets belongs to the date (`16/03/22 (to include in meeting papers)`).
      const due = /^(\S+(?:\s*\([^)]*\))?)\s*([\s\S]*)$/.exec(rest.trim());
      return { ref, kind: 'due', due: due?.[1] ?? '', reason: (due?.[2] ?? '').trim() };
    }
  }
}
