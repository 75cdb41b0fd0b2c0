import type { Activity, AdaptiveCardInvokeResponse } from 'botbuilder';
import { CardFactory } from './botbuilder-parts';
import type { AdaptiveCard } from '../cards/adaptive-card';

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
