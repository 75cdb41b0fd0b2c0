import {
  CardFactory,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AdaptiveCard } from '../cards/adaptive-card';
import { buildErrorCard } from '../cards/error-card';
import type { Logger } from '../host/logger';

/** A message carrying one Adaptive Card. */
export function cardMessage(card: AdaptiveCard): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}

/** The answer to an `Action.Execute`: the card that replaces the clicked one for the clicker. */
export function invokeCard(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.card.adaptive',
    value: card as unknown as Record<string, unknown>,
  };
}

/** A refused or failed request, answered as a card (never a stack trace or raw markup). */
export function errorMessage(message: string, title?: string): Partial<Activity> {
  return cardMessage(buildErrorCard({ message, ...(title ? { title } : {}) }));
}

/**
 * Replaces the card message that was clicked for everyone in the conversation (the invoke answer
 * replaces it only for the person who clicked). A failure here is logged, not thrown: the change
 * is saved and the clicker sees it; others see it at their next refresh.
 */
export async function replaceCardForEveryone(
  context: TurnContext,
  card: AdaptiveCard,
  log: Logger,
): Promise<void> {
  const messageId = context.activity.replyToId;
  // Cards sent through a message extension arrive with replyToId "-1": nothing to update.
  if (!messageId || messageId === '-1') return;
  try {
    await context.updateActivity({
      ...cardMessage(card),
      id: messageId,
      conversation: context.activity.conversation,
    });
  } catch (error) {
    log.warn({ err: error, messageId }, 'could not update the card for everyone');
  }
}
