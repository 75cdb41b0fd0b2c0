import { adaptiveCard, heading, textBlock, type AdaptiveCard } from './adaptive-card';

/** The one introduction the bot posts when it is added to a conversation. */
export function buildWelcomeCard(): AdaptiveCard {
  return adaptiveCard([
    heading('Hello, I keep the actions of your meetings'),
    textBlock(
      'During a meeting, type "add" to record an action: it gets a reference like CCAG03-01, ' +
        'its owners get reminders, and the chair issues the headline report when the meeting ends.',
    ),
    textBlock('Type "help" to see everything I can do.', { isSubtle: true }),
  ]);
}
