import type {
  ChannelDigest,
  ChannelDigestRenderer,
  ReminderItem,
} from '../../core/reminders/reminder-ports';
import { formatDueDate } from '../../core/due-date';
import {
  adaptiveCard,
  heading,
  textBlock,
  type AdaptiveCard,
  type CardElement,
  type Container,
} from '../adaptive-card';
import { labelledUserText, richTextBlock, userText, userTextRun } from '../user-text';
import { mentionOf, reminderStatus, statusStyle, whereFrom } from './reminder-card';
import { formatOwners } from '../../core/owner';

/**
 * The group's one reminder post of a sweep in its channel: the actions of owners the bot could not
 * reach in person (bodies such as `Code bodies`, people it knows no chat or address for), and
 * for the chairs the actions whose owners are reminded no more (overdue past the policy's
 * reminders), the chairs @mentioned. A compact list, no buttons (members answer with
 * `CCAG03-04 done` or `CCAG03-04 update …`), at most {@link MAX_DIGEST_ITEMS} actions.
 */
export const MAX_DIGEST_ITEMS = 25;
/** Action texts are cut to this many characters, to keep the message well under Teams' ~28 KB. */
const TEXT_LIMIT = 200;

export function buildChannelDigestCard(digest: ChannelDigest): AdaptiveCard {
  let room = MAX_DIGEST_ITEMS;
  const take = (items: readonly ReminderItem[]) => {
    const shown = items.slice(0, Math.max(0, room));
    room -= shown.length;
    return shown;
  };
  const body: CardElement[] = [
    heading('Reminders: actions due'),
    userText(digest.groupName, { isSubtle: true, spacing: 'none' }),
  ];
  let hidden = 0;
  if (digest.owners.length > 0) {
    body.push(textBlock('For owners the bot could not reach in person:', { spacing: 'medium' }));
  }
  for (const entry of digest.owners) {
    const shown = take(entry.items);
    hidden += entry.items.length - shown.length;
    if (shown.length === 0) continue;
    body.push(labelledUserText('For', entry.owner, { separator: true, spacing: 'medium' }));
    body.push(...shown.map((item) => itemContainer(item, digest.now, false)));
  }
  if (digest.forChairs.length > 0) {
    const mentions = digest.chairMentions.map(mentionOf);
    body.push(
      textBlock(
        `${mentions.map((mention) => mention.text).join(' ')}${mentions.length > 0 ? ': ' : ''}` +
          'for the chairs — overdue for a long time; the owners are reminded no more. ' +
          'Close, re-plan or chase them:',
        { separator: true, spacing: 'medium' },
      ),
    );
    const shown = take(digest.forChairs);
    hidden += digest.forChairs.length - shown.length;
    body.push(...shown.map((item) => itemContainer(item, digest.now, true)));
  }
  if (hidden > 0) {
    body.push(
      textBlock(`And ${hidden} more: type "overdue" to see every overdue action.`, {
        isSubtle: true,
      }),
    );
  }
  const example =
    digest.owners[0]?.items[0]?.action.ref ?? digest.forChairs[0]?.action.ref ?? 'CCAG03-01';
  body.push(
    textBlock(`Answer with e.g. "${example} done" or "${example} update …" to update an action.`, {
      isSubtle: true,
      spacing: 'medium',
    }),
  );
  const card = adaptiveCard(body, []);
  const entities = digest.forChairs.length > 0 ? digest.chairMentions.map(mentionOf) : [];
  return entities.length > 0 ? { ...card, msteams: { ...card.msteams, entities } } : card;
}

function itemContainer(item: ReminderItem, now: Date, withOwners: boolean): Container {
  const { action } = item;
  const text =
    action.text.length > TEXT_LIMIT ? `${action.text.slice(0, TEXT_LIMIT - 1)}…` : action.text;
  return {
    type: 'Container',
    spacing: 'small',
    items: [
      richTextBlock([
        { type: 'TextRun', text: action.ref, weight: 'bolder' },
        { type: 'TextRun', text: ` · ${reminderStatus(item, now)}`, ...statusStyle(item, now) },
        ...(action.due ? [userTextRun(` · due ${formatDueDate(action.due)}`)] : []),
      ]),
      userText(text, { spacing: 'none' }),
      ...(withOwners ? [labelledUserText('Owner', formatOwners(action.owners))] : []),
      userText(whereFrom(item), { isSubtle: true, spacing: 'none' }),
    ],
  };
}

/** The sweep's channel digests as cards. */
export const renderChannelDigest: ChannelDigestRenderer = (digest) => ({
  card: buildChannelDigestCard(digest),
});
