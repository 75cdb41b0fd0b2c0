import { discussionBlocks, type DiscussionItem } from '../core/discussion-item';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card';
import { richTextBlock, userText, userTextRun } from './user-text';

/** Options for {@link buildDiscussionItemCard}. */
export interface DiscussionItemCardOptions {
  /** What just happened, e.g. "Added by Ada Lovelace". */
  readonly notice?: string;
}

/**
 * A saved key discussion item: its area, then its paragraphs and bullet lists as the report lays
 * them out, all as the user typed them.
 */
export function buildDiscussionItemCard(
  item: DiscussionItem,
  options: DiscussionItemCardOptions = {},
): AdaptiveCard {
  return adaptiveCard([
    textBlock(`Key discussion item · ${item.meetingCode}`, { isSubtle: true, size: 'small' }),
    userText(item.area, { weight: 'bolder', size: 'medium', spacing: 'none' }),
    ...(options.notice ? [userText(options.notice, { color: 'good', spacing: 'none' })] : []),
    ...discussionElements(item.text),
  ]);
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
