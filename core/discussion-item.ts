import { readArea } from './action-form';
import { findActionRefs, formatMeetingCode, parseMeetingCode, type ActionRef } from './action-ref';
import { PermissionDeniedError, ValidationError } from './errors';
import { FieldCollector, type FormResult } from './form-result';
import type { Actor } from './permissions';
import { checkPerson, isSamePerson, type Person } from './person';
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
  /** Absent while the item stands; `deleted` items are kept, with their history, off the report. */
  readonly state?: 'deleted';
  /** Every edit and the deletion, oldest first; absent until the first change. */
  readonly history?: readonly DiscussionHistoryEntry[];
}

/** What one change to a discussion item did; an edit keeps both versions so history reads alone. */
export type DiscussionChange =
  | {
      readonly kind: 'edited';
      readonly from: DiscussionDraft;
      readonly to: DiscussionDraft;
    }
  | { readonly kind: 'deleted'; readonly reason?: string };

/** Who changed a discussion item, when, and how. */
export interface DiscussionHistoryEntry {
  readonly at: string;
  readonly by: Person;
  readonly change: DiscussionChange;
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

/** The discussion form's input ids (`newArea` beside the meeting's areas, as on the action form). */
export const DISCUSSION_FORM_FIELDS = ['area', 'newArea', 'text'] as const;

export type DiscussionFormField = (typeof DISCUSSION_FORM_FIELDS)[number];

/** A piece of discussion text as a card or document lays it out. */
export type DiscussionBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'bulletList'; readonly items: readonly string[] };

const BULLET = /^\s*[-•]\s+/;

/**
 * Reads the discussion form (`{ area, newArea, text }`) into a draft, or every field's error at
 * once. A new area typed wins over the area chosen.
 */
export function validateDiscussionDraft(
  raw: Record<string, unknown>,
): FormResult<DiscussionDraft, DiscussionFormField> {
  const fields = new FieldCollector<DiscussionFormField>();
  const area = readArea(raw, fields);
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

/** True for an item the report shows: not deleted. */
export function isStandingDiscussionItem(item: Pick<DiscussionItem, 'state'>): boolean {
  return item.state !== 'deleted';
}

/** Which discussion item a card button is about: its meeting and its position there. */
export interface DiscussionItemKey {
  readonly groupCode: string;
  readonly meetingNumber: number;
  /** e.g. `CCAG003`. */
  readonly meetingCode: string;
  readonly order: number;
}

/** The data a discussion item card's buttons carry. */
export function discussionItemKey(item: DiscussionItem): DiscussionItemKey {
  return readDiscussionItemKey({ meetingCode: item.meetingCode, order: item.order });
}

/**
 * Reads `{ meetingCode, order }` from a card button (a card can be forged or stale).
 *
 * @throws ValidationError when either is missing or unusable.
 */
export function readDiscussionItemKey(data: Readonly<Record<string, unknown>>): DiscussionItemKey {
  const meeting =
    typeof data.meetingCode === 'string' ? parseMeetingCode(data.meetingCode) : undefined;
  const order = typeof data.order === 'string' ? Number(data.order) : data.order;
  if (!meeting || typeof order !== 'number' || !Number.isInteger(order) || order < 1) {
    throw new ValidationError(
      'This card does not say which discussion item it is about; nothing was changed.',
      'order',
    );
  }
  return {
    groupCode: meeting.groupCode,
    meetingNumber: meeting.meetingNumber,
    meetingCode: formatMeetingCode(meeting.groupCode, meeting.meetingNumber),
    order,
  };
}

/**
 * A store's check on a change it is asked to write: an item's place (meeting and order) is its
 * key, so a change may not move it.
 *
 * @throws ValidationError when `after` names another place than `before`.
 */
export function assertSamePlace(before: DiscussionItem, after: DiscussionItem): DiscussionItem {
  if (after.meetingCode !== before.meetingCode || after.order !== before.order) {
    throw new ValidationError('A discussion item cannot move to another place.', 'order');
  }
  return after;
}

/** True when the actor may edit or delete the item: its author, or a chair. */
export function mayChangeDiscussionItem(actor: Actor, item: DiscussionItem): boolean {
  return actor.isChair || isSamePerson(item.createdBy, actor.person);
}

/**
 * Replaces the item's area and text, keeping both versions in its history.
 *
 * @throws PermissionDeniedError unless the actor wrote the item or chairs the group.
 * @throws ValidationError when the item was deleted, the draft is invalid, or nothing changed.
 */
export function editDiscussionItem(
  item: DiscussionItem,
  draft: DiscussionDraft,
  actor: Actor,
  now: Date,
): DiscussionItem {
  assertMayChange(actor, item, 'edit');
  refuseIfDeleted(item, 'edited');
  const to = {
    area: checkText(draft.area, TEXT_RULES.area),
    text: checkText(draft.text, TEXT_RULES.discussion),
  };
  if (to.area === item.area && to.text === item.text) {
    throw new ValidationError('Nothing was changed.', 'text');
  }
  return withDiscussionHistory({ ...item, ...to }, actor.person, now, {
    kind: 'edited',
    from: { area: item.area, text: item.text },
    to,
  });
}

/**
 * Takes the item off the report. It is kept, marked deleted, with who deleted it, when and why.
 *
 * @throws PermissionDeniedError unless the actor wrote the item or chairs the group.
 * @throws ValidationError when it was deleted already.
 */
export function deleteDiscussionItem(
  item: DiscussionItem,
  actor: Actor,
  now: Date,
  reason?: string,
): DiscussionItem {
  assertMayChange(actor, item, 'delete');
  refuseIfDeleted(item, 'deleted');
  const why = checkText(reason, TEXT_RULES.reason);
  return withDiscussionHistory({ ...item, state: 'deleted' }, actor.person, now, {
    kind: 'deleted',
    ...(why ? { reason: why } : {}),
  });
}

function assertMayChange(actor: Actor, item: DiscussionItem, doing: 'edit' | 'delete'): void {
  if (mayChangeDiscussionItem(actor, item)) return;
  throw new PermissionDeniedError(
    `Only its author (${item.createdBy.name}) and the group's chairs may ${doing} this ` +
      'discussion item.',
  );
}

function refuseIfDeleted(item: DiscussionItem, doing: string): void {
  if (item.state === 'deleted') {
    throw new ValidationError(
      `This discussion item was deleted, so it cannot be ${doing}.`,
      'state',
    );
  }
}

function withDiscussionHistory(
  item: DiscussionItem,
  by: Person,
  now: Date,
  change: DiscussionChange,
): DiscussionItem {
  const entry = { at: toTimestamp(now), by: checkPerson(by), change };
  return { ...item, history: [...(item.history ?? []), entry] };
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
