import { ValidationError } from './errors';

/**
 * The longest text each input accepts, in UTF-16 code units (what `String.length` counts).
 *
 * Azure Table Storage holds at most 32K UTF-16 characters (64 KiB) in one string property and
 * 1 MiB in a whole entity. The limits below leave room for the other properties of the same
 * entity and for JSON escaping, so text a user may type always fits one property and the store
 * never has to split or truncate it. A discussion item is the one long text; it gets its own row.
 */
export const TEXT_LIMITS = {
  area: 200,
  actionText: 4000,
  owner: 1000,
  dueNote: 200,
  update: 4000,
  reason: 1000,
  discussion: 30000,
  groupName: 200,
  meetingTitle: 200,
  venue: 200,
  classification: 50,
  personName: 200,
  personId: 200,
} as const;

/** How one input is checked. `field` is the input's id, carried on the ValidationError. */
export interface TextRule {
  readonly field: string;
  /** The input's name as the user sees it, used in messages ("Action is required"). */
  readonly label: string;
  readonly maxLength: number;
  readonly required: boolean;
  /** Single-line text (areas, owners) refuses line breaks and tabs: they would break a report row. */
  readonly multiline: boolean;
}

// C0 and C1 control characters; \t and \n are allowed back in multi-line text below.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// A lone surrogate is not a character: JSON and Table Storage would turn it into U+FFFD, so the
// text read back would differ from what was saved.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAK_OR_TAB = /[\n\t\u2028\u2029]/;

/** Turns Windows (CRLF) and old Mac (CR) line endings into `\n`, which cards and reports expect. */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Checks and tidies one piece of user text: line endings become `\n`, surrounding white space
 * is dropped, everything else is kept exactly as typed. Returns `''` for an empty optional input.
 *
 * @throws ValidationError carrying `rule.field` when the text is missing, too long, not text,
 *   or holds characters that cannot be shown or stored faithfully.
 */
export function checkText(value: unknown, rule: TextRule): string {
  if (value === undefined || value === null) value = '';
  if (typeof value !== 'string') {
    throw new ValidationError(`${rule.label} must be text.`, rule.field);
  }
  const text = normaliseLineEndings(value).trim();
  if (text === '') {
    if (rule.required) throw new ValidationError(`${rule.label} is required.`, rule.field);
    return '';
  }
  if (text.length > rule.maxLength) {
    throw new ValidationError(
      `${rule.label} is too long: ${text.length} characters, at most ${rule.maxLength} allowed.`,
      rule.field,
    );
  }
  if (CONTROL_CHARACTER.test(text) || LONE_SURROGATE.test(text)) {
    throw new ValidationError(
      `${rule.label} contains a character that cannot be shown (a control character).`,
      rule.field,
    );
  }
  if (!rule.multiline && LINE_BREAK_OR_TAB.test(text)) {
    throw new ValidationError(
      `${rule.label} must be a single line (no line breaks or tabs).`,
      rule.field,
    );
  }
  return text;
}

/** The rules for the texts of an action and a discussion item, keyed by form field id. */
export const TEXT_RULES = {
  area: {
    field: 'area',
    label: 'Area',
    maxLength: TEXT_LIMITS.area,
    required: true,
    multiline: false,
  },
  actionText: {
    field: 'text',
    label: 'Action',
    maxLength: TEXT_LIMITS.actionText,
    required: true,
    multiline: true,
  },
  owner: {
    field: 'owner',
    label: 'Owner',
    maxLength: TEXT_LIMITS.owner,
    required: true,
    multiline: false,
  },
  update: {
    field: 'update',
    label: 'Update',
    maxLength: TEXT_LIMITS.update,
    required: false,
    multiline: true,
  },
  reason: {
    field: 'reason',
    label: 'Reason',
    maxLength: TEXT_LIMITS.reason,
    required: false,
    multiline: true,
  },
  discussion: {
    field: 'text',
    label: 'Discussion',
    maxLength: TEXT_LIMITS.discussion,
    required: true,
    multiline: true,
  },
} as const satisfies Record<string, TextRule>;
