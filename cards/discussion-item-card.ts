import { DateTime } from 'luxon';
import {
  discussionBlocks,
  discussionItemKey,
  type DiscussionHistoryEntry,
  type DiscussionItem,
} from '../core/discussion-item';
import { DEFAULT_TIME_ZONE } from '../core/time-zone';
import {
  adaptiveCard,
  executeAction,
  shownCard,
  showCardAction,
  textBlock,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './adaptive-card';
import { DISCUSSION_CARD_VERBS } from './card-verbs';
import { formInput, formMessage } from './form-input';
import { richTextBlock, userText, userTextRun } from './user-text';

/** The ids of the inputs of the item card's Edit and Delete forms. */
export const DISCUSSION_CARD_INPUTS = {
  editArea: 'editDiscussionArea',
  editText: 'editDiscussionText',
  deleteReason: 'deleteDiscussionReason',
} as const;

export const DISCUSSION_CARD_BUTTONS = {
  edit: 'Edit',
  delete: 'Delete…',
  saveEdit: 'Save changes',
  confirmDelete: 'Yes, delete this item',
} as const;

/** Options for {@link buildDiscussionItemCard}. */
export interface DiscussionItemCardOptions {
  /** What just happened, e.g. "Added by Ada Lovelace". */
  readonly notice?: string;
  /**
   * Whether the person looking may edit and delete the item (its author and the chairs: core
   * `mayChangeDiscussionItem`). Without it the card has no buttons.
   */
  readonly viewer?: { readonly canChange: boolean };
  /** Why the last Edit or Delete was refused; the input is kept in `values`. */
  readonly error?: string;
  /** Inputs to keep after a refusal, keyed by {@link DISCUSSION_CARD_INPUTS} ids. */
  readonly values?: Readonly<Record<string, string>>;
  /** The group's zone, for the dates of the history; defaults to Europe/London. */
  readonly timeZone?: string;
}

/**
 * A saved key discussion item: its area, then its paragraphs and bullet lists as the report lays
 * them out, all as the user typed them, and its last change. Its author and the chairs get
 * **Edit** (verb `editDiscussion`) and **Delete…** (verb `deleteDiscussion`), each sending
 * `{ meetingCode, order }`; a deleted item says so and has no buttons.
 */
export function buildDiscussionItemCard(
  item: DiscussionItem,
  options: DiscussionItemCardOptions = {},
): AdaptiveCard {
  const deleted = item.state === 'deleted';
  const body: CardElement[] = [
    textBlock(`Key discussion item · ${item.meetingCode}`, { isSubtle: true, size: 'small' }),
    userText(item.area, { weight: 'bolder', size: 'medium', spacing: 'none' }),
    ...(options.notice ? [userText(options.notice, { color: 'good', spacing: 'none' })] : []),
    ...formMessage(options.error),
    ...(deleted
      ? [
          textBlock('Deleted: not in the headline report.', {
            weight: 'bolder',
            color: 'attention',
          }),
        ]
      : []),
    ...discussionElements(item.text),
    ...lastChange(item, options.timeZone ?? DEFAULT_TIME_ZONE),
  ];
  const actions = options.viewer?.canChange && !deleted ? buttons(item, options) : [];
  return adaptiveCard(body, actions);
}

/** Discussion text as card elements: one block per paragraph, one per bullet. */
export function discussionElements(text: string): CardElement[] {
  return discussionBlocks(text).flatMap((block): CardElement[] =>
    block.kind === 'paragraph'
      ? [userText(block.text)]
      : block.items.map((bullet, index) =>
          richTextBlock([{ type: 'TextRun', text: '•\u00A0' }, userTextRun(bullet)], {
            spacing: index === 0 ? 'default' : 'none',
          }),
        ),
  );
}

function buttons(item: DiscussionItem, options: DiscussionItemCardOptions): CardAction[] {
  const values = options.values ?? {};
  const { meetingCode, order } = discussionItemKey(item);
  const key = { meetingCode, order };
  return [
    showCardAction(
      DISCUSSION_CARD_BUTTONS.edit,
      shownCard(
        [
          ...formInput({
            id: DISCUSSION_CARD_INPUTS.editArea,
            label: 'Area',
            value: values[DISCUSSION_CARD_INPUTS.editArea] ?? item.area,
            requiredMessage: 'Give the area.',
          }),
          ...formInput({
            id: DISCUSSION_CARD_INPUTS.editText,
            label: 'Discussion',
            value: values[DISCUSSION_CARD_INPUTS.editText] ?? item.text,
            multiline: true,
            requiredMessage: 'Write what was discussed.',
          }),
        ],
        [
          executeAction(
            DISCUSSION_CARD_BUTTONS.saveEdit,
            DISCUSSION_CARD_VERBS.editDiscussion,
            key,
            {
              associatedInputs: 'auto',
            },
          ),
        ],
      ),
    ),
    showCardAction(
      DISCUSSION_CARD_BUTTONS.delete,
      shownCard(
        [
          textBlock(
            'The item leaves the headline report. It is kept, with who deleted it and why.',
            { isSubtle: true, size: 'small' },
          ),
          ...formInput({
            id: DISCUSSION_CARD_INPUTS.deleteReason,
            label: 'Reason',
            value: values[DISCUSSION_CARD_INPUTS.deleteReason],
          }),
        ],
        [
          executeAction(
            DISCUSSION_CARD_BUTTONS.confirmDelete,
            DISCUSSION_CARD_VERBS.deleteDiscussion,
            key,
            { associatedInputs: 'auto', style: 'destructive' },
          ),
        ],
      ),
    ),
  ];
}

/** "Edited by Ada Lovelace on 24/02/22": the latest change, when there is one. */
function lastChange(item: DiscussionItem, timeZone: string): CardElement[] {
  const entry: DiscussionHistoryEntry | undefined = item.history?.at(-1);
  if (!entry) return [];
  const when = DateTime.fromISO(entry.at).setZone(timeZone).toFormat('dd/MM/yy');
  const what = entry.change.kind === 'deleted' ? 'Deleted' : 'Edited';
  const reason =
    entry.change.kind === 'deleted' && entry.change.reason ? `: ${entry.change.reason}` : '';
  const edits = (item.history ?? []).filter((change) => change.change.kind === 'edited').length;
  const times = entry.change.kind === 'edited' && edits > 1 ? ` (edited ${edits} times)` : '';
  return [
    richTextBlock(
      [
        { type: 'TextRun', text: `${what} by `, size: 'small', isSubtle: true },
        userTextRun(entry.by.name, { size: 'small', isSubtle: true }),
        { type: 'TextRun', text: ` on ${when}${times}`, size: 'small', isSubtle: true },
        ...(reason ? [userTextRun(reason, { size: 'small', isSubtle: true })] : []),
      ],
      { spacing: 'medium' },
    ),
  ];
}
