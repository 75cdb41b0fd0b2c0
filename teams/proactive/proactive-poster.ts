import type { Activity, ConversationReference } from 'botbuilder';
import { TurnContext } from '../botbuilder-parts';
import type { ConversationStore } from '../../core/conversation';
import type { Log as Logger } from '../../core/log';
import type { OutboundSender } from './outbound-sender';
import { conversationIdOf } from '../roster';

/** What {@link ProactivePoster} needs. */
export interface ProactivePosterDependencies {
  readonly conversations: ConversationStore;
  readonly log: Logger;
  /** The bot's app id; absent in anonymous (local) mode, where '' is what the adapter expects. */
  readonly botAppId?: string;
  /**
   * Pause between messages to one conversation. Teams allows a bot 7 messages a second per
   * conversation; a long report is several cards.
   */
  readonly pacingMs?: number;
  /**
   * The app's one sender of proactive messages (rate limits per conversation and tenant shared
   * with reminders, Retry-After, backoff). Without it (handler tests on TestAdapter) the messages
   * go through the turn's adapter, paced by `pacingMs`.
   */
  readonly sender?: Pick<OutboundSender, 'send'>;
}

const DEFAULT_PACING_MS = 150;

/**
 * Posts messages to a conversation other than (or the same as) the one a turn is in, from the
 * conversation reference stored when the bot last heard from it. A channel gets a new thread.
 */
export class ProactivePoster {
  constructor(private readonly deps: ProactivePosterDependencies) {}

  /**
   * Posts the activities in order to `conversationId`. Without a stored reference for it, the
   * turn's own reference is used with the conversation replaced (same tenant and service URL),
   * which is how Teams addresses a team's channel from a meeting chat of that team.
   */
  async post(
    context: TurnContext,
    conversationId: string,
    activities: readonly Partial<Activity>[],
  ): Promise<void> {
    const reference = await this.referenceFor(context, conversationId);
    const sender = this.deps.sender;
    if (sender) {
      for (const activity of activities) await sender.send({ conversationId, reference }, activity);
      this.deps.log.info({ conversationId, messages: activities.length }, 'posted proactively');
      return;
    }
    const pacingMs = this.deps.pacingMs ?? DEFAULT_PACING_MS;
    await context.adapter.continueConversationAsync(
      this.deps.botAppId ?? '',
      reference,
      async (proactive) => {
        for (const [index, activity] of activities.entries()) {
          if (index > 0 && pacingMs > 0) await pause(pacingMs);
          await proactive.sendActivity(activity);
        }
      },
    );
    this.deps.log.info({ conversationId, messages: activities.length }, 'posted proactively');
  }

  private async referenceFor(
    context: TurnContext,
    conversationId: string,
  ): Promise<Partial<ConversationReference>> {
    const stored = await this.deps.conversations.get(conversationId);
    const current = TurnContext.getConversationReference(context.activity);
    const base = (stored?.reference as Partial<ConversationReference> | undefined) ?? current;
    const elsewhere = !stored && conversationIdOf(context) !== conversationId;
    // No activity id: a post, not a reply to the message the reference was saved from; the id
    // without `;messageid=…`: a new thread in a channel.
    const { activityId: _replyTo, ...rest } = base;
    void _replyTo;
    return {
      ...rest,
      conversation: {
        ...(base.conversation ?? current.conversation),
        id: conversationId,
        ...(elsewhere ? { conversationType: 'channel', isGroup: true } : {}),
      },
    } as Partial<ConversationReference>;
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
