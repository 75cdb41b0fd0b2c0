import { adaptiveCard, type AdaptiveCard } from '../../cards/adaptive-card';
import { userText } from '../../cards/user-text';

/**
 * What a route answers. teams/ turns it into Teams' shapes: a card button's invoke response (the
 * card replaces the clicked one for the clicker), a message for a typed command, a dialog for the
 * message extension.
 */
export interface Answer {
  /** The card the person who asked sees. */
  readonly card: AdaptiveCard;
  /**
   * The card everyone else in the conversation sees in place of the clicked one. Teams shows the
   * invoke answer only to the clicker, so teams/ replaces the message for everyone — after the
   * answer has gone, so the clicker never waits for it.
   */
  readonly forEveryone?: AdaptiveCard;
  /** Plain text instead of a card (short confirmations of typed commands). */
  readonly text?: string;
  /** The route changed nothing: a refusal, invalid input, a read. Not recorded as an operation. */
  readonly unchanged?: boolean;
  /**
   * For a dialog (the message extension): the work is done, so the dialog closes and `card` is
   * posted in the conversation instead of shown in the dialog.
   */
  readonly closesDialog?: boolean;
  /**
   * Work to do once the answer has gone (e.g. matching owners to a roster read then, or building
   * everyone's card so the clicker does not wait for it). A card it returns is what everyone sees
   * instead of `forEveryone`, and the front door stamps it as it stamps `forEveryone`.
   */
  readonly afterAnswer?: () => Promise<AdaptiveCard | void>;
  /**
   * A card posted as a new message in the conversation once the answer has gone (after a card
   * button; e.g. the next action's form under the card whose Add another was clicked). Like
   * `forEveryone` it is left out when the answer is `unchanged`, so a repeated click posts none.
   */
  readonly post?: AdaptiveCard;
}

export function cardAnswer(card: AdaptiveCard, options: Omit<Answer, 'card'> = {}): Answer {
  return { card, ...options };
}

/** A plain-text answer (a message says it as text; a button gets a card with the same words). */
export function textAnswer(text: string, options: Omit<Answer, 'card' | 'text'> = {}): Answer {
  return { card: adaptiveCard([userText(text)]), text, ...options };
}
