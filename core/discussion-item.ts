import { findActionRefs, formatMeetingCode, parseMeetingCode, type ActionRef } from './action-ref';
import { ValidationError } from './errors';
import { FieldCollector, type FormResult } from './form-result';
import { checkPerson, type Person } from './person';
import { TEXT_RULES, checkText, normaliseLineEndings } from './text-rules';
import { toTimestamp } from './time-zone';

/** A key discussion item of a meeting: an area and what was discussed. */
export interface DiscussionItem {
  readonly meetingCode: string;
  readonly groupCode: string;
  readonly area: string;
  /** Paragraphs separated by blank lines, and bullet lists (lines starting `- ` or `• `). */
  readonly text: string;
  /** Position in the report, from 1. */
  readonly order: number;
  readonly createdBy: Person;
  readonly createdAt: string;
}

/** What a person supplies for a discussion item. */
export interface DiscussionDraft {
  readonly area: string;
  readonly text: string;
}

/** Where a new item goes: its meeting and its position there. */
export interface DiscussionPlacement {
  readonly meetingCode: string;
  readonly order: number;
}

/** The discussion form's input ids. */
export const DISCUSSION_FORM_FIELDS = ['area', 'text'] as const;

export type DiscussionFormField = (typeof DISCUSSION_FORM_FIELDS)[number];

/** A piece of discussion text as a card or document lays it out. */
export type DiscussionBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'bulletList'; readonly items: readonly string[] };

const BULLET = /^\s*[-•]\s+/;

/**
 * Reads the discussion form (`{ area, text }`) into a draft, or every field's error at once.
 */
export function validateDiscussionDraft(
  raw: Record<string, unknown>,
): FormResult<DiscussionDraft, DiscussionFormField> {
  const fields = new FieldCollector<DiscussionFormField>();
  const area = fields.check('area', () => checkText(raw.area, TEXT_RULES.area));
  const text = fields.check('text', () => checkText(raw.text, TEXT_RULES.discussion));
  return fields.result(() => ({ area: area ?? '', text: text ?? '' }));
}

/**
 * Makes a discussion item for a meeting.
 *
 * @throws ValidationError naming the invalid field.
 */
export function createDiscussionItem(
  draft: DiscussionDraft,
  placement: DiscussionPlacement,
  by: Person,
  now: Date,
): DiscussionItem {
  const meeting = parseMeetingCode(placement.meetingCode);
  if (!meeting) {
    throw new ValidationError(`"${placement.meetingCode}" is not a meeting code.`, 'meetingCode');
  }
  if (!Number.isInteger(placement.order) || placement.order < 1) {
    throw new ValidationError('A discussion item’s order must be a whole number from 1.', 'order');
  }
  return {
    meetingCode: formatMeetingCode(meeting.groupCode, meeting.meetingNumber),
    groupCode: meeting.groupCode,
    area: checkText(draft.area, TEXT_RULES.area),
    text: checkText(draft.text, TEXT_RULES.discussion),
    order: placement.order,
    createdBy: checkPerson(by),
    createdAt: toTimestamp(now),
  };
}

/** The group's actions the item cites, e.g. `(action CCAG03-12-15)` → CCAG03-12 … CCAG03-15. */
export function citedRefs(item: Pick<DiscussionItem, 'text' | 'groupCode'>): ActionRef[] {
  return findActionRefs(item.text, { groupCode: item.groupCode });
}

/**
 * Splits discussion text into paragraphs and bullet lists: blank lines end a paragraph, and
 * consecutive lines starting `- ` or `• ` form one list. Line breaks inside a paragraph are kept.
 */
export function discussionBlocks(text: string): DiscussionBlock[] {
  const blocks: DiscussionBlock[] = [];
  let paragraph: string[] = [];
  let bullets: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join('\n') });
    if (bullets.length > 0) blocks.push({ kind: 'bulletList', items: bullets });
    paragraph = [];
    bullets = [];
  };
  for (const line of normaliseLineEndings(text).split('\n')) {
    if (line.trim() === '') {
      flush();
    } else if (BULLET.test(line)) {
      if (paragraph.length > 0) flush();
      bullets.push(line.replace(BULLET, '').trimEnd());
    } else {
      if (bullets.length > 0) flush();
      paragraph.push(line.trimEnd());
    }
  }
  flush();
  return blocks;
}
