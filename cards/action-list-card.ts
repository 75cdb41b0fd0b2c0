import { compareActionsByRef, isActionOverdue, type Action } from '../core/action';
import { formatDueDate } from '../core/due-date';
import { formatOwners } from '../core/owner';
import {
  adaptiveCard,
  executeAction,
  textBlock,
  type ActionExecute,
  type AdaptiveCard,
  type CardElement,
  type TextRun,
} from './adaptive-card';
import { CARD_VERBS } from './card-verbs';
import { richTextBlock, userText, userTextRun } from './user-text';

/** Options for {@link buildActionListCard}. */
export interface ActionListCardOptions {
  /** E.g. "Open actions of CCAG". Shown as user text: it may hold a meeting's title. */
  readonly title: string;
  /** The actions to list, in any order. */
  readonly actions: readonly Action[];
  /** For the overdue flag. */
  readonly now: Date;
  /** The group's zone, in which due dates are meant; defaults to Europe/London. */
  readonly timeZone?: string;
  /** From 1; clamped to the pages there are. */
  readonly page?: number;
  /** Actions per card; defaults to {@link DEFAULT_LIST_PAGE_SIZE}, at most {@link MAX_LIST_PAGE_SIZE}. */
  readonly pageSize?: number;
  /** The list command that made the list (`list`, `open`, `mine`, `overdue`); paging sends it back. */
  readonly filter: string;
  /** What to say when there is nothing to list, e.g. "No open actions." */
  readonly emptyText: string;
  /** The meeting a `list <meeting code>` named; paging sends it back. */
  readonly meetingNumber?: number;
}

export const DEFAULT_LIST_PAGE_SIZE = 25;
// With the shortest cut, 25 rows of any text fit MAX_LIST_CARD_BYTES; more might not.
export const MAX_LIST_PAGE_SIZE = 25;
/**
 * The most a list card may weigh as UTF-8 JSON. Teams refuses a message over about 28 KB, and the
 * activity around the card takes some of that.
 */
export const MAX_LIST_CARD_BYTES = 24 * 1024;
export const NEXT_PAGE_BUTTON = 'Next page';
export const PREVIOUS_PAGE_BUTTON = 'Previous page';

/** How much of each long text a row shows, tried in turn until the card fits. */
interface RowLimits {
  readonly text: number;
  readonly owners: number;
  readonly area: number;
  readonly due: number;
}
const ROW_LIMITS: readonly RowLimits[] = [
  { text: 200, owners: 120, area: 120, due: 60 },
  { text: 100, owners: 60, area: 60, due: 30 },
  { text: 40, owners: 30, area: 30, due: 20 },
];

/**
 * A compact list of actions: grouped by area (the area written once per group, groups in the
 * order of their first ref, refs in order within), one row per action with its ref, text, owners
 * and due date, overdue ones flagged. Long lists are paged with **Previous page** / **Next
 * page** (verb `listPage`, data `{ filter, page }`).
 *
 * Long texts are cut with an ellipsis (about 200 characters; `show <ref>` gives the whole action).
 * A page of unusually long or non-Latin text is cut shorter still, so that every card stays
 * under {@link MAX_LIST_CARD_BYTES} whatever was typed.
 */
export function buildActionListCard(options: ActionListCardOptions): AdaptiveCard {
  const pageSize = clamp(
    Math.floor(options.pageSize ?? DEFAULT_LIST_PAGE_SIZE),
    1,
    MAX_LIST_PAGE_SIZE,
  );
  const ordered = groupedByArea(options.actions);
  const pageCount = Math.max(1, Math.ceil(ordered.length / pageSize));
  const page = clamp(Math.floor(options.page ?? 1) || 1, 1, pageCount);
  const onPage = ordered.slice((page - 1) * pageSize, page * pageSize);
  const title = userText(options.title, { size: 'medium', weight: 'bolder' });
  if (onPage.length === 0) return adaptiveCard([title, userText(options.emptyText)]);

  const footer: CardElement[] =
    pageCount > 1
      ? [textBlock(`Page ${page} of ${pageCount} · ${ordered.length} actions`, { isSubtle: true })]
      : [];
  const paging = pagingButtons(
    {
      filter: options.filter,
      ...(options.meetingNumber ? { meetingNumber: options.meetingNumber } : {}),
    },
    page,
    pageCount,
  );
  let card = adaptiveCard([]);
  for (const limits of ROW_LIMITS) {
    card = adaptiveCard([title, ...rows(onPage, limits, options), ...footer], paging);
    if (cardBytes(card) <= MAX_LIST_CARD_BYTES) break;
  }
  return card;
}

/** The size Teams counts: the card as UTF-8 JSON. */
export function cardBytes(card: unknown): number {
  return new TextEncoder().encode(JSON.stringify(card)).length;
}

function groupedByArea(actions: readonly Action[]): Action[] {
  const groups = new Map<string, Action[]>();
  for (const action of [...actions].sort(compareActionsByRef)) {
    const group = groups.get(action.area);
    if (group) group.push(action);
    else groups.set(action.area, [action]);
  }
  return [...groups.values()].flat();
}

function rows(
  actions: readonly Action[],
  limits: RowLimits,
  options: ActionListCardOptions,
): CardElement[] {
  const elements: CardElement[] = [];
  let area: string | undefined;
  for (const action of actions) {
    if (action.area !== area) {
      area = action.area;
      elements.push(userText(truncate(area, limits.area), { weight: 'bolder', separator: true }));
    }
    elements.push(row(action, limits, options));
  }
  return elements;
}

function row(action: Action, limits: RowLimits, options: ActionListCardOptions): CardElement {
  const details = [truncate(formatOwners(action.owners), limits.owners)];
  const due = formatDueDate(action.due);
  if (due) details.push(`Due ${truncate(due, limits.due)}`);
  const inlines: TextRun[] = [
    { type: 'TextRun', text: action.ref, weight: 'bolder' },
    userTextRun(`  ${truncate(action.text, limits.text)}\n`),
    userTextRun(details.join(' · '), { isSubtle: true, size: 'small' }),
  ];
  const flag = stateFlag(action, options);
  if (flag) inlines.push(flag);
  return richTextBlock(inlines, { spacing: 'small' });
}

function stateFlag(action: Action, options: ActionListCardOptions): TextRun | undefined {
  if (isActionOverdue(action, options.now, options.timeZone)) {
    return {
      type: 'TextRun',
      text: ' · Overdue',
      size: 'small',
      weight: 'bolder',
      color: 'attention',
    };
  }
  if (action.state === 'done')
    return { type: 'TextRun', text: ' · Done', size: 'small', color: 'good' };
  if (action.state === 'cancelled') {
    return { type: 'TextRun', text: ' · Cancelled', size: 'small', isSubtle: true };
  }
  return undefined;
}

function pagingButtons(
  list: { readonly filter: string; readonly meetingNumber?: number },
  page: number,
  pageCount: number,
): ActionExecute[] {
  const button = (title: string, to: number): ActionExecute =>
    executeAction(title, CARD_VERBS.listPage, { ...list, page: to }, { associatedInputs: 'none' });
  return [
    ...(page > 1 ? [button(PREVIOUS_PAGE_BUTTON, page - 1)] : []),
    ...(page < pageCount ? [button(NEXT_PAGE_BUTTON, page + 1)] : []),
  ];
}

/** `text` cut to `max` characters with an ellipsis; by code points, so an emoji is never split. */
export function truncate(text: string, max: number): string {
  const characters = Array.from(text);
  if (characters.length <= max) return text;
  return `${characters
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
